// Reading iCalendar text back as a client does, for ThresholdKitTests and ThresholdCLITests.

import Testing

/// A content line read back: its name, parameters and value (unescaped for TEXT in ``ICSReader/events(_:)``).
package struct ICSProperty: Equatable {
    /// The property's name (`DTSTART`).
    package var name: String
    /// Its parameters as written (`VALUE=DATE`).
    package var parameters: [String]
    /// Its value.
    package var value: String

    /// A property from its parts.
    package init(name: String, parameters: [String], value: String) {
        self.name = name
        self.parameters = parameters
        self.value = value
    }
}

/// Reads iCalendar text the way a client does: checks CRLF line ends, the 75-octet limit and that
/// no fold splits a UTF-8 sequence, unfolds continuation lines, splits each line at the first ':',
/// and unescapes TEXT (`\\`, `\;`, `\,`, `\n`).
package enum ICSReader {
    /// The physical lines, each checked: ended by CRLF, at most 75 octets, valid UTF-8.
    package static func physicalLines(_ text: String) throws -> [[UInt8]] {
        let bytes = Array(text.utf8)
        var lines: [[UInt8]] = [], current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0D {
                try #require(index + 1 < bytes.count && bytes[index + 1] == 0x0A, "a CR not followed by LF")
                lines.append(current)
                current = []
                index += 2
                continue
            }
            #expect(bytes[index] != 0x0A, "a bare LF")
            current.append(bytes[index])
            index += 1
        }
        #expect(current.isEmpty, "the text does not end with CRLF")
        for line in lines {
            #expect(line.count <= 75, "a line of \(line.count) octets")
            #expect(String(validating: line, as: UTF8.self) != nil, "a fold split a UTF-8 sequence")
        }
        return lines
    }

    /// The logical lines: each continuation line (starting with a space or tab) joined to the one before.
    package static func unfold(_ text: String) throws -> [String] {
        var logical: [[UInt8]] = []
        for line in try physicalLines(text) {
            if line.first == 0x20 || line.first == 0x09 {
                try #require(!logical.isEmpty)
                logical[logical.count - 1] += line.dropFirst()
            } else {
                logical.append(line)
            }
        }
        return logical.map { String(decoding: $0, as: UTF8.self) }
    }

    /// A TEXT value unescaped.
    package static func unescape(_ value: String) -> String {
        var out = ""
        var escaping = false
        for character in value {
            if escaping {
                switch character {
                case "n", "N": out += "\n"
                default: out.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// The content lines, as written.
    package static func properties(_ text: String) throws -> [ICSProperty] {
        try unfold(text).map { line in
            let colon = try #require(line.firstIndex(of: ":"), "no ':' in \(line)")
            let head = line[..<colon].split(separator: ";").map(String.init)
            return ICSProperty(
                name: head[0], parameters: Array(head.dropFirst()), value: String(line[line.index(after: colon)...]))
        }
    }

    /// The VEVENTs, each as its properties by name (TEXT values unescaped).
    package static func events(_ text: String) throws -> [[String: ICSProperty]] {
        var events: [[String: ICSProperty]] = []
        var current: [String: ICSProperty]?
        for property in try properties(text) {
            switch (property.name, property.value) {
            case ("BEGIN", "VEVENT"): current = [:]
            case ("END", "VEVENT"):
                events.append(try #require(current))
                current = nil
            default:
                guard current != nil else { continue }
                var property = property
                if ["SUMMARY", "DESCRIPTION", "CATEGORIES"].contains(property.name) {
                    property.value = unescape(property.value)
                }
                current?[property.name] = property
            }
        }
        return events
    }
}
