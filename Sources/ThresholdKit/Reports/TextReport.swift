/// How text reports are drawn.
public struct TextStyle: Sendable, Hashable {
    /// Show every threshold, including those not met (otherwise only met and indeterminate ones).
    public var explain: Bool
    /// Use ANSI colours.
    public var color: Bool
    /// The width to wrap long lines to, in columns; nil for no wrapping. A wrapped line goes on
    /// under its own text column (after a threshold's subject, an obligation's id), so that the
    /// columns of the report stay put.
    public var width: Int?

    /// Creates a style.
    public init(explain: Bool = false, color: Bool = false, width: Int? = nil) {
        self.explain = explain
        self.color = color
        self.width = width
    }

    /// `line` wrapped to the style's width, its continuation lines indented by `indent` columns
    /// (ANSI colour codes take no column).
    func wrapped(_ line: String, indent: Int) -> String {
        guard let width else { return line }
        // By position in the line's characters (one column each), read and changed in place.
        var characters = Array(line)
        guard characters.count > width else { return line }
        // A number and its unit stay on one line (`154 days`, `3e25 FLOP`, `800M USD`): the space
        // after a digit is held by a placeholder (a control character, which report text never
        // holds raw: it is escaped) while the line is broken. So does a citation in brackets
        // (`[Art. 51(2) · primary]`), when it is short enough to.
        var bracket = false
        var hidden = 0
        var escaping = false
        for index in characters.indices {
            let character = characters[index]
            // Colour codes (`ESC [ … m`) sit in the first words (the marker): they take no column.
            if color {
                if escaping {
                    hidden += 1
                    if character == "m" { escaping = false }
                } else if character == "\u{1B}" {
                    hidden += 1
                    escaping = true
                }
            }
            if character == "[" {
                let close = characters[index...].firstIndex(of: "]")
                bracket = close.map { $0 - index < width / 2 } ?? false
            } else if character == "]" {
                bracket = false
            } else if character == " " {
                let previous = index > 0 ? characters[index - 1] : " "
                // A number: `154`, `3e25`, `620M`, `1.4B` (a digit, or a scale letter after one).
                let afterNumber =
                    Self.isNumber(previous)
                    || (index >= 2 && (previous == "M" || previous == "B" || previous == "T")
                        && Self.isNumber(characters[index - 2]))
                let next = index + 1 < characters.count ? characters[index + 1] : " "
                if bracket || (afterNumber && Self.isLetter(next)) { characters[index] = Self.heldSpace }
            }
        }
        return TextWrapping.wrap(characters, width: width + hidden, indent: indent, restoring: Self.heldSpace)
    }

    /// The placeholder for a space the line must not be broken at.
    private static let heldSpace: Character = "\u{1F}"

    /// `Character.isNumber`, told for ASCII without a look-up of its Unicode properties.
    private static func isNumber(_ character: Character) -> Bool {
        if let ascii = character.asciiValue { return ascii >= 0x30 && ascii <= 0x39 }
        return character.isNumber
    }

    /// `Character.isLetter`, told for ASCII without a look-up of its Unicode properties.
    private static func isLetter(_ character: Character) -> Bool {
        if let ascii = character.asciiValue { return (ascii | 0x20) >= 0x61 && (ascii | 0x20) <= 0x7A }
        return character.isLetter
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
                    var line =
                        "    \(marker) \(threshold.id.padded(idWidth))  "
                        + "\(threshold.subject.escapedForTerminal().padded(subjectWidth))  "
                    if threshold.value == nil, let shown = threshold.shownValue({ $0.readable(threshold.unit) }) {
                        line += "\(shown) vs \(threshold.comparison.symbol) \(threshold.limit.readable(threshold.unit))"
                    } else if let value = threshold.value {
                        // A threshold can fail on a condition with its value over the line: the
                        // symbol states how the value compares, the marker whether the test is met.
                        let symbol =
                            threshold.result == .indeterminate
                            ? "vs \(threshold.comparison.symbol)"
                            : threshold.result == .met || threshold.comparison.holds(value, threshold.limit)
                                ? threshold.comparison.symbol
                                : threshold.comparison.negatedSymbol
                        line +=
                            "\(value.readable(threshold.unit)) \(symbol) \(threshold.limit.readable(threshold.unit))"
                        if let margin = threshold.margin { line += "  (×\(margin))" }
                    } else {
                        line += "— vs \(threshold.comparison.symbol) \(threshold.limit.readable(threshold.unit))"
                    }
                    if let mark = threshold.mark {
                        line += "  " + paint.dim("\(profile ?? "<input>"):\(mark.line):\(mark.column)")
                    }
                    if let citation = threshold.citation {
                        let grade = threshold.sourceGrade.map { " · \($0.rawValue)" } ?? ""
                        line += "  " + paint.dim("[\(citation.escapedForTerminal())\(grade)]")
                    }
                    out += style.wrapped(line, indent: 4 + 4 + 1 + idWidth + 2 + subjectWidth + 2) + "\n"
                    for note in threshold.notes {
                        out += style.wrapped("           " + paint.dim(note.escapedForTerminal()), indent: 13) + "\n"
                    }
                }
            }
            out += "  Obligations\n"
            let idWidth = pack.obligations.map(\.id.count).max() ?? 0
            var previousReasons: [String] = []
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
                case .yes:
                    line +=
                        (pack.inForce ? "  applies" : "  would apply")
                        + (obligation.because.isEmpty ? "" : " (\(obligation.because.joined(separator: ", ")))")
                case .no: line += pack.inForce ? "  does not apply" : "  would not apply"
                case .indeterminate: line += pack.inForce ? "  may apply" : "  might apply"
                }
                // Why not (or why undecided): a line per threshold under it, or "as above" when the
                // obligation before it has the same reasons.
                let reasons = pack.scopeReasons(of: obligation)
                let asAbove = !reasons.isEmpty && reasons == previousReasons
                previousReasons = reasons
                if asAbove { line += " (as above)" }
                if obligation.applies == .indeterminate && reasons.isEmpty {
                    line += ": a fact it depends on is missing or uncertain"
                }
                if let due = obligation.due { line += "; due \(due)" }
                if let timing = obligation.timingPhrase(asOf: asOf) { line += ", " + timing }
                if let grade = obligation.sourceGrade, grade != .primary {
                    line += "  " + paint.dim("[source: \(grade.rawValue)]")
                }
                out += style.wrapped(line, indent: 4 + 13 + 1 + idWidth + 2) + "\n"
                if !asAbove {
                    for reason in reasons {
                        out += style.wrapped("        " + reason.escapedForTerminal(), indent: 10) + "\n"
                    }
                }
                if obligation.subjects.count == 1, let only = obligation.subjects.first,
                    only.status == obligation.status
                {
                    // One model: its reasons stand under the line, as an organisation's do.
                    if only.status != .met && only.status != .notRequired {
                        for note in only.notes {
                            out += style.wrapped("        " + note.escapedForTerminal(), indent: 10) + "\n"
                        }
                    }
                } else {
                    for subject in obligation.subjects
                    where subject.applies != .no
                        && (subject.status != obligation.status || obligation.subjects.count > 1)
                    {
                        var line =
                            "        \(subject.subject.escapedForTerminal()): "
                            + "\(subject.status.rawValue)\(subject.due.map { ", due \($0)" } ?? "")"
                        line +=
                            subject.notes.isEmpty
                            ? "" : " — " + subject.notes.joined(separator: "; ").escapedForTerminal()
                        out += style.wrapped(line, indent: 10) + "\n"
                    }
                }
                // The pack's header already says when it is not in force, and that a proposal is read as enacted.
                for note in obligation.notes
                where !note.hasPrefix("a proposal") && !note.hasPrefix("the pack is not in force") {
                    out += style.wrapped("        " + paint.dim(note.escapedForTerminal()), indent: 10) + "\n"
                }
            }
            let deployment: String
            switch pack.deployment {
            case .permitted: deployment = paint.green("permitted")
            case .blocked:
                let gate = pack.obligations.first { $0.kind == "deployment-gate" }
                let finding = (gate?.subjects.flatMap(\.notes) ?? []) + (gate?.notes ?? [])
                deployment =
                    paint.red("BLOCKED") + " ("
                    + (finding.first { $0.contains("found high risk") }?.escapedForTerminal()
                        ?? "an assessment found high risk") + ")"
            case .indeterminate: deployment = paint.magenta("indeterminate") + " (\(pack.deploymentReason))"
            case .notGated: deployment = paint.dim("not gated") + " (no deployment gate in force under this pack)"
            }
            out += style.wrapped("  Deployment: \(deployment)", indent: 4) + "\n"
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
