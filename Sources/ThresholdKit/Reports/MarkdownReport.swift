extension Verdict {
    /// The verdict as GitHub-flavoured Markdown: a section per pack with tables of thresholds and
    /// obligations.
    public func markdown(explain: Bool = false) -> String {
        var out = "## \(Markdown.escape(organization ?? "(unreadable profile)"))\n\n"
        if let profile { out += "Profile: `\(profile.escapedForTerminal())` · " }
        out += "As of \(asOf)\n\n"
        if isInvalid {
            for error in errors { out += "- **error** \(Markdown.escape(error.headline))\n" }
            return out + "\n"
        }
        for pack in packs {
            out += "### \(pack.pack) — \(Markdown.escape(pack.title))\n\n"
            out +=
                pack.status == .proposed
                ? "*Proposed; evaluated as if enacted.* "
                : "*\(pack.status.rawValue.prefix(1).uppercased() + pack.status.rawValue.dropFirst()).* "
            out += pack.inForce ? "In force.\n\n" : "Not in force: \(Markdown.escape(pack.inForceReason ?? "")).\n\n"
            let shown = pack.thresholds.filter { explain || $0.result != .notMet }
            if !shown.isEmpty {
                out +=
                    "| Threshold | Subject | Result | Value | Limit | Margin | Where | Citation | Notes "
                    + "|\n|---|---|---|---|---|---|---|---|---|\n"
                for t in shown {
                    let location = t.mark.map { "\(profile ?? "input"):\($0.line):\($0.column)" } ?? ""
                    let value = t.shownValue({ $0.readable(t.unit) }) ?? "—"
                    out +=
                        "| `\(t.id)` | \(Markdown.escape(t.subject)) | \(t.result.name) | \(Markdown.escape(value)) "
                        + "| \(t.comparison.symbol) \(Markdown.escape(t.limit.readable(t.unit))) | "
                        + "\(t.margin.map { "×\($0)" } ?? "—") | \(Markdown.escape(location)) | "
                        + "\(Markdown.escape(t.citationWithGrade ?? "—")) | "
                        + "\(Markdown.escape(t.notes.joined(separator: "; "))) |\n"
                }
                out += "\n"
            }
            out += "| Obligation | Applies | Status | Because | Due | Why | Citation |\n|---|---|---|---|---|---|---|\n"
            for o in pack.obligations {
                let applies = pack.inForce ? o.applies.phrase : "would: " + o.applies.phrase
                var why: [String] = []
                if let reason = pack.scopeReason(of: o) { why.append(reason) }
                if let timing = o.timingPhrase(asOf: asOf) { why.append(timing) }
                why += o.notes.filter { !$0.hasPrefix("a proposal") && !$0.hasPrefix("the pack is not in force") }
                for subject in o.subjects
                where subject.applies != .no && !subject.notes.isEmpty
                    && (subject.status != .met || o.subjects.count > 1)
                {
                    why.append(
                        (o.subjects.count > 1 ? "\(subject.subject): \(subject.status.rawValue) — " : "")
                            + subject.notes.joined(separator: "; "))
                }
                let citation = [o.citation, o.sourceGrade.map { "source \($0.rawValue)" }].compactMap { $0 }.joined(
                    separator: " · ")
                out +=
                    "| `\(o.id)` | \(applies) | **\(pack.inForce ? o.status.rawValue : "not in force")** | "
                    + "\(o.because.joined(separator: ", ")) | \(o.due?.description ?? "") | "
                    + "\(Markdown.escape(why.joined(separator: "; "))) | "
                    + "\(citation.isEmpty ? "—" : Markdown.escape(citation)) |\n"
            }
            out += "\nDeployment: **\(pack.deployment.rawValue)** (\(Markdown.escape(pack.deploymentReason)))\n\n"
        }
        return out
    }
}

enum Markdown {
    /// Escapes characters that would break a table cell or start markup.
    static func escape(_ text: String) -> String {
        var out = ""
        // Line breaks become spaces, and other control characters (a terminal escape in a name)
        // are shown as \u{…}.
        var source = text
        if source.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
            source = String(source.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
        }
        for character in source.escapedForTerminal() {
            switch character {
            case "|", "*", "_", "`", "[", "]", "<", ">", "#", "\\": out += "\\" + String(character)
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
