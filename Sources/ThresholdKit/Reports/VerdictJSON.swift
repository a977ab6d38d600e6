extension Verdict {
    /// The verdict as one line of JSON in the `threshold.verdict/1` schema (see "The Verdict Format").
    public func jsonLine() -> String {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.output
    }

    /// The verdict's line of JSON (exactly ``jsonLine()``) as UTF-8, with a line feed if asked.
    package func jsonLineBytes(lineFeed: Bool = false) -> [UInt8] {
        var writer = JSONWriter(capacity: 64 * 1024)
        write(to: &writer)
        if lineFeed { writer.appendLineFeed() }
        return writer.takeBytes()
    }

    /// The verdict as indented JSON.
    public func prettyJSON() -> String {
        var writer = JSONWriter(pretty: true)
        write(to: &writer)
        return writer.output
    }

    func write(to w: inout JSONWriter) {
        w.object { w in
            w.member("schema", Verdict.schema)
            w.member("profile", profile)
            w.member("organization", organization)
            w.member("as_of", date: asOf)
            w.member("packs") { w in for index in packs.indices { packs[index].write(to: &w) } }
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
    func write(to w: inout JSONWriter) {
        w.object { w in
            w.member("pack", pack)
            w.member("title", title)
            w.member("status", status.rawValue)
            w.member("in_force", inForce)
            if let inForceReason { w.member("in_force_reason", inForceReason) }
            if status == .proposed { w.member("evaluated_as_if_enacted", true) }
            if let reading {
                w.member("reading", reading)
                w.member("depends_on_reading", dependsOnReading)
            }
            w.member("thresholds") { w in
                for index in thresholds.indices { thresholds[index].write(to: &w) }
            }
            w.member("obligations") { w in
                for index in obligations.indices { obligations[index].write(to: &w) }
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

extension ThresholdResult {
    func write(to w: inout JSONWriter) {
        w.object { w in
            w.member("id", id)
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
            w.member("cite", cite)
            w.member("citation", citation)
            if let sourceURL { w.member("source_url", sourceURL) }
            if let sourceGrade { w.member("source_grade", sourceGrade.rawValue) }
        }
    }
}

extension ObligationResult {
    func write(to w: inout JSONWriter) {
        w.object { w in
            w.member("id", id)
            w.member("applies", applies.rawValue)
            w.member("status", status.rawValue)
            w.member("because", strings: because)
            if !decidedBy.isEmpty { w.member("decided_by", strings: decidedBy) }
            w.member("title", title)
            w.member("kind", kind)
            w.member("due", date: due)
            if let lateByDays { w.member("late_by_days", lateByDays) }
            if let overdueSince { w.member("overdue_since", date: overdueSince) }
            if let validUntil { w.member("valid_until", date: validUntil) }
            if let expiredOn { w.member("expired_on", date: expiredOn) }
            w.member("citation", citation)
            if let sourceGrade { w.member("source_grade", sourceGrade.rawValue) }
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
