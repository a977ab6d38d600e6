import ThresholdPlatform

/// Builds one document's arena from libyaml events, without recursion: open collections live on an
/// explicit stack, their pending children on one scratch array.
struct TreeBuilder {
    private let source: SourceBytes
    private let options: YAMLOptions

    private var nodes: [RawNode] = []
    private var children: [Int32] = []
    private var text: [UInt8] = []
    private var tags: [String] = []
    private var tagIndex: [String: Int32] = [:]
    /// The expanded size of each finished node that an alias has reached (aliases counted in
    /// full), for the alias budget; 0 where not worked out yet. Filled only when an alias is met,
    /// so a document without aliases never pays for it.
    private var sizes: [Int] = []
    private var anchors: [String: Int32] = [:]
    /// Anchors on collections that are still open: an alias to one of them would be recursive.
    private var openAnchors: [String] = []
    private var aliasExpansion = 0
    private var scratch: [Int32] = []
    /// The positions of aliases among the pending pairs of open mappings, with their slots in
    /// `scratch`, in increasing order of slot: an alias adds no node, and an error about a key or
    /// merge value given by an alias points at the alias rather than at the anchored node.
    private var aliasMarks: [(slot: Int, mark: SourceMark)] = []
    private var frames: [Frame] = []
    private var root: Int32 = -1
    private var documentMark = SourceMark.start
    /// Whether a document was started before: its sizes then estimate the next one's.
    private var hasStartedDocument = false

    private struct Frame {
        var node: Int32
        var scratchStart: Int
        var anchor: String?
    }

    init(source: SourceBytes, options: YAMLOptions) {
        self.source = source
        self.options = options
        // Enough for the pending children and open collections of a typical profile, so that these
        // stacks do not grow (and reallocate) a few times for every document.
        scratch.reserveCapacity(64)
        frames.reserveCapacity(16)
    }

    mutating func startDocument(at mark: SourceMark) {
        // Reserve room so that the arrays rarely grow: for the first document, from the size of the
        // stream (about one node per 10 bytes; never more text than bytes), capped so that a long
        // stream of small documents does not over-reserve; for later ones, the previous document's
        // sizes. Node and text arrays are handed to each document's storage; the rest is reused.
        let expectedNodes: Int, expectedChildren: Int, expectedText: Int
        if hasStartedDocument {
            (expectedNodes, expectedChildren, expectedText) = (nodes.count, children.count, text.count)
        } else {
            let bytes = source.bytes.count
            (expectedNodes, expectedChildren, expectedText) = (
                min(bytes / 8, 1 << 14), min(bytes / 8, 1 << 14), min(bytes, 1 << 17)
            )
        }
        hasStartedDocument = true
        nodes = []
        nodes.reserveCapacity(expectedNodes + 1)
        children = []
        children.reserveCapacity(expectedChildren)
        text = []
        text.reserveCapacity(expectedText)
        sizes.removeAll(keepingCapacity: true)
        anchors = [:]
        aliasExpansion = 0
        scratch.removeAll(keepingCapacity: true)
        aliasMarks.removeAll()
        root = -1
        documentMark = mark
    }

    mutating func finishDocument() -> YAMLDocument {
        if root < 0 {
            // libyaml always emits a node for a document; an empty one is an empty plain scalar.
            root = appendNode(
                RawNode(
                    kind: .scalar, style: .plain, tag: -1,
                    line: Int32(documentMark.line), column: Int32(documentMark.column), start: 0, count: 0))
        }
        let storage = YAMLStorage(
            nodes: nodes, children: children, text: text, tags: tags, root: root,
            documentMark: documentMark, source: source)
        return YAMLDocument(storage: storage)
    }

    // MARK: Events

    mutating func scalar(
        _ value: UnsafeBufferPointer<UInt8>, style: ScalarStyle,
        tag: UnsafeMutablePointer<UInt8>?, anchor: UnsafeMutablePointer<UInt8>?,
        at mark: SourceMark
    ) throws {
        if value.count > options.limits.maxScalarBytes {
            throw source.error(
                .limit,
                "a scalar of \(value.count) bytes is longer than the limit of \(options.limits.maxScalarBytes) bytes "
                    + "(\(options.limits.advice(.maxScalarBytes)))",
                at: mark)
        }
        let tagIndex = try resolveTag(tag, on: .scalar, at: mark)
        if tagIndex >= 0, let kind = CoreSchema.kind(forTag: tags[Int(tagIndex)]), !CoreSchema.accepts(kind, value) {
            let shown = String(decoding: value, as: UTF8.self).quotedForDiagnostic()
            throw source.error(
                .composer, "\(shown) is not a valid \(kind.rawValue) (tagged \(tags[Int(tagIndex)]))", at: mark)
        }
        let start = text.count
        text.append(contentsOf: value)
        let index = appendNode(
            RawNode(
                kind: .scalar, style: style, tag: tagIndex,
                line: Int32(clamping: mark.line), column: Int32(clamping: mark.column),
                start: Int32(start), count: Int32(value.count)))
        if let anchor { anchors[String(cString: anchor)] = index }
        addChild(index)
    }

    mutating func startCollection(
        _ kind: YAMLNode.Kind, tag: UnsafeMutablePointer<UInt8>?,
        anchor: UnsafeMutablePointer<UInt8>?, at mark: SourceMark
    ) throws {
        if frames.count >= options.limits.maxDepth {
            throw source.error(
                .limit,
                "nesting is deeper than the limit of \(options.limits.maxDepth) levels "
                    + "(\(options.limits.advice(.maxDepth)))",
                at: mark)
        }
        let tagIndex = try resolveTag(tag, on: kind, at: mark)
        let index = appendNode(
            RawNode(
                kind: kind, style: .plain, tag: tagIndex,
                line: Int32(clamping: mark.line), column: Int32(clamping: mark.column),
                start: 0, count: 0))
        let name = anchor.map { String(cString: $0) }
        if let name {
            // The anchor names this collection from here on: an alias to it inside the collection
            // is recursive, not a reference to an earlier node of the same name.
            anchors[name] = nil
            openAnchors.append(name)
        }
        frames.append(Frame(node: index, scratchStart: scratch.count, anchor: name))
    }

    mutating func endCollection() throws {
        guard let frame = frames.popLast() else { return }
        if frame.anchor != nil { openAnchors.removeLast() }
        let index = Int(frame.node)
        if nodes[index].kind == .mapping {
            try finishMapping(frame)
        } else {
            nodes[index].start = Int32(children.count)
            nodes[index].count = Int32(scratch.count - frame.scratchStart)
            children.append(contentsOf: scratch[frame.scratchStart...])
        }
        scratch.removeSubrange(frame.scratchStart...)
        while let last = aliasMarks.last, last.slot >= frame.scratchStart { aliasMarks.removeLast() }
        if let anchor = frame.anchor { anchors[anchor] = frame.node }
        addChild(frame.node)
    }

    mutating func alias(_ anchor: UnsafeMutablePointer<UInt8>?, at mark: SourceMark) throws {
        let name = anchor.map { String(cString: $0) } ?? ""
        guard let target = anchors[name] else {
            if openAnchors.contains(name) {
                throw source.error(
                    .composer,
                    "the alias '*\(name)' refers to a node that contains it: recursive structures are not accepted",
                    at: mark)
            }
            throw source.error(.composer, "unknown alias '*\(name)': no anchor '&\(name)' comes before it", at: mark)
        }
        let added = expandedSize(of: target)
        let (total, overflow) = aliasExpansion.addingReportingOverflow(added)
        if overflow || total > options.limits.maxAliasExpansion {
            throw source.error(
                .limit,
                "aliases expand to more than the limit of \(options.limits.maxAliasExpansion) nodes "
                    + "(\(options.limits.advice(.maxAliasExpansion)))",
                at: mark)
        }
        aliasExpansion = total
        if let frame = frames.last, nodes[Int(frame.node)].kind == .mapping { aliasMarks.append((scratch.count, mark)) }
        addChild(target)
    }

    // MARK: Helpers

    private mutating func appendNode(_ node: RawNode) -> Int32 {
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    /// The number of nodes `target` stands for, aliases inside it counted in full. `target` is
    /// finished (an anchor names a collection only once it is closed), and so is every node
    /// below it. Each node is counted once and remembered, so a chain of aliases to aliases costs
    /// no more than the nodes it names, however much they expand to.
    private mutating func expandedSize(of target: Int32) -> Int {
        if sizes.count < nodes.count {
            // Room for the whole document at once (as much as its nodes have), not for each alias.
            if sizes.isEmpty { sizes.reserveCapacity(nodes.capacity) }
            sizes.append(contentsOf: repeatElement(0, count: nodes.count - sizes.count))
        }
        if sizes[Int(target)] > 0 { return sizes[Int(target)] }
        // Post-order without recursion: a node is summed once all its children are known.
        var stack: [(node: Int32, next: Int)] = [(target, 0)]
        while let (node, next) = stack.last {
            let raw = nodes[Int(node)]
            let count = raw.kind == .scalar ? 0 : raw.kind == .mapping ? 2 * Int(raw.count) : Int(raw.count)
            if next < count {
                stack[stack.count - 1].next = next + 1
                let child = children[Int(raw.start) + next]
                if sizes[Int(child)] == 0 { stack.append((child, 0)) }
                continue
            }
            var size = 1
            for offset in 0..<count {
                let (sum, overflow) = size.addingReportingOverflow(sizes[Int(children[Int(raw.start) + offset])])
                size = overflow ? .max : sum
            }
            sizes[Int(node)] = size
            stack.removeLast()
        }
        return sizes[Int(target)]
    }

    private mutating func addChild(_ index: Int32) {
        if frames.isEmpty {
            root = index
        } else {
            scratch.append(index)
        }
    }

    private mutating func resolveTag(
        _ tag: UnsafeMutablePointer<UInt8>?, on kind: YAMLNode.Kind, at mark: SourceMark
    ) throws -> Int32 {
        guard let tag else { return -1 }
        let short = CoreSchema.shortTag(String(cString: tag))
        if !options.allowsUnknownTags && !CoreSchema.isAccepted(short, on: kind) {
            throw source.error(
                .composer,
                "the tag \(short.quotedForDiagnostic()) is not accepted on a "
                    + "\(kind == .scalar ? "scalar" : kind == .sequence ? "sequence" : "mapping"): only the core "
                    + "schema's tags (!!str, !!int, !!float, !!bool, !!null, !!seq, !!map) are",
                at: mark)
        }
        if let index = tagIndex[short] { return index }
        tags.append(short)
        let index = Int32(tags.count - 1)
        tagIndex[short] = index
        return index
    }

    /// Checks duplicate keys, applies merge keys, and moves the pairs into `children`.
    private mutating func finishMapping(_ frame: Frame) throws {
        let pairs = scratch[frame.scratchStart...]
        let pairCount = pairs.count / 2
        var hasMerge = false
        // Duplicate keys among the explicit keys: a few pairs are compared pairwise in one pass,
        // more are hashed.
        if pairCount <= 12 {
            switch scanSmallMapping(pairs.startIndex, pairs.endIndex, mergeKeys: options.mergeKeys) {
            case .clean(let merge): hasMerge = merge
            case .duplicate(let slot, let first): try duplicateKey(at: slot, first: first)
            }
        } else {
            var seen: [KeyIdentity: Int] = [:]
            seen.reserveCapacity(pairCount)
            for i in 0..<pairCount {
                let slot = pairs.startIndex + 2 * i
                let key = pairs[slot]
                if options.mergeKeys && isMergeKey(key) {
                    if hasMerge { try duplicateKey(at: slot, first: firstMergeKey(in: pairs)) }
                    hasMerge = true
                    continue
                }
                let identity = KeyIdentity(self, key)
                if let first = seen[identity] { try duplicateKey(at: slot, first: first) }
                seen[identity] = slot
            }
        }
        let node = Int(frame.node)
        nodes[node].start = Int32(children.count)
        guard hasMerge else {
            nodes[node].count = Int32(pairCount)
            children.append(contentsOf: pairs)
            return
        }
        // YAML 1.1 merge: the pairs of the merged mappings whose keys the mapping does not give
        // itself, in place of the `<<` pair; of several merged mappings, the earlier wins. The keys
        // taken so far are hashed, so that merging large mappings stays linear.
        var taken = Set<KeyIdentity>()
        for i in 0..<pairCount where !isMergeKey(pairs[pairs.startIndex + 2 * i]) {
            taken.insert(KeyIdentity(self, pairs[pairs.startIndex + 2 * i]))
        }
        var output: [Int32] = []
        for i in 0..<pairCount {
            let key = pairs[pairs.startIndex + 2 * i], value = pairs[pairs.startIndex + 2 * i + 1]
            guard isMergeKey(key) else {
                output.append(key)
                output.append(value)
                continue
            }
            let sources: [Int32]
            switch nodes[Int(value)].kind {
            case .mapping:
                sources = [value]
            case .sequence:
                let start = Int(nodes[Int(value)].start)
                sources = Array(children[start..<start + Int(nodes[Int(value)].count)])
            case .scalar:
                throw mergeError(value, at: aliasMark(pairs.startIndex + 2 * i + 1))
            }
            for sourceMapping in sources {
                guard nodes[Int(sourceMapping)].kind == .mapping else { throw mergeError(sourceMapping) }
                let start = Int(nodes[Int(sourceMapping)].start)
                for p in 0..<Int(nodes[Int(sourceMapping)].count) {
                    let mergedKey = children[start + 2 * p]
                    guard taken.insert(KeyIdentity(self, mergedKey)).inserted else { continue }
                    output.append(mergedKey)
                    output.append(children[start + 2 * p + 1])
                }
            }
        }
        nodes[node].count = Int32(output.count / 2)
        children.append(contentsOf: output)
    }

    /// What a pass over a small mapping's pairs found.
    private enum SmallScan {
        /// No key repeats another; whether a merge key `<<` is among them.
        case clean(hasMerge: Bool)
        /// The key in `slot` of `scratch` repeats the one in slot `first`.
        case duplicate(slot: Int, first: Int)
    }

    /// Checks the keys of the pairs in `scratch[start..<end]` against one another, as the hashed
    /// check does for larger mappings: a merge key may come once, and any other key may not equal
    /// an earlier key other than the merge key. Keys of another kind or length, or another first
    /// byte, are passed over in place; the rest are compared in full by `keysEqual`.
    private func scanSmallMapping(_ start: Int, _ end: Int, mergeKeys: Bool) -> SmallScan {
        scratch.withUnsafeBufferPointer { scratch in
            nodes.withUnsafeBufferPointer { nodes in
                text.withUnsafeBufferPointer { text in
                    var mergeSlot: Int?
                    var slot = start
                    while slot < end {
                        defer { slot += 2 }
                        let key = scratch[slot]
                        let raw = nodes[Int(key)]
                        let firstByte: UInt8? = raw.kind == .scalar && raw.count > 0 ? text[Int(raw.start)] : nil
                        if mergeKeys && isMergeKey(key) {
                            if let mergeSlot { return .duplicate(slot: slot, first: mergeSlot) }
                            mergeSlot = slot
                            continue
                        }
                        var other = start
                        while other < slot {
                            defer { other += 2 }
                            // A merge key is not a key of the mapping: a quoted "<<" does not repeat it.
                            if other == mergeSlot { continue }
                            let otherRaw = nodes[Int(scratch[other])]
                            guard otherRaw.kind == raw.kind, otherRaw.count == raw.count else { continue }
                            if let firstByte, text[Int(otherRaw.start)] != firstByte { continue }
                            if keysEqual(key, scratch[other]) { return .duplicate(slot: slot, first: other) }
                        }
                    }
                    return .clean(hasMerge: mergeSlot != nil)
                }
            }
        }
    }

    private func mergeError(_ node: Int32, at aliasMark: SourceMark? = nil) -> YAMLError {
        source.error(
            .composer, "a merge key '<<' takes a mapping or a sequence of mappings, such as '<<: *defaults'",
            at: aliasMark ?? mark(of: node))
    }

    /// The slot in `scratch` of the first merge key among `pairs`.
    private func firstMergeKey(in pairs: ArraySlice<Int32>) -> Int {
        var i = pairs.startIndex
        while i < pairs.endIndex {
            if isMergeKey(pairs[i]) { return i }
            i += 2
        }
        return pairs.startIndex
    }

    private func isMergeKey(_ node: Int32) -> Bool {
        let raw = nodes[Int(node)]
        guard raw.kind == .scalar, raw.style == .plain, raw.count == 2, raw.tag < 0 || tags[Int(raw.tag)] == "!!merge"
        else { return false }
        let start = Int(raw.start)
        return text[start] == UInt8(ascii: "<") && text[start + 1] == UInt8(ascii: "<")
    }

    private func mark(of node: Int32) -> SourceMark {
        SourceMark(line: Int(nodes[Int(node)].line), column: Int(nodes[Int(node)].column))
    }

    /// The position of the alias in `slot` of `scratch`, if an alias filled it.
    private func aliasMark(_ slot: Int) -> SourceMark? {
        aliasMarks.last { $0.slot == slot }?.mark
    }

    /// The error for the key in `slot` of `scratch`, which repeats the key in slot `first`.
    private func duplicateKey(at slot: Int, first: Int) throws -> Never {
        let key = scratch[slot]
        let firstMark = aliasMark(first) ?? mark(of: scratch[first])
        let shown = nodes[Int(key)].kind == .scalar ? scalarText(key).quotedForDiagnostic() : "(a collection)"
        throw source.error(
            .composer,
            "duplicate key \(shown) in a mapping: it was first defined at line \(firstMark.line), column "
                + "\(firstMark.column)",
            at: aliasMark(slot) ?? mark(of: key))
    }

    private func scalarText(_ node: Int32) -> String {
        let raw = nodes[Int(node)]
        return String(decoding: text[Int(raw.start)..<Int(raw.start + raw.count)], as: UTF8.self)
    }

    /// The scalar's resolved kind, with quoted scalars as strings.
    fileprivate func scalarKind(_ node: Int32) -> ScalarKind {
        let raw = nodes[Int(node)]
        if raw.tag >= 0, let kind = CoreSchema.kind(forTag: tags[Int(raw.tag)]) { return kind }
        if raw.style != .plain { return .string }
        return text.withUnsafeBufferPointer {
            CoreSchema.resolvePlain(UnsafeBufferPointer(rebasing: $0[Int(raw.start)..<Int(raw.start + raw.count)]))
        }
    }

    /// Key equality: scalars of the same resolved kind and text; collections structurally.
    fileprivate func keysEqual(_ a: Int32, _ b: Int32) -> Bool {
        if a == b { return true }
        let x = nodes[Int(a)], y = nodes[Int(b)]
        guard x.kind == y.kind, x.count == y.count else { return false }
        switch x.kind {
        case .scalar:
            // The same number of bytes: compared in one block.
            let sameText =
                x.count == 0
                || text.withUnsafeBufferPointer { text in
                    memcmp(text.baseAddress! + Int(x.start), text.baseAddress! + Int(y.start), Int(x.count)) == 0
                }
            guard sameText else { return false }
            return scalarKind(a) == scalarKind(b)
        case .sequence, .mapping:
            let n = x.kind == .mapping ? 2 * Int(x.count) : Int(x.count)
            for i in 0..<n where !keysEqual(children[Int(x.start) + i], children[Int(y.start) + i]) { return false }
            return true
        }
    }

    /// A hashable stand-in for a key, for large mappings.
    fileprivate struct KeyIdentity: Hashable {
        var kind: ScalarKind?
        var bytes: [UInt8]

        init(_ builder: TreeBuilder, _ node: Int32) {
            let raw = builder.nodes[Int(node)]
            if raw.kind == .scalar {
                kind = builder.scalarKind(node)
                bytes = Array(builder.text[Int(raw.start)..<Int(raw.start + raw.count)])
            } else {
                // Collections as keys are rare; identify them by a structural rendering.
                kind = nil
                var out: [UInt8] = []
                Self.render(builder, node, into: &out)
                bytes = out
            }
        }

        static func render(_ builder: TreeBuilder, _ node: Int32, into out: inout [UInt8]) {
            let raw = builder.nodes[Int(node)]
            switch raw.kind {
            case .scalar:
                out.append(contentsOf: Array(builder.scalarKind(node).rawValue.utf8))
                out.append(0x3A)
                out.append(contentsOf: String(raw.count).utf8)
                out.append(0x3A)
                out.append(contentsOf: builder.text[Int(raw.start)..<Int(raw.start + raw.count)])
            case .sequence, .mapping:
                out.append(raw.kind == .sequence ? 0x5B : 0x7B)
                let n = raw.kind == .mapping ? 2 * Int(raw.count) : Int(raw.count)
                for i in 0..<n {
                    render(builder, builder.children[Int(raw.start) + i], into: &out)
                    out.append(0x2C)
                }
                out.append(raw.kind == .sequence ? 0x5D : 0x7D)
            }
        }
    }
}
