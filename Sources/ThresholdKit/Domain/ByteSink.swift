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

    init(capacity: Int = 4096) {
        self.capacity = Swift.max(64, capacity)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

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
        UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    private mutating func grow(toHold needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }
}
