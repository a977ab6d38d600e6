/// The text of a note, built from an interpolated literal straight into UTF-8 bytes:
/// `String(note: "released on \(date), before this duty starts")`.
///
/// Swift's default interpolation appends each literal and value to a string through the string's
/// general append, some 500 instructions a part; evaluation writes a few notes for every
/// threshold and duty of every profile, and their parts were a tenth of its time. Here a literal
/// is copied from the binary, a day and an exact number write their digits in place, into a
/// buffer on the stack, and the string is made once at the end, with one allocation (none for a
/// note of 15 bytes or fewer). The text is exactly what the default interpolation gives: each
/// value as its `description`.
struct NoteText: ExpressibleByStringInterpolation {
    /// The note's bytes.
    fileprivate var parts: StringInterpolation

    init(stringLiteral literal: StaticString) {
        parts = StringInterpolation(literalCapacity: 0, interpolationCount: 0)
        parts.appendLiteral(literal)
    }

    init(stringInterpolation: StringInterpolation) { parts = stringInterpolation }

    /// One note after the other: for a note too long for one line of code.
    static func + (lhs: NoteText, rhs: NoteText) -> NoteText {
        var joined = lhs
        rhs.parts.withBytes { joined.parts.append(bytes: $0) }
        return joined
    }

    /// Collects the parts of a note: in a buffer of its own while they fit (most notes are
    /// shorter than a line of text), then in an array.
    struct StringInterpolation: StringInterpolationProtocol, ByteSink {
        /// 192 bytes, laid out inline.
        private var inline:
            (
                UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
            ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        /// The bytes in `inline`; nil once they have moved to `spilled`.
        private var count: Int? = 0
        /// Every byte, once the note outgrew `inline`.
        private var spilled: [UInt8] = []

        init(literalCapacity: Int, interpolationCount: Int) {}

        mutating func appendLiteral(_ literal: StaticString) { append(literal) }

        mutating func appendInterpolation(_ text: String) {
            let done: Void? = text.utf8.withContiguousStorageIfAvailable { append(bytes: UnsafeRawBufferPointer($0)) }
            if done == nil { Array(text.utf8).withUnsafeBytes { append(bytes: $0) } }
        }

        mutating func appendInterpolation(_ date: CalendarDate) { date.appendDescription(to: &self) }

        mutating func appendInterpolation(_ value: ExactDecimal) { value.appendDescription(to: &self) }

        /// An exact number as its ``ExactDecimal/compactDescription``: `\(compact: tokens)`.
        mutating func appendInterpolation(compact value: ExactDecimal) { value.appendCompactDescription(to: &self) }

        mutating func appendInterpolation(_ value: Int) { appendDecimal(value) }

        /// Any other value, as its `description`.
        mutating func appendInterpolation(_ value: some CustomStringConvertible) {
            appendInterpolation(value.description)
        }

        mutating func append(_ byte: UInt8) {
            withUnsafeBytes(of: byte) { append(bytes: $0) }
        }

        mutating func append(bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            if let used = count {
                if used + bytes.count <= MemoryLayout.size(ofValue: inline) {
                    withUnsafeMutableBytes(of: &inline) {
                        ($0.baseAddress! + used).copyMemory(from: base, byteCount: bytes.count)
                    }
                    count = used + bytes.count
                    return
                }
                spilled.reserveCapacity(2 * (used + bytes.count))
                withUnsafeBytes(of: &inline) { spilled.append(contentsOf: $0.prefix(used)) }
                count = nil
            }
            spilled.append(contentsOf: bytes)
        }

        /// Calls `body` with the bytes collected.
        func withBytes<T>(_ body: (UnsafeRawBufferPointer) -> T) -> T {
            guard let used = count else { return spilled.withUnsafeBytes(body) }
            var inline = inline
            return withUnsafeBytes(of: &inline) { body(UnsafeRawBufferPointer(rebasing: $0.prefix(used))) }
        }

        /// The note.
        var string: String {
            withBytes { bytes in bytes.withMemoryRebound(to: UInt8.self) { String(decoding: $0, as: UTF8.self) } }
        }
    }
}

extension String {
    /// The text of `note`.
    init(note: NoteText) { self = note.parts.string }
}
