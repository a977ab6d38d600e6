
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
            out += pack.status == .proposed ? "*Proposed; evaluated as if enacted.* " : "*\(pack.status.rawValue.prefix(1).uppercased() + pack.status.rawValue.dropFirst()).* "
            out += pack.inForce ? "In force.\n\n" : "Not in force: \(Markdown.escape(pack.inForceReason ?? "")).\n\n"
            let shown = pack.thresholds.filter { explain || $0.result != .notMet }
            if !shown.isEmpty {
                out += "| Threshold | Subject | Result | Value | Limit | Margin | Where |\n|---|---|---|---|---|---|---|\n"
                for t in shown {
                    let location = t.mark.map { "\(profile ?? "input"):\($0.line):\($0.column)" } ?? ""
                    out += "| `\(t.id)` | \(Markdown.escape(t.subject)) | \(t.result.name) | \(t.shownValue({ "\($0) \(t.unit)" }) ?? "—") | \(t.comparison.symbol) \(t.limit) \(t.unit) | \(t.margin.map { "×\($0)" } ?? "—") | \(Markdown.escape(location)) |\n"
                }
                out += "\n"
            }
            out += "| Obligation | Applies | Status | Because | Due |\n|---|---|---|---|---|\n"
            for o in pack.obligations {
                out += "| `\(o.id)` | \(o.applies.rawValue) | **\(o.status.rawValue)** | \(o.because.joined(separator: ", ")) | \(o.due?.description ?? "") |\n"
            }
            out += "\nDeployment: **\(pack.deployment.rawValue)**\n\n"
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
