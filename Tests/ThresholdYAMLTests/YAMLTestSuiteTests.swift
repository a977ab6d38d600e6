import Foundation
import Testing

@testable import ThresholdYAML

/// Runs every case of the YAML test suite (github.com/yaml/yaml-test-suite, branch `data`) through
/// the YAML layer, when `THRESHOLD_YAML_TEST_SUITE` names the folder that holds it:
///
///     THRESHOLD_YAML_TEST_SUITE=/work/shared/corpus/yaml-test-suite swift test
///
/// Every case must load or be refused with a ``YAMLError`` (never crash nor hang); every case the
/// suite marks `error` must be refused; every valid case with an `in.json` must load to that data.
/// The two lists below name each case where libyaml (or Threshold's composer, which is stricter
/// than the suite on purpose) departs from the suite. They are exact: a new departure fails the test,
/// and so does a listed case that no longer departs.
@Suite struct YAMLTestSuiteTests {
    static let folder = ProcessInfo.processInfo.environment["THRESHOLD_YAML_TEST_SUITE"]

    /// Invalid cases (the suite has an `error` file) that libyaml nevertheless loads.
    static let invalidAccepted: [String: String] = [
        "9C9N": "libyaml accepts: flow sequence lines not indented past their block key",
        "9HCY": "libyaml accepts: a %TAG directive after a bare document without '...'",
        "9JBA": "libyaml accepts: a comment with no space after ']'",
        "CVW2": "libyaml accepts: a comment with no space after ','",
        "DK95/01": "libyaml accepts: a tab as the indentation of a double-quoted continuation line",
        "EB22": "libyaml accepts: a %YAML directive after a document without '...'",
        "G5U8": "libyaml accepts: a lone '-' as a plain scalar in a flow sequence",
        "MUS6/01": "libyaml accepts: a second %YAML directive after a document without '...'",
        "QB6E": "libyaml accepts: unindented continuation lines of a quoted block mapping value",
        "RHX7": "libyaml accepts: a %YAML directive after a document without '...'",
        "S98Z": "libyaml accepts: a block scalar's leading blank lines more indented than its first line",
        "SU5Z": "libyaml accepts: a comment with no space after a double-quoted scalar",
        "X4QW": "libyaml accepts: a comment with no space after a block scalar indicator",
        "Y79Y/003": "libyaml accepts: a tab as indentation inside a flow sequence in block context",
        "YJV2": "libyaml accepts: a lone '-' as a plain scalar in a flow sequence",
    ]

    /// How a valid case departs from the suite.
    enum Departure {
        /// libyaml refuses it.
        case rejects(String)
        /// libyaml loads it, to data other than `in.json`.
        case readsDifferently(String)
        /// libyaml reads it, but Threshold's composer refuses it on purpose.
        case thresholdRefuses(String)

        /// The kinds of error the case is refused with, or nil when it loads.
        var refusalKinds: Set<YAMLError.Kind>? {
            switch self {
            case .rejects: return [.reader, .scanner, .parser]
            case .readsDifferently: return nil
            case .thresholdRefuses: return [.composer]
            }
        }
    }

    /// Valid cases that are refused, or that load to data other than `in.json`.
    static let validDeparting: [String: Departure] = [
        "2JQS": .rejects("empty keys in a block mapping"),
        "2LFX": .rejects("a reserved directive (%FOO)"),
        "2SXE": .rejects("':' in an anchor name"),
        "4ABK": .rejects("an empty value with ':' right before ',' in a flow mapping"),
        "4MUZ/00": .rejects("':' of a flow mapping on the line after its key"),
        "4MUZ/01": .rejects("':' of a flow mapping on the line after its key"),
        "4MUZ/02": .rejects("':' of a flow mapping on the line after its key"),
        "58MP": .rejects("a plain scalar starting with ':' as a flow mapping value"),
        "5MUD": .rejects("':' on the line after a quoted flow key, adjacent to the value"),
        "5T43": .rejects("a plain scalar starting with ':' right after a quoted flow key's ':'"),
        "652Z": .readsDifferently("'?foo' in a flow mapping as the explicit key 'foo'"),
        "6BCT": .rejects("a tab as separation after '-'"),
        "6CA3": .rejects("tabs before a top-level flow sequence"),
        "6LVF": .rejects("a reserved directive (%FOO)"),
        "6M2F": .rejects("an empty key in a block mapping"),
        "7Z25": .rejects("a bare document after '...'"),
        "8XYN": .rejects("a non-ASCII character in an anchor name"),
        "96NN/00": .rejects("a tab at the start of a block scalar's content"),
        "96NN/01": .rejects("a tab at the start of a block scalar's content"),
        "9SA2": .rejects("a multi-line double-quoted implicit key in a flow mapping"),
        "A2M4": .rejects("a tab as separation after '-'"),
        "BEC7": .rejects("%YAML 1.3"),
        "CFD4": .rejects("an empty key in a single-pair flow sequence entry"),
        "DBG4": .rejects("a plain scalar starting with '::' in a flow sequence"),
        "DK3J": .rejects("zero-indented block scalar content after '--- >'"),
        "DK95/00": .rejects("a tab after the indentation of a mapping value"),
        "DK95/03": .rejects("a line of a space and a tab before the first key"),
        "DK95/04": .rejects("a line holding only a tab inside a block mapping"),
        "FP8R": .rejects("zero-indented block scalar content after '--- >'"),
        "FRK4": .rejects("empty keys and values in a flow mapping"),
        "HM87/00": .rejects("a plain scalar starting with ':' in a flow sequence"),
        "HM87/01": .readsDifferently("'[?x]' as [{x: null}] rather than ['?x']"),
        "HWV9": .rejects("a stream of '...' alone"),
        "JEF9/02": .readsDifferently("a '|+' block scalar loses a last line of spaces with no newline"),
        "K3WX": .rejects("':' on the line after a quoted flow key and a comment"),
        "L24T/01": .readsDifferently("a '|' block scalar loses a last line of spaces with no newline"),
        "M2N8/00": .rejects("an empty implicit key inside an explicit key ('? : x')"),
        "M7A3": .rejects("a bare document after '...'"),
        "MUS6/02": .thresholdRefuses("a %YAML 1.1 directive: Threshold reads YAML 1.2 only"),
        "MUS6/03": .thresholdRefuses("a %YAML 1.1 directive: Threshold reads YAML 1.2 only"),
        "MUS6/04": .thresholdRefuses("a %YAML 1.1 directive: Threshold reads YAML 1.2 only"),
        "MUS6/05": .rejects("a reserved directive (%YAM)"),
        "MUS6/06": .rejects("a reserved directive (%YAMLL)"),
        "NHX8": .rejects("an empty key in a block mapping"),
        "NJ66": .rejects("a multi-line plain implicit key in a flow mapping"),
        "NKF9": .rejects("empty keys in block and flow mappings"),
        "Q5MG": .rejects("a tab before a top-level flow mapping"),
        "QT73": .rejects("a stream of a comment and '...'"),
        "R4YG": .rejects("a tab in a leading line of a folded block scalar"),
        "S3PD": .rejects("an empty key in a block mapping"),
        "SM9W/01": .rejects("a stream of ':' alone"),
        "UKK6/00": .rejects("an empty key in a block mapping in a sequence ('- :')"),
        "UT92": .rejects("a multi-line plain implicit key in a flow mapping"),
        "VJP3/01": .rejects("':' on the line after a plain flow key"),
        "W4TN": .rejects("a '%' line of zero-indented block scalar content, read as a directive"),
        "W5VH": .rejects("the characters ':@*!$\"<>' in an anchor name"),
        "X38W": .thresholdRefuses("the alias '*a' repeats the key [a, b]: a duplicate key"),
        "Y2GN": .readsDifferently("'&an:chor value' as the anchor 'an' on ':chor value'"),
        "Y79Y/001": .rejects("a line of a space and a tab in a literal block scalar"),
        "Y79Y/010": .rejects("a tab as separation after '-'"),
    ]

    static let options = YAMLOptions(
        limits: YAMLLimits(
            maxFileBytes: 1 << 30, maxDepth: 100_000, maxAliasExpansion: 1 << 30,
            maxDocuments: 1_000_000, maxScalarBytes: 1 << 30),
        mergeKeys: false, allowsUnknownTags: true)

    @Test(.enabled(if: folder != nil, "THRESHOLD_YAML_TEST_SUITE is not set"), .timeLimit(.minutes(1)))
    func everyCase() throws {
        let root = URL(fileURLWithPath: try #require(Self.folder))
        let cases = try Self.cases(in: root)
        try #require(cases.count > 300, "expected the suite's 350-odd folders at \(root.path)")

        var invalidAccepted: [String: String] = [:]
        var validDeparting: [String: (refusal: YAMLError.Kind?, detail: String)] = [:]
        var loadedEqual = 0, errorsRefused = 0, validWithoutJSON = 0
        for (id, folder) in cases {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("in.yaml")))
            let isError = FileManager.default.fileExists(atPath: folder.appendingPathComponent("error").path)
            let result: Result<[YAMLDocument], YAMLError>
            do {
                result = .success(try YAMLParser.parseStream(bytes, path: "in.yaml", options: Self.options))
            } catch let error as YAMLError {
                result = .failure(error)
            }
            switch (isError, result) {
            case (true, .failure(let error)):
                // A refusal is positioned on a line of the input, which the diagnostic shows.
                #expect(error.excerpt != nil, "\(id): refused at \(error.mark), outside the input")
                errorsRefused += 1
            case (true, .success):
                invalidAccepted[id] = "loads"
            case (false, .failure(let error)):
                validDeparting[id] = (error.kind, "refused: \(error.headline)")
            case (false, .success(let documents)):
                let jsonURL = folder.appendingPathComponent("in.json")
                guard FileManager.default.fileExists(atPath: jsonURL.path) else {
                    validWithoutJSON += 1
                    continue
                }
                let expected = try JSONValue.stream(Data(contentsOf: jsonURL))
                let actual = documents.map { JSONValue($0.root) }
                if actual == expected {
                    loadedEqual += 1
                } else {
                    validDeparting[id] = (nil, "reads \(actual) instead of \(expected)")
                }
            }
        }
        let newInvalid = invalidAccepted.keys.filter { Self.invalidAccepted[$0] == nil }.sorted()
        let staleInvalid = Self.invalidAccepted.keys.filter { invalidAccepted[$0] == nil }.sorted()
        let newValid = validDeparting.keys.filter { Self.validDeparting[$0] == nil }.sorted()
        let staleValid = Self.validDeparting.keys.filter { validDeparting[$0] == nil }.sorted()
        let accepted = newInvalid.map { "\($0) \(Self.title(root, $0))" }.joined(separator: "\n")
        #expect(newInvalid.isEmpty, "invalid cases newly accepted:\n\(accepted)")
        #expect(staleInvalid.isEmpty, "listed invalid cases that are now refused: \(staleInvalid)")
        let departing = newValid.map { "\($0) \(Self.title(root, $0)): \(validDeparting[$0]!.detail)" }
        #expect(newValid.isEmpty, "valid cases newly departing:\n\(departing.joined(separator: "\n"))")
        #expect(staleValid.isEmpty, "listed valid cases that no longer depart: \(staleValid)")
        for (id, departure) in Self.validDeparting.sorted(by: { $0.key < $1.key }) {
            guard let actual = validDeparting[id] else { continue }
            let matches =
                actual.refusal.map { departure.refusalKinds?.contains($0) == true } ?? (departure.refusalKinds == nil)
            #expect(matches, "\(id) is listed as \(departure) but \(actual.detail)")
        }
        print(
            """
            YAML test suite: \(cases.count) cases; \(loadedEqual) valid cases load equal to in.json, \
            \(validWithoutJSON) more valid cases (no in.json) load; \(errorsRefused) error cases refused; \
            \(invalidAccepted.count) invalid cases accepted, \(validDeparting.count) valid cases departing
            """)
    }

    static func title(_ root: URL, _ id: String) -> String {
        let url = root.appendingPathComponent(id).appendingPathComponent("===")
        return ((try? String(contentsOf: url, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every case folder (one holding `in.yaml`), with its id: `229Q`, or `2G84/00` for sub-cases.
    static func cases(in root: URL) throws -> [(id: String, folder: URL)] {
        let fm = FileManager.default
        var result: [(String, URL)] = []
        for name in try fm.contentsOfDirectory(atPath: root.path).sorted() {
            let folder = root.appendingPathComponent(name)
            if fm.fileExists(atPath: folder.appendingPathComponent("in.yaml").path) {
                result.append((name, folder))
                continue
            }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            for sub in try fm.contentsOfDirectory(atPath: folder.path).sorted() {
                let subFolder = folder.appendingPathComponent(sub)
                if fm.fileExists(atPath: subFolder.appendingPathComponent("in.yaml").path) {
                    result.append((name + "/" + sub, subFolder))
                }
            }
        }
        return result
    }
}

/// JSON-like data, to compare a YAML tree with the suite's `in.json`.
enum JSONValue: Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// A YAML node under the core schema. Keys are rendered as the suite's `in.json` renders them:
    /// a scalar key by its text; a collection key (which no `in.json` holds) as a marker that
    /// compares unequal to anything the suite writes.
    init(_ node: YAMLNode) {
        switch node.kind {
        case .sequence:
            self = .array(node.items.map(JSONValue.init))
        case .mapping:
            var object: [String: JSONValue] = [:]
            for pair in node.pairs {
                object[pair.key.kind == .scalar ? pair.key.text : "<collection key>"] = JSONValue(pair.value)
            }
            self = .object(object)
        case .scalar:
            let text = node.text
            switch node.scalarKind {
            case .null: self = .null
            case .bool: self = .bool(text.lowercased() == "true")
            case .string: self = .string(text)
            case .int: self = .number(JSONValue.integer(text))
            case .float: self = .number(JSONValue.float(text))
            }
        }
    }

    static func integer(_ text: String) -> Double {
        var digits = Substring(text)
        var sign = 1.0
        if digits.first == "-" || digits.first == "+" {
            sign = digits.first == "-" ? -1 : 1
            digits = digits.dropFirst()
        }
        if digits.hasPrefix("0x") { return sign * Double(UInt64(digits.dropFirst(2), radix: 16) ?? 0) }
        if digits.hasPrefix("0o") { return sign * Double(UInt64(digits.dropFirst(2), radix: 8) ?? 0) }
        return sign * (Double(digits) ?? .nan)
    }

    static func float(_ text: String) -> Double {
        switch text.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default: return Double(text) ?? .nan
        }
    }

    /// A value from JSONSerialization's output.
    init(json: Any) {
        switch json {
        case is NSNull: self = .null
        case let string as String: self = .string(string)
        case let number as NSNumber:
            // JSONSerialization gives booleans as NSNumbers of Objective-C type `c`.
            if String(cString: number.objCType) == "c" {
                self = .bool(number.boolValue)
            } else {
                self = .number(number.doubleValue)
            }
        case let array as [Any]: self = .array(array.map(JSONValue.init(json:)))
        case let object as [String: Any]: self = .object(object.mapValues(JSONValue.init(json:)))
        default: self = .string("<unexpected \(type(of: json))>")
        }
    }

    /// The values of a file holding several JSON texts one after another (the suite's `in.json`
    /// for a stream of several documents), each split off at its top-level boundary and read with
    /// JSONSerialization.
    static func stream(_ data: Data) throws -> [JSONValue] {
        let bytes = [UInt8](data)
        var values: [JSONValue] = []
        var i = 0
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
        while true {
            while i < bytes.count && isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count else { return values }
            let start = i
            var depth = 0, inString = false, escaped = false
            scan: while i < bytes.count {
                let b = bytes[i]
                if inString {
                    if escaped {
                        escaped = false
                    } else if b == UInt8(ascii: "\\") {
                        escaped = true
                    } else if b == UInt8(ascii: "\"") {
                        inString = false
                        if depth == 0 { i += 1; break scan }
                    }
                } else {
                    switch b {
                    case UInt8(ascii: "\""): inString = true
                    case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 { i += 1; break scan }
                    default:
                        if depth == 0 && isSpace(b) { break scan }
                    }
                }
                i += 1
            }
            let json = try JSONSerialization.jsonObject(with: Data(bytes[start..<i]), options: .fragmentsAllowed)
            values.append(JSONValue(json: json))
        }
    }

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y || (x.isNaN && y.isNaN)
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)): return x == y
        default: return false
        }
    }

    var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return "\(b)"
        case .number(let n): return "\(n)"
        case .string(let s): return s.debugDescription
        case .array(let a): return "[" + a.map(\.description).joined(separator: ", ") + "]"
        case .object(let o):
            return "{" + o.keys.sorted().map { "\($0.debugDescription): \(o[$0]!)" }.joined(separator: ", ") + "}"
        }
    }
}
