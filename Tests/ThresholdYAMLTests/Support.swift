import Testing

@testable import ThresholdYAML

/// Parses `text` as one document, or fails the test.
func parse(_ text: String, options: YAMLOptions = .default) throws -> YAMLNode {
    try YAMLParser.parseDocument(string: text, path: "test.yaml", options: options).root
}

/// The error that parsing `bytes` as one document throws, or a test failure when it does not throw
/// a ``YAMLError``.
func parseError(
    _ bytes: [UInt8], path: String? = "test.yaml", options: YAMLOptions = .default,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> YAMLError {
    try #require(throws: YAMLError.self, sourceLocation: sourceLocation) {
        try YAMLParser.parseDocument(bytes, path: path, options: options)
    }
}

func parseError(
    _ text: String, path: String? = "test.yaml", options: YAMLOptions = .default,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> YAMLError {
    try parseError(Array(text.utf8), path: path, options: options, sourceLocation: sourceLocation)
}

/// A plain rendering of a tree for comparisons: `{k: v}`, `[a, b]`, and scalars with their kind
/// (`int 1`, `str 'no'`, `null`), each node followed by its `@line:column`.
func outline(_ node: YAMLNode) -> String {
    let at = "@\(node.mark)"
    switch node.kind {
    case .scalar:
        switch node.scalarKind {
        case .null: return "null" + at
        case .bool: return "bool \(node.text)" + at
        case .int: return "int \(node.text)" + at
        case .float: return "float \(node.text)" + at
        case .string: return "str '\(node.text)'" + at
        }
    case .sequence:
        return "[" + node.items.map(outline).joined(separator: ", ") + "]" + at
    case .mapping:
        return "{" + node.pairs.map { outline($0.key) + ": " + outline($0.value) }.joined(separator: ", ") + "}" + at
    }
}

/// Like ``outline(_:)`` without positions: `{str 'a': int 1}`.
func shape(_ node: YAMLNode) -> String {
    switch node.kind {
    case .scalar:
        switch node.scalarKind {
        case .null: return "null"
        case .bool: return "bool \(node.text)"
        case .int: return "int \(node.text)"
        case .float: return "float \(node.text)"
        case .string: return "str '\(node.text)'"
        }
    case .sequence:
        return "[" + node.items.map(shape).joined(separator: ", ") + "]"
    case .mapping:
        return "{" + node.pairs.map { shape($0.key) + ": " + shape($0.value) }.joined(separator: ", ") + "}"
    }
}

/// Lines joined as a diagnostic prints them.
func lines(_ lines: String...) -> String { lines.joined(separator: "\n") }
