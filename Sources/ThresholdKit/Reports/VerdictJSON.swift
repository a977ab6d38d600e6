extension Verdict {
    /// The verdict as one line of JSON in the `threshold.verdict/1` schema (see "The Verdict Format").
    public func jsonLine() -> String {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.output
    }

    /// The verdict's line of JSON (exactly ``jsonLine()``) as UTF-8, with a line feed if asked.
    /// `text` is the rule book's text laid out once, which saves writing it member by member.
    package func jsonLineBytes(lineFeed: Bool = false, text: RuleBookJSONText? = nil) -> [UInt8] {
        // Written straight into the array returned, not into a buffer copied into it after: a
        // line of every built-in pack is some 37 KB. A longer line than the room made (a profile
        // of many models) moves to a buffer of the writer's own as it grows, and is copied out.
        var longer: [UInt8]?
        let line = [UInt8](unsafeUninitializedCapacity: 64 * 1024) { storage, initialized in
            var writer = JSONWriter(writingInto: storage)
            write(to: &writer, text: text)
            if lineFeed { writer.appendLineFeed() }
            if writer.isInLentStorage {
                initialized = writer.count
            } else {
                longer = writer.takeBytes()
                initialized = 0
            }
        }
        return longer ?? line
    }

    /// The verdict as indented JSON.
    public func prettyJSON() -> String {
        var writer = JSONWriter(pretty: true)
        write(to: &writer)
        return writer.output
    }

    /// Writes the verdict; with `text` (and a compact writer), the rule book's members are copied
    /// from it where the results' values are its own.
    func write(to w: inout JSONWriter, text: RuleBookJSONText? = nil) {
        let text = w.isPretty ? nil : text
        w.object { w in
            w.member("schema", Verdict.schema)
            w.member("profile", profile)
            w.member("organization", organization)
            w.member("as_of", date: asOf)
            w.member("packs") { w in
                var cursor = 0
                for index in packs.indices {
                    packs[index].write(to: &w, text: text?.pack(packs[index].pack, cursor: &cursor))
                }
            }
            w.member("errors") { w in
                for error in errors {
                    w.object { w in
                        w.member("message", error.message)
                        w.member("line", error.mark.line)
                        w.member("column", error.mark.column)
                        w.member("kind", error.kind.rawValue)
                        w.member("file", error.file)
                        w.member("text", error.headline)
                    }
                }
            }
        }
    }
}

extension PackResult {
    func write(to w: inout JSONWriter, text: RuleBookJSONText.Pack? = nil) {
        w.object { w in
            if let text, text.title == title, text.status == status {
                w.members(preRendered: text.head)
            } else {
                Self.writeHead(pack: pack, title: title, status: status, to: &w)
            }
            w.member("in_force", inForce)
            if let inForceReason { w.member("in_force_reason", inForceReason) }
            if status == .proposed { w.member("evaluated_as_if_enacted", true) }
            if let reading {
                w.member("reading", reading)
                w.member("depends_on_reading", dependsOnReading)
            }
            // Each result is written where it lies, through a pointer: a method called on an
            // array's element works on a copy of it (each of its strings retained and released).
            w.member("thresholds") { w in
                var cursor = 0
                thresholds.withUnsafeBufferPointer { thresholds in
                    for index in thresholds.indices {
                        ThresholdResult.write(
                            thresholds.baseAddress! + index, to: &w,
                            text: text?.threshold(thresholds[index].id, cursor: &cursor))
                    }
                }
            }
            w.member("obligations") { w in
                var cursor = 0
                obligations.withUnsafeBufferPointer { obligations in
                    for index in obligations.indices {
                        ObligationResult.write(
                            obligations.baseAddress! + index, to: &w,
                            text: text?.obligation(obligations[index].id, cursor: &cursor))
                    }
                }
            }
            w.member(literal: VerdictMember.deployment(deployment))
            if !deploymentByModel.isEmpty {
                w.member("deployment_by_model") { w in
                    for entry in deploymentByModel {
                        w.object { w in
                            w.member("model", entry.model)
                            w.member("deployment", entry.deployment.rawValue)
                        }
                    }
                }
            }
        }
    }
}

extension PackResult {
    /// The members that name a pack, the first of its object.
    static func writeHead(pack: String, title: String, status: RulePack.Status, to w: inout JSONWriter) {
        w.member("pack", pack)
        w.member("title", title)
        w.member("status", status.rawValue)
    }
}

extension ThresholdResult {
    /// Writes the result at `result`, read in place.
    static func write(
        _ result: UnsafePointer<ThresholdResult>, to w: inout JSONWriter, text: RuleBookJSONText.Threshold?
    ) {
        // Opened and closed here rather than in a closure, which would capture a copy.
        w.beginObjectValue()
        if let text { w.members(preRendered: text.head) } else { w.member("id", result.pointee.id) }
        w.member("subject", result.pointee.subject)
        w.member(literal: VerdictMember.result(result.pointee.result))
        w.member("value", decimal: result.pointee.value)
        if let text, text.hasMeasure(of: result) {
            w.members(preRendered: text.measure)
        } else {
            writeMeasure(limit: result.pointee.limit, unit: result.pointee.unit, to: &w)
        }
        w.member("line", result.pointee.mark?.line)
        w.member("column", result.pointee.mark?.column)
        w.member(literal: VerdictMember.comparison(result.pointee.comparison))
        w.member("margin", decimal: result.pointee.margin)
        if let range = result.pointee.range {
            w.member("low", decimal: range.lowerBound)
            w.member("high", decimal: range.upperBound)
        }
        if !result.pointee.notes.isEmpty { w.member("notes", strings: result.pointee.notes) }
        if let text, text.hasSource(of: result) {
            w.members(preRendered: text.tail)
        } else {
            writeSource(
                cite: result.pointee.cite, citation: result.pointee.citation, url: result.pointee.sourceURL,
                grade: result.pointee.sourceGrade, to: &w)
        }
        w.endObject()
    }

    /// The members that give a threshold's line: its limit and unit.
    static func writeMeasure(limit: ExactDecimal, unit: String, to w: inout JSONWriter) {
        w.member("limit", decimal: limit)
        w.member("unit", unit)
    }

    /// The members that cite a threshold's source, the last of its object.
    static func writeSource(
        cite: String?, citation: String?, url: String?, grade: RulePack.Source.Grade?, to w: inout JSONWriter
    ) {
        w.member("cite", cite)
        w.member("citation", citation)
        if let url { w.member("source_url", url) }
        if let grade { w.member("source_grade", grade.rawValue) }
    }
}

extension ObligationResult {
    /// Writes the result at `result`, read in place.
    static func write(
        _ result: UnsafePointer<ObligationResult>, to w: inout JSONWriter, text: RuleBookJSONText.Obligation?
    ) {
        // Opened and closed here rather than in a closure, which would capture a copy.
        w.beginObjectValue()
        if let text { w.members(preRendered: text.head) } else { w.member("id", result.pointee.id) }
        w.member(literal: VerdictMember.applies(result.pointee.applies))
        w.member(literal: VerdictMember.status(result.pointee.status))
        w.member(because: result.pointee.because, text: text)
        w.member(decidedBy: result.pointee.decidedBy, text: text)
        if let text, text.hasTitle(of: result) {
            w.members(preRendered: text.middle)
        } else {
            writeTitle(result.pointee.title, kind: result.pointee.kind, to: &w)
        }
        w.member(due: result.pointee.due)
        if let days = result.pointee.lateByDays { w.member("late_by_days", days) }
        if let date = result.pointee.overdueSince { w.member("overdue_since", date: date) }
        if let date = result.pointee.validUntil { w.member("valid_until", date: date) }
        if let date = result.pointee.expiredOn { w.member("expired_on", date: date) }
        if let text, text.hasCitation(of: result) {
            w.members(preRendered: text.tail)
        } else {
            writeCitation(result.pointee.citation, grade: result.pointee.sourceGrade, to: &w)
        }
        if !result.pointee.byReading.isEmpty {
            w.key("by_reading")
            w.object { w in
                for entry in result.pointee.byReading {
                    w.key(dynamic: entry.reading)
                    w.string(entry.applies.rawValue)
                }
            }
        }
        if !result.pointee.notes.isEmpty { w.member("notes", strings: result.pointee.notes) }
        if !result.pointee.subjects.isEmpty {
            w.member("models") { w in
                result.pointee.subjects.withUnsafeBufferPointer { subjects in
                    for subject in subjects.indices {
                        writeSubject(subjects.baseAddress! + subject, to: &w, text: text)
                    }
                }
            }
        }
        w.endObject()
    }

    /// Writes one model's part, read in place.
    private static func writeSubject(
        _ subject: UnsafePointer<SubjectResult>, to w: inout JSONWriter, text: RuleBookJSONText.Obligation?
    ) {
        w.beginObjectValue()
        w.member("model", modelName: subject.pointee.subject)
        w.member(literal: VerdictMember.applies(subject.pointee.applies))
        w.member(literal: VerdictMember.status(subject.pointee.status))
        w.member(because: subject.pointee.because, text: text)
        w.member(decidedBy: subject.pointee.decidedBy, text: text)
        w.member(due: subject.pointee.due)
        if let days = subject.pointee.lateByDays { w.member("late_by_days", days) }
        if let date = subject.pointee.overdueSince { w.member("overdue_since", date: date) }
        if let date = subject.pointee.validUntil { w.member("valid_until", date: date) }
        if let date = subject.pointee.expiredOn { w.member("expired_on", date: date) }
        if !subject.pointee.notes.isEmpty { w.member("notes", strings: subject.pointee.notes) }
        w.endObject()
    }
}

extension ObligationResult {
    /// The members that say what an obligation is.
    static func writeTitle(_ title: String, kind: String, to w: inout JSONWriter) {
        w.member("title", title)
        w.member("kind", kind)
    }

    /// The members that cite an obligation's source.
    static func writeCitation(_ citation: String?, grade: RulePack.Source.Grade?, to w: inout JSONWriter) {
        w.member("citation", citation)
        if let grade { w.member("source_grade", grade.rawValue) }
    }
}

extension JSONWriter {
    /// `"because":[…]`: the ids that bring a duty into scope; when there are none, the literal.
    /// A list the duty's runs hold (`text`) is copied from them.
    mutating func member(because ids: [String], text: RuleBookJSONText.Obligation? = nil) {
        if ids.isEmpty {
            member(literal: VerdictMember.noReasons)
        } else if let text, let list = text.idList(ids) {
            members(preRendered: text.because[list])
        } else {
            member("because", strings: ids)
        }
    }

    /// `"decided_by":[…]`: what keeps a duty out of scope or undecided; nothing when nothing
    /// does. A list the duty's runs hold (`text`) is copied from them.
    mutating func member(decidedBy ids: [String], text: RuleBookJSONText.Obligation? = nil) {
        guard !ids.isEmpty else { return }
        if let text, let list = text.idList(ids) {
            members(preRendered: text.decidedBy[list])
        } else {
            member("decided_by", strings: ids)
        }
    }

    /// `"due":"YYYY-MM-DD"`; when a duty has no due date, the literal `"due":null`.
    mutating func member(due: CalendarDate?) {
        if let due { member("due", date: due) } else { member(literal: VerdictMember.noDueDate) }
    }
}

/// The members of a verdict whose value is one of a fixed set of words (a result, a comparison,
/// an applicability, a status, a deployment) or is empty, each laid out beforehand as compact JSON
/// for ``JSONWriter/member(literal:)``. `JSONWriterTests` checks every one against the member
/// written part by part.
enum VerdictMember {
    /// `"because":[]`: a duty that no threshold brings into scope.
    static let noReasons: StaticString = #""because":[]"#

    /// `"due":null`: a duty with no due date.
    static let noDueDate: StaticString = #""due":null"#

    /// `"result":…`, a threshold's ``Truth/name``.
    static func result(_ truth: Truth) -> StaticString {
        switch truth {
        case .met: return #""result":"met""#
        case .notMet: return #""result":"not-met""#
        case .indeterminate: return #""result":"indeterminate""#
        }
    }

    /// `"comparison":…`, a threshold's comparison.
    static func comparison(_ comparison: Comparison) -> StaticString {
        switch comparison {
        case .greaterThan: return #""comparison":"greater_than""#
        case .atLeast: return #""comparison":"at_least""#
        case .lessThan: return #""comparison":"less_than""#
        case .atMost: return #""comparison":"at_most""#
        }
    }

    /// `"applies":…`, whether an obligation applies.
    static func applies(_ applies: Applicability) -> StaticString {
        switch applies {
        case .yes: return #""applies":"yes""#
        case .no: return #""applies":"no""#
        case .indeterminate: return #""applies":"indeterminate""#
        }
    }

    /// `"status":…`, an obligation's status.
    static func status(_ status: ObligationStatus) -> StaticString {
        switch status {
        case .met: return #""status":"met""#
        case .late: return #""status":"late""#
        case .pending: return #""status":"pending""#
        case .unmet: return #""status":"unmet""#
        case .expired: return #""status":"expired""#
        case .notRequired: return #""status":"not-required""#
        case .indeterminate: return #""status":"indeterminate""#
        }
    }

    /// `"deployment":…`, a pack's deployment verdict.
    static func deployment(_ deployment: Deployment) -> StaticString {
        switch deployment {
        case .permitted: return #""deployment":"permitted""#
        case .blocked: return #""deployment":"blocked""#
        case .indeterminate: return #""deployment":"indeterminate""#
        case .notGated: return #""deployment":"not-gated""#
        }
    }
}

extension Truth {
    /// `met`, `not-met` or `indeterminate`, as the verdict format spells it.
    public var name: String {
        switch self {
        case .met: return "met"
        case .notMet: return "not-met"
        case .indeterminate: return "indeterminate"
        }
    }

    /// The truth value a name spells.
    package init?(name: String) {
        switch name {
        case "met": self = .met
        case "not-met": self = .notMet
        case "indeterminate": self = .indeterminate
        default: return nil
        }
    }
}
