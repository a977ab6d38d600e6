import ThresholdPlatform

/// Report text on an open file descriptor — standard output, as `threshold check` and `threshold
/// audit` write it: held in a byte buffer and written in blocks of 64 KiB.
///
/// On an interactive stream (a terminal) ``flush()`` writes what is held at once, so that each
/// verdict shows as soon as it is evaluated; on a pipe or a file it waits for a full block, so that
/// an audit of many files makes one system call per block rather than one per verdict. Call
/// ``finish()`` at the end to write the rest.
package struct DescriptorOutput: FlushingOutputStream {
    private let descriptor: Int32
    private let interactive: Bool
    private let beforeWriting: (() -> Void)?
    private var buffer: [UInt8] = []
    private static let block = 1 << 16

    /// An output on `descriptor`; `interactive` writes at every flush; `beforeWriting` is called
    /// before each write (to clear a progress bar on the same terminal).
    package init(descriptor: Int32 = 1, interactive: Bool, beforeWriting: (() -> Void)? = nil) {
        self.descriptor = descriptor
        self.interactive = interactive
        self.beforeWriting = beforeWriting
        buffer.reserveCapacity(Self.block + 4096)
    }

    /// Appends `string`, writing a block when one is full.
    package mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= Self.block { writeOut() }
    }

    /// Appends bytes of UTF-8 text, writing a block when one is full: then what is held and
    /// `bytes` go out in one system call, without `bytes` being copied into the buffer first (a
    /// verdict's JSON line is some 37 KB).
    package mutating func write(utf8 bytes: [UInt8]) {
        guard buffer.count + bytes.count >= Self.block else {
            buffer.append(contentsOf: bytes)
            return
        }
        beforeWriting?()
        buffer.withUnsafeBufferPointer { held in
            bytes.withUnsafeBufferPointer { System.write(all: held, then: $0, to: descriptor) }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// The end of a piece (a verdict): written now on an interactive stream, else held until a
    /// block is full or ``finish()``.
    package mutating func flush() {
        if interactive { writeOut() }
    }

    /// Writes everything held.
    package mutating func finish() {
        writeOut()
    }

    private mutating func writeOut() {
        guard !buffer.isEmpty else { return }
        beforeWriting?()
        buffer.withUnsafeBufferPointer { System.write(all: $0, to: descriptor) }
        buffer.removeAll(keepingCapacity: true)
    }
}
