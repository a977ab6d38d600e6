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
        var writer = JSONWriter(capacity: 64 * 1024)
        write(to: &writer, text: text)
        if lineFeed { writer.appendLineFeed() }
        return writer.takeBytes()
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
            w.member("thresholds") { w in
                var cursor = 0
                for index in thresholds.indices {
                    thresholds[index].write(to: &w, text: text?.threshold(thresholds[index].id, cursor: &cursor))
                }
            }
            w.member("obligations") { w in
                var cursor = 0
                for index in obligations.indices {
                    obligations[index].write(to: &w, text: text?.obligation(obligations[index].id, cursor: &cursor))
                }
            }
            w.member("deployment", deployment.rawValue)
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
    func write(to w: inout JSONWriter, text: RuleBookJSONText.Threshold? = nil) {
        w.object { w in
            if let text { w.members(preRendered: text.head) } else { w.member("id", id) }
            w.member("subject", subject)
            w.member("result", result.name)
            w.member("value", decimal: value)
            w.member("limit", decimal: limit)
            w.member("unit", unit)
            w.member("line", mark?.line)
            w.member("column", mark?.column)
            w.member("comparison", comparison.rawValue)
            w.member("margin", decimal: margin)
            if let range {
                w.member("low", decimal: range.lowerBound)
                w.member("high", decimal: range.upperBound)
            }
            if !notes.isEmpty { w.member("notes", strings: notes) }
            if let text, text.hasSource(of: self) {
                w.members(preRendered: text.tail)
            } else {
                Self.writeSource(cite: cite, citation: citation, url: sourceURL, grade: sourceGrade, to: &w)
            }
        }
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
    func write(to w: inout JSONWriter, text: RuleBookJSONText.Obligation? = nil) {
        w.object { w in
            if let text { w.members(preRendered: text.head) } else { w.member("id", id) }
            w.member("applies", applies.rawValue)
            w.member("status", status.rawValue)
            w.member("because", strings: because)
            if !decidedBy.isEmpty { w.member("decided_by", strings: decidedBy) }
            if let text, text.title == title, text.kind == kind {
                w.members(preRendered: text.middle)
            } else {
                Self.writeTitle(title, kind: kind, to: &w)
            }
            w.member("due", date: due)
            if let lateByDays { w.member("late_by_days", lateByDays) }
            if let overdueSince { w.member("overdue_since", date: overdueSince) }
            if let validUntil { w.member("valid_until", date: validUntil) }
            if let expiredOn { w.member("expired_on", date: expiredOn) }
            if let text, text.citation == citation, text.sourceGrade == sourceGrade {
                w.members(preRendered: text.tail)
            } else {
                Self.writeCitation(citation, grade: sourceGrade, to: &w)
            }
            if !byReading.isEmpty {
                w.key("by_reading")
                w.object { w in
                    for entry in byReading {
                        w.key(dynamic: entry.reading)
                        w.string(entry.applies.rawValue)
                    }
                }
            }
            if !notes.isEmpty { w.member("notes", strings: notes) }
            if !subjects.isEmpty {
                w.member("models") { w in
                    // By index, reading fields: `for … in` would copy each subject's result.
                    for index in subjects.indices {
                        w.object { w in
                            w.member("model", modelName: subjects[index].subject)
                            w.member("applies", subjects[index].applies.rawValue)
                            w.member("status", subjects[index].status.rawValue)
                            w.member("because", strings: subjects[index].because)
                            if !subjects[index].decidedBy.isEmpty {
                                w.member("decided_by", strings: subjects[index].decidedBy)
                            }
                            w.member("due", date: subjects[index].due)
                            if let days = subjects[index].lateByDays { w.member("late_by_days", days) }
                            if let date = subjects[index].overdueSince { w.member("overdue_since", date: date) }
                            if let date = subjects[index].validUntil { w.member("valid_until", date: date) }
                            if let date = subjects[index].expiredOn { w.member("expired_on", date: date) }
                            if !subjects[index].notes.isEmpty { w.member("notes", strings: subjects[index].notes) }
                        }
                    }
                }
            }
        }
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
