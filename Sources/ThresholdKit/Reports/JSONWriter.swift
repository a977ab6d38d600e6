import ThresholdPlatform

/// A value that writes its own text as UTF-8 bytes, needing no escape in a JSON string: an exact
/// decimal, a date.
protocol DescribedInBytes {
    /// Appends the value's description.
    func appendDescription<Sink: ByteSink & ~Copyable>(to sink: inout Sink)
}

extension ExactDecimal: DescribedInBytes {}
extension CalendarDate: DescribedInBytes {}

/// A minimal streaming JSON writer: keys in the order written, strings escaped per RFC 8259, no
/// Foundation. Used by the reporters so that output is byte-for-byte deterministic.
///
/// It writes UTF-8 bytes into one growing buffer of its own: strings that need no escaping (nearly
/// all of them) are copied in a single block, and nothing is allocated per value.
struct JSONWriter: ~Copyable {
    /// The JSON written so far, as UTF-8.
    private(set) var buffer: ByteBuffer
    /// For the top level (bit 0) and each open object or array (bit `depth`): whether a member has
    /// been written, so that the next needs a comma. Bits, not an array: a writer checks and sets
    /// one for every value, and an array would check its uniqueness each time.
    private var hasMembers: UInt64 = 0
    /// The same, for levels nested 64 deep and more (level 64 + i at index i); empty in practice.
    private var deepHasMembers: [Bool] = []
    private let pretty: Bool
    private var depth = 0
    private var valuePending = false

    init(pretty: Bool = false, capacity: Int = 4096) {
        self.pretty = pretty
        buffer = ByteBuffer(capacity: capacity)
    }

    /// A compact writer that writes into `storage` (an array's, being made: see
    /// ``Verdict/jsonLineBytes(lineFeed:text:)``) while the JSON fits in it.
    init(writingInto storage: UnsafeMutableBufferPointer<UInt8>) {
        pretty = false
        buffer = ByteBuffer(writingInto: storage)
    }

    /// Whether all the JSON written so far is in the storage lent to the writer.
    var isInLentStorage: Bool { !buffer.ownsStorage }

    /// The number of bytes written.
    var count: Int { buffer.count }

    /// The JSON written so far.
    var output: String { String(decoding: buffer.bytes, as: UTF8.self) }

    /// The JSON written so far, as UTF-8 bytes.
    func takeBytes() -> [UInt8] { Array(buffer.bytes) }

    /// Ends the line (after a complete value, for JSON Lines).
    mutating func appendLineFeed() { buffer.append(UInt8(ascii: "\n")) }

    private mutating func raw(_ text: StaticString) { buffer.append(text) }

    private mutating func raw(_ byte: UInt8) { buffer.append(byte) }

    private mutating func newline() {
        buffer.append(UInt8(ascii: "\n"))
        for _ in 0..<depth { raw("  ") }
    }

    @inline(__always)
    private mutating func separator() {
        if startMember() { raw(UInt8(ascii: ",")) }
        if pretty && depth > 0 { newline() }
    }

    /// Records that the current object or array has a member from now on, and says whether one
    /// came before (so that a comma goes first).
    @inline(__always)
    private mutating func startMember() -> Bool {
        if depth < 64 {
            let bit: UInt64 = 1 << UInt64(depth)
            defer { hasMembers |= bit }
            return hasMembers & bit != 0
        }
        defer { deepHasMembers[depth - 64] = true }
        return deepHasMembers[depth - 64]
    }

    private mutating func open(_ bracket: UInt8) {
        raw(bracket)
        depth += 1
        if depth < 64 {
            hasMembers &= ~(1 << UInt64(depth))
        } else {
            deepHasMembers.append(false)
        }
    }

    private mutating func close(_ bracket: UInt8) {
        let hadItems: Bool
        if depth < 64 {
            hadItems = hasMembers & (1 << UInt64(depth)) != 0
        } else {
            hadItems = deepHasMembers.removeLast()
        }
        depth -= 1
        if pretty && hadItems { newline() }
        raw(bracket)
    }

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts a member of an object; follow it with one value. The name is written as it is: a
    /// literal of the code, which needs no escaping.
    mutating func key(_ name: StaticString) {
        assert(name.withUTF8Buffer { $0.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C } })
        if pretty {
            separator()
            buffer.appendKey(name, comma: false, pretty: true)
        } else {
            // The comma and the name in one step, with one check of the room left.
            buffer.appendKey(name, comma: startMember(), pretty: false)
        }
        valuePending = true
    }

    /// Writes members laid out beforehand as compact JSON (`"a":1,"b":"c"`, see
    /// ``RuleBookJSONText``) in one block, with a comma before them when members precede them.
    mutating func members(preRendered run: RuleBookJSONText.Run) {
        assert(!pretty && !valuePending)
        buffer.append(comma: startMember(), bytes: run.bytes)
    }

    /// Writes one member whose name and value are both literals of the code, laid out beforehand
    /// as compact JSON (`"status":"met"`, from ``VerdictMember``): one copy, where a name and a
    /// value would each be written and the value scanned for escapes. An indenting writer puts a
    /// space after the colon, as ``key(_:)`` does.
    mutating func member(literal member: StaticString) {
        assert(!valuePending)
        let bytes = UnsafeRawBufferPointer(start: member.utf8Start, count: member.utf8CodeUnitCount)
        // The comma and the member in one step, with one check of the room left.
        guard pretty else { return buffer.append(comma: startMember(), bytes: bytes) }
        separator()
        // A name written in the code holds no colon: the first one ends it.
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return buffer.append(member) }
        buffer.append(bytes: UnsafeRawBufferPointer(rebasing: bytes[...colon]))
        buffer.append(UInt8(ascii: " "))
        buffer.append(bytes: UnsafeRawBufferPointer(rebasing: bytes[(colon + 1)...]))
    }

    /// Whether the writer indents (members laid out beforehand are compact, so not for it).
    var isPretty: Bool { pretty }

    /// Starts a member whose name is data (escaped as any string); follow it with one value.
    mutating func key(dynamic name: String) {
        separator()
        Self.appendString(name, to: &buffer)
        if pretty { raw(": ") } else { raw(UInt8(ascii: ":")) }
        valuePending = true
    }

    private mutating func beginValue() {
        if valuePending {
            valuePending = false
        } else {
            separator()
        }
    }

    mutating func string(_ value: String?) {
        beginValue()
        if let value { Self.appendString(value, to: &buffer) } else { raw("null") }
    }

    mutating func int(_ value: Int?) {
        beginValue()
        guard let value else { return raw("null") }
        buffer.appendDecimal(value)
    }

    mutating func bool(_ value: Bool) {
        beginValue()
        if value { raw("true") } else { raw("false") }
    }

    mutating func null() {
        beginValue()
        raw("null")
    }

    /// Opens an object as the next value, to be closed by ``endObject()``: for a value that writes
    /// its own members, which a closure passed to ``object(_:)`` would capture, and copy.
    mutating func beginObjectValue() {
        beginValue()
        open(UInt8(ascii: "{"))
    }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        beginValue()
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    mutating func array(_ body: (inout JSONWriter) -> Void) {
        beginValue()
        open(UInt8(ascii: "["))
        body(&self)
        close(UInt8(ascii: "]"))
    }

    mutating func strings(_ values: [String]) {
        beginValue()
        open(UInt8(ascii: "["))
        // By index, each read where it lies: `for … in` would copy (retain) each string.
        for index in values.indices {
            separator()
            Self.appendString(values[index], to: &buffer)
        }
        close(UInt8(ascii: "]"))
    }

    mutating func member(_ name: StaticString, _ value: String?) { key(name); string(value) }
    mutating func member(_ name: StaticString, _ value: Int?) { key(name); int(value) }
    mutating func member(_ name: StaticString, _ value: Bool) { key(name); bool(value) }
    /// A member whose value is an array written by `body`.
    mutating func member(_ name: StaticString, _ body: (inout JSONWriter) -> Void) { key(name); array(body) }
    mutating func member(_ name: StaticString, strings values: [String]) { key(name); strings(values) }

    /// A member whose value is a model's name, from its subject key (`model:NAME` → `NAME`; any
    /// other key as it is).
    mutating func member(_ name: StaticString, modelName subject: String) {
        key(name)
        beginValue()
        // On the bytes: `hasPrefix` and a substring would each go through String's slower paths.
        var subject = subject
        subject.withUTF8 { bytes in
            let prefix: StaticString = "model:"
            let length = prefix.utf8CodeUnitCount
            if bytes.count >= length, let base = bytes.baseAddress, memcmp(base, prefix.utf8Start, length) == 0 {
                Self.appendString(utf8: UnsafeBufferPointer(rebasing: bytes[length...]), to: &buffer)
            } else {
                Self.appendString(utf8: bytes, to: &buffer)
            }
        }
    }
    /// A member whose value is an exact decimal, as its ``ExactDecimal/description`` in a string
    /// (or null).
    mutating func member(_ name: StaticString, decimal value: ExactDecimal?) { quotedMember(name, value) }

    /// A member whose value is a date, `YYYY-MM-DD` (or null).
    mutating func member(_ name: StaticString, date value: CalendarDate?) { quotedMember(name, value) }

    /// A member whose value is written in quotes by the value itself, in place (or null). Generic
    /// rather than a closure: an optional closure escapes, and would allocate a context per value.
    private mutating func quotedMember(_ name: StaticString, _ value: (some DescribedInBytes)?) {
        key(name)
        beginValue()
        guard let value else { return raw("null") }
        raw(UInt8(ascii: "\""))
        value.appendDescription(to: &buffer)
        raw(UInt8(ascii: "\""))
    }

    /// Appends `value` as a JSON string literal, in UTF-8.
    static func appendString<Sink: ByteSink & ~Copyable>(_ value: String, to sink: inout Sink) {
        // Read in place where the text is stored as UTF-8 (a native string): `withUTF8` needs a
        // mutable copy of the string, which retains and releases it.
        let done: Void? = value.utf8.withContiguousStorageIfAvailable { appendString(utf8: $0, to: &sink) }
        guard done == nil else { return }
        var value = value
        value.withUTF8 { appendString(utf8: $0, to: &sink) }
    }

    /// Appends `value` as a JSON string literal, in UTF-8 (a slice of a string, without copying it
    /// into a string of its own first).
    static func appendString<Sink: ByteSink & ~Copyable>(_ value: Substring, to sink: inout Sink) {
        var value = value
        value.withUTF8 { appendString(utf8: $0, to: &sink) }
    }

    /// Appends the UTF-8 text `utf8` as a JSON string literal.
    static func appendString<Sink: ByteSink & ~Copyable>(utf8: UnsafeBufferPointer<UInt8>, to sink: inout Sink) {
        sink.append(UInt8(ascii: "\""))
        // Copy the longest run that needs no escape in one block, then escape one character.
        var start = 0
        var index = 0
        let count = utf8.count
        let base = UnsafeRawPointer(utf8.baseAddress)
        while index < count, let base {
            // Eight bytes at a time while none of them can need an escape: no control character,
            // quote, backslash, DEL or 0xE2 (the lead byte of U+2028 and U+2029; other non-ASCII
            // text is copied as it is).
            while index + 8 <= count {
                if Self.mayNeedEscape(base.loadUnaligned(fromByteOffset: index, as: UInt64.self)) { break }
                index += 8
            }
            guard index < count else { break }
            if count - index < 8 {
                // The last few bytes in one word: the string's last eight (bytes before `index`
                // were read already, and one escaped there only costs a look at each byte), or,
                // in a string shorter than a word, its bytes after spaces.
                let tail =
                    count >= 8
                    ? base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                    : Self.paddedWord(base, count: count)
                if !Self.mayNeedEscape(tail) {
                    index = count
                    break
                }
            }
            let byte = utf8[index]
            if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x7F && byte != 0xE2 {
                index += 1
                continue
            }
            // U+2028 and U+2029 (E2 80 A8, E2 80 A9) are escaped, other E2 sequences are not.
            if byte == 0xE2
                && !(index + 2 < count && utf8[index + 1] == 0x80
                    && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9))
            {
                index += 1
                continue
            }
            sink.append(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8[start..<index])))
            switch byte {
            case 0x22: sink.append("\\\"")
            case 0x5C: sink.append("\\\\")
            case 0x0A: sink.append("\\n")
            case 0x0D: sink.append("\\r")
            case 0x09: sink.append("\\t")
            case 0x08: sink.append("\\b")
            case 0x0C: sink.append("\\f")
            case 0xE2:
                sink.append(utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                index += 2
            default:
                // The other control characters and DEL: \u00XX.
                let hex: StaticString = "0123456789abcdef"
                sink.append("\\u00")
                sink.append(hex.utf8Start[Int(byte >> 4)])
                sink.append(hex.utf8Start[Int(byte & 0xF)])
            }
            index += 1
            start = index
        }
        sink.append(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: utf8[start..<count])))
        sink.append(UInt8(ascii: "\""))
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether any byte of `word` is below 0x20, is `"`, `\`, DEL (0x7F) or 0xE2: exactly those
    /// words (the tests below are exact about whether such a byte exists, though not about which
    /// lane holds it).
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        // Some byte of `x` is zero ⇔ hasZero(x) ≠ 0; some byte is below n (n ≤ 0x80) ⇔
        // (x − n·ones) & ~x & highs ≠ 0.
        @inline(__always) func hasZero(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let control = (word &- 0x20 &* ones) & ~word & highs
        let quote = hasZero(word ^ (0x22 &* ones))
        let backslash = hasZero(word ^ (0x5C &* ones))
        let delete = hasZero(word ^ (0x7F &* ones))
        let lineSeparatorLead = hasZero(word ^ (0xE2 &* ones))
        return (control | quote | backslash | delete | lineSeparatorLead) != 0
    }

    /// The `count` (< 8) bytes at `base` in the low lanes of a word whose other lanes hold spaces.
    @inline(__always)
    static func paddedWord(_ base: UnsafeRawPointer, count: Int) -> UInt64 {
        var word: UInt64 = 0x2020_2020_2020_2020
        for offset in 0..<count {
            word =
                word & ~(0xFF << (8 * UInt64(offset)))
                | UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) << (8 * UInt64(offset))
        }
        return word
    }

    /// Appends `value` as a JSON string literal.
    static func appendString(_ value: String, to output: inout String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count + 2)
        appendString(value, to: &bytes)
        output += String(decoding: bytes, as: UTF8.self)
    }
}
