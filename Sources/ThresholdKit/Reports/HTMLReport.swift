/// A self-contained HTML audit report: one file with no network access, no external scripts,
/// fonts or styles, that opens from disk and prints well.
///
/// The page has
/// - a summary: profiles audited and invalid, and per pack how many profiles are in scope,
///   indeterminate, and have obligations unmet — for a pack not in force on the as-of date none
///   are, and whom it would reach is shown apart, labelled so;
/// - an impact section, when an ``ImpactReport`` is given: the limits changed and who moves;
/// - a chart per quantity — training compute, each money figure, cluster capacity — with every
///   subject a point on a log₁₀ scale against the limit lines of every pack (and any proposed
///   line), uncertain values as low–high bars, indeterminate results as diamonds, and values over
///   a line whose threshold's other condition is not met as hollow circles, each mark explained
///   under its chart;
/// - a table of every profile × pack with its status, sortable by a small inline script and
///   complete without it, linking to
/// - a section per profile: thresholds with values, limits, margins and citations; obligations;
///   the deployment verdict; errors with their lines.
///
/// The markup is XHTML-compatible (every element closed, attributes quoted, only XML's predefined
/// character references), so a strict XML parser reads it. Tables use `<caption>` and
/// `<th scope>`; each chart is `role="img"` with a `<title>`, a `<desc>` and a table of its
/// values; statuses are words and shapes, never colour alone. All text from profiles and packs is
/// escaped.
package enum HTMLReport {
    /// Renders the report.
    ///
    /// - Parameters:
    ///   - verdicts: one per profile, in the order to list them (invalid ones included).
    ///   - title: the page's title and heading.
    ///   - generated: the date the report was made.
    ///   - impact: an impact analysis of the same profiles, in the same order, to show with the
    ///     changed limits drawn on the charts; `verdicts` are then the verdicts before the change.
    ///   - rules: the rule book the verdicts came from, so that charts group thresholds by the
    ///     fact they compare; the built-in packs are consulted when it is nil (a threshold found in
    ///     neither gets a chart of its own).
    /// - Returns: the page, as UTF-8 text.
    package static func render(
        verdicts: [Verdict], title: String, generated: CalendarDate,
        impact: ImpactReport? = nil, rules: RuleBook? = nil
    ) -> String {
        var page = HTMLPage(
            verdicts: verdicts, title: title, generated: generated, impact: impact,
            thresholds: thresholdIndex(rules ?? (try? RuleBook.builtIn())))
        return page.render()
    }

    /// `pack/threshold` → the fact it compares and its other conditions.
    static func thresholdIndex(_ book: RuleBook?) -> [String: ChartedThreshold] {
        var index: [String: ChartedThreshold] = [:]
        for pack in book?.packs ?? [] {
            for threshold in pack.thresholds {
                index[pack.id + "/" + threshold.id] = ChartedThreshold(
                    fact: threshold.test.fact, conditions: threshold.conditions.map(\.text))
            }
        }
        return index
    }
}

/// A profile × pack status, worst first; the words the table and badges use.
enum HTMLStatus: Int, CaseIterable {
    case invalid, blocked, unmet, indeterminate, late, pending, met, outOfScope, notInForce

    init(_ pack: PackResult) {
        if !pack.inForce {
            self = .notInForce
        } else if pack.deployment == .blocked {
            self = .blocked
        } else if !pack.unmet.isEmpty {
            self = .unmet
        } else if pack.obligations.contains(where: { $0.status == .indeterminate || $0.applies == .indeterminate }) {
            self = .indeterminate
        } else if pack.obligations.contains(where: { $0.status == .late }) {
            self = .late
        } else if pack.obligations.contains(where: { $0.status == .pending }) {
            self = .pending
        } else if pack.inScope {
            self = .met
        } else {
            self = .outOfScope
        }
    }

    var word: String {
        switch self {
        case .invalid: return "invalid"
        case .blocked: return "blocked"
        case .unmet: return "unmet"
        case .indeterminate: return "indeterminate"
        case .late: return "late"
        case .pending: return "pending"
        case .met: return "met"
        case .outOfScope: return "out of scope"
        case .notInForce: return "not in force"
        }
    }

    var symbol: String {
        switch self {
        case .invalid: return "⚠"
        case .blocked: return "⊘"
        case .unmet: return "✗"
        case .indeterminate: return "?"
        case .late: return "!"
        case .pending: return "…"
        case .met: return "✓"
        case .outOfScope: return "–"
        case .notInForce: return "–"
        }
    }

    var cssClass: String {
        switch self {
        case .invalid, .blocked, .unmet: return "s-bad"
        case .indeterminate: return "s-unknown"
        case .late: return "s-warn"
        case .met: return "s-good"
        case .pending, .outOfScope, .notInForce: return "s-none"
        }
    }

    var badge: String {
        "<span class=\"badge \(cssClass)\"><span aria-hidden=\"true\">\(symbol) </span>\(word)</span>"
    }
}

/// The page, built section by section.
struct HTMLPage {
    let verdicts: [Verdict]
    let title: String
    let generated: CalendarDate
    let impact: ImpactReport?
    let thresholds: [String: ChartedThreshold]
    /// Pack ids in order of first appearance, with title, status and in-force.
    var packs: [(id: String, title: String, status: RulePack.Status, inForce: Bool, reason: String?)] = []
    var out = ""

    init(
        verdicts: [Verdict], title: String, generated: CalendarDate, impact: ImpactReport?,
        thresholds: [String: ChartedThreshold]
    ) {
        self.verdicts = verdicts
        self.title = title
        self.generated = generated
        self.impact = impact
        self.thresholds = thresholds
        var seen: Set<String> = []
        for verdict in verdicts {
            for pack in verdict.packs where seen.insert(pack.pack).inserted {
                packs.append((pack.pack, pack.title, pack.status, pack.inForce, pack.inForceReason))
            }
        }
    }

    func e(_ text: String) -> String { HTMLText.escape(text) }
    func name(_ index: Int) -> String {
        let verdict = verdicts[index]
        return verdict.organization ?? verdict.profile ?? "profile \(index + 1)"
    }
    func anchor(_ index: Int) -> String { "p-\(index + 1)" }

    mutating func render() -> String {
        out.reserveCapacity(64 * 1024 + verdicts.count * 8 * 1024)
        out += "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">\n<head>\n"
        out += "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<meta name=\"generator\" content=\"Threshold\"/>\n"
        out += "<title>\(e(title))</title>\n<style>\n\(HTMLPage.css)\n</style>\n</head>\n<body>\n"
        out += "<a class=\"skip\" href=\"#main\">Skip to the report</a>\n"
        header()
        out += "<main id=\"main\">\n"
        if impact != nil {
            // An impact report leads with the change and the charts that draw it.
            impactSection()
            charts()
            summary()
        } else {
            summary()
            charts()
        }
        statusTable()
        details()
        out += "</main>\n"
        out +=
            "<footer><p>Generated by Threshold on \(generated). Thresholds are compared exactly; the charts place "
            + "values with floating point for drawing only. Proposals are evaluated as if enacted. This report "
            + "is not legal advice.</p></footer>\n"
        out += "<script>\n//<![CDATA[\n\(HTMLPage.script)\n//]]>\n</script>\n"
        out += "</body>\n</html>\n"
        return out
    }

    // MARK: Header and summary

    mutating func header() {
        let dates = Set(verdicts.map(\.asOf)).sorted()
        out += "<header class=\"page\">\n<h1>\(e(title))</h1>\n<p class=\"meta\">"
        let asOf = dates.map(\.description).joined(separator: ", ")
        out += "Evaluated as of \(asOf.isEmpty ? "—" : asOf)"
        out +=
            " · generated \(generated) · \(verdicts.count) profile\(verdicts.count == 1 ? "" : "s") · \(packs.count) "
            + "rule pack\(packs.count == 1 ? "" : "s")</p>\n"
        out += "<nav aria-label=\"Sections\"><ul>"
        if impact != nil {
            out +=
                "<li><a href=\"#impact\">Impact of the change</a></li><li><a href=\"#charts\">Charts</a></li><li><a "
                + "href=\"#summary\">Summary</a></li>"
        } else {
            out += "<li><a href=\"#summary\">Summary</a></li><li><a href=\"#charts\">Charts</a></li>"
        }
        out += "<li><a href=\"#status\">Every profile and pack</a></li><li><a href=\"#profiles\">Details</a></li>"
        out += "</ul></nav>\n</header>\n"
    }

    mutating func summary() {
        let invalid = verdicts.filter(\.isInvalid).count
        out += "<section id=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">Summary</h2>\n"
        out += "<dl class=\"cards\">"
        out += "<div><dt>Profiles audited</dt><dd>\(verdicts.count)</dd></div>"
        out += "<div class=\"\(invalid > 0 ? "bad" : "")\"><dt>Invalid</dt><dd>\(invalid)</dd></div>"
        out += "<div><dt>Rule packs</dt><dd>\(packs.count)</dd></div>"
        let unmetProfiles = verdicts.filter { v in v.packs.contains { !$0.unmet.isEmpty } }.count
        out +=
            "<div class=\"\(unmetProfiles > 0 ? "bad" : "")\"><dt>Profiles with obligations "
            + "unmet</dt><dd>\(unmetProfiles)</dd></div>"
        out += "</dl>\n"
        out +=
            "<table class=\"data summary\"><caption>Per rule pack: how many of the \(verdicts.count - invalid) valid "
            + "profiles each status covers</caption>\n"
        out +=
            "<thead><tr><th scope=\"col\">Pack</th><th scope=\"col\">Status</th><th scope=\"col\">In force</th><th "
            + "scope=\"col\" class=\"num\">In scope</th><th scope=\"col\" class=\"num\">Indeterminate</th><th "
            + "scope=\"col\" class=\"num\">Obligations unmet</th><th scope=\"col\" "
            + "class=\"num\">Blocked</th></tr></thead>\n<tbody>\n"
        for pack in packs {
            var inScope = 0, indeterminate = 0, unmet = 0, blocked = 0
            for verdict in verdicts {
                guard let result = verdict.packs.first(where: { $0.pack == pack.id }) else { continue }
                switch Scope(result) {
                case .inScope: inScope += 1
                case .indeterminate: indeterminate += 1
                case .outOfScope: break
                }
                if !result.unmet.isEmpty { unmet += 1 }
                if result.deployment == .blocked { blocked += 1 }
            }
            out +=
                "<tr><th scope=\"row\"><code>\(e(pack.id))</code><br/><span class=\"sub\">\(e(pack.title))</span></th>"
            out +=
                "<td>\(pack.status == .proposed ? "proposed (evaluated as if enacted)" : e(pack.status.rawValue))</td>"
            out += "<td>\(pack.inForce ? "yes" : "no" + (pack.reason.map { ": " + e($0) } ?? ""))</td>"
            if pack.inForce {
                out += "<td class=\"num\">\(inScope)</td><td class=\"num\">\(indeterminate)</td>"
                out +=
                    "<td class=\"num\(unmet > 0 ? " bad" : "")\">\(unmet)</td><td "
                    + "class=\"num\(blocked > 0 ? " bad" : "")\">\(blocked)</td></tr>\n"
            } else {
                // Not in force: it requires nothing of anyone. Whom it would reach is a different
                // question, answered apart and labelled so.
                out += "<td class=\"num\">—<br/><span class=\"sub would\">would be \(inScope) if in force</span></td>"
                out +=
                    "<td class=\"num\">—<br/><span class=\"sub would\">would be \(indeterminate) if in "
                    + "force</span></td>"
                out += "<td class=\"num\">—</td><td class=\"num\">—</td></tr>\n"
            }
        }
        out += "</tbody>\n</table>\n"
        if packs.contains(where: { !$0.inForce }) {
            out +=
                "<p class=\"note\">A pack not in force on the date evaluated requires nothing: no profile is in "
                + "scope of it. “Would be … if in force” counts whom it would reach on the same facts and date — "
                + "who a law not yet in force will catch, or whom a repealed one caught.</p>\n"
        }
        if invalid > 0 {
            out += "<p class=\"note\">Invalid profiles: "
            out += verdicts.indices.filter { verdicts[$0].isInvalid }.map {
                "<a href=\"#\(anchor($0))\">\(HTMLText.isolated(verdicts[$0].profile ?? name($0)))</a>"
            }.joined(separator: ", ")
            out += ".</p>\n"
        }
        out += "</section>\n"
    }

    // MARK: Impact

    mutating func impactSection() {
        guard let impact else { return }
        out += "<section id=\"impact\" aria-labelledby=\"impact-h\">\n<h2 id=\"impact-h\">Impact of the change</h2>\n"
        out +=
            "<table class=\"data\"><caption>Limits changed (as of \(impact.asOf))</caption><thead><tr><th "
            + "scope=\"col\">Pack</th><th scope=\"col\">Threshold</th><th scope=\"col\">Now</th><th "
            + "scope=\"col\">Proposed</th></tr></thead><tbody>"
        for change in impact.changes {
            out +=
                "<tr><td><code>\(e(change.pack))</code></td><th scope=\"row\"><code>\(e(change.threshold))</code></th>"
            out += "<td>\(e(change.comparison.symbol + " " + HTMLNumber.quantity(change.from, change.unit)))</td>"
            let proposed = change.comparison.symbol + " " + HTMLNumber.quantity(change.to, change.unit)
            out += "<td><strong>\(e(proposed))</strong></td></tr>"
        }
        out += "</tbody></table>\n"
        out +=
            "<table class=\"data\"><caption>Profiles per pack before → after the change "
            + "(\(impact.profiles - impact.invalid) valid profiles)</caption>"
        out +=
            "<thead><tr><th scope=\"col\">Pack</th><th scope=\"col\" class=\"num\">In scope</th><th scope=\"col\" "
            + "class=\"num\">Indeterminate</th><th scope=\"col\" class=\"num\">Out of scope</th><th "
            + "scope=\"col\" class=\"num\">Obligations unmet</th><th scope=\"col\" class=\"num\">Profiles "
            + "changed</th></tr></thead><tbody>"
        for pack in impact.packs {
            func cell(_ a: Int, _ b: Int) -> String {
                "<td class=\"num\(a != b ? " changed" : "")\">\(a) → "
                    + "\(b)\(a != b ? " <span class=\"sr-only\">(changed)</span>" : "")</td>"
            }
            let changedTag = pack.changed.isEmpty ? "" : " <span class=\"tag\">changed</span>"
            let notInForce = pack.inForce ? "" : " <span class=\"sub\">(not in force)</span>"
            out += "<tr><th scope=\"row\"><code>\(e(pack.pack))</code>\(changedTag)\(notInForce)</th>"
            if pack.inForce {
                out +=
                    cell(pack.before.inScope, pack.after.inScope)
                    + cell(pack.before.indeterminate, pack.after.indeterminate)
                out += cell(pack.before.outOfScope, pack.after.outOfScope) + cell(pack.before.unmet, pack.after.unmet)
            } else {
                // It requires nothing before or after; the counts say whom it would reach, labelled so.
                out +=
                    "<td colspan=\"4\" class=\"would\">not in force on \(impact.asOf): nobody is in scope before or "
                    + "after. Were it in force: "
                out +=
                    "in scope \(pack.before.inScope) → \(pack.after.inScope), indeterminate "
                    + "\(pack.before.indeterminate) → \(pack.after.indeterminate), "
                out += "out of scope \(pack.before.outOfScope) → \(pack.after.outOfScope)</td>"
            }
            out += "<td class=\"num\">\(pack.movers.count)</td></tr>"
        }
        out += "</tbody></table>\n"
        let moving = impact.packs.filter { !$0.movers.isEmpty }
        if moving.isEmpty { out += "<p class=\"note\">No profile changes status under any pack.</p>\n" }
        for (k, pack) in moving.enumerated() {
            out +=
                "<table class=\"data movers\" id=\"impact-\(k + 1)\"><caption>Who moves under "
                + "<code>\(e(pack.pack))</code></caption>"
            out +=
                "<thead><tr><th scope=\"col\">Profile</th><th scope=\"col\">Change</th><th scope=\"col\">Before → "
                + "after</th><th scope=\"col\">Thresholds</th><th "
                + "scope=\"col\">Obligations</th></tr></thead><tbody>"
            for mover in pack.movers {
                let link =
                    mover.index < verdicts.count
                    ? "<a href=\"#\(anchor(mover.index))\">\(HTMLText.isolated(mover.name))</a>"
                    : HTMLText.isolated(mover.name)
                out +=
                    "<tr><th scope=\"row\">\(link)</th><td><span class=\"badge "
                    + "\(HTMLPage.movementClass(mover.movement))\">\(e(mover.movement.description))</span></td>"
                out += "<td class=\"nowrap\">\(e(mover.before.description)) → \(e(mover.after.description))</td>"
                let thresholds = mover.thresholds.map {
                    "<code>\(e($0.id))</code> \(HTMLText.isolated($0.subject)): "
                        + "\(e($0.before.name)) → \(e($0.after.name))"
                }
                let obligations = mover.obligations.map {
                    "<code>\(e($0.id))</code>: \(e(ImpactReport.obligationChangeText($0)))"
                }
                out += "<td>\(thresholds.joined(separator: "<br/>"))</td>"
                out += "<td>\(obligations.joined(separator: "<br/>"))</td></tr>"
            }
            out += "</tbody></table>\n"
        }
        out +=
            "<p class=\"note\">The charts below draw each proposed limit as a thick dashed line (keys P1, P2, …) "
            + "beside the limit it replaces; the tables and details show the rule book as it is.</p>\n"
        out += "</section>\n"
    }

    static func movementClass(_ movement: ScopeMovement) -> String {
        switch movement {
        case .newlyInScope: return "s-bad"
        case .outOfScope: return "s-good"
        case .newlyIndeterminate: return "s-unknown"
        case .statusChanged: return "s-none"
        }
    }

    // MARK: Charts

    mutating func charts() {
        let charts = HTMLChart.charts(verdicts: verdicts, thresholds: thresholds, changes: impact?.changes ?? [])
        out +=
            "<section id=\"charts\" aria-labelledby=\"charts-h\">\n<h2 id=\"charts-h\">Where each lab sits against "
            + "each line</h2>\n"
        out +=
            "<p class=\"note\">One chart per quantity; every pack's limits on that quantity are drawn as vertical "
            + "lines (keyed A, B, … and listed under the chart; lines at the same value are drawn side by side). "
            + "Values are on a logarithmic scale: each grid line is ten times the one before. A filled circle is "
            + "a value decided against every line; a diamond with a question mark is indeterminate against a "
            + "line (its uncertainty range crosses it, or a fact, a condition's fact, figures for the year the "
            + "statute counts or an exchange rate is missing); a hollow circle is over a line whose threshold is "
            + "still not met, because its other condition is not; a bar spans an uncertain value from low to "
            + "high. Under each chart, the reason for every marked point.</p>\n"
        if charts.isEmpty { out += "<p>No profile has a quantity to chart.</p>\n" }
        for (i, chart) in charts.enumerated() {
            out += chart.html(id: "chart-\(i + 1)") + "\n"
        }
        out += "</section>\n"
    }

    // MARK: Status table

    mutating func statusTable() {
        out += "<section id=\"status\" aria-labelledby=\"status-h\">\n<h2 id=\"status-h\">Every profile and pack</h2>\n"
        out +=
            "<table class=\"data sortable\" id=\"status-table\"><caption>Each profile under each rule pack "
            + "(\(verdicts.count) × \(packs.count) rows). <span class=\"sort-hint\">Select a column heading to "
            + "sort.</span></caption>\n"
        out +=
            "<thead><tr><th scope=\"col\">Profile</th><th scope=\"col\">Pack</th><th scope=\"col\">Status</th><th "
            + "scope=\"col\">Scope</th><th scope=\"col\" class=\"num\">Obligations applying</th><th "
            + "scope=\"col\" class=\"num\">Unmet</th><th scope=\"col\">Deployment</th></tr></thead>\n<tbody>\n"
        // The cells of a row with no result: status invalid, nothing in the other columns.
        let invalidCells =
            "<td data-sort=\"\(HTMLStatus.invalid.rawValue)\">\(HTMLStatus.invalid.badge)</td><td>—</td>"
            + "<td class=\"num\" data-sort=\"-1\">—</td><td class=\"num\" data-sort=\"-1\">—</td><td>—</td></tr>\n"
        var order = 0
        for (index, verdict) in verdicts.enumerated() {
            let link = "<a href=\"#\(anchor(index))\">\(HTMLText.isolated(name(index)))</a>"
            let path = verdict.profile.map { "<br/><span class=\"sub\">\(HTMLText.isolated($0))</span>" } ?? ""
            let profileCell = "<th scope=\"row\" data-sort=\"\(e(name(index).lowercased()))\">\(link)\(path)</th>"
            if verdict.isInvalid {
                // An invalid file is one row: no pack was evaluated for it.
                order += 1
                out += "<tr data-order=\"\(order)\">\(profileCell)<td>every pack</td>" + invalidCells
                continue
            }
            for pack in packs {
                order += 1
                let packCell = "<td><code>\(e(pack.id))</code></td>"
                guard !verdict.isInvalid, let result = verdict.packs.first(where: { $0.pack == pack.id }) else {
                    out += "<tr data-order=\"\(order)\">\(profileCell)\(packCell)" + invalidCells
                    continue
                }
                let status = HTMLStatus(result)
                let scope = Scope(result)
                let applying = result.obligations.filter { $0.applies == .yes }.count
                out += "<tr data-order=\"\(order)\">\(profileCell)\(packCell)"
                out += "<td data-sort=\"\(status.rawValue)\">\(status.badge)</td>"
                if result.inForce {
                    out += "<td data-sort=\"\(Scope.allCases.firstIndex(of: scope)!)\">\(e(scope.description))</td>"
                    out += "<td class=\"num\" data-sort=\"\(applying)\">\(applying) of \(result.obligations.count)</td>"
                } else {
                    // Nothing applies under a pack not in force; what would is labelled as such.
                    out +=
                        "<td data-sort=\"\(Scope.allCases.count)\">none: not in force<br/><span class=\"sub "
                        + "would\">would be \(e(scope.description))</span></td>"
                    out +=
                        "<td class=\"num\" data-sort=\"-1\">—<br/><span class=\"sub would\">would be \(applying) of "
                        + "\(result.obligations.count)</span></td>"
                }
                out += "<td class=\"num\(result.unmet.isEmpty ? "" : " bad")\">\(result.unmet.count)</td>"
                out += "<td>\(e(result.inForce ? result.deployment.rawValue : "—"))</td></tr>\n"
            }
        }
        out += "</tbody>\n</table>\n</section>\n"
    }

    // MARK: Details

    mutating func details() {
        out +=
            "<section id=\"profiles\" aria-labelledby=\"profiles-h\">\n<h2 id=\"profiles-h\">Details per profile</h2>\n"
        for (index, verdict) in verdicts.enumerated() { profile(index, verdict) }
        out += "</section>\n"
    }

    mutating func profile(_ index: Int, _ verdict: Verdict) {
        let id = anchor(index)
        let worst =
            verdict.isInvalid
            ? HTMLStatus.invalid : verdict.packs.map(HTMLStatus.init).min { $0.rawValue < $1.rawValue } ?? .outOfScope
        out += "<section class=\"profile\" id=\"\(id)\" aria-labelledby=\"\(id)-h\">\n"
        out += "<h3 id=\"\(id)-h\">\(HTMLText.isolated(name(index))) \(worst.badge)</h3>\n"
        out += "<p class=\"meta\">"
        if let path = verdict.profile { out += "Profile <code>\(HTMLText.isolated(path))</code> · " }
        out += "as of \(verdict.asOf)</p>\n"
        if verdict.isInvalid {
            out += "<div class=\"errors\"><h4>\(verdict.errors.count == 1 ? "Error" : "Errors")</h4><ul>"
            for error in verdict.errors {
                let position = "\(error.file ?? verdict.profile ?? "<input>"):\(error.mark.line):\(error.mark.column)"
                out += "<li><code>\(HTMLText.isolated(position))</code> "
                out += "line \(error.mark.line), column \(error.mark.column): \(e(error.message))"
                if let excerpt = error.excerpt {
                    out += "<pre>\(e(excerpt.text))\n\(e(excerpt.caretPrefix))^</pre>"
                }
                for note in error.notes { out += "<br/><span class=\"sub\">note: \(e(note))</span>" }
                out += "</li>"
            }
            out += "</ul></div>\n"
        }
        for (k, pack) in verdict.packs.enumerated() { packDetail(index, k, verdict, pack) }
        out += "<p class=\"back\"><a href=\"#status\">Back to the table of every profile and pack</a></p>\n</section>\n"
    }

    mutating func packDetail(_ index: Int, _ k: Int, _ verdict: Verdict, _ pack: PackResult) {
        let id = "\(anchor(index))-\(k + 1)"
        let status = HTMLStatus(pack)
        out += "<section class=\"pack\" id=\"\(id)\" aria-labelledby=\"\(id)-h\">\n"
        out += "<h4 id=\"\(id)-h\"><code>\(e(pack.pack))</code> \(status.badge)</h4>\n"
        out += "<p class=\"meta\">\(e(pack.title)) · "
        out += pack.status == .proposed ? "proposed, evaluated as if enacted" : e(pack.status.rawValue)
        out += pack.inForce ? " · in force" : " · not in force: \(e(pack.inForceReason ?? ""))"
        out += " · deployment: <strong>\(e(pack.deployment.rawValue))</strong>"
        if !pack.deploymentByModel.isEmpty {
            out +=
                " ("
                + pack.deploymentByModel.map { "\(HTMLText.isolated($0.model)): \(e($0.deployment.rawValue))" }.joined(
                    separator: ", ") + ")"
        }
        out += "</p>\n"
        if !pack.thresholds.isEmpty {
            out += "<table class=\"data thresholds\"><caption>Thresholds of <code>\(e(pack.pack))</code></caption>"
            out +=
                "<thead><tr><th scope=\"col\">Threshold</th><th scope=\"col\">Subject</th><th "
                + "scope=\"col\">Result</th><th scope=\"col\" class=\"num\">Value</th><th scope=\"col\" "
                + "class=\"num\">Limit</th><th scope=\"col\" class=\"num\">Margin</th><th scope=\"col\">Written "
                + "at</th><th scope=\"col\">Citation</th></tr></thead><tbody>"
            for t in pack.thresholds {
                out += "<tr><th scope=\"row\"><code>\(e(t.id))</code></th><td>\(HTMLText.isolated(t.subject))</td>"
                out += "<td>\(HTMLPage.truthBadge(t.result))</td>"
                var value = t.value.map { HTMLNumber.quantity($0, t.unit) } ?? ""
                if let range = t.range {
                    let span =
                        "\(HTMLNumber.number(range.lowerBound, t.unit))–\(HTMLNumber.number(range.upperBound, t.unit))"
                    value += value.isEmpty ? span + " " + t.unit : " (\(span))"
                }
                if value.isEmpty { value = "not given" }
                out += "<td class=\"num\">\(e(value))</td>"
                out += "<td class=\"num\">\(e(t.comparison.symbol + " " + HTMLNumber.quantity(t.limit, t.unit)))</td>"
                out += "<td class=\"num\">\(e(t.margin.map { "×\($0)" } ?? "—"))</td>"
                let writtenAt = t.mark.map {
                    "<code>\(HTMLText.isolated("\(verdict.profile ?? "input"):\($0.line):\($0.column)"))</code>"
                }
                out += "<td>\(writtenAt ?? "—")</td>"
                out += "<td>\(citation(t))</td></tr>"
                if !t.notes.isEmpty {
                    out +=
                        "<tr class=\"notes\"><td></td><td "
                        + "colspan=\"7\">\(t.notes.map { e($0) }.joined(separator: "<br/>"))</td></tr>"
                }
            }
            out += "</tbody></table>\n"
        }
        let shown = pack.obligations.filter { $0.applies != .no || $0.status != .notRequired }
        let hidden = pack.obligations.filter { !($0.applies != .no || $0.status != .notRequired) }
        if !shown.isEmpty {
            out +=
                "<table class=\"data obligations\"><caption>Obligations of <code>\(e(pack.pack))</code> that apply "
                + "or may apply</caption>"
            out +=
                "<thead><tr><th scope=\"col\">Obligation</th><th scope=\"col\">Applies</th><th "
                + "scope=\"col\">Status</th><th scope=\"col\">Because</th><th scope=\"col\">Due</th><th "
                + "scope=\"col\">Notes</th></tr></thead><tbody>"
            for o in shown {
                out += "<tr><th scope=\"row\"><code>\(e(o.id))</code><br/><span class=\"sub\">\(e(o.title))</span></th>"
                out += "<td>\(e(o.applies.rawValue))</td><td>\(HTMLPage.obligationBadge(o.status))</td>"
                out += "<td>\(o.because.map { "<code>\(e($0))</code>" }.joined(separator: ", "))</td>"
                // A date never wraps mid-date; what it means (overdue, late, pending) stands under it.
                let due = o.due.map { e($0.description) } ?? "—"
                let timing = o.timingPhrase(asOf: verdict.asOf).map { "<br/><span class=\"sub\">\(e($0))</span>" } ?? ""
                out += "<td class=\"date\">\(due)\(timing)</td>"
                var notes = o.notes.filter { !$0.hasPrefix("a proposal") }.map { e($0) }
                if let reason = pack.scopeReason(of: o) { notes.insert(e(reason), at: 0) }
                for s in o.subjects where s.applies != .no && (o.subjects.count > 1 || !s.notes.isEmpty) {
                    let subjectNotes = s.notes.isEmpty ? "" : " — " + e(s.notes.joined(separator: "; "))
                    notes.append("\(HTMLText.isolated(s.subject)): \(e(s.status.rawValue))\(subjectNotes)")
                }
                if let citation = o.citation {
                    notes.append(
                        "<span class=\"sub\">\(e(citation + (o.sourceGrade.map { " · \($0.rawValue)" } ?? "")))</span>")
                }
                out += "<td>\(notes.joined(separator: "<br/>"))</td></tr>"
            }
            out += "</tbody></table>\n"
        }
        if !hidden.isEmpty {
            out += "<p class=\"sub\">Do not apply:</p>\n<ul class=\"sub\">"
            for o in hidden {
                out += "<li><code>\(e(o.id))</code>\(pack.scopeReason(of: o).map { ": " + e($0) } ?? "")</li>"
            }
            out += "</ul>\n"
        }
        out += "</section>\n"
    }

    func citation(_ t: ThresholdResult) -> String {
        guard let text = t.citationWithGrade else { return "—" }
        if let url = t.sourceURL, url.hasPrefix("https://") || url.hasPrefix("http://") {
            return
                "<a href=\"\(e(url))\" rel=\"external "
                + "noreferrer\"\(t.sourceTitle.map { " title=\"\(e($0))\"" } ?? "")>\(e(text))</a>"
        }
        return e(text)
    }

    static func truthBadge(_ truth: Truth) -> String {
        switch truth {
        case .met: return "<span class=\"badge s-warn\"><span aria-hidden=\"true\">▲ </span>met</span>"
        case .notMet: return "<span class=\"badge s-none\">not met</span>"
        case .indeterminate:
            return "<span class=\"badge s-unknown\"><span aria-hidden=\"true\">? </span>indeterminate</span>"
        }
    }

    static func obligationBadge(_ status: ObligationStatus) -> String {
        switch status {
        case .met: return "<span class=\"badge s-good\"><span aria-hidden=\"true\">✓ </span>met</span>"
        case .late: return "<span class=\"badge s-warn\"><span aria-hidden=\"true\">! </span>late</span>"
        case .pending: return "<span class=\"badge s-none\"><span aria-hidden=\"true\">… </span>pending</span>"
        case .unmet: return "<span class=\"badge s-bad\"><span aria-hidden=\"true\">✗ </span>unmet</span>"
        case .expired: return "<span class=\"badge s-bad\"><span aria-hidden=\"true\">✗ </span>expired</span>"
        case .notRequired: return "<span class=\"badge s-none\">not required</span>"
        case .indeterminate:
            return "<span class=\"badge s-unknown\"><span aria-hidden=\"true\">? </span>indeterminate</span>"
        }
    }
}
