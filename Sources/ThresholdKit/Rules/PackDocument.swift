// A pack as a document a lawyer can review (`threshold rules doc`), and the words for its deadlines.

extension Obligation.Due {
    /// The deadline in words: `before deployment`, `within 90 days of first qualifying`, `the later
    /// of 2028-01-01 and within 90 days of first qualifying`.
    package var text: String {
        switch self {
        case .beforeDeployment: return "before deployment (on the release date)"
        case .continuing: return "continuing (met by having it on file)"
        case .by(let date): return "by \(date)"
        case .within(let period, let event):
            let from: String
            switch event {
            case .release: from = "the model's release"
            case .start: from = "the duty's start"
            case .firstQualified: from = "the developer first qualifying"
            case .record(let id): from = "the latest record of \(id)"
            }
            return period == CalendarPeriod() ? "on \(from)" : "within \(period) of \(from)"
        case .laterOf(let items): return "the later of " + Self.join(items.map(\.text))
        case .earlierOf(let items): return "the earlier of " + Self.join(items.map(\.text))
        }
    }

    static func join(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}

extension Obligation {
    /// Its timing in words, for `rules show` and `rules doc`: start, deadline, recurrence or
    /// validity, transition.
    package var timingText: [String] {
        var lines: [String] = []
        if let effective { lines.append("starts \(effective)") }
        lines.append("due " + (due ?? .continuing).text)
        if let every { lines.append("recurs every \(every) after the last record (overdue when the period runs out)") }
        if let validFor { lines.append("a record counts for \(validFor) (expired after)") }
        if let transition {
            lines.append(
                "models placed on the market before \(transition.placedBefore) comply by \(transition.complyBy)")
        }
        if requiresIndependent { lines.append("only an independent (third-party) record counts") }
        return lines
    }
}

extension RulePack {
    /// The pack as Markdown a lawyer can review: its status and dates, sources with their grades,
    /// every line with its exact limit and citation, every duty with when it applies, its start,
    /// deadline, recurrence and validity, its readings, and its notes.
    package func markdownDocument() -> String {
        func cell(_ text: String) -> String { text.replacingPipes }
        func grade(_ cite: String?) -> String { cite.flatMap(source)?.grade?.rawValue ?? "—" }
        var out = "# \(title)\n\n"
        out += "`\(id)` · \(status.rawValue)\(status == .proposed ? " (evaluated as if enacted)" : "")"
        out += " · jurisdiction \(jurisdiction ?? "none")"
        if let effective { out += " · in force from \(effective)" }
        if let expires { out += " · until \(expires)" }
        out += "\n\n"
        if let summary { out += summary + "\n\n" }

        if !sources.isEmpty {
            out += "## Sources\n\n| id | source | grade |\n|---|---|---|\n"
            for source in sources {
                let title = source.url.map { "[\(cell(source.title))](\($0))" } ?? cell(source.title)
                out += "| `\(source.id)` | \(title) | \(source.grade?.rawValue ?? "not graded") |\n"
            }
            out += "\n"
        }

        out += "## Thresholds\n\n| id | about | test | citation | source grade |\n|---|---|---|---|---|\n"
        for threshold in thresholds {
            var test =
                "\(threshold.test.fact.rawValue) \(threshold.test.comparison.rawValue.replacingUnderscores) "
                + "\(threshold.test.written)"
            for condition in threshold.conditions { test += ", where \(condition.text)" }
            if threshold.period != nil { test += ", in the preceding calendar year" }
            if let modified = threshold.modifiedModel {
                test +=
                    "; for a model built on another provider's (base_model): \(modified.test.fact.rawValue) "
                    + "\(modified.test.comparison.rawValue.replacingUnderscores) \(modified.test.written)"
                for condition in modified.conditions { test += ", where \(condition.text)" }
            }
            out +=
                "| `\(threshold.id)` | \(threshold.subject.rawValue) | \(cell(test)) | "
                + "\(cell(threshold.citation ?? "—")) | \(grade(threshold.cite)) |\n"
        }
        out += "\n"
        for threshold in thresholds {
            guard let note = threshold.note else { continue }
            out += "- **`\(threshold.id)`** — \(note)\n"
        }
        out += "\n## Obligations\n\n"
        for obligation in obligations {
            out += "### `\(obligation.id)` — \(obligation.title)\n\n"
            out +=
                "- kind: \(obligation.kind), owed "
                + "\(obligation.per == .model ? "per model" : "once by the organisation")\n"
            out += "- applies when: \(obligation.when.text)\n"
            for line in obligation.timingText { out += "- \(line)\n" }
            if let citation = obligation.citation {
                out += "- citation: \(citation) (source grade: \(grade(obligation.cite)))\n"
            }
            if let note = obligation.note { out += "\n\(note)\n" }
            out += "\n"
        }
        if !readings.isEmpty {
            out +=
                "## Readings\n\nThe text is ambiguous; every reading is evaluated, and a duty whose scope differs "
                + "between them is reported with each reading's answer.\n\n"
            for reading in readings {
                out +=
                    "### `\(reading.id)`\(reading.id == defaultReading ? " (default)" : "") — "
                    + "\(reading.title)\n\n\(reading.rationale)\n\n"
                if let citation = reading.citation {
                    out += "- citation: \(citation) (source grade: \(grade(reading.cite)))\n"
                }
                for (id, formula) in reading.formulas.sorted(by: { $0.key < $1.key }) {
                    out += "- `\(id)` applies when: \(formula.text)\n"
                }
                for (id, test) in reading.limits.sorted(by: { $0.key < $1.key }) {
                    out +=
                        "- `\(id)`: \(test.fact.rawValue) \(test.comparison.rawValue.replacingUnderscores) "
                        + "\(test.written)\n"
                }
                out += "\n"
            }
        }
        out += "## Test cases\n\n\(tests.count) \(tests.count == 1 ? "case" : "cases") (`threshold rules test`)\n"
        return out
    }
}

extension String {
    /// The text with `|` escaped and line breaks folded, for a Markdown table cell.
    var replacingPipes: String {
        var out = ""
        for character in self {
            switch character {
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
