// The synthetic profiles: a seeded PRNG and the generator of distinct lab profiles (every spelling
// the format allows). CorpusDirectory.swift writes them to disk.

import ThresholdKit
import ThresholdPlatform

// MARK: - Deterministic randomness

/// SplitMix64: tiny, fast, and the same on every platform.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `range` (the tiny modulo bias is irrelevant here).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    /// `count` distinct items, in their original order.
    mutating func subset<T>(_ items: [T], count: Int) -> [T] {
        var indices = Array(items.indices)
        for i in stride(from: indices.count - 1, to: 0, by: -1) { indices.swapAt(i, int(0...i)) }
        return indices.prefix(count).sorted().map { items[$0] }
    }
}

// MARK: - Synthetic lab profiles

/// Writes one lab profile in YAML. Profile `index` depends only on the seed and the index.
struct ProfileGenerator {
    let seed: UInt64

    private static let labWords = [
        "Helios", "Aurora", "Cobalt", "Meridian", "Zenith", "Northwind", "Kestrel", "Pebble",
        "Quiet River", "Atlas", "Cistron", "Lumen", "Vanta", "Orchid", "Basalt", "Tern",
        "Halcyon", "Juniper", "Obsidian", "Sable",
    ]
    private static let labSuffixes = [
        "AI Labs", "Systems", "Intelligence", "Research", "AI", "Labs Inc.", "Technologies", "Bio",
    ]
    private static let jurisdictions = ["US-CA", "US-NY", "EU", "US", "UK"]
    private static let modalities = ["text", "image", "audio", "video", "code"]
    private static let statuses = ["deployed", "deployed", "deployed", "internal", "in-training", "withdrawn"]
    private static let obligations = [
        "cybersecurity-assessment", "biological-weapons-assessment", "loss-of-control-assessment",
        "automated-ai-rnd-assessment", "frontier-transparency-report", "frontier-ai-framework",
        "critical-safety-incident-reporting", "safety-incident-reporting", "safety-and-security-protocol",
        "commerce-reporting", "systemic-risk-notification",
    ]
    /// The built-in packs that define each obligation (Rules/*.yaml), for a record's `pack:` field:
    /// `threshold audit` refuses a profile whose record names a pack that does not define its
    /// obligation, and a benchmark of refusals would measure something else.
    private static let definingPacks = [
        "cybersecurity-assessment": ["frontier-ai-proposal-2026"],
        "biological-weapons-assessment": ["frontier-ai-proposal-2026"],
        "loss-of-control-assessment": ["frontier-ai-proposal-2026"],
        "automated-ai-rnd-assessment": ["frontier-ai-proposal-2026"],
        "frontier-transparency-report": ["us-ca-sb53", "us-il-ai-safety", "us-ny-raise"],
        "frontier-ai-framework": ["us-ca-sb53", "us-il-ai-safety"],
        "critical-safety-incident-reporting": ["us-ca-sb53", "us-il-ai-safety"],
        "safety-incident-reporting": ["us-ny-raise"],
        "safety-and-security-protocol": ["us-ny-raise"],
        "commerce-reporting": ["us-eo-14110"],
        "systemic-risk-notification": ["eu-ai-act-gpai"],
    ]
    private static let assessors = [
        "Example Assurance LLP", "Red Team Partners", "Independent Evaluations GmbH", "internal red team",
        "Northbridge Audit", "\"Smith & Wesson Evals, Ltd.\"",
    ]
    private static let superscripts = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]

    /// The text of profile `index`.
    func profile(_ index: Int) -> String {
        var rng = SplitMix64(seed: seed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
        _ = rng.next()
        var out = ""
        out.reserveCapacity(2048)
        var anchors = 0
        func anchor() -> String {
            anchors += 1
            return "a\(anchors)"
        }

        let lab = rng.pick(Self.labWords)
        let slug = lab.lowercased().replacingOccurrences(" ", "-")
        let name = "\(lab) \(rng.pick(Self.labSuffixes)) \(index)"
        out += "# \(name) — synthetic profile \(index) (threshold-bench)\n"
        if rng.chance(0.2) { out += "---\n" }

        // Organization and money.
        out += "organization:\n"
        out += "  name: \(rng.chance(0.2) ? "\"\(name)\"" : name)\n"
        let places = rng.subset(Self.jurisdictions, count: rng.int(1...3))
        if rng.chance(0.7) {
            out += "  jurisdictions: [\(places.joined(separator: ", "))]\n"
        } else {
            out += "  jurisdictions:\n" + places.map { "    - \($0)\n" }.joined()
        }
        if rng.chance(0.85) {
            out +=
                "  reporting_period: "
                + "\(rng.int(2023...2026))\(rng.chance(0.3) ? "   # the year the money figures cover" : "")\n"
        }
        var usesEuro = false
        for key in ["annual_gross_revenue", "ai_revenue", "ai_rnd_spend"] where rng.chance(0.85) {
            let (text, euro) = money(&rng)
            usesEuro = usesEuro || euro
            out += "  \(key): \(text)\n"
        }
        if usesEuro && rng.chance(0.9) {
            let cents = rng.int(1...19)
            let rate = "1.\(cents < 10 ? "0" : "")\(cents)"
            out += "  exchange_rates:\n"
            if rng.chance(0.5) {
                out += "    - {from: EUR, to: USD, rate: \(rate), date: 2025-12-31}\n"
            } else {
                out +=
                    "    - from: EUR\n      to: USD\n      rate: \(rate)\n      date: 2025-12-31   # ECB reference "
                    + "rate\n"
            }
        }

        // Models.
        let modelCount = rng.int(1...5)
        var modelNames: [String] = []
        var modalityAnchor: String?
        out += "models:\n"
        for m in 0..<modelCount {
            let modelName = "\(slug)-\(m + 1)\(rng.chance(0.3) ? "-pro" : "")"
            modelNames.append(modelName)
            out += "  - name: \(modelName)\n"
            if rng.chance(0.92) {
                if rng.chance(0.3) {
                    let note = rng.pick([
                        "Reported by the lab.", "Derived from disclosures.", "Estimate; see the model card.",
                    ])
                    out += "    # \(note)\n"
                }
                out += "    training_compute: \(compute(&rng, indent: "      "))\n"
            }
            if rng.chance(0.7) {
                out += "    fine_tuning_compute: \(rng.chance(0.1) ? "0" : fineTuning(&rng))\n"
            }
            if rng.chance(0.9) {
                if let anchorName = modalityAnchor, rng.chance(0.5) {
                    out += "    modalities: *\(anchorName)\n"
                } else {
                    let chosen =
                        rng.chance(0.05) ? ["protein-sequence"] : rng.subset(Self.modalities, count: rng.int(1...3))
                    if modalityAnchor == nil && rng.chance(0.5) {
                        let a = anchor()
                        modalityAnchor = a
                        out += "    modalities: &\(a) [\(chosen.joined(separator: ", "))]\n"
                    } else {
                        out += "    modalities: [\(chosen.joined(separator: ", "))]\n"
                    }
                }
            }
            if rng.chance(0.8) { out += "    primary_data: \(rng.chance(0.08) ? "biological-sequence" : "general")\n" }
            if rng.chance(0.85) { out += "    status: \(rng.pick(Self.statuses))\n" }
            if rng.chance(0.8) { out += "    released: \(date(&rng, years: 2023...2027))\n" }
        }

        // Clusters.
        let clusterCount = rng.chance(0.5) ? rng.int(1...2) : 0
        if clusterCount > 0 {
            out += "clusters:\n"
            for c in 0..<clusterCount {
                // Cluster names need not be unique; now and then two are the same.
                let clusterName =
                    clusterCount == 2 && rng.chance(0.1)
                    ? "east-1" : "\(rng.pick(["east", "west", "north", "south"]))-\(c + 1)"
                out += "  - name: \(clusterName)\n"
                if rng.chance(0.9) {
                    let mantissa = rng.int(10...99), exponent = rng.int(18...20)
                    let capacity =
                        rng.chance(0.5) ? "\(decimal(mantissa))e\(exponent) FLOP/s" : "\(mantissa * 10) PFLOP/s"
                    out += "    peak_capacity: \(capacity)\n"
                }
                if rng.chance(0.8) {
                    out += "    interconnect: \(rng.pick(["400 Gbit/s", "800 Gbit/s", "3.2 Tbit/s", "1.6 Tbit/s"]))\n"
                }
                if rng.chance(0.8) { out += "    co_located: \(rng.chance(0.7) ? "true" : "false")\n" }
            }
        }

        // Assessments: block mappings, flow mappings, and an anchored record merged into others.
        let assessmentCount = rng.chance(0.6) ? rng.int(1...5) : 0
        if assessmentCount > 0 {
            out += "assessments:\n"
            let obligations = rng.subset(Self.obligations, count: assessmentCount)
            var base: String?
            for obligation in obligations {
                let model = rng.chance(0.8) ? rng.pick(modelNames) : nil
                let completed = date(&rng, years: 2024...2027)
                let outcome = rng.chance(0.1) ? "high-risk" : "acceptable"
                let assessor = rng.pick(Self.assessors)
                let independent = rng.chance(0.8) ? "true" : "false"
                if let base, rng.chance(0.6) {
                    out += "  - {<<: *\(base), obligation: \(obligation)}\n"
                    continue
                }
                switch rng.int(0...2) {
                case 0:
                    var fields = ["obligation: \(obligation)"]
                    if let model { fields.append("model: \(model)") }
                    fields += [
                        "assessor: \(assessor)", "independent: \(independent)", "completed: \(completed)",
                        "outcome: \(outcome)",
                    ]
                    out += "  - {\(fields.joined(separator: ", "))}\n"
                default:
                    let a = base == nil && model != nil && rng.chance(0.6) ? anchor() : nil
                    if let a {
                        base = a
                        out += "  - &\(a)\n    obligation: \(obligation)\n"
                    } else {
                        out += "  - obligation: \(obligation)\n"
                    }
                    // Never on an anchored record: the records that merge it would inherit its pack
                    // with an obligation of their own.
                    if a == nil, let packs = Self.definingPacks[obligation], rng.chance(0.15) {
                        out += "    pack: \(rng.pick(packs))\n"
                    }
                    if let model { out += "    model: \(model)\n" }
                    out +=
                        "    assessor: \(assessor)\n    independent: \(independent)\n    completed: \(completed)\n   "
                        + " outcome: \(outcome)\n"
                }
            }
        }
        return out
    }

    /// "3.2" for 32, "3" for 30: a two-digit mantissa as d.d.
    private func decimal(_ mantissa: Int) -> String {
        mantissa % 10 == 0 ? "\(mantissa / 10)" : "\(mantissa / 10).\(mantissa % 10)"
    }

    private func superscript(_ n: Int) -> String { String(n).map { Self.superscripts[Int(String($0))!] }.joined() }

    /// `digits` followed by `zeros` zeros, grouped by underscores in threes.
    private func underscored(_ digits: Int, zeros: Int) -> String {
        let plain = String(digits) + String(repeating: "0", count: zeros)
        var out = ""
        for (i, c) in plain.enumerated() {
            if i > 0 && (plain.count - i) % 3 == 0 { out += "_" }
            out.append(c)
        }
        return out
    }

    private func quoted(_ text: String, _ rng: inout SplitMix64) -> String {
        switch rng.int(0...5) {
        case 0: return "\"\(text)\""
        case 1: return "'\(text)'"
        default: return text
        }
    }

    /// A training compute between 1e22 and 1e27 FLOP, in one of the format's spellings.
    private func compute(_ rng: inout SplitMix64, indent: String) -> String {
        // The value is mantissa/10 × 10^exponent: 1.0e22 … 9.9e26, or exactly 1e27.
        var mantissa = rng.chance(0.15) ? 10 : rng.int(10...99)
        var exponent = rng.int(22...26)
        if rng.chance(0.02) { mantissa = 10; exponent = 27 }
        let m = decimal(mantissa)
        let flop = rng.chance(0.7) ? " FLOP" : ""
        switch rng.int(0...13) {
        case 0: return "\(m)e\(exponent)"
        case 1, 2: return "\(m)e\(exponent) FLOP"
        case 3: return "\(m)E+\(exponent)\(flop)"
        case 4:
            return mantissa == 10 ? quoted("10^\(exponent)\(flop)", &rng) : quoted("\(m) × 10^\(exponent)\(flop)", &rng)
        case 5:
            return mantissa == 10
                ? "10\(superscript(exponent))\(flop)" : quoted("\(m) × 10\(superscript(exponent))\(flop)", &rng)
        case 6: return quoted("\(m)\(rng.pick([" × ", "x", " * ", "·"]))10^\(exponent)\(flop)", &rng)
        case 7:
            // Petaflop/s-days: 1 PF-day = 8.64e19 FLOP.
            let pfDays = Double(mantissa) / 10 * pow(10, Double(exponent)) / 8.64e19
            return "\(Int(pfDays.rounded())) \(rng.pick(["PF-days", "PFLOP/s-days", "petaflop/s-days"]))"
        case 8: return "\(underscored(mantissa, zeros: exponent - 1))\(flop)"
        case 9:
            // mantissa/10 × 10^exponent FLOP = mantissa × 10^(exponent - 22) ZFLOP, or × 10^(exponent - 19) EFLOP.
            return exponent % 2 == 0
                ? "\(mantissa)\(String(repeating: "0", count: exponent - 22)) ZFLOP"
                : "\(mantissa)\(String(repeating: "0", count: exponent - 19)) EFLOP"
        case 10:
            // Uncertain: an estimate between a low and a high end.
            let low = "\(m)e\(exponent - 1)", high = "\(decimal(min(99, mantissa + rng.int(5...40))))e\(exponent)"
            let confidence =
                rng.chance(0.5) ? ", confidence: \"order-of-magnitude estimate from hardware disclosures\"" : ""
            if rng.chance(0.5) { return "{estimate: \(m)e\(exponent), low: \(low), high: \(high)\(confidence)}" }
            return "\n\(indent)estimate: \(m)e\(exponent) FLOP\n\(indent)low: \(low) FLOP\n\(indent)high: \(high) FLOP"
        case 11:
            // 6 × parameters × tokens.
            let parameters = rng.pick(["7e9", "70B", "405e9", "1.2e12", "34_000_000_000", "180e9"])
            let tokens = rng.pick(["2e12", "15.6e12", "15T", "8e12", "30e12"])
            return rng.chance(0.5)
                ? "{parameters: \(parameters), tokens: \(tokens)}"
                : "\n\(indent)parameters: \(parameters)   # dense transformer\n\(indent)tokens: \(tokens)"
        case 12:
            // chips × peak per chip × time × utilization.
            let chips = rng.pick(["16384", "4096", "24_576", "100000", "2048"])
            let peak = rng.pick(["989e12 FLOP/s", "312 TFLOP/s", "2.25e15 FLOP/s", "1979 TFLOP/s"])
            let time = rng.chance(0.5) ? "hours: \(rng.int(200...5000))" : "days: \(rng.int(10...120))"
            let utilization = "0.\(rng.int(25...60))"
            return rng.chance(0.5)
                ? "{chips: \(chips), peak_per_chip: \(peak), \(time), utilization: \(utilization)}"
                : "\n\(indent)chips: \(chips)\n\(indent)peak_per_chip: "
                    + "\(peak)\n\(indent)\(time)\n\(indent)utilization: \(utilization)"
        default:
            // An anchor on a plain figure: nothing refers to it, but it is parsed and recorded.
            return "&tc\(rng.int(0...99)) \(m)e\(exponent) FLOP"
        }
    }

    private func fineTuning(_ rng: inout SplitMix64) -> String {
        let m = decimal(rng.int(10...99)), exponent = rng.int(20...24)
        switch rng.int(0...3) {
        case 0: return "\(m)e\(exponent)"
        case 1: return quoted("\(m) × 10^\(exponent) FLOP", &rng)
        default: return "\(m)e\(exponent) FLOP"
        }
    }

    /// An amount between 1M and 99B, in USD (most spellings) or EUR; whether it is in euros.
    private func money(_ rng: inout SplitMix64) -> (String, Bool) {
        let mantissa = rng.int(10...99), power = rng.int(6...10)  // mantissa/10 × 10^power
        let m = decimal(mantissa)
        let scaled: (String, String) =
            power >= 9
            ? (decimal(mantissa * Int(pow(10, Double(power - 9)))), "B")
            : (decimal(mantissa * Int(pow(10, Double(power - 6)))), "M")
        let comment = rng.chance(0.1) ? "    # with affiliates" : ""
        switch rng.int(0...11) {
        case 0, 1: return ("\(scaled.0)\(scaled.1) USD\(comment)", false)
        case 2: return ("$\(scaled.0)\(scaled.1)\(comment)", false)
        case 3: return ("\(scaled.0) \(scaled.1 == "B" ? "billion" : "million") USD", false)
        case 4: return ("\(scaled.0) \(scaled.1 == "B" ? "billion" : "million")", false)
        case 5: return ("\(scaled.0)\(scaled.1)", false)
        case 6: return ("\(underscored(mantissa, zeros: power - 1)) USD", false)
        case 7: return ("\(underscored(mantissa, zeros: power - 1))", false)
        case 8: return ("\(m)e\(power) USD", false)
        case 9: return ("US$ \(scaled.0)\(scaled.1)", false)
        case 10: return ("\(scaled.0)\(scaled.1) EUR\(comment)", true)
        default: return ("€\(scaled.0)\(scaled.1)", true)
        }
    }

    private func date(_ rng: inout SplitMix64, years: ClosedRange<Int>) -> String {
        let month = rng.int(1...12), day = rng.int(1...28)
        return "\(rng.int(years))-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}

extension String {
    fileprivate func replacingOccurrences(_ a: Character, _ b: Character) -> String { String(map { $0 == a ? b : $0 }) }

}
