
/// How text reports are drawn.
public struct TextStyle: Sendable, Hashable {
    /// Show every threshold, including those not met (otherwise only met and indeterminate ones).
    public var explain: Bool
    /// Use ANSI colours.
    public var color: Bool

    /// Creates a style.
    public init(explain: Bool = false, color: Bool = false) {
        self.explain = explain
        self.color = color
    }
}

extension Comparison {
    /// The comparison negated, as a symbol, for a threshold not met.
    var negatedSymbol: String {
        switch self {
        case .greaterThan: return "≤"
        case .atLeast: return "<"
        case .lessThan: return "≥"
        case .atMost: return ">"
        }
    }
}

extension Verdict {
    /// A report a compliance officer can read at a glance: per pack, what applies and why, what is
    /// unmet, and the deployment verdict.
    public func text(style: TextStyle = TextStyle()) -> String {
        let paint = Paint(enabled: style.color)
        var out = ""
        // Text from the profile and the packs is shown with control characters escaped, so that
        // it can neither break a line nor drive the terminal.
        let name = (organization ?? "(unreadable profile)").escapedForTerminal()
        let profile = self.profile?.escapedForTerminal()
        out += paint.bold(name) + (profile.map { " — \($0)" } ?? "") + " (as of \(asOf))\n"
        if isInvalid {
            for error in errors { out += paint.red(error.description) + "\n" }
            return out
        }
        for pack in packs {
            out += "\n" + paint.bold(pack.pack) + " — " + pack.title.escapedForTerminal() + "\n"
            var status = pack.status == .proposed ? "proposed, evaluated as if enacted" : pack.status.rawValue
            status += pack.inForce ? "; in force" : "; not in force: \(pack.inForceReason ?? "")"
            out += "  " + paint.dim(status) + "\n"
            let shown = pack.thresholds.filter { style.explain || $0.result != .notMet }
            if !shown.isEmpty {
                out += "  Thresholds\n"
                let idWidth = shown.map(\.id.count).max() ?? 0
                let subjectWidth = shown.map { $0.subject.escapedForTerminal().count }.max() ?? 0
                for threshold in shown {
                    let marker: String
                    switch threshold.result {
                    case .met: marker = paint.yellow("MET ")
                    case .notMet: marker = paint.dim("no  ")
                    case .indeterminate: marker = paint.magenta("??? ")
                    }
                    var line = "    \(marker) \(threshold.id.padded(idWidth))  \(threshold.subject.escapedForTerminal().padded(subjectWidth))  "
                    if threshold.value == nil, let shown = threshold.shownValue({ $0.readable(threshold.unit) }) {
                        line += "\(shown) vs \(threshold.comparison.symbol) \(threshold.limit.readable(threshold.unit))"
                    } else if let value = threshold.value {
                        // A threshold can fail on a condition with its value over the line: the
                        // symbol states how the value compares, the marker whether the test is met.
                        let symbol = threshold.result == .indeterminate ? "vs"
                            : threshold.result == .met || threshold.comparison.holds(value, threshold.limit) ? threshold.comparison.symbol
                            : threshold.comparison.negatedSymbol
                        line += "\(value.readable(threshold.unit)) \(symbol) \(threshold.limit.readable(threshold.unit))"
                        if let margin = threshold.margin { line += "  (×\(margin))" }
                    } else {
                        line += "— vs \(threshold.comparison.symbol) \(threshold.limit.readable(threshold.unit))"
                    }
                    if let mark = threshold.mark { line += "  " + paint.dim("\(profile ?? "<input>"):\(mark.line):\(mark.column)") }
                    if let citation = threshold.citation {
                        line += "  " + paint.dim("[\(citation.escapedForTerminal())\(threshold.sourceGrade.map { " · \($0.rawValue)" } ?? "")]")
                    }
                    out += line + "\n"
                    for note in threshold.notes { out += "           " + paint.dim(note.escapedForTerminal()) + "\n" }
                }
            }
            out += "  Obligations\n"
            let idWidth = pack.obligations.map(\.id.count).max() ?? 0
            for obligation in pack.obligations {
                let marker: String
                switch obligation.status {
                case _ where !pack.inForce: marker = paint.dim("not in force ")
                case .unmet where obligation.kind == "deployment-gate": marker = paint.red("BLOCKED      ")
                case .met: marker = paint.green("MET          ")
                case .late: marker = paint.yellow("LATE         ")
                case .pending: marker = paint.dim("pending      ")
                case .unmet: marker = paint.red(obligation.overdueSince != nil ? "OVERDUE      " : "UNMET        ")
                case .expired: marker = paint.red("EXPIRED      ")
                case .notRequired: marker = paint.dim("not required ")
                case .indeterminate: marker = paint.magenta("INDETERMINATE")
                }
                var line = "    \(marker) \(obligation.id.padded(idWidth))"
                // A pack not in force requires nothing: say whom it would reach, not "applies".
                switch obligation.applies {
                case .yes: line += (pack.inForce ? "  applies" : "  would apply") + (obligation.because.isEmpty ? "" : " (\(obligation.because.joined(separator: ", ")))")
                case .no: line += pack.inForce ? "  does not apply" : "  would not apply"
                case .indeterminate: line += (pack.inForce ? "  may apply" : "  might apply") + ": a fact it depends on is missing or uncertain"
                }
                if let due = obligation.due { line += "; due \(due)" }
                if let timing = obligation.timingPhrase(asOf: asOf) { line += ", " + timing }
                if let grade = obligation.sourceGrade, grade != .primary { line += "  " + paint.dim("[source: \(grade.rawValue)]") }
                out += line + "\n"
                if obligation.subjects.count == 1, let only = obligation.subjects.first, only.status == obligation.status {
                    // One model: its reasons stand under the line, as an organisation's do.
                    if only.status != .met && only.status != .notRequired {
                        for note in only.notes { out += "        " + note.escapedForTerminal() + "\n" }
                    }
                } else {
                    for subject in obligation.subjects where subject.applies != .no && (subject.status != obligation.status || obligation.subjects.count > 1) {
                        out += "        \(subject.subject.escapedForTerminal()): \(subject.status.rawValue)\(subject.due.map { ", due \($0)" } ?? "")"
                        out += subject.notes.isEmpty ? "\n" : " — " + subject.notes.joined(separator: "; ").escapedForTerminal() + "\n"
                    }
                }
                // The pack's header already says when it is not in force, and that a proposal is read as enacted.
                for note in obligation.notes where !note.hasPrefix("a proposal") && !note.hasPrefix("the pack is not in force") {
                    out += "        " + paint.dim(note.escapedForTerminal()) + "\n"
                }
            }
            let deployment: String
            switch pack.deployment {
            case .permitted: deployment = paint.green("permitted")
            case .blocked:
                let gate = pack.obligations.first { $0.kind == "deployment-gate" }
                let finding = (gate?.subjects.flatMap(\.notes) ?? []) + (gate?.notes ?? [])
                deployment = paint.red("BLOCKED") + " (" + (finding.first { $0.contains("found high risk") }?.escapedForTerminal() ?? "an assessment found high risk") + ")"
            case .indeterminate: deployment = paint.magenta("indeterminate") + " (\(pack.deploymentReason))"
            case .notGated: deployment = paint.dim("not gated") + " (no deployment gate in force under this pack)"
            }
            out += "  Deployment: \(deployment)\n"
        }
        return out
    }
}

/// ANSI styling that can be switched off.
struct Paint {
    let enabled: Bool
    func wrap(_ code: String, _ text: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    func bold(_ text: String) -> String { wrap("1", text) }
    func dim(_ text: String) -> String { wrap("2", text) }
    func red(_ text: String) -> String { wrap("31", text) }
    func green(_ text: String) -> String { wrap("32", text) }
    func yellow(_ text: String) -> String { wrap("33", text) }
    func magenta(_ text: String) -> String { wrap("35", text) }
}

extension String {
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

extension ExactDecimal {
    /// The value for a reader, with its unit: money with a scale word (`620M USD`, `2.1B USD`),
    /// large counts and rates in scientific notation (`1.2e20 FLOP/s`). Exact either way; the
    /// JSON keeps the canonical form.
    func readable(_ unit: String) -> String {
        let isMoney = (unit.count == 3 && unit.allSatisfy(\.isUppercase)) || unit == "users"
        if isMoney {
            for (power, suffix) in [(12, "T"), (9, "B"), (6, "M")] where self >= ExactDecimal(1, exponent: power) {
                return "\(timesPowerOfTen(-power))\(suffix) \(unit)"
            }
            return "\(self) \(unit)"
        }
        return "\(compactDescription) \(unit)"
    }
}
