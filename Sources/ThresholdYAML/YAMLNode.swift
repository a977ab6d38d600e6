import ThresholdPlatform

/// How a scalar was written.
package enum ScalarStyle: UInt8, Sendable, Hashable {
    /// `value`
    case plain
    /// `'value'`
    case singleQuoted
    /// `"value"`
    case doubleQuoted
    /// `|` block
    case literal
    /// `>` block
    case folded

    /// Whether the scalar was quoted or a block (not plain).
    package var isQuoted: Bool { self != .plain }
}

/// What a scalar means under the YAML 1.2 core schema (or its explicit tag).
package enum ScalarKind: String, Sendable, Hashable {
    /// `null`, `~`, empty, or `!!null`.
    case null
    /// `true`/`false` in their three spellings, or `!!bool`.
    case bool
    /// Decimal, `0o` octal or `0x` hex integers, or `!!int`.
    case int
    /// Decimal floats, `.inf`, `.nan`, or `!!float`.
    case float
    /// Anything else, anything quoted, or `!!str`.
    case string
}

/// One node in a parsed YAML document: a scalar, a sequence or a mapping, with its position.
///
/// Nodes are cheap views into an immutable ``YAMLDocument``; they can be copied and sent across
/// threads freely. A node reached through an alias is the anchored node itself, with the anchor's
/// position.
package struct YAMLNode: Sendable {
    /// The three kinds of node.
    package enum Kind: UInt8, Sendable, Hashable {
        /// A string, number, boolean or null: ``YAMLNode/text`` and ``YAMLNode/scalarKind``.
        case scalar
        /// A list: ``YAMLNode/items``.
        case sequence
        /// Key–value pairs: ``YAMLNode/pairs``.
        case mapping
    }

    let storage: YAMLStorage
    let index: Int32

    init(_ storage: YAMLStorage, _ index: Int32) {
        self.storage = storage
        self.index = index
    }

    @inline(__always) var raw: RawNode { storage.nodes[Int(index)] }

    /// Whether the node is a scalar, a sequence or a mapping.
    package var kind: Kind { raw.kind }

    /// Where the node starts.
    package var mark: SourceMark {
        let raw = raw
        return SourceMark(line: Int(raw.line), column: Int(raw.column))
    }

    /// The node's explicit tag in its short form (`!!str`, `!local`), or nil when it has none.
    package var tag: String? {
        let tag = raw.tag
        guard tag >= 0 else { return nil }
        return storage.tags[Int(tag)]
    }

    /// The document this node belongs to.
    package var document: YAMLDocument { YAMLDocument(storage: storage) }

    // MARK: Scalars

    /// How the scalar was written (`.plain` for collections).
    package var style: ScalarStyle { raw.style }

    /// The scalar's text after YAML's own processing (escapes, folding), or "" for a collection.
    package var text: String {
        let raw = raw
        guard raw.kind == .scalar else { return "" }
        return storage.text.withUnsafeBufferPointer {
            String(
                decoding: UnsafeBufferPointer(rebasing: $0[Int(raw.start)..<Int(raw.start + raw.count)]), as: UTF8.self)
        }
    }

    /// Calls `body` with the scalar's UTF-8 bytes, without copying them.
    package func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let raw = raw
        let range = raw.kind == .scalar ? Int(raw.start)..<Int(raw.start + raw.count) : 0..<0
        return try storage.text.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Whether the scalar's text is exactly `string`, compared byte for byte without allocating.
    package func textEquals(_ string: StaticString) -> Bool {
        let raw = raw
        guard raw.kind == .scalar, Int(raw.count) == string.utf8CodeUnitCount else { return false }
        return storage.text.withUnsafeBufferPointer { text in
            let start = Int(raw.start)
            let other = string.utf8Start
            for offset in 0..<Int(raw.count) where text[start + offset] != other[offset] { return false }
            return true
        }
    }

    /// What the scalar means under the YAML 1.2 core schema, or under its explicit tag.
    /// Quoted and block scalars are strings unless tagged.
    package var scalarKind: ScalarKind {
        let raw = raw
        guard raw.kind == .scalar else { return .string }
        if raw.tag >= 0, let tagged = CoreSchema.kind(forTag: storage.tags[Int(raw.tag)]) { return tagged }
        if raw.style != .plain { return .string }
        return withUTF8(CoreSchema.resolvePlain)
    }

    /// Whether the node is a null scalar (`null`, `~`, empty, `!!null`).
    package var isNull: Bool {
        let raw = raw
        guard raw.kind == .scalar else { return false }
        // A tag decides; else a plain scalar's text is read for null alone, not resolved in full
        // (a string would be tried as an integer and a float first).
        if raw.tag >= 0 { return scalarKind == .null }
        // Only 0, 1 and 4 bytes can spell null: any other length is told without reading the text.
        guard raw.style == .plain, raw.count == 0 || raw.count == 1 || raw.count == 4 else { return false }
        return withUTF8(CoreSchema.isNull)
    }

    // MARK: Collections

    /// The number of items in a sequence or pairs in a mapping; 0 for a scalar.
    package var count: Int { raw.kind == .scalar ? 0 : Int(raw.count) }

    /// The items of a sequence (empty for anything else).
    package var items: Items { Items(node: self) }

    /// The key-value pairs of a mapping, in document order (empty for anything else).
    package var pairs: Pairs { Pairs(node: self) }

    /// The value under a scalar key of a mapping whose text is `key`, or nil.
    package subscript(key: String) -> YAMLNode? {
        let raw = raw
        guard raw.kind == .mapping else { return nil }
        // The key's bytes read in place (a key written in the source is stored as UTF-8); a copy
        // to call `withUTF8` on would retain and release it at every look-up.
        if let found = key.utf8.withContiguousStorageIfAvailable({ pair(keyed: $0, in: raw) }) {
            return found.map { YAMLNode(storage, $0) }
        }
        var key = key
        return key.withUTF8 { pair(keyed: $0, in: raw) }.map { YAMLNode(storage, $0) }
    }

    /// Whether every key of this mapping is a scalar spelled byte for byte as one of `keys`, read
    /// straight from the arena: the usual case of a mapping checked for unknown keys, told without
    /// making a node or a string for each pair (each key compared as ``MappingReader`` compares
    /// one: byte for byte). False for a node that is not a mapping.
    package func keysAllSpelled(among keys: [String]) -> Bool {
        let raw = raw
        guard raw.kind == .mapping else { return false }
        return storage.nodes.withUnsafeBufferPointer { nodes in
            storage.children.withUnsafeBufferPointer { children in
                storage.text.withUnsafeBufferPointer { text in
                    for pair in 0..<Int(raw.count) {
                        let key = nodes[Int(children[Int(raw.start) + 2 * pair])]
                        guard key.kind == .scalar else { return false }
                        let bytes = UnsafeBufferPointer(rebasing: text[Int(key.start)..<Int(key.start + key.count)])
                        guard MappingReader.contains(keys, bytes) else { return false }
                    }
                    return true
                }
            }
        }
    }

    /// The value of the first pair of the mapping `raw` whose key is a scalar of the bytes
    /// `wanted`, read straight from the arena.
    private func pair(keyed wanted: UnsafeBufferPointer<UInt8>, in raw: RawNode) -> Int32? {
        storage.nodes.withUnsafeBufferPointer { nodes in
            storage.children.withUnsafeBufferPointer { children in
                storage.text.withUnsafeBufferPointer { text in
                    let start = Int(raw.start)
                    for pair in 0..<Int(raw.count) {
                        let candidate = nodes[Int(children[start + 2 * pair])]
                        guard candidate.kind == .scalar, Int(candidate.count) == wanted.count else { continue }
                        if wanted.isEmpty
                            || memcmp(text.baseAddress! + Int(candidate.start), wanted.baseAddress!, wanted.count) == 0
                        {
                            return children[start + 2 * pair + 1]
                        }
                    }
                    return nil
                }
            }
        }
    }

    /// The items of a sequence node.
    package struct Items: RandomAccessCollection, Sendable {
        let node: YAMLNode
        /// Zero.
        package var startIndex: Int { 0 }
        /// The number of items; zero when the node is not a sequence.
        package var endIndex: Int { node.kind == .sequence ? node.count : 0 }
        /// The item at a zero-based position.
        package subscript(position: Int) -> YAMLNode {
            let start = Int(node.raw.start)
            return YAMLNode(node.storage, node.storage.children[start + position])
        }
    }

    /// The pairs of a mapping node.
    package struct Pairs: RandomAccessCollection, Sendable {
        let node: YAMLNode
        /// Zero.
        package var startIndex: Int { 0 }
        /// The number of pairs; zero when the node is not a mapping.
        package var endIndex: Int { node.kind == .mapping ? node.count : 0 }
        /// The key and value of the pair at a zero-based position, in the order written.
        package subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) {
            let start = Int(node.raw.start) + 2 * position
            let children = node.storage.children
            return (YAMLNode(node.storage, children[start]), YAMLNode(node.storage, children[start + 1]))
        }
    }

    /// A short description of the node's kind for messages: "a mapping", "a sequence", "the string 'x'".
    package var kindDescription: String {
        switch kind {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .scalar:
            switch scalarKind {
            case .null: return "null"
            case .bool: return "the boolean \(text)"
            case .int, .float: return "the number \(text.quotedForDiagnostic())"
            case .string: return "the text \(text.quotedForDiagnostic())"
            }
        }
    }

    /// An error of kind `.decoding` at this node, with the source excerpt.
    package func error(_ problem: String, kind: YAMLError.Kind = .decoding, notes: [String] = []) -> YAMLError {
        storage.error(kind, problem, at: mark, notes: notes)
    }
}

/// One parsed YAML document: an immutable tree whose every node knows its line and column.
package struct YAMLDocument: Sendable {
    let storage: YAMLStorage

    /// The root node. An empty document (`---` alone) has a null scalar root.
    package var root: YAMLNode { YAMLNode(storage, storage.root) }

    /// Where the document starts.
    package var mark: SourceMark { storage.documentMark }

    /// The number of nodes stored (aliases share the anchored node and count once).
    package var nodeCount: Int { storage.nodes.count }

    /// An error at `mark` in this document, carrying the source excerpt.
    package func error(_ problem: String, at mark: SourceMark, kind: YAMLError.Kind = .decoding) -> YAMLError {
        storage.error(kind, problem, at: mark)
    }
}

/// The packed layout of one node.
struct RawNode: Sendable {
    var kind: YAMLNode.Kind
    var style: ScalarStyle
    /// Index into `YAMLStorage.tags`, or -1.
    var tag: Int32
    var line: Int32
    var column: Int32
    /// Scalar: byte offset in `text`. Collection: offset in `children`.
    var start: Int32
    /// Scalar: byte length. Sequence: items. Mapping: pairs (2 × count children).
    var count: Int32
}

/// The arena behind a document: all nodes in one array, all scalar text in one buffer, so building
/// a tree allocates a handful of arrays rather than one object per node.
final class YAMLStorage: Sendable {
    let nodes: [RawNode]
    let children: [Int32]
    let text: [UInt8]
    let tags: [String]
    let root: Int32
    let documentMark: SourceMark
    /// The stream's UTF-8 bytes, shared by every document of a stream, for error excerpts.
    let source: SourceBytes

    init(
        nodes: [RawNode], children: [Int32], text: [UInt8], tags: [String], root: Int32,
        documentMark: SourceMark, source: SourceBytes
    ) {
        self.nodes = nodes
        self.children = children
        self.text = text
        self.tags = tags
        self.root = root
        self.documentMark = documentMark
        self.source = source
    }

    func error(_ kind: YAMLError.Kind, _ problem: String, at mark: SourceMark, notes: [String] = []) -> YAMLError {
        source.error(kind, problem, at: mark, notes: notes)
    }
}

/// The bytes of a stream, kept for error excerpts.
final class SourceBytes: Sendable {
    let bytes: [UInt8]
    let path: String?
    /// The position just past the last character, when the input does not end in a line break;
    /// nil when it does (or is empty), as then no mark of libyaml's lies past the end.
    let end: SourceMark?

    init(_ bytes: [UInt8], path: String?) {
        self.bytes = bytes
        self.path = path
        self.end = bytes.withUnsafeBufferPointer { buffer in
            endsWithLineBreak(buffer) ? nil : markOfOffset(buffer.count, in: buffer)
        }
    }

    /// `mark`, or the end of the input for a mark past it: at the end of a stream that does not end
    /// in a line break, libyaml moves to a line of its own that the file does not have (`a: [1, 2`
    /// fails at 2:1); such a mark becomes the end of the last line (1:9), which has an excerpt.
    @inline(__always) func clamped(_ mark: SourceMark) -> SourceMark {
        guard let end, mark.line > end.line else { return mark }
        return end
    }

    func excerpt(at mark: SourceMark) -> YAMLError.Excerpt? {
        bytes.withUnsafeBufferPointer { YAMLError.Excerpt(source: $0, mark: mark) }
    }
}

/// The length in bytes of the line break at `index` of UTF-8 `bytes`, or 0. Line breaks are
/// libyaml's: LF, CR LF, CR, NEL (U+0085), LS (U+2028) and PS (U+2029), so that lines counted here
/// are the lines of libyaml's marks.
@inline(__always) func lineBreakLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
    switch bytes[index] {
    case 0x0A:
        return 1
    case 0x0D:
        return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
    case 0xC2:
        return index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : 0
    case 0xE2:
        return index + 2 < bytes.count && bytes[index + 1] == 0x80
            && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) ? 3 : 0
    default:
        return 0
    }
}

/// Whether UTF-8 `bytes` is empty or ends in a line break.
func endsWithLineBreak(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = bytes.count
    if n == 0 { return true }
    if bytes[n - 1] == 0x0A || bytes[n - 1] == 0x0D { return true }
    if n >= 2 && bytes[n - 2] == 0xC2 && bytes[n - 1] == 0x85 { return true }
    return n >= 3 && bytes[n - 3] == 0xE2 && bytes[n - 2] == 0x80 && (bytes[n - 1] == 0xA8 || bytes[n - 1] == 0xA9)
}
