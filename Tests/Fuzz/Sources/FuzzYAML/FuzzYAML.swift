// Fuzz target: the YAML layer on arbitrary bytes. Any input must give documents or a YAMLError —
// never a crash, a hang, or unbounded memory — and every error must render to a short, printable
// diagnostic.
import ThresholdKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let documents = try YAMLParser.parseStream(bytes, path: "fuzz.yaml")
        for document in documents { FuzzCheck.walk(document.root, depth: 0) }
    } catch let error as YAMLError {
        FuzzCheck.diagnostic(error)
    } catch {
        fatalError("YAMLParser.parseStream threw a non-YAMLError: \(error)")
    }
    return 0
}

enum FuzzCheck {
    /// Touches every node (not through aliases more than the budget allows: the tree is a DAG, so
    /// the walk is bounded by depth and by the document's size).
    static func walk(_ node: YAMLNode, depth: Int) {
        precondition(depth <= YAMLLimits.default.maxDepth + 1, "nesting deeper than the limit")
        switch node.kind {
        case .scalar:
            _ = node.text
            _ = node.scalarKind
            _ = node.kindDescription
        case .sequence:
            for item in node.items.prefix(64) { walk(item, depth: depth + 1) }
        case .mapping:
            for pair in node.pairs.prefix(64) {
                walk(pair.key, depth: depth + 1)
                walk(pair.value, depth: depth + 1)
            }
        }
    }

    /// A diagnostic has a position and is short and free of raw control characters.
    static func diagnostic(_ error: YAMLError) {
        precondition(error.mark.line >= 1 && error.mark.column >= 1, "a mark before the start: \(error.mark)")
        let text = error.description
        for scalar in text.unicodeScalars where scalar.value < 0x20 && scalar != "\n" && scalar != "\t" {
            preconditionFailure("a raw control character U+\(String(scalar.value, radix: 16)) in a diagnostic")
        }
        precondition(text.utf8.count < 4096, "a diagnostic of \(text.utf8.count) bytes")
    }
}
