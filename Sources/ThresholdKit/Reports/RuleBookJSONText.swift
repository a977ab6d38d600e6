/// The members of a verdict's JSON that a rule book gives and every verdict repeats — a pack's id
/// and title, a threshold's limit, unit, citation and source, an obligation's title and kind —
/// escaped and laid out as compact JSON once per report, so that rendering a verdict copies each
/// run of them as one block instead of writing and escaping member after member. They are close
/// to half the bytes of a verdict of every built-in pack.
///
/// Each run keeps the values it was written from, and a result uses it only when its own values
/// are the same: usually the very same strings, copied from the pack, so the check compares two
/// words per value. A result whose values differ (a verdict from another book, one changed by its
/// caller, a reading's variant of a pack) has its members written one by one, as without this
/// table. So the output is the same with or without it; only the work differs.
package final class RuleBookJSONText: Sendable {
    /// A pack's runs, and those of its thresholds and obligations in the pack's order. (Classes,
    /// as are the threshold's and obligation's runs: a report looks one up for every result it
    /// writes, and a reference is passed with one retain, not one for each of its members.)
    final class Pack: Sendable {
        let title: String
        let status: RulePack.Status
        private let block: RunBlock
        /// `"pack":…,"title":…,"status":…`
        let head: Run
        let thresholds: [Threshold]
        let obligations: [Obligation]
        /// The ids of `thresholds` and of `obligations`, searched without copying an element.
        let thresholdIDs: [String]
        let obligationIDs: [String]

        init(
            title: String, status: RulePack.Status, head: [UInt8], thresholds: [Threshold], obligations: [Obligation],
            thresholdIDs: [String], obligationIDs: [String]
        ) {
            self.title = title
            self.status = status
            block = RunBlock([head])
            self.head = block.runs[0]
            self.thresholds = thresholds
            self.obligations = obligations
            self.thresholdIDs = thresholdIDs
            self.obligationIDs = obligationIDs
        }
    }

    /// A threshold's runs.
    final class Threshold: Sendable {
        let limit: ExactDecimal
        let unit: String
        /// The threshold's id and what it cites: the very reference its results share.
        let text: Shared<ThresholdText>
        private let block: RunBlock
        /// `"id":…`
        let head: Run
        /// `"limit":…,"unit":…`
        let measure: Run
        /// `"cite":…,"citation":…`, then `"source_url":…` and `"source_grade":…` when there are.
        let tail: Run

        init(
            limit: ExactDecimal, unit: String, text: Shared<ThresholdText>, head: [UInt8], measure: [UInt8],
            tail: [UInt8]
        ) {
            self.limit = limit
            self.unit = unit
            self.text = text
            block = RunBlock([head, measure, tail])
            (self.head, self.measure, self.tail) = (block.runs[0], block.runs[1], block.runs[2])
        }

        /// Whether the result's limit and unit are this threshold's own (a line drawn relative to
        /// another fact, or a modification's test, has its own). Exact decimals are canonical, so
        /// equal limits are written alike.
        func hasMeasure(of result: UnsafePointer<ThresholdResult>) -> Bool {
            result.pointee.limit == limit && result.pointee.unit == unit
        }

        /// Whether the result's citation and source are this threshold's, as the JSON writes them
        /// (the source's title is not written). A result the evaluator made shares the reference.
        func hasSource(of result: UnsafePointer<ThresholdResult>) -> Bool {
            let other = result.pointee.text
            guard other !== text else { return true }
            let (a, b) = (other.fields, text.fields)
            return a.cite == b.cite && a.citation == b.citation && a.url == b.url && a.grade == b.grade
        }
    }

    /// An obligation's runs.
    final class Obligation: Sendable {
        /// The duty's text: the very reference its results share.
        let text: Shared<DutyText>
        private let block: RunBlock
        /// `"id":…`
        let head: Run
        /// `"title":…,"kind":…`
        let middle: Run
        /// `"citation":…`, then `"source_grade":…` when there is one.
        let tail: Run
        /// The lists of threshold ids that the duty's results most often give as `because` and
        /// `decided_by`, the plan's very arrays: every id its formula reads, then each id alone
        /// (see `IDList`).
        let idLists: [[String]]
        /// `"because":[…]` and `"decided_by":[…]` for each of `idLists`.
        let because: Runs
        let decidedBy: Runs

        init(
            text: Shared<DutyText>, head: [UInt8], middle: [UInt8], tail: [UInt8], idLists: [[String]] = []
        ) {
            self.text = text
            self.idLists = idLists
            let because = idLists.map { ids in RuleBookJSONText.members { $0.member("because", strings: ids) } }
            let decidedBy = idLists.map { ids in RuleBookJSONText.members { $0.member("decided_by", strings: ids) } }
            block = RunBlock([head, middle, tail] + because + decidedBy)
            (self.head, self.middle, self.tail) = (block.runs[0], block.runs[1], block.runs[2])
            self.because = Runs(block.runs, from: 3, count: idLists.count)
            self.decidedBy = Runs(block.runs, from: 3 + idLists.count, count: idLists.count)
        }

        /// The position in `idLists` of `ids` when it is one of them, the very array (not an
        /// equal one: that is checked in a word, and a result the evaluator made shares it).
        func idList(_ ids: [String]) -> Int? {
            guard !ids.isEmpty else { return nil }
            return ids.withUnsafeBufferPointer { wanted in
                idLists.firstIndex { list in
                    list.withUnsafeBufferPointer { $0.baseAddress == wanted.baseAddress && $0.count == wanted.count }
                }
            }
        }

        var title: String { text.fields.title }
        var kind: String { text.fields.kind }
        var citation: String? { text.fields.citation }
        var sourceGrade: RulePack.Source.Grade? { text.fields.grade }

        /// Whether the result's title and kind are this duty's.
        func hasTitle(of result: UnsafePointer<ObligationResult>) -> Bool {
            let other = result.pointee.text
            return other === text || (other.fields.title == title && other.fields.kind == kind)
        }

        /// Whether the result's citation and source grade are this duty's.
        func hasCitation(of result: UnsafePointer<ObligationResult>) -> Bool {
            let other = result.pointee.text
            return other === text || (other.fields.citation == citation && other.fields.grade == sourceGrade)
        }
    }

    /// A run of bytes laid out beforehand, read in place from the ``RunBlock`` that holds it.
    /// Passed on as a pointer, with no retain: an array read from a class's property is retained
    /// and released at every use, some 300 times for a verdict of every built-in pack.
    ///
    /// Unchecked `Sendable`: the bytes are written once, before the run is made, and never again;
    /// the object that holds the run holds its block too, which keeps the bytes alive.
    struct Run: @unchecked Sendable {
        /// The bytes.
        let bytes: UnsafeRawBufferPointer
    }

    /// Runs side by side in a ``RunBlock``, by position.
    struct Runs: @unchecked Sendable {
        private let runs: UnsafeBufferPointer<Run>

        /// The `count` runs of `all` from `start`.
        init(_ all: UnsafeBufferPointer<Run>, from start: Int, count: Int) {
            runs = UnsafeBufferPointer(rebasing: all[start..<(start + count)])
        }

        /// The number of runs.
        var count: Int { runs.count }

        /// The run at `position`.
        subscript(position: Int) -> Run { runs[position] }
    }

    /// Runs laid out once in one block of memory, which this object owns and frees with itself.
    ///
    /// Unchecked `Sendable`: the block and the runs are written in `init` and only read after.
    final class RunBlock: @unchecked Sendable {
        private let bytes: UnsafeMutableRawBufferPointer
        /// Each piece given to `init`, in order, as a run in the block.
        let runs: UnsafeBufferPointer<Run>

        /// A block holding `pieces`, one after another.
        init(_ pieces: [[UInt8]]) {
            let block = UnsafeMutableRawBufferPointer.allocate(
                byteCount: Swift.max(1, pieces.reduce(0) { $0 + $1.count }), alignment: 1)
            let runs = UnsafeMutableBufferPointer<Run>.allocate(capacity: Swift.max(1, pieces.count))
            var offset = 0
            for (index, piece) in pieces.enumerated() {
                let start = block.baseAddress! + offset
                piece.withUnsafeBytes { source in
                    if let from = source.baseAddress { start.copyMemory(from: from, byteCount: source.count) }
                }
                (runs.baseAddress! + index).initialize(
                    to: Run(bytes: UnsafeRawBufferPointer(start: start, count: piece.count)))
                offset += piece.count
            }
            bytes = block
            self.runs = UnsafeBufferPointer(start: runs.baseAddress, count: pieces.count)
        }

        deinit {
            bytes.deallocate()
            UnsafeMutableBufferPointer(mutating: runs).deallocate()
        }
    }

    /// The book's packs, in its order, and their ids.
    let packs: [Pack]
    let packIDs: [String]

    /// The runs of every pack in `book`.
    init(book: RuleBook) {
        // Each pack as its results are evaluated (the reading reported, for a pack with readings):
        // its results share that plan's texts and lists, which are then found by identity.
        packs = book.packs.indices.map { index in
            let (pack, plan) = book.evaluated(index)
            return Pack(
                title: pack.title, status: pack.status,
                head: Self.members {
                    PackResult.writeHead(pack: pack.id, title: pack.title, status: pack.status, to: &$0)
                },
                thresholds: zip(pack.thresholds, plan.thresholdTexts).map { threshold, text in
                    Threshold(
                        limit: threshold.test.limit, unit: threshold.test.unit, text: text,
                        head: Self.members { $0.member("id", threshold.id) },
                        measure: Self.members { w in
                            ThresholdResult.writeMeasure(limit: threshold.test.limit, unit: threshold.test.unit, to: &w)
                        },
                        tail: Self.members { w in
                            ThresholdResult.writeSource(
                                cite: text.fields.cite, citation: text.fields.citation, url: text.fields.url,
                                grade: text.fields.grade, to: &w)
                        })
                },
                obligations: plan.dutyTexts.indices.map { position in
                    let text = plan.dutyTexts[position]
                    let reads = plan.reads[position]
                    let ids = plan.readIDs[position]
                    let alone = ids.compactMap { id in reads.first { $0.id == id }?.alone }
                    return Obligation(
                        text: text,
                        head: Self.members { $0.member("id", text.fields.id) },
                        middle: Self.members {
                            ObligationResult.writeTitle(text.fields.title, kind: text.fields.kind, to: &$0)
                        },
                        tail: Self.members { w in
                            ObligationResult.writeCitation(text.fields.citation, grade: text.fields.grade, to: &w)
                        },
                        idLists: ids.isEmpty ? [] : [ids] + alone)
                },
                thresholdIDs: pack.thresholds.map(\.id), obligationIDs: pack.obligations.map(\.id))
        }
        packIDs = book.packs.map(\.id)
    }

    /// The members `body` writes, as compact JSON without the braces around them.
    fileprivate static func members(_ body: (inout JSONWriter) -> Void) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        body(&writer)
        writer.endObject()
        let bytes = writer.takeBytes()
        return Array(bytes[1..<(bytes.count - 1)])
    }

    /// The pack whose id is `id`. Results come in the book's order, so the search starts at
    /// `cursor` (where the last one was found) and goes round once.
    func pack(_ id: String, cursor: inout Int) -> Pack? {
        Self.find(id, in: packIDs, cursor: &cursor).map { packs[$0] }
    }

    /// The position in `ids` of `id`, searched from `cursor` round to it; `cursor` moves to it
    /// when found.
    static func find(_ id: String, in ids: [String], cursor: inout Int) -> Int? {
        let count = ids.count
        let utf8Count = id.utf8.count
        var position = cursor < count ? cursor : 0
        for _ in 0..<count {
            if ids[position].utf8.count == utf8Count && ids[position] == id {
                cursor = position
                return position
            }
            position = position + 1 == count ? 0 : position + 1
        }
        return nil
    }
}

extension RuleBookJSONText.Pack {
    /// The threshold whose id is `id`, searched from `cursor` (see ``RuleBookJSONText/find(_:in:cursor:)``).
    func threshold(_ id: String, cursor: inout Int) -> RuleBookJSONText.Threshold? {
        RuleBookJSONText.find(id, in: thresholdIDs, cursor: &cursor).map { thresholds[$0] }
    }

    /// The obligation whose id is `id`, searched from `cursor`.
    func obligation(_ id: String, cursor: inout Int) -> RuleBookJSONText.Obligation? {
        RuleBookJSONText.find(id, in: obligationIDs, cursor: &cursor).map { obligations[$0] }
    }
}
