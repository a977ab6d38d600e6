import ThresholdPlatform

/// A mapping read against the keys a format allows: unknown keys are errors with a did-you-mean,
/// and every error names the path (`models[2].training_compute`) and the position.
///
/// ```swift
/// let model = try MappingReader(node, path: "models[0]", keys: ["name", "training_compute"])
/// let name = try model.requiredString("name")
/// ```
package struct MappingReader: Sendable {
    /// The mapping node.
    package let node: YAMLNode
    /// The path of the mapping in the document, "" at the root.
    package let path: String

    /// Reads `node` as a mapping whose keys must all be in `keys`.
    ///
    /// - Throws: ``YAMLError`` when the node is not a mapping, or has a key that is not text or not
    ///   one of `keys` (with the nearest allowed key as a suggestion).
    package init(_ node: YAMLNode, path: String, keys: [String], what: String = "a mapping") throws {
        guard node.kind == .mapping else {
            throw node.error("\(MappingReader.label(path))expected \(what), found \(node.kindDescription)")
        }
        self.node = node
        self.path = path
        // The usual mapping, every key allowed and spelled as written in `keys`, is checked on
        // the arena's bytes; any other is read pair by pair below, for the message.
        if keys.count <= 16 && node.keysAllSpelled(among: keys) { return }
        // A long list of keys (a pack test's expectations are keyed by every obligation id) is
        // hashed, so that a mapping with many pairs is checked in linear time.
        let known: Set<String>? = keys.count > 16 ? Set(keys) : nil
        for pair in node.pairs {
            let key = pair.key
            guard key.kind == .scalar else {
                throw key.error("\(MappingReader.label(path))keys must be text, found \(key.kindDescription)")
            }
            // The usual case, a key spelled byte for byte as an allowed one, is found without
            // making a string; otherwise the key is compared as a string, as before.
            if known == nil && key.withUTF8({ MappingReader.contains(keys, $0) }) { continue }
            let name = key.text
            if !(known?.contains(name) ?? keys.contains(name)) {
                var message = "\(MappingReader.label(path))unknown key \(name.quotedForDiagnostic())"
                if !name.isEmpty,
                    name.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == " ") })
                        || (name.first?.isNumber == true && name.count <= 12 && name.contains(" "))
                {
                    // In a flow mapping, `{greater_than: 1,000,000 FLOP}` splits at each comma.
                    message +=
                        ": a comma inside a number splits a flow mapping ({greater_than: 1,000,000 FLOP} reads as "
                        + "keys '000' and '000 FLOP'); write 1000000, 1_000_000 or 1e6"
                    throw key.error(message)
                }
                if let suggestion = Suggestion.nearest(to: name, among: keys) {
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message += "; expected one of: \(keys.joined(separator: ", "))"
                }
                throw key.error(message)
            }
        }
    }

    /// Whether `bytes` is the UTF-8 of one of `keys`.
    static func contains(_ keys: [String], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        index(of: bytes, in: keys) != nil
    }

    /// The position of the first of `keys` whose UTF-8 is `bytes`, compared byte for byte in place.
    static func index(of bytes: UnsafeBufferPointer<UInt8>, in keys: [String]) -> Int? {
        for position in keys.indices {
            let key = keys[position]
            let equal =
                key.utf8.withContiguousStorageIfAvailable { candidate in
                    candidate.count == bytes.count
                        && (bytes.isEmpty || memcmp(candidate.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
                } ?? key.utf8.elementsEqual(bytes)
            if equal { return position }
        }
        return nil
    }

    /// The path of a key below this mapping.
    package func path(of key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// The value under `key`, or nil when the key is absent. A `null` value is returned as a node.
    package subscript(key: String) -> YAMLNode? { node[key] }

    /// The value under `key`, treating an explicit `null` like an absent key.
    package func value(_ key: String) -> YAMLNode? {
        guard let value = node[key], !value.isNull else { return nil }
        return value
    }

    /// The value under `key`, which must be present and not null.
    /// `what` is made only for an error message.
    package func required(_ key: String, what: @autoclosure () -> String) throws -> YAMLNode {
        guard let value = node[key] else {
            throw node.error("\(MappingReader.label(path))missing the required key '\(key)' (\(what()))")
        }
        guard !value.isNull else {
            throw value.error("\(MappingReader.label(path(of: key)))expected \(what()), found null")
        }
        return value
    }

    /// The text under `key`, which must be present.
    package func requiredString(_ key: String, what: String = "text") throws -> String {
        try required(key, what: what).string(lazyPath: path(of: key), what: what)
    }

    /// The text under `key`, or nil when absent or null.
    package func string(_ key: String, what: String = "text") throws -> String? {
        // The path is made only for the error message.
        try value(key)?.string(lazyPath: path(of: key), what: what)
    }

    /// The boolean under `key`, or nil when absent or null.
    package func bool(_ key: String) throws -> Bool? {
        guard let value = value(key) else { return nil }
        guard value.kind == .scalar, value.scalarKind == .bool else {
            throw value.error(
                "\(MappingReader.label(path(of: key)))expected true or false, found \(value.kindDescription)")
        }
        return value.text.lowercased() == "true"
    }

    /// The items under `key` (a sequence), or [] when absent or null.
    package func sequence(_ key: String, what: String = "a sequence") throws -> [(path: String, node: YAMLNode)] {
        guard let value = value(key) else { return [] }
        guard value.kind == .sequence else {
            throw value.error("\(MappingReader.label(path(of: key)))expected \(what), found \(value.kindDescription)")
        }
        let base = path(of: key)
        return value.items.indices.map { (MappingReader.itemPath(base, $0), value.items[$0]) }
    }

    /// A list of text items under `key`; a single text is taken as a list of one.
    package func strings(_ key: String, what: String = "a list of text") throws -> [String] {
        guard let value = value(key) else { return [] }
        if value.kind == .scalar { return [try value.string(lazyPath: path(of: key), what: what)] }
        // As `sequence(key, what:)` followed by `string(path:what:)` on each item, with the paths
        // made only for an error message.
        guard value.kind == .sequence else {
            throw value.error("\(MappingReader.label(path(of: key)))expected \(what), found \(value.kindDescription)")
        }
        var result: [String] = []
        result.reserveCapacity(value.count)
        for (offset, item) in value.items.enumerated() {
            result.append(try item.string(lazyPath: "\(path(of: key))[\(offset)]", what: "text"))
        }
        return result
    }

    /// `base[offset]`, the path of an item of the sequence at `base`: made from bytes, as string
    /// interpolation spends some 800 instructions on each (a profile's lists make thousands).
    static func itemPath(_ base: String, _ offset: Int) -> String {
        var base = base
        return base.withUTF8 { prefix in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: prefix.count + 22) { buffer in
                var end = buffer.baseAddress!
                if let start = prefix.baseAddress { end.initialize(from: start, count: prefix.count) }
                end += prefix.count
                end.initialize(to: UInt8(ascii: "["))
                end += 1
                // The digits, written from the last; an offset is never negative.
                var digits = 1
                var rest = offset / 10
                while rest > 0 { (digits, rest) = (digits + 1, rest / 10) }
                rest = offset
                for position in stride(from: digits - 1, through: 0, by: -1) {
                    (end + position).initialize(to: UInt8(ascii: "0") + UInt8(rest % 10))
                    rest /= 10
                }
                end += digits
                end.initialize(to: UInt8(ascii: "]"))
                end += 1
                return String(
                    decoding: UnsafeBufferPointer(start: buffer.baseAddress, count: end - buffer.baseAddress!),
                    as: UTF8.self)
            }
        }
    }

    /// "path: " for messages, or "" at the root.
    package static func label(_ path: String) -> String { path.isEmpty ? "" : path + ": " }
}

extension YAMLNode {
    /// The node's text, which must be a scalar (any style; numbers and booleans are taken as written).
    package func string(path: String, what: String = "text") throws -> String {
        try string(lazyPath: path, what: what)
    }

    /// The one of `terms` that this non-null scalar spells byte for byte, as that very string (no
    /// string is made from the scalar); nil for anything else.
    package func spelling(among terms: [String]) -> String? {
        guard kind == .scalar, !isNull, let position = withUTF8({ MappingReader.index(of: $0, in: terms) }) else {
            return nil
        }
        return terms[position]
    }

    /// `string(path:what:)`, with the path made only when it is needed for an error.
    package func string(lazyPath path: @autoclosure () -> String, what: String) throws -> String {
        guard kind == .scalar, !isNull else {
            throw error("\(MappingReader.label(path()))expected \(what), found \(kindDescription)")
        }
        return text
    }
}

/// Did-you-mean suggestions.
package enum Suggestion {
    /// The candidate nearest to `word` by edit distance, when it is near enough to be a likely typo.
    package static func nearest(to word: String, among candidates: [String]) -> String? {
        // The distance is at least the difference in length: a word far longer than every
        // candidate (a hostile megabyte-long key) is never compared letter by letter. A
        // candidate's bytes bound its scalars, and are counted without walking them.
        var longest = 0
        for candidate in candidates { longest = max(longest, candidate.utf8.count) }
        guard word.unicodeScalars.count <= longest + 3 else { return nil }
        let lowered = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let distance: Int?
            // A candidate of ASCII without a carriage return has one character and one scalar per
            // byte, lowercased or not: one whose length alone rules it out is passed over, and the
            // others are compared without a lowercased string and an array of it (a word that is
            // no known term is measured against every candidate).
            if candidate.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
                let limit = tolerance(candidate.utf8.count)
                guard abs(candidate.utf8.count - lowered.count) <= limit else { continue }
                distance = asciiDistance(lowered, candidate, atMost: limit)
            } else {
                let other = Array(candidate.lowercased().unicodeScalars)
                let limit = tolerance(candidate.count)
                guard abs(other.count - lowered.count) <= limit else { continue }
                distance = editDistance(lowered, other, atMost: limit)
            }
            if let distance, distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// ``editDistance(_:_:atMost:)`` of `lowered` and an ASCII `candidate`, lowercased byte by
    /// byte into a buffer on the stack.
    private static func asciiDistance(_ lowered: [Unicode.Scalar], _ candidate: String, atMost limit: Int) -> Int? {
        var candidate = candidate
        return candidate.withUTF8 { bytes in
            withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: bytes.count) { other in
                for (offset, byte) in bytes.enumerated() {
                    let lower = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                    (other.baseAddress! + offset).initialize(to: Unicode.Scalar(lower))
                }
                return lowered.withUnsafeBufferPointer { editDistance($0, UnsafeBufferPointer(other), atMost: limit) }
            }
        }
    }

    /// The candidate an id such as `third-party-cybersecurity-assessment` most likely means: the
    /// nearest by edit distance (``nearest(to:among:)``), else the one candidate whose whole
    /// hyphenated words the id holds, or that holds the id's, in order (`cybersecurity-assessment`,
    /// written with a prefix or suffix of its own, or shortened). A word that more than one
    /// candidate would fit is ambiguous, and nothing is suggested.
    package static func nearest(toID word: String, among candidates: [String]) -> String? {
        if let near = nearest(to: word, among: candidates) { return near }
        let words = word.lowercased().split(separator: "-", omittingEmptySubsequences: false)
        var found: String?
        for candidate in candidates {
            let parts = candidate.lowercased().split(separator: "-", omittingEmptySubsequences: false)
            // At least two words in common: a single word (`assessment`) says too little.
            let (shorter, longer) = parts.count <= words.count ? (parts, words) : (words, parts)
            guard shorter.count >= 2, shorter.count < longer.count, contains(longer, run: shorter) else { continue }
            guard found == nil else { return nil }
            found = candidate
        }
        return found
    }

    /// Whether `words` holds `run`, word for word, at some position.
    private static func contains(_ words: [Substring], run: [Substring]) -> Bool {
        (0...(words.count - run.count)).contains { words[$0..<$0 + run.count].elementsEqual(run) }
    }

    /// The largest edit distance at which a candidate of `length` characters is suggested.
    static func tolerance(_ length: Int) -> Int { max(1, min(3, length / 3)) }

    /// ``editDistance(_:_:)`` when it is at most `limit`, else nil. Rows stop being worked out
    /// once one has no value within `limit`: a row's least value is never below the row above's
    /// (each value comes from the row above, or from the one above that plus one, and a row's
    /// least is at most one more than the row above's). A word far from every candidate, as most
    /// unknown words are, costs a few rows rather than the whole table.
    package static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost limit: Int) -> Int? {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in editDistance(a, b, atMost: limit) } }
    }

    /// ``editDistance(_:_:atMost:)`` of scalars where they lie.
    static func editDistance(
        _ a: UnsafeBufferPointer<Unicode.Scalar>, _ b: UnsafeBufferPointer<Unicode.Scalar>, atMost limit: Int
    ) -> Int? {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        guard abs(a.count - b.count) <= limit else { return nil }
        let width = b.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * width) { rows in
            var previous2 = rows.baseAddress!, previous = previous2 + width, current = previous + width
            for j in 0..<width { previous2[j] = 0; previous[j] = j }
            for i in 1...a.count {
                current[0] = i
                var minimum = i
                for j in 1...b.count {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        value = min(value, previous2[j - 2] + 1)
                    }
                    current[j] = value
                    minimum = min(minimum, value)
                }
                if minimum > limit { return nil }
                (previous2, previous, current) = (previous, current, previous2)
            }
            return previous[b.count] <= limit ? previous[b.count] : nil
        }
    }

    /// Levenshtein distance with adjacent transpositions (Damerau, optimal string alignment).
    package static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        // No bound: no row ends it early, and a distance is always given.
        editDistance(a, b, atMost: .max)!
    }
}
