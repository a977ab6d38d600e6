import ThresholdPlatform

/// Report text on an open file descriptor — standard output, as `threshold check` and `threshold
/// audit` write it: held and written in blocks of 64 KiB.
///
/// On an interactive stream (a terminal) ``flush()`` writes what is held at once, so that each
/// verdict shows as soon as it is evaluated; on a pipe or a file it waits for a full block, so that
/// an audit of many files makes one system call per block rather than one per verdict. Call
/// ``finish()`` at the end to write the rest.
///
/// Text is copied into a buffer, but a long line of bytes (a verdict's JSON line with every pack
/// is some 37 KB) is held as the array it came in, and written from there: a block of such lines
/// goes out in one system call without a byte of it copied.
package struct DescriptorOutput: FlushingOutputStream {
    private let descriptor: Int32
    private let interactive: Bool
    private let beforeWriting: (() -> Void)?
    /// Lines held as they came, in order, all before `buffer`; `heldBytes` counts their bytes.
    private var held: [[UInt8]] = []
    private var heldBytes = 0
    /// Text held after the held lines.
    private var buffer: [UInt8] = []
    private static let block = 1 << 16
    /// The length from which a line is held as it is rather than copied into the buffer: at most
    /// four are held before a block is full.
    static let heldLength = 1 << 14

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
        if heldBytes + buffer.count >= Self.block { writeOut() }
    }

    /// Appends bytes of UTF-8 text, writing a block when one is full. A long line goes out from
    /// the array it came in (held until the block is full, or written with what is held when it
    /// fills it); a short one is copied into the buffer.
    package mutating func write(utf8 bytes: [UInt8]) {
        let total = heldBytes + buffer.count + bytes.count
        if bytes.count >= Self.heldLength && buffer.isEmpty {
            held.append(bytes)
            heldBytes += bytes.count
            if total >= Self.block { writeOut() }
        } else if total >= Self.block {
            writeOut(then: bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
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

    /// Writes the held lines, the buffer and then `line`, in one system call.
    private mutating func writeOut(then line: [UInt8]? = nil) {
        guard heldBytes + buffer.count + (line?.count ?? 0) > 0 else { return }
        beforeWriting?()
        Self.write(held, buffer, line, to: descriptor)
        held.removeAll(keepingCapacity: true)
        heldBytes = 0
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `lines`, `buffer` and `line`, each read in place (the bytes of each array are
    /// reached inside its own `withUnsafeBufferPointer`, one nested in the next).
    private static func write(_ lines: [[UInt8]], _ buffer: [UInt8], _ line: [UInt8]?, to descriptor: Int32) {
        var pieces: [UnsafeBufferPointer<UInt8>] = []
        pieces.reserveCapacity(lines.count + 2)
        func gather(from index: Int) {
            guard index == lines.count else {
                return lines[index].withUnsafeBufferPointer {
                    pieces.append($0)
                    gather(from: index + 1)
                }
            }
            buffer.withUnsafeBufferPointer { held in
                pieces.append(held)
                guard let line else { return System.write(all: pieces, to: descriptor) }
                line.withUnsafeBufferPointer {
                    pieces.append($0)
                    System.write(all: pieces, to: descriptor)
                }
            }
        }
        gather(from: 0)
    }
}
