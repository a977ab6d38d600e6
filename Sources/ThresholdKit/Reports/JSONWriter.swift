/// A minimal streaming JSON writer: keys in the order written, strings escaped per RFC 8259, no
/// Foundation. Used by the reporters so that output is byte-for-byte deterministic.
struct JSONWriter {
    private(set) var output = ""
    private var needsComma: [Bool] = [false]
    private let pretty: Bool
    private var depth = 0

    init(pretty: Bool = false) { self.pretty = pretty }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { output += "," }
        needsComma[needsComma.count - 1] = true
        if pretty && depth > 0 { output += "\n" + String(repeating: "  ", count: depth) }
    }

    private mutating func open(_ bracket: String) {
        output += bracket
        needsComma.append(false)
        depth += 1
    }

    private mutating func close(_ bracket: String) {
        let hadItems = needsComma.removeLast()
        depth -= 1
        if pretty && hadItems { output += "\n" + String(repeating: "  ", count: depth) }
        output += bracket
    }

    mutating func beginObject() { open("{") }
    mutating func endObject() { close("}") }
    mutating func beginArray() { open("[") }
    mutating func endArray() { close("]") }

    /// Starts a member of an object; follow it with one value.
    mutating func key(_ name: String) {
        separator()
        Self.appendString(name, to: &output)
        output += pretty ? ": " : ":"
        valuePending = true
    }

    private var valuePending = false

    private mutating func beginValue() {
        if valuePending {
            valuePending = false
        } else {
            separator()
        }
    }

    mutating func string(_ value: String?) {
        beginValue()
        if let value { Self.appendString(value, to: &output) } else { output += "null" }
    }

    mutating func int(_ value: Int?) {
        beginValue()
        output += value.map(String.init) ?? "null"
    }

    mutating func bool(_ value: Bool) {
        beginValue()
        output += value ? "true" : "false"
    }

    mutating func null() {
        beginValue()
        output += "null"
    }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        beginValue()
        open("{")
        body(&self)
        close("}")
    }

    mutating func array(_ body: (inout JSONWriter) -> Void) {
        beginValue()
        open("[")
        body(&self)
        close("]")
    }

    mutating func strings(_ values: [String]) {
        array { w in for value in values { w.string(value) } }
    }

    mutating func member(_ name: String, _ value: String?) { key(name); string(value) }
    mutating func member(_ name: String, _ value: Int?) { key(name); int(value) }
    mutating func member(_ name: String, _ value: Bool) { key(name); bool(value) }
    /// A member whose value is an array written by `body`.
    mutating func member(_ name: String, _ body: (inout JSONWriter) -> Void) { key(name); array(body) }
    mutating func member(_ name: String, strings values: [String]) { key(name); strings(values) }

    /// Appends `value` as a JSON string literal.
    static func appendString(_ value: String, to output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
