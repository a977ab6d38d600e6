// The HTML report's charts: one per quantity (training compute, each money figure, cluster
// capacity), each subject a row, its value a point on a log10 scale against the limit lines of
// every pack that draws a line on that quantity. Inline SVG, generated here; no script.

/// What a chart needs to know of a pack's threshold beyond its result: the fact it compares, and
/// its other conditions (`modalities includes any of text, …`), if any.
struct ChartedThreshold {
    var fact: FactKey
    var conditions: [String]
}

/// One chart: a quantity, the lines drawn on it, and a row per subject.
struct HTMLChart {
    /// The group's key, e.g. `compute` or `ai_revenue USD` (also the SVG's `data-group`).
    var key: String
    /// A heading: `Training compute`.
    var title: String
    /// The unit of every value and line.
    var unit: String
    /// What a row is: `model`, `organisation`, `cluster`.
    var rowNoun: String
    /// The vertical lines, in value order.
    var lines: [Line] = []
    /// The rows, largest value first.
    var rows: [Row] = []
    /// The series (facts) present, primary first.
    var series: [String] = []
    /// Where the chart sorts among the others.
    var order: Int

    /// A pack's threshold, as a chart names it.
    struct Ref: Hashable {
        var pack: String
        var threshold: String
        var comparison: Comparison
        var series: String
        var label: String { pack + " › " + threshold }
    }

    /// A limit line: every threshold drawn at one value (or a proposed value).
    struct Line {
        var value: ExactDecimal
        var refs: [Ref]
        /// Set for a line an impact analysis proposes: the limit it replaces.
        var was: ExactDecimal?
        /// `A`, `B`, … (or `P1`, … for proposed lines).
        var key = ""
        var proposed: Bool { was != nil }
    }

    /// One subject: a model, an organisation or a cluster of one profile.
    struct Row {
        var profileIndex: Int
        var organization: String
        var subject: String
        var points: [Point] = []

        /// `Helios AI Labs · helios-4`; `Helios AI Labs · (clusters not listed)` for a profile that
        /// does not list the kind of subject the threshold is about.
        var label: String {
            if subject == "organization" { return organization }
            guard let colon = subject.firstIndex(of: ":") else { return organization + " · (\(subject) not listed)" }
            return organization + " · " + subject[subject.index(after: colon)...]
        }

        /// The first series' point.
        var primary: Point? { points.first }
    }

    /// One threshold's result for a point.
    struct Reading {
        var ref: Ref
        /// The line it is drawn at.
        var limit: ExactDecimal
        /// Whether the threshold's pack is in force.
        var inForce: Bool
        var truth: Truth
        var notes: [String]
        /// The quantity is over the line (as the comparison reads it), but the threshold is not
        /// met because another condition of it is not (a model that generates no text, a cluster
        /// whose machines are not co-located).
        var conditionNotMet = false

        /// `eu-ai-act-gpai › gpai-compute: not-met (over the line; a condition is not met)`.
        var text: String {
            ref.label + ": " + truth.name + (conditionNotMet ? " (over the line; a condition is not met)" : "")
        }
    }

    /// One value of a subject: the fact's value (or range), with every threshold result read from it.
    struct Point {
        var series: String
        var value: ExactDecimal?
        var range: ClosedRange<ExactDecimal>?
        var results: [Reading] = []

        /// Whether a result is one the point's mark speaks for: a line stands for the thresholds
        /// drawn at it whose packs are in force, or for all of them when none is. A pack that is
        /// not in force does not mark a point on a line that one in force also draws (its results
        /// are still in the tooltip, the table of values and the profile's details).
        func isShown(_ reading: Reading) -> Bool {
            reading.inForce || !results.contains { $0.limit == reading.limit && $0.inForce }
        }

        /// Whether a result the mark speaks for is indeterminate.
        var indeterminate: Bool { results.contains { $0.truth == .indeterminate && isShown($0) } }

        /// The results that a point drawn past their line misrepresents: over the line but not met
        /// because another condition is not, on a line where nothing else it could be read as is
        /// met. A model past a line it meets under another pack is drawn as met.
        var conditionNotMetResults: [Reading] {
            results.filter { reading in
                reading.conditionNotMet && isShown(reading)
                    && !results.contains { $0.limit == reading.limit && isShown($0) && $0.truth == .met }
            }
        }

        /// Whether the point is past a line whose threshold it does not meet, for want of a condition.
        var conditionNotMet: Bool { !conditionNotMetResults.isEmpty }

        /// `indeterminate`, `condition-not-met` or `decided`: the mark's class, and its shape.
        var status: String { indeterminate ? "indeterminate" : conditionNotMet ? "condition-not-met" : "decided" }

        /// The results a reader needs explained: those that make the point a diamond or hollow.
        var marked: [Reading] {
            let hollow = conditionNotMetResults.map(\.ref)
            return results.filter { ($0.truth == .indeterminate && isShown($0)) || hollow.contains($0.ref) }
        }
    }

    // MARK: Building

    /// The charts for a set of verdicts: thresholds grouped by the fact they read (`thresholds`
    /// maps `pack/threshold` to it; thresholds it lacks get a chart of their own), lines from every
    /// pack, and proposed lines for the changes.
    static func charts(
        verdicts: [Verdict], thresholds: [String: ChartedThreshold], changes: [LimitChange]
    ) -> [HTMLChart] {
        var charts: [String: HTMLChart] = [:]
        var chartOrder: [String] = []
        var rowIndex: [String: [String: Int]] = [:]
        for (index, verdict) in verdicts.enumerated() where !verdict.isInvalid {
            let organization = verdict.organization ?? verdict.profile ?? "profile \(index + 1)"
            for pack in verdict.packs {
                // A modification's compute against a share of its original's is not on the
                // scale of the fact's chart: the table lists it, the chart leaves it out.
                for result in pack.thresholds where !result.isModificationTest {
                    let charted = thresholds[pack.pack + "/" + result.id]
                    let (key, title, series, order) = group(
                        fact: charted?.fact, threshold: result.id, unit: result.unit)
                    if charts[key] == nil {
                        chartOrder.append(key)
                        charts[key] = HTMLChart(
                            key: key, title: title, unit: result.unit,
                            rowNoun: noun(result.subject), order: order * 1000 + chartOrder.count)
                    }
                    let ref = Ref(pack: pack.pack, threshold: result.id, comparison: result.comparison, series: series)
                    charts[key]!.addLine(result.limit, ref)
                    if !charts[key]!.series.contains(series) { charts[key]!.series.append(series) }
                    let rowKey = "\(index)|\(result.subject)"
                    let row: Int
                    if let existing = rowIndex[key]?[rowKey] {
                        row = existing
                    } else {
                        row = charts[key]!.rows.count
                        charts[key]!.rows.append(
                            Row(profileIndex: index, organization: organization, subject: result.subject))
                        rowIndex[key, default: [:]][rowKey] = row
                    }
                    let reading = Reading(
                        ref: ref, limit: result.limit, inForce: pack.inForce, truth: result.result, notes: result.notes,
                        conditionNotMet: charted?.conditions.isEmpty == false && result.result == .notMet
                            && quantityAlone(result) == .met)
                    var points = charts[key]!.rows[row].points
                    if let p = points.firstIndex(where: { $0.series == series }) {
                        points[p].results.append(reading)
                        if points[p].value == nil { points[p].value = result.value; points[p].range = result.range }
                    } else {
                        points.append(
                            Point(series: series, value: result.value, range: result.range, results: [reading]))
                    }
                    charts[key]!.rows[row].points = points
                }
            }
        }
        for change in changes {
            for key in chartOrder
            where charts[key]!.lines.contains(where: {
                $0.refs.contains { $0.pack == change.pack && $0.threshold == change.threshold }
            }) {
                let series = seriesName(change.fact)
                charts[key]!.lines.append(
                    Line(
                        value: change.to,
                        refs: [
                            Ref(
                                pack: change.pack, threshold: change.threshold,
                                comparison: change.comparison, series: series)
                        ],
                        was: change.from))
            }
        }
        var result = chartOrder.map { charts[$0]! }.sorted { $0.order < $1.order }
        for c in result.indices { result[c].finish() }
        return result
    }

    /// The result's quantity against its limit with the threshold's other conditions left out;
    /// nil when the value is not given.
    static func quantityAlone(_ result: ThresholdResult) -> Truth? {
        guard let low = result.range?.lowerBound ?? result.value, let high = result.range?.upperBound ?? result.value
        else { return nil }
        return Interval(low: low, estimate: result.value, high: high)
            .compare(result.comparison, result.limit)
    }

    mutating func addLine(_ value: ExactDecimal, _ ref: Ref) {
        if let i = lines.firstIndex(where: { !$0.proposed && $0.value == value }) {
            if !lines[i].refs.contains(ref) { lines[i].refs.append(ref) }
        } else {
            lines.append(Line(value: value, refs: [ref]))
        }
    }

    /// Orders series, points, rows and lines, and names the lines.
    mutating func finish() {
        series.sort { HTMLChart.seriesRank($0) < HTMLChart.seriesRank($1) }
        let order = series
        for r in rows.indices {
            rows[r].points.sort { (order.firstIndex(of: $0.series) ?? 0) < (order.firstIndex(of: $1.series) ?? 0) }
        }
        let indexed = rows.enumerated().map { ($0.offset, $0.element) }
        rows = indexed.sorted { a, b in
            switch (a.1.primary?.value, b.1.primary?.value) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.0 < b.0
            }
        }.map(\.1)
        lines.sort { ($0.value, $0.proposed ? 1 : 0) < ($1.value, $1.proposed ? 1 : 0) }
        var letter = 0, proposed = 0
        for l in lines.indices {
            if lines[l].proposed {
                proposed += 1
                lines[l].key = "P\(proposed)"
            } else {
                lines[l].key = HTMLChart.letterKey(letter)
                letter += 1
            }
        }
    }

    static func letterKey(_ n: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return n < 26 ? String(letters[n]) : String(letters[n / 26 - 1]) + String(letters[n % 26])
    }

    /// The chart a threshold belongs to: its key, title, series and rank.
    static func group(
        fact: FactKey?, threshold: String, unit: String
    ) -> (key: String, title: String, series: String, order: Int) {
        guard let fact else {
            return ("threshold \(threshold) \(unit)", "Threshold \(threshold)", threshold, 9)
        }
        let series = seriesName(fact)
        switch fact {
        case .trainingCompute, .trainingAndFineTuningCompute, .fineTuningCompute:
            return ("compute", "Training compute", series, 0)
        case .annualGrossRevenue:
            return ("annual_gross_revenue \(unit)", "Annual gross revenue (with affiliates)", series, 1)
        case .aiRevenue: return ("ai_revenue \(unit)", "AI revenue", series, 2)
        case .aiRnDSpend: return ("ai_rnd_spend \(unit)", "AI research and development spending", series, 3)
        case .peakCapacity: return ("peak_capacity", "Cluster peak capacity", series, 4)
        case .interconnect: return ("interconnect", "Cluster interconnect", series, 5)
        default: return ("\(fact.rawValue) \(unit)", fact.rawValue, series, 8)
        }
    }

    static func seriesName(_ fact: FactKey) -> String { fact.rawValue }

    static func seriesRank(_ series: String) -> Int {
        switch series {
        case FactKey.trainingCompute.rawValue: return 0
        case FactKey.trainingAndFineTuningCompute.rawValue: return 1
        case FactKey.fineTuningCompute.rawValue: return 2
        default: return 3
        }
    }

    /// A series as words: `training compute`, `training + fine-tuning compute`.
    static func seriesLabel(_ series: String) -> String {
        switch series {
        case FactKey.trainingCompute.rawValue: return "training compute"
        case FactKey.trainingAndFineTuningCompute.rawValue: return "training + fine-tuning compute"
        case FactKey.fineTuningCompute.rawValue: return "fine-tuning compute"
        case FactKey.annualGrossRevenue.rawValue: return "annual gross revenue"
        case FactKey.aiRevenue.rawValue: return "AI revenue"
        case FactKey.aiRnDSpend.rawValue: return "AI R&D spending"
        case FactKey.peakCapacity.rawValue: return "peak capacity"
        default: return series.htmlUnderscoresAsSpaces
        }
    }

    static func noun(_ subject: String) -> String {
        if subject.hasPrefix("model:") || subject == "models" { return "model" }
        if subject.hasPrefix("cluster:") || subject == "clusters" { return "cluster" }
        return "organisation"
    }

    /// The row noun with its article: `a model`, `an organisation`.
    var rowNounWithArticle: String {
        (rowNoun.first.map { "aeiou".contains($0) } == true ? "an " : "a ") + rowNoun
    }

    // MARK: Scale

    /// The decades the axis spans: from below the smallest value or line to above the largest.
    var domain: (low: Int, high: Int) {
        var logs: [Double] = []
        for line in lines { if let l = HTMLNumber.log10(line.value) { logs.append(l) } }
        for row in rows {
            for point in row.points {
                if let v = point.value, let l = HTMLNumber.log10(v) { logs.append(l) }
                if let r = point.range {
                    if let l = HTMLNumber.log10(r.lowerBound) { logs.append(l) }
                    if let l = HTMLNumber.log10(r.upperBound) { logs.append(l) }
                }
            }
        }
        let lineLogs = lines.compactMap { HTMLNumber.log10($0.value) }
        guard let minLog = logs.min(), let maxLog = logs.max() else { return (0, 1) }
        var high = Int((maxLog + 0.35).rounded(.up))
        var low = Int((minLog - 0.35).rounded(.down))
        // Keep the lines in view, and the axis to a readable span.
        if high - low > 14 {
            let anchor = lineLogs.max() ?? maxLog
            high = min(high, Int((anchor + 7).rounded(.up)))
            low = high - 14
        }
        if high - low < 2 { low = high - 2 }
        return (low, high)
    }

    // MARK: Drawing

    static let width = 1000.0
    static let plotRight = 846.0
    static let valueLeft = 858.0
    static let rowHeight = 26.0
    /// The label column is as wide as the longest label, between these; a label wider than the
    /// most is wrapped onto more lines (never cut).
    static let labelWidths = 110.0...330.0
    static let labelLeft = 8.0
    static let labelFontSize = 12.0
    static let labelLineHeight = 14.0
    /// How far apart lines at (nearly) one value are drawn, so that each stays visible.
    static let coincidentSpacing = 6.0

    /// Where a limit line's label goes: its tier (row of labels above the plot), which side of
    /// the line it sits on, and the span it covers.
    struct LabelPlacement {
        enum Side { case centered, right, left }
        var tier: Int
        var side: Side
        var span: ClosedRange<Double>

        var anchor: String {
            switch side {
            case .centered: return "middle"
            case .right: return "start"
            case .left: return "end"
            }
        }

        /// The label's baseline.
        var y: Double { 14.0 + Double(tier) * 16 }

        /// Whether the line this label names runs past the labels of a tier: every tier below its
        /// own, and its own when the label sits beside the line rather than above it.
        func linePasses(tier other: Int) -> Bool { other > tier || (other == tier && side != .centered) }
    }

    /// Places each line's label in the lowest tier where it overlaps no other label, no line
    /// drawn down from a label above it runs through it, and its own line runs through no label
    /// below it; beside its line rather than centred on it when that is what it takes (a line at
    /// the same value as another).
    static func placeLabels(widths: [Double], xs: [Double]) -> [LabelPlacement] {
        var placed: [LabelPlacement] = []
        for (lx, w) in zip(xs, widths) {
            let centered = (LabelPlacement.Side.centered, (lx - w / 2)...(lx + w / 2))
            var sides = [centered, (.right, (lx + 5)...(lx + 5 + w)), (.left, (lx - 5 - w)...(lx - 5))]
                .filter { $0.1.lowerBound >= 2 && $0.1.upperBound <= width - 2 }
            if sides.isEmpty { sides = [centered] }  // wider than the chart: centred, as it must
            func isClear(_ label: LabelPlacement) -> Bool {
                let padded = (label.span.lowerBound - 4)...(label.span.upperBound + 4)
                return zip(placed, xs).allSatisfy { other, otherX in
                    !(other.tier == label.tier && other.span.overlaps(padded))
                        && !(other.linePasses(tier: label.tier) && padded.contains(otherX))
                        && !(label.linePasses(tier: other.tier) && other.span.contains(lx))
                }
            }
            var tier = 0
            while true {
                if let label = sides.lazy.map({ LabelPlacement(tier: tier, side: $0.0, span: $0.1) }).first(
                    where: isClear)
                {
                    placed.append(label)
                    break
                }
                tier += 1
            }
        }
        return placed
    }

    /// Each line's x, moved apart where lines fall within a few pixels of each other.
    static func spreadApart(_ xs: [Double]) -> [Double] {
        var result = xs
        var start = 0
        while start < xs.count {
            var end = start + 1
            while end < xs.count && abs(xs[end] - xs[end - 1]) < coincidentSpacing { end += 1 }
            let count = end - start
            for k in 0..<count where count > 1 {
                result[start + k] = xs[start + k] + (Double(k) - Double(count - 1) / 2) * coincidentSpacing
            }
            start = end
        }
        return result
    }

    /// The SVG, with its title and description, and the legend, notes and text alternative after it.
    func html(id: String) -> String {
        let (low, high) = domain
        // The label column: as wide as the longest label, within bounds; longer ones wrap.
        let widest = rows.map { HTMLText.estimatedWidth($0.label, fontSize: HTMLChart.labelFontSize) }.max() ?? 0
        let labelWidth = min(max(widest, HTMLChart.labelWidths.lowerBound), HTMLChart.labelWidths.upperBound)
        let labelRight = HTMLChart.labelLeft + labelWidth
        let plotLeft = labelRight + 12
        let plotRight = HTMLChart.plotRight
        func x(_ value: ExactDecimal) -> (x: Double, offScale: Bool) {
            guard let l = HTMLNumber.log10(value) else { return (plotLeft, true) }
            if l < Double(low) { return (plotLeft, true) }
            if l > Double(high) { return (plotRight, true) }
            return (plotLeft + (l - Double(low)) / Double(high - low) * (plotRight - plotLeft), false)
        }
        func c(_ v: Double) -> String { HTMLNumber.coordinate(v) }

        // Line labels at the top, in tiers so that neither labels nor lines cross each other;
        // lines at one value are drawn side by side.
        let lineXs = HTMLChart.spreadApart(lines.map { x($0.value).x })
        let placements = HTMLChart.placeLabels(
            widths: lines.map { HTMLText.estimatedWidth(lineLabel($0), fontSize: 12, bold: true) + 4 },
            xs: lineXs)
        let tiers = (placements.map(\.tier).max() ?? 0) + 1
        let top = 14.0 + Double(tiers) * 16 + 6
        // Rows: as tall as their wrapped labels.
        let labelLines = rows.map { HTMLText.wrapped($0.label, width: labelWidth, fontSize: HTMLChart.labelFontSize) }
        var rowTops: [Double] = []
        var y = top
        for label in labelLines {
            rowTops.append(y)
            y += max(HTMLChart.rowHeight, Double(label.count) * HTMLChart.labelLineHeight + 12)
        }
        let bottom = y
        let height = bottom + 48

        let titleID = id + "-title", descID = id + "-desc"
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" data-group=\"\(HTMLText.escape(key))\" "
            + "viewBox=\"0 0 \(c(HTMLChart.width)) \(c(height))\" role=\"img\" aria-labelledby=\"\(titleID) "
            + "\(descID)\" preserveAspectRatio=\"xMinYMin meet\">"
        svg +=
            "<title id=\"\(titleID)\">\(HTMLText.escape(title)) (\(HTMLText.escape(unit)), logarithmic scale)</title>"
        svg += "<desc id=\"\(descID)\">\(HTMLText.escape(description(low: low, high: high)))</desc>"

        // Zebra rows, decade grid and tick labels.
        svg += "<g class=\"zebra\" aria-hidden=\"true\">"
        for r in rows.indices where r % 2 == 1 {
            let rowBottom = r + 1 < rowTops.count ? rowTops[r + 1] : bottom
            svg +=
                "<rect x=\"0\" y=\"\(c(rowTops[r]))\" width=\"\(c(HTMLChart.width))\" "
                + "height=\"\(c(rowBottom - rowTops[r]))\"/>"
        }
        svg += "</g><g class=\"grid\" aria-hidden=\"true\">"
        for decade in low...high {
            let gx = c(plotLeft + Double(decade - low) / Double(high - low) * (plotRight - plotLeft))
            svg += "<line x1=\"\(gx)\" y1=\"\(c(top - 4))\" x2=\"\(gx)\" y2=\"\(c(bottom + 4))\"/>"
            svg +=
                "<text class=\"tick\" x=\"\(gx)\" y=\"\(c(bottom + 20))\" "
                + "text-anchor=\"middle\">\(HTMLText.escape(HTMLNumber.decade(decade, unit)))</text>"
        }
        svg +=
            "<text class=\"axis-title\" x=\"\(c((plotLeft + plotRight) / 2))\" y=\"\(c(bottom + 40))\" "
            + "text-anchor=\"middle\">\(HTMLText.escape(axisTitle)) (log scale)</text>"
        svg += "</g>"

        // Limit lines.
        svg += "<g class=\"limits\">"
        var plain = 0
        for (i, line) in lines.enumerated() {
            let lx = lineXs[i], placement = placements[i]
            let style = line.proposed ? "limit proposed" : "limit limit-\(plain % 5)"
            if !line.proposed { plain += 1 }
            let textX: Double
            switch placement.side {
            case .centered: textX = lx
            case .right: textX = placement.span.lowerBound
            case .left: textX = placement.span.upperBound
            }
            // A line starts under a label centred on it, or level with a label beside it.
            let lineTop = placement.side == .centered ? placement.y + 4 : placement.y - 10
            svg += "<g class=\"\(style)\"><title>\(HTMLText.escape(lineTitle(line)))</title>"
            svg += "<line x1=\"\(c(lx))\" y1=\"\(c(lineTop))\" x2=\"\(c(lx))\" y2=\"\(c(bottom + 4))\"/>"
            svg +=
                "<text x=\"\(c(textX))\" y=\"\(c(placement.y))\" "
                + "text-anchor=\"\(placement.anchor)\">\(HTMLText.escape(lineLabel(line)))</text>"
            if let was = line.was {
                // An arrow from the limit as it is (where its line is drawn) to the proposed one.
                let from =
                    lines.indices.first { !lines[$0].proposed && lines[$0].value == was }.map { lineXs[$0] } ?? x(was).x
                let to = lx, arrowY = placement.y + 8
                if abs(to - from) > 12 {
                    let head = to > from ? -7.0 : 7.0
                    svg += "<path class=\"shift\" d=\"M\(c(from)) \(c(arrowY))H\(c(to + head))\"/>"
                    svg += "<path class=\"shift-head\" d=\"M\(c(to)) \(c(arrowY))l\(c(head)) -4v8z\"/>"
                }
            }
            svg += "</g>"
        }
        svg += "</g>"

        // Rows.
        for (r, row) in rows.enumerated() {
            let rowBottom = r + 1 < rowTops.count ? rowTops[r + 1] : bottom
            let cy = (rowTops[r] + rowBottom) / 2
            let label = labelLines[r]
            svg += "<g class=\"row\" data-profile=\"\(row.profileIndex + 1)\">"
            // The whole label, on as many lines as it takes.
            let firstBaseline = cy + 4 - Double(label.count - 1) * HTMLChart.labelLineHeight / 2
            svg += "<text class=\"row-label\" x=\"\(c(labelRight))\" y=\"\(c(firstBaseline))\" text-anchor=\"end\">"
            if label.count == 1 {
                svg += HTMLText.escape(row.label)
            } else {
                for (k, line) in label.enumerated() {
                    let dy = k == 0 ? "" : " dy=\"\(c(HTMLChart.labelLineHeight))\""
                    svg += "<tspan x=\"\(c(labelRight))\"\(dy)>\(HTMLText.escape(line))</tspan>"
                }
            }
            svg += "<title>\(HTMLText.escape(row.label))</title></text>"
            let primaryX: Double? = row.primary?.value.map { x($0).x }
            // Secondary series first, so that the primary point is drawn on top of them.
            for point in row.points.dropFirst() {
                guard let value = point.value else { continue }
                let (px, _) = x(value)
                let sy = cy + 8
                if let primaryX, abs(primaryX - px) > 4 {
                    svg +=
                        "<line class=\"connector\" x1=\"\(c(primaryX))\" y1=\"\(c(sy))\" x2=\"\(c(px))\" "
                        + "y2=\"\(c(sy))\" aria-hidden=\"true\"/>"
                }
                svg += "<g class=\"point2 \(point.status)\"><title>\(HTMLText.escape(pointTitle(row, point)))</title>"
                svg += "<path d=\"M\(c(px)) \(c(sy - 4))L\(c(px + 4)) \(c(sy + 3))L\(c(px - 4)) \(c(sy + 3))Z\"/></g>"
            }
            if let point = row.primary {
                let tip = HTMLText.escape(pointTitle(row, point))
                if let value = point.value {
                    let (px, off) = x(value)
                    if let range = point.range {
                        let (lx, _) = x(range.lowerBound), (hx, _) = x(range.upperBound)
                        svg +=
                            "<g class=\"range\" aria-hidden=\"true\"><line x1=\"\(c(lx))\" y1=\"\(c(cy))\" "
                            + "x2=\"\(c(hx))\" y2=\"\(c(cy))\"/>"
                        svg += "<line x1=\"\(c(lx))\" y1=\"\(c(cy - 5))\" x2=\"\(c(lx))\" y2=\"\(c(cy + 5))\"/>"
                        svg += "<line x1=\"\(c(hx))\" y1=\"\(c(cy - 5))\" x2=\"\(c(hx))\" y2=\"\(c(cy + 5))\"/></g>"
                    }
                    svg += "<g class=\"point \(point.status)\(off ? " off-scale" : "")\"><title>\(tip)</title>"
                    if point.indeterminate {
                        svg +=
                            "<path d=\"M\(c(px)) \(c(cy - 7.5))L\(c(px + 7.5)) \(c(cy))L\(c(px)) "
                            + "\(c(cy + 7.5))L\(c(px - 7.5)) \(c(cy))Z\"/>"
                        svg += "<text x=\"\(c(px))\" y=\"\(c(cy + 3.5))\" text-anchor=\"middle\">?</text>"
                    } else {
                        svg += "<circle cx=\"\(c(px))\" cy=\"\(c(cy))\" r=\"5.5\"/>"
                    }
                    if off { svg += "<path class=\"arrow\" d=\"M\(c(px - 12)) \(c(cy))l6 -4v8z\"/>" }
                    svg += "</g>"
                } else {
                    svg += "<g class=\"point missing\"><title>\(tip)</title>"
                    svg += "<rect x=\"\(c(plotLeft - 5))\" y=\"\(c(cy - 5))\" width=\"10\" height=\"10\"/>"
                    svg += "<text x=\"\(c(plotLeft + 10))\" y=\"\(c(cy + 4))\">not given</text></g>"
                }
            }
            let valueText = row.primary?.value.map { HTMLNumber.approximate($0, unit) } ?? "—"
            let mark =
                row.primary.flatMap {
                    $0.value == nil ? nil : $0.indeterminate ? " ?" : $0.conditionNotMet ? " ○" : nil
                } ?? ""
            svg +=
                "<text class=\"value\" x=\"\(c(HTMLChart.valueLeft))\" "
                + "y=\"\(c(cy + 4))\">\(HTMLText.escape(valueText + mark))</text>"
            svg += "</g>"
        }
        svg += "</svg>"

        var out = "<figure class=\"chart-figure\" id=\"\(id)\">"
        out +=
            "<figcaption><h3>\(HTMLText.escape(title)) <span "
            + "class=\"unit\">(\(HTMLText.escape(unit)))</span></h3></figcaption>"
        out += "<div class=\"chart-scroll\">" + svg + "</div>"
        out += legend()
        out += markNotes()
        out += dataTable(id: id)
        out += "</figure>"
        return out
    }

    var axisTitle: String {
        (series.count == 1 ? HTMLChart.seriesLabel(series[0]) : title).htmlCapitalizedFirst + " (" + unit + ")"
    }

    /// `A  > 1e25`.
    func lineLabel(_ line: Line) -> String {
        let comparisons = Set(line.refs.map(\.comparison.symbol))
        let symbol = comparisons.count == 1 ? comparisons.first! + " " : ""
        return line.key + "  " + symbol + HTMLNumber.number(line.value, unit) + (line.proposed ? " proposed" : "")
    }

    func lineTitle(_ line: Line) -> String {
        var text = "\(line.key): \(HTMLNumber.quantity(line.value, unit))"
        if let was = line.was { text += ", proposed (was \(HTMLNumber.quantity(was, unit)))" }
        return text + " — "
            + line.refs.map { "\($0.label) (\($0.comparison.symbol), \(HTMLChart.seriesLabel($0.series)))" }.joined(
                separator: "; ")
    }

    func pointTitle(_ row: Row, _ point: Point) -> String {
        var text = row.label + ": "
        if let value = point.value { text += HTMLNumber.quantity(value, unit) } else { text += "not given" }
        if let range = point.range {
            let low = HTMLNumber.number(range.lowerBound, unit)
            let high = HTMLNumber.number(range.upperBound, unit)
            text += " (range \(low)–\(high))"
        }
        text += ", " + HTMLChart.seriesLabel(point.series)
        for reading in point.results {
            text += "; " + reading.text
            if reading.truth == .indeterminate || reading.conditionNotMet, !reading.notes.isEmpty {
                text += " — " + reading.notes.joined(separator: "; ")
            }
        }
        return text
    }

    func description(low: Int, high: Int) -> String {
        var text =
            "Each row is \(rowNounWithArticle) (\(rows.count) in all), its "
            + "\(HTMLChart.seriesLabel(series.first ?? "")) plotted as a point on a logarithmic scale from "
            + "\(HTMLNumber.decade(low, unit)) to \(HTMLNumber.decade(high, unit)) \(unit)."
        if series.count > 1 {
            text += " Triangles mark \(series.dropFirst().map(HTMLChart.seriesLabel).joined(separator: " and "))."
        }
        text += " Uncertain values are drawn as ranges; indeterminate results as diamonds"
        text += hasConditionNotMet ? "; a value over a line whose other condition is not met as a hollow circle." : "."
        for line in lines {
            let over = rows.filter { row in row.primary?.value.map { $0 > line.value } ?? false }.count
            text +=
                " Line \(line.key) at \(HTMLNumber.quantity(line.value, unit))\(line.proposed ? " (proposed)" : ""): "
                + "\(over) of \(rows.count) above."
        }
        return text
    }

    /// Whether any point is over a line whose threshold's other condition is not met.
    var hasConditionNotMet: Bool { rows.contains { $0.points.contains(where: \.conditionNotMet) } }

    func legend() -> String {
        var out = "<div class=\"legend\"><ul class=\"marks\">"
        out +=
            "<li><svg class=\"swatch\" viewBox=\"0 0 16 16\" aria-hidden=\"true\"><circle cx=\"8\" cy=\"8\" "
            + "r=\"5.5\" class=\"sw-decided\"/></svg> value, decided against every line</li>"
        let points = rows.flatMap(\.points)
        if points.contains(where: { $0.indeterminate && $0.value != nil }) {
            out +=
                "<li><svg class=\"swatch\" viewBox=\"0 0 16 16\" aria-hidden=\"true\"><path d=\"M8 0.5L15.5 8L8 "
                + "15.5L0.5 8Z\" class=\"sw-indeterminate\"/></svg> indeterminate against a line: its range "
                + "crosses the line, or the test lacks something else it needs — a condition’s fact, figures for "
                + "the year the statute counts, an exchange rate (reasons below)</li>"
        }
        if hasConditionNotMet {
            out +=
                "<li><svg class=\"swatch\" viewBox=\"0 0 16 16\" aria-hidden=\"true\"><circle cx=\"8\" cy=\"8\" "
                + "r=\"5.5\" class=\"sw-condition-not-met\"/></svg> over a line, but not met: the threshold’s "
                + "other condition is not (noted below)</li>"
        }
        if points.contains(where: { $0.range != nil }) {
            out +=
                "<li><svg class=\"swatch wide\" viewBox=\"0 0 32 16\" aria-hidden=\"true\"><path d=\"M3 8H29M3 "
                + "3V13M29 3V13\" class=\"sw-range\"/></svg> uncertainty range, low to high</li>"
        }
        if series.count > 1 {
            out +=
                "<li><svg class=\"swatch\" viewBox=\"0 0 16 16\" aria-hidden=\"true\"><path d=\"M8 2L14 13H2Z\" "
                + "class=\"sw-decided\"/></svg> "
                + "\(HTMLText.escape(series.dropFirst().map(HTMLChart.seriesLabel).joined(separator: ", ")))</li>"
        }
        if rows.contains(where: { $0.primary?.value == nil }) {
            out +=
                "<li><svg class=\"swatch\" viewBox=\"0 0 16 16\" aria-hidden=\"true\"><rect x=\"3\" y=\"3\" "
                + "width=\"10\" height=\"10\" class=\"sw-missing\"/></svg> not given</li>"
        }
        out += "</ul><ul class=\"lines\">"
        var plain = 0
        for line in lines {
            let style = line.proposed ? "proposed" : "limit-\(plain % 5)"
            if !line.proposed { plain += 1 }
            out +=
                "<li><svg class=\"swatch wide\" viewBox=\"0 0 32 16\" aria-hidden=\"true\"><line x1=\"0\" y1=\"8\" "
                + "x2=\"32\" y2=\"8\" class=\"sw-line \(style)\"/></svg> "
            out +=
                "<strong>\(HTMLText.escape(line.key))</strong> "
                + "\(HTMLText.escape(HTMLNumber.quantity(line.value, unit)))"
            if let was = line.was {
                out += " <em>proposed</em>, was \(HTMLText.escape(HTMLNumber.quantity(was, unit)))"
            }
            if let twin = lines.first(where: { $0.key != line.key && $0.value == line.value }) {
                out += " (drawn beside \(HTMLText.escape(twin.key)), at the same value)"
            }
            out +=
                ": "
                + line.refs.map { ref in
                    var item =
                        "<code>\(HTMLText.escape(ref.pack))</code> › <code>\(HTMLText.escape(ref.threshold))</code> "
                        + "(\(HTMLText.escape(ref.comparison.symbol))"
                    if series.count > 1 { item += ", " + HTMLText.escape(HTMLChart.seriesLabel(ref.series)) }
                    return item + ")"
                }.joined(separator: "; ")
            out += "</li>"
        }
        out += "</ul></div>"
        return out
    }

    /// The most marked points whose reasons are listed under a chart; the rest are in each
    /// profile's details.
    static let markNoteLimit = 20

    /// Why each marked point (indeterminate, or over a line with a condition not met) is marked,
    /// as a visible list: a tooltip is lost in print.
    func markNotes() -> String {
        var items: [String] = []
        var total = 0
        for row in rows {
            for point in row.points {
                for reading in point.marked {
                    total += 1
                    guard items.count < HTMLChart.markNoteLimit else { continue }
                    var item = "<li><a href=\"#p-\(row.profileIndex + 1)\">\(HTMLText.isolated(row.label))</a>"
                    if series.count > 1 { item += " (\(HTMLText.escape(HTMLChart.seriesLabel(point.series))))" }
                    item +=
                        ", <code>\(HTMLText.escape(reading.ref.pack))</code> › "
                        + "<code>\(HTMLText.escape(reading.ref.threshold))</code>: "
                    item += reading.conditionNotMet ? "over the line, not met: a condition is not" : "indeterminate"
                    if !reading.notes.isEmpty {
                        item += " — " + HTMLText.escape(reading.notes.joined(separator: "; "))
                    }
                    items.append(item + "</li>")
                }
            }
        }
        guard !items.isEmpty else { return "" }
        var out =
            "<details class=\"mark-notes\" open=\"open\"><summary>Why "
            + "\(total == 1 ? "1 result is" : "\(total) results are") marked</summary><ul>"
        out += items.joined()
        if total > items.count { out += "<li>… and \(total - items.count) more: see each profile’s details.</li>" }
        return out + "</ul></details>"
    }

    /// The plotted values as a table, for screen readers (visually hidden, in a box that clips it
    /// so that it does not widen the page).
    func dataTable(id: String) -> String {
        var out =
            "<div class=\"sr-only\"><table class=\"chart-data\" id=\"\(id)-data\"><caption>Values plotted in the "
            + "chart “\(HTMLText.escape(title))”</caption>"
        out +=
            "<thead><tr><th scope=\"col\">\(HTMLText.escape(rowNoun.htmlCapitalizedFirst))</th><th "
            + "scope=\"col\">Quantity</th><th scope=\"col\">Value</th><th scope=\"col\">Range</th><th "
            + "scope=\"col\">Results</th></tr></thead><tbody>"
        for row in rows {
            for point in row.points {
                out += "<tr><th scope=\"row\">\(HTMLText.isolated(row.label))</th>"
                out += "<td>\(HTMLText.escape(HTMLChart.seriesLabel(point.series)))</td>"
                out += "<td>\(HTMLText.escape(point.value.map { HTMLNumber.quantity($0, unit) } ?? "not given"))</td>"
                let range = point.range.map {
                    "\(HTMLNumber.number($0.lowerBound, unit))–\(HTMLNumber.number($0.upperBound, unit))"
                }
                out += "<td>\(HTMLText.escape(range ?? "—"))</td>"
                out += "<td>\(HTMLText.escape(point.results.map(\.text).joined(separator: "; ")))</td></tr>"
            }
        }
        return out + "</tbody></table></div>"
    }
}

extension String {
    /// With the first character upper-cased.
    var htmlCapitalizedFirst: String { prefix(1).uppercased() + dropFirst() }

    /// With underscores as spaces.
    var htmlUnderscoresAsSpaces: String { String(map { $0 == "_" ? " " : $0 }) }
}
