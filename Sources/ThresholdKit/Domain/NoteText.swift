/// The text of a note, built from an interpolated literal straight into UTF-8 bytes:
/// `String(note: "released on \(date), before this duty starts")`.
///
/// Swift's default interpolation appends each literal and value to a string through the string's
/// general append, some 500 instructions a part; evaluation writes a few notes for every
/// threshold and duty of every profile, and their parts were a tenth of its time. Here a literal
/// is copied from the binary, a day and an exact number write their digits in place, and the
/// string is made once at the end. The text is exactly what the default interpolation gives:
/// each value as its `description`.
struct NoteText: ExpressibleByStringInterpolation {
    /// The note, as UTF-8.
    fileprivate var bytes: [UInt8]

    init(stringLiteral literal: StaticString) {
        bytes = []
        bytes.append(literal)
    }

    init(stringInterpolation: StringInterpolation) { bytes = stringInterpolation.bytes }

    /// One note after the other: for a note too long for one line of code.
    static func + (lhs: NoteText, rhs: NoteText) -> NoteText {
        var joined = lhs
        joined.bytes.append(contentsOf: rhs.bytes)
        return joined
    }

    /// Collects the parts of a note.
    struct StringInterpolation: StringInterpolationProtocol {
        fileprivate var bytes: [UInt8] = []

        init(literalCapacity: Int, interpolationCount: Int) {
            // Room for the literals and, for each value, a day or a short name.
            bytes.reserveCapacity(literalCapacity + 16 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: StaticString) { bytes.append(literal) }

        mutating func appendInterpolation(_ text: String) {
            let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
            if done == nil { bytes.append(contentsOf: text.utf8) }
        }

        mutating func appendInterpolation(_ date: CalendarDate) { date.appendDescription(to: &bytes) }

        mutating func appendInterpolation(_ value: ExactDecimal) { value.appendDescription(to: &bytes) }

        mutating func appendInterpolation(_ value: Int) { bytes.appendDecimal(value) }

        /// Any other value, as its `description`.
        mutating func appendInterpolation(_ value: some CustomStringConvertible) {
            appendInterpolation(value.description)
        }
    }
}

extension String {
    /// The text of `note`.
    init(note: NoteText) { self.init(decoding: note.bytes, as: UTF8.self) }
}
