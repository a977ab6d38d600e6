// Text, JSON and Markdown renderings of an impact report (`threshold impact`).

/// The formats of `threshold impact`.
package enum ImpactFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case text, json, markdown, html

    /// The format a file name's extension implies (`.txt`, `.json`, `.md` or `.markdown`, `.html`,
    /// `.htm` or `.xhtml`), by the rule of ``ReportTargets/format(ofFile:in:)``; nil for others.
    package init?(fileName: String) {
        guard
            let format = ReportTargets.format(
                ofFile: fileName,
                in: [
                    (".xhtml", .html), (".html", .html), (".htm", .html), (".json", .json),
                    (".md", .markdown), (".markdown", .markdown), (".txt", .text),
                ] as [(suffix: String, format: ImpactFormat)])
        else { return nil }
        self = format
    }

    /// The identifier.
    package var description: String { rawValue }
}

extension ImpactReport {
    /// The report for a terminal or a log: the changes, then per pack the counts (an arrow where one
    /// moves), the profiles whose results change (grouped by how, a scope shown only when it
    /// moves), and the obligations whose reach changed. Packs the change leaves exactly as they
    /// were are named on one line at the end.
    package func text(color: Bool = false) -> String {
        let paint = Paint(enabled: color)
        var out =
            paint.bold("Impact of \(changes.count == 1 ? "1 change" : "\(changes.count) changes")")
            + " as of \(asOf): \(profiles) profile\(profiles == 1 ? "" : "s")"
            + (invalid > 0 ? ", " + paint.red("\(invalid) invalid") : "") + "\n"
        for change in changes { out += "  \(change.description.controlCharactersEscaped)\n" }
        var unchanged: [String] = []
        for pack in packs {
            if pack.changed.isEmpty && pack.movers.isEmpty && pack.before == pack.after
                && !pack.obligations.contains(where: \.isChanged)
            {
                unchanged.append(pack.pack)
                continue
            }
            out += "\n" + paint.bold(pack.pack) + " — " + pack.title.controlCharactersEscaped
            if !pack.changed.isEmpty {
                out += "  " + paint.yellow("[changed: \(pack.changed.joined(separator: ", "))]")
            }
            out += "\n"
            // A pack not in force requires nothing: its counts say whom it would reach.
            if !pack.inForce {
                out += "  " + paint.dim("not in force on \(asOf): nothing is required; were it in force:") + "\n"
            }
            out += "  " + ImpactReport.countsLine(pack) + "\n"
            if pack.movers.isEmpty {
                out += "  " + paint.dim("no profile changes") + "\n"
                continue
            }
            for movement in ScopeMovement.allCases {
                let movers = pack.movers(movement)
                guard !movers.isEmpty else { continue }
                let heading =
                    "\(movement.description.prefix(1).uppercased())\(movement.description.dropFirst()) "
                    + "(\(movers.count))"
                switch movement {
                case .newlyInScope: out += "  " + paint.red(heading) + "\n"
                case .outOfScope: out += "  " + paint.green(heading) + "\n"
                case .newlyIndeterminate: out += "  " + paint.magenta(heading) + "\n"
                case .statusChanged: out += "  " + heading + "\n"
                }
                for mover in movers {
                    out += "    \(mover.name.controlCharactersEscaped)"
                    if let profile = mover.profile, mover.organization != nil {
                        out += " " + paint.dim("(\(profile.controlCharactersEscaped))")
                    }
                    out += mover.before == mover.after ? "\n" : ": \(mover.before) → \(mover.after)\n"
                    for t in mover.thresholds {
                        let subject = t.subject.controlCharactersEscaped
                        out += "      \(t.id) \(subject): \(t.before.name) → \(t.after.name)"
                        if let value = t.value { out += " (\(HTMLNumber.quantity(value, t.unit)))" }
                        out += "\n"
                    }
                    for o in mover.obligations {
                        out += "      \(o.id): " + ImpactReport.obligationChangeText(o) + "\n"
                    }
                    if mover.deploymentBefore != mover.deploymentAfter {
                        out +=
                            "      deployment: \(mover.deploymentBefore.rawValue) → "
                            + "\(mover.deploymentAfter.rawValue)\n"
                    }
                }
            }
            let changed = pack.obligations.filter(\.isChanged)
            if !changed.isEmpty {
                out += "  Obligations\n"
                for o in changed {
                    out += "    \(o.id): applies to \(o.appliesBefore) → \(o.appliesAfter)\n"
                    if !o.newlyApplies.isEmpty {
                        out +=
                            "      newly applies: "
                            + "\(o.newlyApplies.map(\.controlCharactersEscaped).joined(separator: ", "))\n"
                    }
                    if !o.noLongerApplies.isEmpty {
                        out +=
                            "      no longer applies: "
                            + "\(o.noLongerApplies.map(\.controlCharactersEscaped).joined(separator: ", "))\n"
                    }
                    if !o.newlyIndeterminate.isEmpty {
                        out +=
                            "      newly indeterminate: "
                            + "\(o.newlyIndeterminate.map(\.controlCharactersEscaped).joined(separator: ", "))\n"
                    }
                    if !o.decidedNotToApply.isEmpty {
                        out +=
                            "      no longer indeterminate, does not apply: "
                            + "\(o.decidedNotToApply.map(\.controlCharactersEscaped).joined(separator: ", "))\n"
                    }
                    for s in o.statusChanges {
                        let name = s.name.controlCharactersEscaped
                        out += "      \(name): \(s.before.rawValue) → \(s.after.rawValue)\n"
                    }
                }
            }
        }
        if !unchanged.isEmpty {
            out += "\n" + paint.dim("Unchanged: \(unchanged.joined(separator: ", "))") + "\n"
        }
        return out
    }

    /// `in scope 3 → 1 · indeterminate 1 · out of scope 6 → 8 · with unmet obligations 3 → 1`: an
    /// arrow only where a count moves; without the last for a pack not in force, of which nothing is
    /// required.
    static func countsLine(_ pack: PackImpact) -> String {
        var counts = [
            ("in scope", pack.before.inScope, pack.after.inScope),
            ("indeterminate", pack.before.indeterminate, pack.after.indeterminate),
            ("out of scope", pack.before.outOfScope, pack.after.outOfScope),
        ]
        if pack.inForce { counts.append(("with unmet obligations", pack.before.unmet, pack.after.unmet)) }
        // Where the pack's readings of an ambiguous text disagree, say for how many.
        if pack.before.dependsOnReading + pack.after.dependsOnReading > 0 {
            counts.append(("depending on the reading", pack.before.dependsOnReading, pack.after.dependsOnReading))
        }
        return counts.map { name, before, after in
            before == after ? "\(name) \(before)" : "\(name) \(before) → \(after)"
        }
        .joined(separator: " · ")
    }

    /// `applies yes → no; unmet → not-required`.
    static func obligationChangeText(_ o: ObligationChange) -> String {
        var parts: [String] = []
        if o.appliesBefore != o.appliesAfter {
            parts.append("applies \(o.appliesBefore.rawValue) → \(o.appliesAfter.rawValue)")
        }
        if o.statusBefore != o.statusAfter { parts.append("\(o.statusBefore.rawValue) → \(o.statusAfter.rawValue)") }
        if !o.byReadingAfter.isEmpty {
            parts.append(
                "depends on the reading: "
                    + o.byReadingAfter.map { "\($0.reading) → \($0.applies.phrase)" }.joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }

    /// The report as one line of JSON in the `threshold.impact/1` schema. Decimal values are
    /// exact strings, as in the verdict format.
    package func jsonLine() -> String {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.output
    }

    /// The report as indented JSON in the `threshold.impact/1` schema.
    package func prettyJSON() -> String {
        var writer = JSONWriter(pretty: true)
        write(to: &writer)
        return writer.output
    }

    func write(to w: inout JSONWriter) {
        w.object { w in
            w.member("schema", ImpactReport.schema)
            w.member("as_of", asOf.description)
            w.member("changes") { w in
                for change in changes {
                    w.object { w in
                        w.member("pack", change.pack)
                        w.member("threshold", change.threshold)
                        w.member("fact", change.fact.rawValue)
                        w.member("comparison", change.comparison.rawValue)
                        w.member("from", change.from.description)
                        w.member("to", change.to.description)
                        w.member("unit", change.unit)
                        w.member("written", change.written)
                    }
                }
            }
            w.member("profiles", profiles)
            w.member("invalid", invalid)
            w.member("packs") { w in
                for pack in packs {
                    w.object { w in
                        w.member("pack", pack.pack)
                        w.member("title", pack.title)
                        w.member("in_force", pack.inForce)
                        w.member("changed", strings: pack.changed)
                        w.key("before"); ImpactReport.write(pack.before, to: &w)
                        w.key("after"); ImpactReport.write(pack.after, to: &w)
                        w.member("movers") { w in
                            for mover in pack.movers {
                                w.object { w in
                                    w.member("profile", mover.profile)
                                    w.member("organization", mover.organization)
                                    w.member("before", mover.before.rawValue)
                                    w.member("after", mover.after.rawValue)
                                    w.member("movement", mover.movement.rawValue)
                                    w.member("thresholds") { w in
                                        for t in mover.thresholds {
                                            w.object { w in
                                                w.member("id", t.id)
                                                w.member("subject", t.subject)
                                                w.member("value", t.value?.description)
                                                w.member("unit", t.unit)
                                                w.member("before", t.before.name)
                                                w.member("after", t.after.name)
                                            }
                                        }
                                    }
                                    w.member("obligations") { w in
                                        for o in mover.obligations {
                                            w.object { w in
                                                w.member("id", o.id)
                                                w.member("applies_before", o.appliesBefore.rawValue)
                                                w.member("applies_after", o.appliesAfter.rawValue)
                                                w.member("status_before", o.statusBefore.rawValue)
                                                w.member("status_after", o.statusAfter.rawValue)
                                                if !o.byReadingAfter.isEmpty {
                                                    w.key("by_reading_after")
                                                    w.object { w in
                                                        for entry in o.byReadingAfter {
                                                            w.key(dynamic: entry.reading)
                                                            w.string(entry.applies.rawValue)
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                    w.member("deployment_before", mover.deploymentBefore.rawValue)
                                    w.member("deployment_after", mover.deploymentAfter.rawValue)
                                }
                            }
                        }
                        w.member("obligations") { w in
                            for o in pack.obligations {
                                w.object { w in
                                    w.member("id", o.id)
                                    w.member("title", o.title)
                                    w.member("applies_before", o.appliesBefore)
                                    w.member("applies_after", o.appliesAfter)
                                    w.member("newly_applies", strings: o.newlyApplies)
                                    w.member("no_longer_applies", strings: o.noLongerApplies)
                                    w.member("newly_indeterminate", strings: o.newlyIndeterminate)
                                    w.member("decided_not_to_apply", strings: o.decidedNotToApply)
                                    w.member("status_changes") { w in
                                        for s in o.statusChanges {
                                            w.object { w in
                                                w.member("profile", s.name)
                                                w.member("before", s.before.rawValue)
                                                w.member("after", s.after.rawValue)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    static func write(_ counts: ScopeCounts, to w: inout JSONWriter) {
        w.object { w in
            w.member("in_scope", counts.inScope)
            w.member("indeterminate", counts.indeterminate)
            w.member("out_of_scope", counts.outOfScope)
            w.member("unmet", counts.unmet)
            w.member("depends_on_reading", counts.dependsOnReading)
        }
    }

    /// The report as GitHub-flavoured Markdown: the changes, a table of counts per pack, then per
    /// changed pack a table of the profiles that moved and one of the obligations whose reach changed.
    package func markdown() -> String {
        var out = "## Impact of \(changes.count == 1 ? "1 change" : "\(changes.count) changes")\n\n"
        out +=
            "As of \(asOf) · \(profiles) "
            + "profile\(profiles == 1 ? "" : "s")\(invalid > 0 ? " · **\(invalid) invalid**" : "")\n\n"
        out += "| Threshold | Before | After |\n|---|---|---|\n"
        for change in changes {
            out +=
                "| `\(change.key)` | \(change.comparison.symbol) "
                + "\(Markdown.escape(HTMLNumber.quantity(change.from, change.unit))) | "
                + "\(change.comparison.symbol) \(Markdown.escape(HTMLNumber.quantity(change.to, change.unit))) |\n"
        }
        out +=
            "\n| Pack | In scope | Indeterminate | Out of scope | With unmet obligations | Profiles changed "
            + "|\n|---|---|---|---|---|---|\n"
        for pack in packs {
            out +=
                "| `\(pack.pack)`\(pack.inForce ? "" : " (not in force: counts as if it were)") | "
                + "\(pack.before.inScope) → \(pack.after.inScope) | \(pack.before.indeterminate) → "
                + "\(pack.after.indeterminate) | \(pack.before.outOfScope) → \(pack.after.outOfScope) | "
                + "\(pack.inForce ? "\(pack.before.unmet) → \(pack.after.unmet)" : "—") | \(pack.movers.count) |\n"
        }
        for pack in packs where !pack.movers.isEmpty {
            out += "\n### \(pack.pack) — \(Markdown.escape(pack.title))\n\n"
            out += "| Profile | Before | After | Change | Thresholds | Obligations |\n|---|---|---|---|---|---|\n"
            for mover in pack.movers {
                let thresholds = mover.thresholds.map {
                    "\($0.id) \(Markdown.escape($0.subject)): \($0.before.name) → \($0.after.name)"
                }
                let obligations = mover.obligations.map { "\($0.id): \(ImpactReport.obligationChangeText($0))" }
                let profile = mover.profile.map { mover.organization == nil ? "" : " (`\(Markdown.escapeCode($0))`)" }
                out +=
                    "| \(Markdown.escape(mover.name))\(profile ?? "") | \(mover.before) | \(mover.after) | "
                    + "**\(mover.movement)** | \(thresholds.joined(separator: "<br>")) | "
                    + "\(obligations.joined(separator: "<br>")) |\n"
            }
            let changed = pack.obligations.filter(\.isChanged)
            if !changed.isEmpty {
                out +=
                    "\n| Obligation | Applies to | Newly applies | No longer applies | Newly indeterminate | No "
                    + "longer indeterminate, does not apply |\n|---|---|---|---|---|---|\n"
                for o in changed {
                    out +=
                        "| `\(o.id)` | \(o.appliesBefore) → \(o.appliesAfter) | "
                        + "\(o.newlyApplies.map(Markdown.escape).joined(separator: ", ")) | "
                        + "\(o.noLongerApplies.map(Markdown.escape).joined(separator: ", ")) | "
                        + "\(o.newlyIndeterminate.map(Markdown.escape).joined(separator: ", ")) | "
                        + "\(o.decidedNotToApply.map(Markdown.escape).joined(separator: ", ")) |\n"
                }
            }
        }
        return out
    }
}

extension Markdown {
    /// Text for inside a code span: backticks and table pipes cannot be escaped there, so they
    /// are replaced by look-alikes.
    static func escapeCode(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "`": out += "ˋ"
            case "|": out += "¦"
            case "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
