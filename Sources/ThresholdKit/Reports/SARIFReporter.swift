/// `sarif`: SARIF 2.1.0, as GitHub code scanning and other static-analysis viewers read it, streamed.
///
/// - `runs[0].tool.driver.rules` has one rule per obligation (`PACK/OBLIGATION`, default level
///   `error`) and one per threshold (`PACK/threshold/THRESHOLD`, level `note`) of every pack in the
///   rule book, each with its citation as help text, plus `threshold/invalid-profile`.
/// - Results, for packs in force: an obligation that applies and is unmet or expired is an `error`,
///   one whose applicability or status is indeterminate a `warning` (one result per model for
///   per-model obligations), located at the line and column of the fact that triggered it (the
///   first met threshold in its `because`); a threshold met or indeterminate is a `note` at its
///   fact. An invalid profile is an `error` at the error's line and column.
/// - Locations are relative URIs (`uriBaseId` `%SRCROOT%`) for relative paths, `file://` URIs for
///   absolute ones; columns count Unicode code points (`columnKind`).
/// - What the walk skipped is reported as tool execution notifications of the invocation, whose
///   `executionSuccessful` is false when the walk could not list a directory (profiles may have
///   been missed).
/// - GitHub code scanning rejects a run of more than ``gitHubResultLimit`` results: compare
///   ``resultCount`` with it once the report is written.
package struct SARIFReporter: Reporter {
    /// `sarif`.
    package static let identifier = "sarif"
    /// The `$schema` written.
    package static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The rule id of an invalid profile.
    package static let invalidProfileRule = "threshold/invalid-profile"
    /// The most results GitHub code scanning accepts in one run: it rejects a larger upload.
    package static let gitHubResultLimit = 25_000
    /// The most results of one run GitHub code scanning shows (the most severe first).
    package static let gitHubShownResults = 5_000

    /// The results written so far.
    package private(set) var resultCount = 0

    private let context: ReportContext
    private var ruleIndex: [String: Int] = [:]
    private var first = true

    /// Creates a reporter.
    package init(context: ReportContext) {
        self.context = context
        var index = 0
        for pack in context.book.packs {
            for obligation in pack.obligations {
                ruleIndex[Self.ruleID(pack: pack.id, obligation: obligation.id)] = index; index += 1
            }
            for threshold in pack.thresholds {
                ruleIndex[Self.ruleID(pack: pack.id, threshold: threshold.id)] = index; index += 1
            }
        }
        ruleIndex[Self.invalidProfileRule] = index
    }

    /// The rule id of an obligation.
    package static func ruleID(pack: String, obligation: String) -> String { "\(pack)/\(obligation)" }
    /// The rule id of a threshold.
    package static func ruleID(pack: String, threshold: String) -> String { "\(pack)/threshold/\(threshold)" }

    /// The log's header, the tool and its rules, and the opening of the results.
    package mutating func begin(into output: inout some ReportOutput) {
        var w = JSONWriter()
        w.beginObject()
        w.member("version", "2.1.0")
        w.member("$schema", Self.schemaURI)
        w.key("runs")
        w.beginArray()
        w.beginObject()
        w.key("tool")
        w.object { w in
            w.key("driver")
            w.object { w in
                w.member("name", context.toolName)
                w.member("version", context.toolVersion)
                w.member("semanticVersion", context.toolVersion)
                w.member("rules") { w in
                    for pack in context.book.packs {
                        for obligation in pack.obligations { writeRule(obligation, pack, &w) }
                        for threshold in pack.thresholds { writeRule(threshold, pack, &w) }
                    }
                    w.object { w in
                        w.member("id", Self.invalidProfileRule)
                        w.member("name", "InvalidProfile")
                        w.key("shortDescription");
                        w.object { $0.member("text", "The lab profile could not be read or is not valid") }
                        w.key("fullDescription");
                        w.object {
                            $0.member(
                                "text",
                                "A file the audit was asked to read is not a valid lab profile: it cannot be opened, "
                                    + "it is not well-formed YAML, or it does not have the keys and values a profile "
                                    + "needs. It is not evaluated."
                            )
                        }
                        w.key("help");
                        w.object {
                            $0.member(
                                "text", "Fix the error at the location shown; the message says what was expected there."
                            )
                        }
                        w.key("defaultConfiguration"); w.object { $0.member("level", "error") }
                    }
                }
            }
        }
        w.member("columnKind", "unicodeCodePoints")
        w.key("results")
        w.beginArray()
        output.write(w.output + "\n")
    }

    private func writeRule(_ obligation: Obligation, _ pack: RulePack, _ w: inout JSONWriter) {
        w.object { w in
            w.member("id", Self.ruleID(pack: pack.id, obligation: obligation.id))
            w.member("name", Self.pascalCase(obligation.id))
            w.key("shortDescription"); w.object { $0.member("text", obligation.title) }
            var full = "\(obligation.title): an obligation of \(pack.id) (\(pack.title))"
            if pack.status == .proposed { full += ", a proposal evaluated as if enacted" }
            full +=
                ". Kind: \(obligation.kind)"
                + (obligation.per == .model ? ", owed per model." : ", owed by the organization.")
            if let note = obligation.note { full += " " + note }
            w.key("fullDescription"); w.object { $0.member("text", full) }
            let (help, url) = Self.citation(pack: pack, cite: obligation.cite, citation: obligation.citation)
            w.key("help"); w.object { $0.member("text", help) }
            if let url { w.member("helpUri", url) }
            w.key("defaultConfiguration"); w.object { $0.member("level", "error") }
            w.key("properties")
            w.object { w in
                w.member("tags", strings: ["compliance", pack.id, obligation.kind])
                w.member("pack", pack.id)
            }
        }
    }

    private func writeRule(_ threshold: Threshold, _ pack: RulePack, _ w: inout JSONWriter) {
        w.object { w in
            w.member("id", Self.ruleID(pack: pack.id, threshold: threshold.id))
            w.member("name", Self.pascalCase(threshold.id))
            let test = "\(threshold.test.fact.rawValue) \(threshold.test.comparison.symbol) \(threshold.test.written)"
            w.key("shortDescription"); w.object { $0.member("text", threshold.title ?? test) }
            var full = "A threshold of \(pack.id) (\(pack.title)): \(test), per \(threshold.subject.rawValue)."
            if let note = threshold.note { full += " " + note }
            w.key("fullDescription"); w.object { $0.member("text", full) }
            let (help, url) = Self.citation(pack: pack, cite: threshold.cite, citation: threshold.citation)
            w.key("help"); w.object { $0.member("text", help) }
            if let url { w.member("helpUri", url) }
            w.key("defaultConfiguration"); w.object { $0.member("level", "note") }
            w.key("properties")
            w.object { w in
                w.member("tags", strings: ["compliance", pack.id, "threshold"])
                w.member("pack", pack.id)
            }
        }
    }

    /// The help text for a citation: the source's title, the section, and its URL.
    static func citation(pack: RulePack, cite: String?, citation: String?) -> (String, String?) {
        let source = cite.flatMap { pack.source($0) }
        var parts: [String] = []
        if let title = source?.title ?? cite { parts.append(title) }
        if let citation { parts.append(citation) }
        var text =
            parts.isEmpty
            ? "\(pack.title) (\(pack.id)); the pack gives no citation."
            : "Source: " + parts.joined(separator: ", ") + "."
        if let url = source?.url { text += " " + url }
        return (text, source?.url)
    }

    static func pascalCase(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// The verdict's results, one per line.
    package mutating func add(_ verdict: Verdict, into output: inout some ReportOutput) {
        let path = verdict.profile ?? "<input>"
        var lines: [String] = []
        func result(
            _ rule: String, _ level: String, _ message: String, _ mark: SourceMark?, _ properties: [(String, String)]
        ) {
            var w = JSONWriter()
            w.object { w in
                w.member("ruleId", rule)
                if let index = ruleIndex[rule] { w.member("ruleIndex", index) }
                w.member("level", level)
                w.key("message"); w.object { $0.member("text", message) }
                w.member("locations") { w in Self.writeLocation(path: path, mark: mark ?? .start, &w) }
                w.key("properties")
                w.object { w in
                    w.member("profile", path)
                    if let organization = verdict.organization { w.member("organization", organization) }
                    for (key, value) in properties { w.key(dynamic: key); w.string(value) }
                }
            }
            lines.append(w.output)
        }
        for error in verdict.errors {
            result(Self.invalidProfileRule, "error", error.message, error.mark, [("kind", error.kind.rawValue)])
        }
        for pack in verdict.packs where pack.inForce {
            for threshold in pack.thresholds where threshold.result != .notMet {
                result(
                    Self.ruleID(pack: pack.pack, threshold: threshold.id), "note", Self.message(threshold),
                    threshold.mark,
                    [("pack", pack.pack), ("subject", threshold.subject), ("result", threshold.result.name)])
            }
            for obligation in pack.obligations {
                let rule = Self.ruleID(pack: pack.pack, obligation: obligation.id)
                let reads =
                    context.book.pack(pack.pack)?.obligations.first { $0.id == obligation.id }?.when.thresholdIDs ?? []
                if obligation.subjects.isEmpty {
                    guard let level = Self.level(obligation.status, obligation.applies) else { continue }
                    let mark = Self.trigger(pack, because: obligation.because, reads: reads, subject: nil)
                    result(
                        rule, level,
                        Self.message(
                            obligation, subject: nil, status: obligation.status, because: obligation.because,
                            notes: obligation.notes, pack: pack, reads: reads),
                        mark,
                        [("pack", pack.pack), ("subject", "organization"), ("status", obligation.status.rawValue)])
                } else {
                    for subject in obligation.subjects {
                        guard let level = Self.level(subject.status, subject.applies) else { continue }
                        let mark = Self.trigger(pack, because: subject.because, reads: reads, subject: subject.subject)
                        result(
                            rule, level,
                            Self.message(
                                obligation, subject: subject.subject, status: subject.status, because: subject.because,
                                notes: subject.notes + obligation.notes, pack: pack, reads: reads),
                            mark,
                            [("pack", pack.pack), ("subject", subject.subject), ("status", subject.status.rawValue)])
                    }
                }
            }
        }
        guard !lines.isEmpty else { return }
        resultCount += lines.count
        output.write((first ? "" : ",\n") + lines.joined(separator: ",\n"))
        first = false
    }

    /// Closes the results, and writes the invocation with what the walk skipped.
    package mutating func end(_ summary: AuditSummary, into output: inout some ReportOutput) {
        var w = JSONWriter()
        w.beginObject()
        w.key("invocations")
        w.array { w in
            w.object { w in
                w.member("executionSuccessful", summary.walkErrors == 0)
                w.member("toolExecutionNotifications") { w in
                    for notice in summary.notices {
                        w.object { w in
                            w.member(
                                "level",
                                notice.isError ? "error" : notice.kind == .symlinkNotFollowed ? "note" : "warning")
                            w.key("message"); w.object { $0.member("text", notice.message) }
                            w.key("descriptor"); w.object { $0.member("id", notice.kind.rawValue) }
                            w.member("locations") { w in
                                w.object { w in
                                    w.key("physicalLocation")
                                    w.object { w in
                                        w.key("artifactLocation")
                                        w.object { w in Self.writeURI(notice.path, &w) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        w.key("properties")
        w.object { w in
            w.key("summary")
            summary.write(to: &w)
        }
        w.endObject()
        // `w.output` is `{"invocations":…,"properties":…}`: splice its members into the run.
        let members = String(w.output.dropFirst().dropLast())
        output.write((first ? "" : "\n") + "]," + members + "}]}\n")
    }

    // MARK: Pieces

    static func level(_ status: ObligationStatus, _ applies: Applicability) -> String? {
        switch status {
        case .unmet, .expired: return "error"
        case .indeterminate, .late: return "warning"
        case .pending: return "note"
        case .met, .notRequired: return applies == .indeterminate ? "warning" : nil
        }
    }

    /// Where the fact that brought an obligation into scope is written: the first met threshold of
    /// `because` for the subject (or the organization); for an undecided obligation, the first
    /// indeterminate threshold it reads.
    static func trigger(_ pack: PackResult, because: [String], reads: [String], subject: String?) -> SourceMark? {
        func find(_ ids: [String], _ result: Truth) -> SourceMark? {
            for id in ids {
                let candidates = pack.thresholds.filter { $0.id == id && $0.result == result && $0.mark != nil }
                if let exact = candidates.first(where: { $0.subject == subject }) { return exact.mark }
                if let organization = candidates.first(where: { $0.subject == "organization" }) {
                    return organization.mark
                }
                if subject == nil, let any = candidates.first { return any.mark }
            }
            return nil
        }
        return find(because, .met) ?? find(reads, .indeterminate) ?? find(reads, .met)
    }

    static func message(_ threshold: ThresholdResult) -> String {
        let who = threshold.subject.replacingFirst("model:", with: "model ").replacingFirst(
            "cluster:", with: "cluster ")
        var text = "\(threshold.id) is \(threshold.result == .met ? "met" : "indeterminate") for \(who)"
        if threshold.value == nil, let shown = threshold.shownValue({ "\($0) \(threshold.unit)" }) {
            text += ": \(shown) vs \(threshold.comparison.symbol) \(threshold.limit) \(threshold.unit)"
        } else if let value = threshold.value {
            let symbol = threshold.result == .met ? threshold.comparison.symbol : "vs"
            text += ": \(value) \(threshold.unit) \(symbol) \(threshold.limit) \(threshold.unit)"
            if let margin = threshold.margin { text += " (×\(margin))" }
        } else {
            text += ": the fact is missing (limit \(threshold.comparison.symbol) \(threshold.limit) \(threshold.unit))"
        }
        if !threshold.notes.isEmpty { text += ". " + threshold.notes.joined(separator: "; ") }
        return text + "."
    }

    static func message(
        _ obligation: ObligationResult, subject: String?, status: ObligationStatus, because: [String],
        notes: [String], pack: PackResult, reads: [String]
    ) -> String {
        let who = subject.map { " for " + $0.replacingFirst("model:", with: "model ") } ?? ""
        var text: String
        switch status {
        case .unmet: text = "\(obligation.id) is unmet\(who): \(obligation.title)"
        case .expired: text = "\(obligation.id) has expired\(who): \(obligation.title)"
        case .late: text = "\(obligation.id) was met late\(who): \(obligation.title)"
        case .pending: text = "\(obligation.id) is pending\(who): \(obligation.title)"
        default: text = "\(obligation.id) may apply\(who): \(obligation.title)"
        }
        if !because.isEmpty {
            text += " applies because \(because.joined(separator: ", ")) \(because.count == 1 ? "is" : "are") met"
        } else if status == .indeterminate || obligation.applies == .indeterminate {
            text += " depends on a fact that is missing or uncertain"
            if obligation.applies == .indeterminate, let reason = pack.scopeReason(of: obligation) {
                text += " (\(reason))"
            } else {
                let undecided = reads.filter { id in
                    pack.thresholds.contains { $0.id == id && $0.result == .indeterminate }
                }
                if !undecided.isEmpty { text += " (\(undecided.joined(separator: ", ")))" }
            }
        }
        switch status {
        case .unmet: text += ", and no valid record is on file"
        case .expired: text += ", and the record on file is no longer valid"
        case .late: text += ", and the record on file was completed after the due date"
        case .pending: text += ", and it is not yet due"
        default: break
        }
        text += " (\(pack.pack))."
        let shown = notes.filter { !$0.hasPrefix("a proposal") }
        if !shown.isEmpty { text += " " + shown.joined(separator: "; ") + "." }
        return text
    }

    static func writeLocation(path: String, mark: SourceMark, _ w: inout JSONWriter) {
        w.object { w in
            w.key("physicalLocation")
            w.object { w in
                w.key("artifactLocation")
                w.object { w in writeURI(path, &w) }
                w.key("region")
                w.object { w in
                    w.member("startLine", max(1, mark.line))
                    w.member("startColumn", max(1, mark.column))
                }
            }
        }
    }

    static func writeURI(_ path: String, _ w: inout JSONWriter) {
        if path.hasPrefix("/") {
            w.member("uri", "file://" + percentEncoded(path))
        } else {
            var relative = Substring(path)
            while relative.hasPrefix("./") { relative = relative.dropFirst(2) }
            w.member("uri", percentEncoded(String(relative)))
            w.member("uriBaseId", "%SRCROOT%")
        }
    }

    /// A path as a URI reference: unreserved characters and `/` as they are, every other byte of
    /// its UTF-8 as `%XX`.
    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}

extension String {
    func replacingFirst(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
