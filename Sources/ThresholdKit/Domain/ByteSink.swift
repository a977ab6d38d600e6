/// Where UTF-8 text is appended without building strings: a `[UInt8]`, or a ``ByteBuffer`` that a
/// JSON writer owns alone. Values that report themselves (dates, exact decimals) write through it.
protocol ByteSink: ~Copyable {
    /// Appends one byte.
    mutating func append(_ byte: UInt8)
    /// Appends bytes.
    mutating func append(bytes: UnsafeRawBufferPointer)
}

extension ByteSink where Self: ~Copyable {
    /// Appends the bytes of a string literal.
    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(bytes: UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `value` in decimal, with a minus sign when negative and zeros in front up to `width`
    /// digits.
    mutating func appendDecimal(_ value: Int, width: Int = 1) {
        if value < 0 { append(UInt8(ascii: "-")) }
        withDecimalDigits(of: UInt64(value.magnitude)) { digits in
            for _ in 0..<max(0, width - digits.count) { append(UInt8(ascii: "0")) }
            append(bytes: digits)
        }
    }
}

/// Calls `body` with the decimal digits of `value` (ASCII, no leading zeros) in a buffer on the
/// stack.
func withDecimalDigits<T>(of value: UInt64, _ body: (UnsafeRawBufferPointer) -> T) -> T {
    var value = value
    var storage: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for a UInt64's 20 digits
    return withUnsafeMutableBytes(of: &storage) { buffer in
        var index = buffer.count
        repeat {
            index -= 1
            buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        } while value != 0
        return body(UnsafeRawBufferPointer(rebasing: buffer[index...]))
    }
}

extension Array: ByteSink where Element == UInt8 {
    mutating func append(bytes: UnsafeRawBufferPointer) { append(contentsOf: bytes) }
}

/// A growable byte buffer owned by one writer: no copy-on-write check on every append, as an
/// array has, which matters when a report appends tens of thousands of small pieces.
struct ByteBuffer: ByteSink, ~Copyable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    /// Whether `base` is this buffer's own, to free: false while it writes into memory lent to it.
    private(set) var ownsStorage = true

    init(capacity: Int = 4096) {
        self.capacity = Swift.max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    /// A buffer that writes into `storage`, memory lent to it (an array's, being made), until it
    /// needs more: then it moves what it holds to memory of its own (``ownsStorage``).
    init(writingInto storage: UnsafeMutableBufferPointer<UInt8>) {
        precondition(storage.count > 0, "a buffer needs room to write into")
        base = storage.baseAddress!
        capacity = storage.count
        ownsStorage = false
    }

    deinit { if ownsStorage { base.deallocate() } }

    /// The bytes written.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > capacity { grow(toHold: count + bytes.count) }
        Self.copy(from: source, count: bytes.count, to: UnsafeMutableRawPointer(base + count))
        count += bytes.count
    }

    /// Appends `bytes` after a comma when `comma`, with one capacity check for the lot.
    @inline(__always)
    mutating func append(comma: Bool, bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress else { return }
        let skip = comma ? 1 : 0
        let needed = skip + bytes.count
        if count + needed > capacity { grow(toHold: count + needed) }
        let target = UnsafeMutableRawPointer(base + count)
        if comma { target.storeBytes(of: UInt8(ascii: ","), as: UInt8.self) }
        Self.copy(from: source, count: bytes.count, to: target + skip)
        count += needed
    }

    /// Appends a JSON object's member name, written as it is (a literal of the code): `"name":`,
    /// or `"name": ` when `pretty`, after a comma when `comma`. One capacity check for the lot.
    @inline(__always)
    mutating func appendKey(_ name: StaticString, comma: Bool, pretty: Bool) {
        let length = name.utf8CodeUnitCount
        let skip = comma ? 1 : 0
        let needed = skip + length + (pretty ? 4 : 3)
        if count + needed > capacity { grow(toHold: count + needed) }
        let target = UnsafeMutableRawPointer(base + count)
        if comma { target.storeBytes(of: UInt8(ascii: ","), as: UInt8.self) }
        target.storeBytes(of: UInt8(ascii: "\""), toByteOffset: skip, as: UInt8.self)
        Self.copy(from: UnsafeRawPointer(name.utf8Start), count: length, to: target + skip + 1)
        target.storeBytes(of: UInt8(ascii: "\""), toByteOffset: skip + length + 1, as: UInt8.self)
        target.storeBytes(of: UInt8(ascii: ":"), toByteOffset: skip + length + 2, as: UInt8.self)
        if pretty { target.storeBytes(of: UInt8(ascii: " "), toByteOffset: skip + length + 3, as: UInt8.self) }
        count += needed
    }

    /// Copies `count` bytes; a short run (most of what a writer appends: a key, a bracket, a word)
    /// with one or two word-sized loads and stores, which overlap when the count is not a power of
    /// two, instead of a call to `memcpy`.
    @inline(__always)
    private static func copy(from source: UnsafeRawPointer, count: Int, to target: UnsafeMutableRawPointer) {
        switch count {
        case 0:
            return
        case 1...3:
            for offset in 0..<count {
                target.storeBytes(
                    of: source.load(fromByteOffset: offset, as: UInt8.self), toByteOffset: offset, as: UInt8.self)
            }
        case 4...8:
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            target.storeBytes(of: head, as: UInt32.self)
            target.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
        case 9...16:
            let head = source.loadUnaligned(as: UInt64.self)
            let tail = source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            target.storeBytes(of: head, as: UInt64.self)
            target.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
        case 17...32:
            let head = source.loadUnaligned(as: SIMD16<UInt8>.self)
            let tail = source.loadUnaligned(fromByteOffset: count - 16, as: SIMD16<UInt8>.self)
            target.storeBytes(of: head, as: SIMD16<UInt8>.self)
            target.storeBytes(of: tail, toByteOffset: count - 16, as: SIMD16<UInt8>.self)
        default:
            target.copyMemory(from: source, byteCount: count)
        }
    }

    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        if ownsStorage { base.deallocate() }
        base = grown
        capacity = newCapacity
        ownsStorage = true
    }
}
