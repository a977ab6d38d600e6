import Foundation
import Testing
import ThresholdKit

/// The built-in packs for the real statutes (Rules/*.yaml) and both readings of the proposal, driven
/// through the `threshold` binary: their own test cases pass, they lint,
/// and example labs whose outcome differs between packs get exactly the verdicts the statutes give.
@Suite("law packs")
struct LawPackTests {
    static let lawPacks = [
        "eu-ai-act-gpai", "us-ca-sb53", "us-ny-raise", "us-eo-14110", "us-il-ai-safety", "kr-ai-basic-act",
    ]

    // MARK: The packs' own tests

    @Test("threshold rules test: every built-in pack's test cases pass")
    func builtInPackTestsPass() throws {
        let result = try CLI.run(["rules", "test"])
        #expect(result.status == 0, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        let summary = try #require(Self.summary(result.stdout), "no 'N passed, M failed' line in: \(result.stdout)")
        #expect(summary.failed == 0)
        #expect(summary.passed > 0)
        #expect(!result.stdout.contains("FAIL"))
        // Each law pack is built in and contributes passing cases.
        for pack in Self.lawPacks {
            #expect(result.stdout.contains("PASS  \(pack): "), "no passing case for \(pack)")
        }
        // The boundary cases the statutes turn on are among them.
        for line in [
            "PASS  eu-ai-act-gpai: exactly 10^25 FLOP is not a model with systemic risk",
            "PASS  us-ca-sb53: exactly 10^26 operations is not a frontier model",
            "PASS  us-ny-raise: exactly 10^26 operations is not a frontier model",
            "PASS  us-eo-14110: revoked on 20 January 2025, nothing is required",
        ] {
            #expect(result.stdout.contains(line), "missing: \(line)")
        }
    }

    // Every threshold and quantity condition is put at, just over and just under its limit; each fact is left
    // out; and one case is dated outside the pack's force.
    @Test(
        "each built-in pack's cases: every limit at, just over and just under, each fact left out, a date out of force",
        arguments: ["frontier-ai-proposal-2026"] + lawPacks)
    func boundaryCoverage(packID: String) throws {
        let book = try RuleBook.builtIn().selecting([packID])
        let pack = try #require(book.pack(packID))
        if let effective = pack.effective {
            #expect(
                pack.tests.contains { $0.asOf < effective && $0.inForce == false },
                "no case dated before \(effective) expects the pack not in force")
        }
        if let expires = pack.expires {
            #expect(
                pack.tests.contains { $0.asOf >= expires && $0.inForce == false },
                "no case dated on or after \(expires) expects the pack not in force")
        }
        for threshold in pack.thresholds {
            var quantity = BoundaryCoverage(limit: threshold.test.limit)
            // A threshold's `modified_model:` test draws its own line for each model built on
            // another provider's model: covered against the line each result shows (exact when
            // it has a finite decimal), apart from the threshold's own.
            var modified = BoundaryCoverage(limit: ExactDecimal.one)
            var conditions = threshold.conditions.map { condition in
                guard case .quantity(let test) = condition else { return BoundaryCoverage(limit: nil) }
                return BoundaryCoverage(limit: test.limit)
            }
            // Only cases that state what they expect of this threshold count.
            for test in pack.tests {
                guard let expected = test.thresholds[threshold.id] else { continue }
                let results =
                    book.evaluate(test.profile, asOf: test.asOf).packs.first?.thresholds.filter {
                        $0.id == threshold.id
                    } ?? []
                for result in results {
                    let model = test.profile.models.first { "model:" + $0.name == result.subject }
                    if threshold.modifiedModel != nil, model?.baseModel != nil {
                        modified.record(
                            given: result.value != nil, value: result.range == nil ? result.value : nil,
                            expected: expected, limit: result.limit)
                        continue
                    }
                    // The evaluator's value is in the limit's unit, sums and conversions done.
                    quantity.record(
                        given: result.value != nil, value: result.range == nil ? result.value : nil, expected: expected)
                    guard result.value != nil else { continue }
                    for (k, condition) in threshold.conditions.enumerated() {
                        for reading in Self.readings(of: condition.fact, in: test.profile)
                        where reading.subject == result.subject {
                            conditions[k].record(given: reading.given, value: reading.value, expected: expected)
                        }
                    }
                }
            }
            let fact = threshold.test.fact.rawValue
            #expect(
                quantity.gaps.isEmpty,
                "\(packID)/\(threshold.id) (\(fact)): no case \(quantity.gaps.joined(separator: ", "))")
            if let test = threshold.modifiedModel?.test {
                let gaps = modified.gaps.joined(separator: ", ")
                #expect(
                    modified.gaps.isEmpty,
                    "\(packID)/\(threshold.id), modified_model (\(test.fact.rawValue)): no case \(gaps)")
            }
            for (condition, coverage) in zip(threshold.conditions, conditions) {
                let gaps = coverage.gaps.joined(separator: ", ")
                #expect(coverage.gaps.isEmpty, "\(packID)/\(threshold.id), where \(condition.text): no case \(gaps)")
            }
        }
    }

    @Test("an audit counts nobody in scope of a pack not in force, and labels whom it would reach")
    func auditNotInForce() throws {
        let result = try CLI.run(["audit", "Examples/labs", "--format", "json", "--as-of", "2026-11-29"])
        #expect(result.status == 0 || result.status == 1, "stderr: \(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let summary = try #require(document["summary"] as? [String: Any])
        let packs = try #require(summary["packs"] as? [[String: Any]])
        let verdicts = try #require(document["verdicts"] as? [[String: Any]])
        /// How many verdicts have an obligation of the pack that applies.
        func applying(_ pack: String) -> Int {
            verdicts.filter { verdict in
                ((verdict["packs"] as? [[String: Any]])?.first { $0["pack"] as? String == pack }?["obligations"]
                    as? [[String: Any]])?
                    .contains { $0["applies"] as? String == "yes" } == true
            }.count
        }
        for (pack, reason) in [
            ("us-eo-14110", "repealed or revoked with effect from 2025-01-20"),
            ("us-ny-raise", "not in force until 2027-01-01"),
        ] {
            let tally = try #require(packs.first { $0["pack"] as? String == pack })
            #expect(tally["in_force"] as? Bool == false)
            #expect(tally["in_scope"] as? Int == 0 && tally["unmet"] as? Int == 0, "\(pack): \(tally)")
            // The verdicts still say what would apply; the summary gives it only as such.
            let would = applying(pack)
            #expect(would > 0)
            #expect(
                result.stderr.contains("\(pack)  ")
                    && result.stderr.contains(
                        "not in force on 2026-11-29 (\(reason)); would be in scope if in force: \(would)"),
                "\(result.stderr)")
        }
        let eu = try #require(packs.first { $0["pack"] as? String == "eu-ai-act-gpai" })
        #expect(eu["in_force"] as? Bool == true && eu["in_scope"] as? Int == applying("eu-ai-act-gpai"))
        #expect(!result.stderr.contains("(in scope"))
    }

    @Test("threshold rules lint: the law packs and the proposal are well-formed")
    func lint() throws {
        let result = try CLI.run(["rules", "lint", "Rules/"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        for pack in Self.lawPacks + ["frontier-ai-proposal-2026"] {
            #expect(result.stdout.contains("ok: \(pack) ("), "not linted ok: \(pack)\n\(result.stdout)")
        }
    }

    @Test("threshold rules show cites the article for every threshold")
    func showCitations() throws {
        let result = try CLI.run(["rules", "show", "eu-ai-act-gpai"])
        #expect(result.status == 0)
        #expect(
            result.stdout.contains(
                "systemic-risk-compute: model training_and_fine_tuning_compute greater than 1e25 FLOP  [Art. 51(2)]"))
        #expect(result.stdout.contains("https://eur-lex.europa.eu/eli/reg/2024/1689/oj"))
    }

    // MARK: EU AI Act

    @Test("EU AI Act: Meridian (3e25 FLOP) is a general-purpose AI model with systemic risk")
    func euMeridian() throws {
        let (status, pack) = try Self.check("meridian", asOf: "2026-11-29", pack: "eu-ai-act-gpai")
        #expect(status == 1)
        #expect(pack["in_force"] as? Bool == true)
        #expect(Self.threshold(pack, "gpai-compute")?["result"] as? String == "met")
        #expect(Self.threshold(pack, "systemic-risk-compute")?["result"] as? String == "met")
        #expect(Self.threshold(pack, "systemic-risk-compute")?["citation"] as? String == "Art. 51(2)")
        for id in ["gpai-provider-obligations", "systemic-risk-notification", "systemic-risk-obligations"] {
            #expect(Self.obligation(pack, id)?["applies"] as? String == "yes", "\(id)")
            #expect(Self.obligation(pack, id)?["status"] as? String == "unmet", "\(id)")
        }
        // Released 2026-02-16: two weeks later.
        #expect(Self.obligation(pack, "systemic-risk-notification")?["due"] as? String == "2026-03-02")
        #expect(
            Self.obligation(pack, "systemic-risk-obligations")?["because"] as? [String] == [
                "gpai-compute", "systemic-risk-compute",
            ])
    }

    @Test("EU AI Act: Cistron's protein model does not generate text, audio, images or video")
    func euCistron() throws {
        let (status, pack) = try Self.check("cistron", asOf: "2026-11-29", pack: "eu-ai-act-gpai")
        #expect(status == 0)
        #expect(Self.threshold(pack, "gpai-compute")?["result"] as? String == "not-met")
        #expect(Self.obligation(pack, "gpai-provider-obligations")?["applies"] as? String == "no")
        #expect(Self.obligation(pack, "gpai-provider-obligations")?["status"] as? String == "not-required")
    }

    @Test("EU AI Act: the GPAI chapter does not apply before 2 August 2025")
    func euNotYetInForce() throws {
        let (status, pack) = try Self.check("meridian", asOf: "2025-08-01", pack: "eu-ai-act-gpai")
        #expect(status == 0)
        #expect(pack["in_force"] as? Bool == false)
        #expect(Self.obligation(pack, "systemic-risk-obligations")?["status"] as? String == "not-required")
    }

    // MARK: California SB 53

    @Test("California SB 53: Meridian (3e25 + 1.5e24) is not a frontier model")
    func caMeridian() throws {
        let (status, pack) = try Self.check("meridian", asOf: "2026-11-29", pack: "us-ca-sb53")
        #expect(status == 0)
        #expect(Self.threshold(pack, "frontier-model-compute")?["result"] as? String == "not-met")
        #expect(Self.threshold(pack, "frontier-model-compute")?["value"] as? String == "3.15e25")
        #expect(Self.threshold(pack, "large-developer-revenue")?["result"] as? String == "met")
        for id in ["frontier-transparency-report", "frontier-ai-framework", "critical-safety-incident-reporting"] {
            #expect(Self.obligation(pack, id)?["applies"] as? String == "no", "\(id)")
            #expect(Self.obligation(pack, id)?["status"] as? String == "not-required", "\(id)")
        }
    }

    @Test("California SB 53: Kestrel is a frontier developer but not a large one")
    func caKestrel() throws {
        let (status, pack) = try Self.check("kestrel", asOf: "2026-06-01", pack: "us-ca-sb53")
        #expect(status == 1)
        #expect(Self.threshold(pack, "frontier-model-compute")?["result"] as? String == "met")
        #expect(Self.threshold(pack, "large-developer-revenue")?["result"] as? String == "not-met")
        #expect(Self.obligation(pack, "frontier-transparency-report")?["applies"] as? String == "yes")
        #expect(Self.obligation(pack, "frontier-transparency-report")?["status"] as? String == "unmet")
        #expect(Self.obligation(pack, "frontier-transparency-report")?["due"] as? String == "2026-04-10")
        #expect(Self.obligation(pack, "critical-safety-incident-reporting")?["applies"] as? String == "yes")
        #expect(Self.obligation(pack, "frontier-ai-framework")?["applies"] as? String == "no")
        #expect(Self.obligation(pack, "frontier-ai-framework")?["status"] as? String == "not-required")
    }

    @Test("California SB 53: Zenith (2e26 FLOP, $3.4B) is a large frontier developer")
    func caZenith() throws {
        let (status, pack) = try Self.check("zenith", asOf: "2027-03-01", pack: "us-ca-sb53")
        #expect(status == 1)
        #expect(Self.threshold(pack, "frontier-model-compute")?["result"] as? String == "met")
        #expect(Self.threshold(pack, "large-developer-revenue")?["result"] as? String == "met")
        #expect(Self.obligation(pack, "frontier-ai-framework")?["applies"] as? String == "yes")
        #expect(Self.obligation(pack, "frontier-ai-framework")?["status"] as? String == "unmet")
        #expect(
            Self.obligation(pack, "frontier-ai-framework")?["because"] as? [String] == [
                "frontier-model-compute", "large-developer-revenue",
            ])
        // Its transparency report and incident process are on file.
        #expect(Self.obligation(pack, "frontier-transparency-report")?["status"] as? String == "met")
        #expect(Self.obligation(pack, "critical-safety-incident-reporting")?["status"] as? String == "met")
    }

    @Test("California SB 53: revenue for a year other than the preceding one is indeterminate")
    func caStaleRevenue() throws {
        // Zenith's figures are for 2026; in 2026 the statute counts 2025.
        let (_, pack) = try Self.check("zenith", asOf: "2026-06-01", pack: "us-ca-sb53")
        #expect(Self.threshold(pack, "large-developer-revenue")?["result"] as? String == "indeterminate")
        #expect(Self.obligation(pack, "frontier-ai-framework")?["applies"] as? String == "indeterminate")
        #expect(Self.obligation(pack, "frontier-transparency-report")?["applies"] as? String == "yes")
    }

    // MARK: New York RAISE Act

    @Test("New York RAISE: Zenith owes the protocol and incident reporting from 2027")
    func nyZenith() throws {
        let (status, pack) = try Self.check("zenith", asOf: "2027-03-01", pack: "us-ny-raise")
        #expect(status == 1)
        #expect(pack["in_force"] as? Bool == true)
        #expect(Self.threshold(pack, "frontier-model-compute")?["result"] as? String == "met")
        #expect(Self.threshold(pack, "large-developer-revenue")?["result"] as? String == "met")
        #expect(Self.obligation(pack, "safety-and-security-protocol")?["applies"] as? String == "yes")
        #expect(Self.obligation(pack, "safety-and-security-protocol")?["status"] as? String == "unmet")
        #expect(Self.obligation(pack, "safety-incident-reporting")?["applies"] as? String == "yes")
        #expect(Self.obligation(pack, "safety-incident-reporting")?["status"] as? String == "met")
        // The transparency report on file names the California pack, so it does not count here.
        #expect(Self.obligation(pack, "frontier-transparency-report")?["status"] as? String == "unmet")
    }

    @Test("New York RAISE: not in force in 2026")
    func nyNotYetInForce() throws {
        let (status, pack) = try Self.check("zenith", asOf: "2026-06-01", pack: "us-ny-raise")
        #expect(status == 0)
        #expect(pack["in_force"] as? Bool == false)
        #expect(Self.obligation(pack, "safety-and-security-protocol")?["status"] as? String == "not-required")
        #expect(Self.obligation(pack, "safety-incident-reporting")?["status"] as? String == "not-required")
    }

    @Test("New York RAISE: Meridian is not a frontier developer")
    func nyMeridian() throws {
        let (status, pack) = try Self.check("meridian", asOf: "2027-03-01", pack: "us-ny-raise")
        #expect(status == 0)
        #expect(Self.threshold(pack, "frontier-model-compute")?["result"] as? String == "not-met")
        #expect(Self.obligation(pack, "safety-incident-reporting")?["applies"] as? String == "no")
        // Its revenue figures are for 2025, but the AND is already false.
        #expect(Self.obligation(pack, "safety-and-security-protocol")?["applies"] as? String == "no")
    }

    // MARK: Executive Order 14110

    @Test("EO 14110: Cistron's biological-sequence model had to be reported in 2024")
    func eoCistron() throws {
        let (status, pack) = try Self.check("cistron", asOf: "2024-06-01", pack: "us-eo-14110")
        #expect(status == 1)
        #expect(pack["in_force"] as? Bool == true)
        #expect(Self.threshold(pack, "biological-sequence-model-compute")?["result"] as? String == "met")
        #expect(Self.threshold(pack, "dual-use-model-compute")?["result"] as? String == "not-met")
        #expect(Self.threshold(pack, "cluster-capacity")?["result"] as? String == "not-met")
        #expect(Self.threshold(pack, "cluster-capacity")?["subject"] as? String == "cluster:boston-a")
        #expect(Self.obligation(pack, "commerce-reporting")?["applies"] as? String == "yes")
        #expect(Self.obligation(pack, "commerce-reporting")?["status"] as? String == "unmet")
        #expect(
            Self.obligation(pack, "commerce-reporting")?["because"] as? [String] == [
                "biological-sequence-model-compute"
            ])
    }

    @Test("EO 14110: revoked on 20 January 2025")
    func eoRevoked() throws {
        let (status, pack) = try Self.check("cistron", asOf: "2025-01-20", pack: "us-eo-14110")
        #expect(status == 0)
        #expect(pack["in_force"] as? Bool == false)
        #expect((pack["in_force_reason"] as? String)?.contains("2025-01-20") == true)
        #expect(Self.obligation(pack, "commerce-reporting")?["status"] as? String == "not-required")
    }

    @Test("EO 14110 was the only text to catch Cistron: the proposal does not")
    func proposalCistron() throws {
        let (status, proposal) = try Self.check("cistron", asOf: "2026-11-29", pack: "frontier-ai-proposal-2026")
        #expect(status == 0)
        #expect(Self.threshold(proposal, "training-compute")?["result"] as? String == "not-met")
        #expect(Self.obligation(proposal, "cybersecurity-assessment")?["applies"] as? String == "no")
    }

    // MARK: The proposal, as written and as strictly read

    @Test("the proposal as written: Kestrel is in scope on compute alone")
    func proposalKestrel() throws {
        let (status, pack) = try Self.check("kestrel", asOf: "2026-11-29", pack: "frontier-ai-proposal-2026")
        #expect(status == 1)
        #expect(Self.threshold(pack, "training-compute")?["result"] as? String == "met")
        #expect(Self.obligation(pack, "cybersecurity-assessment")?["applies"] as? String == "yes")
    }

    @Test("the compute-and-money reading: Kestrel is out of scope (no money test met); Meridian is in")
    func strictReading() throws {
        let rules = ["--reading", "frontier-ai-proposal-2026=compute-and-money"]
        let (kestrelStatus, kestrel) = try Self.check(
            "kestrel", asOf: "2026-11-29", pack: "frontier-ai-proposal-2026", extra: rules)
        #expect(kestrel["reading"] as? String == "compute-and-money" && kestrel["depends_on_reading"] as? Bool == true)
        #expect(
            (Self.obligation(kestrel, "cybersecurity-assessment")?["by_reading"] as? [String: String]) == [
                "any-of": "yes", "compute-and-money": "no",
            ])
        #expect(kestrelStatus == 0)
        #expect(Self.threshold(kestrel, "training-compute")?["result"] as? String == "met")
        #expect(Self.threshold(kestrel, "ai-revenue")?["result"] as? String == "not-met")
        #expect(Self.threshold(kestrel, "ai-rnd-spend")?["result"] as? String == "not-met")
        for id in [
            "cybersecurity-assessment", "biological-weapons-assessment", "loss-of-control-assessment",
            "automated-ai-rnd-assessment",
        ] {
            #expect(Self.obligation(kestrel, id)?["applies"] as? String == "no", "\(id)")
            #expect(Self.obligation(kestrel, id)?["status"] as? String == "not-required", "\(id)")
        }
        #expect(kestrel["deployment"] as? String == "permitted")

        let (meridianStatus, meridian) = try Self.check(
            "meridian", asOf: "2026-11-29", pack: "frontier-ai-proposal-2026", extra: rules)
        #expect(
            Self.obligation(meridian, "cybersecurity-assessment")?["by_reading"] == nil,
            "both readings agree on Meridian")
        #expect(meridianStatus == 1)
        #expect(Self.obligation(meridian, "cybersecurity-assessment")?["applies"] as? String == "yes")
        #expect(Self.obligation(meridian, "cybersecurity-assessment")?["status"] as? String == "unmet")
    }

    // MARK: Helpers

    /// Where a pack's own cases put one fact against one limit: exactly on it, within one part in a
    /// million over or under it (10^25 + 1 FLOP, $500,000,001), or not given while the case
    /// expects the threshold indeterminate. A fact with no limit (`co_located`, `modalities`)
    /// needs only the last.
    struct BoundaryCoverage {
        let limit: ExactDecimal?
        var atLimit = false, justOver = false, justUnder = false, missing = false

        /// `record(given:value:expected:)` against a line of the result's own (a relative limit).
        mutating func record(given: Bool, value: ExactDecimal?, expected: Truth, limit: ExactDecimal) {
            var other = BoundaryCoverage(limit: limit)
            other.record(given: given, value: value, expected: expected)
            atLimit = atLimit || other.atLimit
            justOver = justOver || other.justOver
            justUnder = justUnder || other.justUnder
            missing = missing || other.missing
        }

        /// Counts one subject's reading of the fact in a case expecting `expected`; `value` is nil
        /// for a fact that has no number or is uncertain.
        mutating func record(given: Bool, value: ExactDecimal?, expected: Truth) {
            if !given {
                if expected == .indeterminate { missing = true }
                return
            }
            guard let limit, let value else { return }
            let near = (value - limit).magnitude * ExactDecimal(1, exponent: 6) <= limit.magnitude
            if value == limit {
                atLimit = true
            } else if near && value > limit {
                justOver = true
            } else if near && value < limit {
                justUnder = true
            }
        }

        /// What no case covers, in words.
        var gaps: [String] {
            var gaps: [String] = []
            if limit != nil {
                if !atLimit { gaps.append("exactly at the limit") }
                if !justOver { gaps.append("just over the limit") }
                if !justUnder { gaps.append("just under the limit") }
            }
            if !missing { gaps.append("with the fact not given and the threshold expected indeterminate") }
            return gaps
        }
    }

    /// Each subject's reading of a fact in a profile, by the subject names verdicts use
    /// (`organization`, `model:NAME`, `cluster:NAME`): whether it is given, and its number in the
    /// base unit for a quantity.
    static func readings(
        of fact: FactKey, in profile: LabProfile
    ) -> [(subject: String, given: Bool, value: ExactDecimal?)] {
        func models(_ read: (LabProfile.Model) -> (Bool, ExactDecimal?)) -> [(String, Bool, ExactDecimal?)] {
            profile.models.map { model in
                let (given, value) = read(model); return ("model:" + model.name, given, value)
            }
        }
        func clusters(_ read: (LabProfile.Cluster) -> (Bool, ExactDecimal?)) -> [(String, Bool, ExactDecimal?)] {
            profile.clusters.map { cluster in
                let (given, value) = read(cluster); return ("cluster:" + cluster.name, given, value)
            }
        }
        func organization(_ fact: Fact?) -> [(String, Bool, ExactDecimal?)] {
            [("organization", fact != nil, fact?.value.estimate)]
        }
        switch fact {
        case .annualGrossRevenue: return organization(profile.organization.annualGrossRevenue)
        case .aiRevenue: return organization(profile.organization.aiRevenue)
        case .aiRnDSpend: return organization(profile.organization.aiRnDSpend)
        case .trainingCompute: return models { ($0.trainingCompute != nil, $0.trainingCompute?.value.estimate) }
        case .fineTuningCompute: return models { ($0.fineTuningCompute != nil, $0.fineTuningCompute?.value.estimate) }
        case .trainingAndFineTuningCompute: return models { ($0.trainingCompute != nil, nil) }
        case .modalities: return models { ($0.modalities != nil, nil) }
        case .primaryData: return models { ($0.primaryData != nil, nil) }
        case .modelStatus: return models { ($0.status != nil, nil) }
        case .released: return models { ($0.released != nil, nil) }
        case .stateOfTheArt: return models { ($0.stateOfTheArt != nil, nil) }
        case .broadRightsRisk: return models { ($0.broadRightsRisk != nil, nil) }
        // Read in one market: the packs' cases describe one market each.
        case .marketRevenue: return organization(profile.organization.markets.first?.revenue)
        case .marketAIRevenue: return organization(profile.organization.markets.first?.aiRevenue)
        case .marketDailyUsers: return organization(profile.organization.markets.first?.dailyUsers)
        case .localAddress: return [("organization", profile.organization.markets.first?.localAddress != nil, nil)]
        case .peakCapacity: return clusters { ($0.peakCapacity != nil, $0.peakCapacity?.value.estimate) }
        case .interconnect: return clusters { ($0.interconnect != nil, $0.interconnect?.value.estimate) }
        case .coLocated: return clusters { ($0.coLocated != nil, nil) }
        case .baseModelTrainingCompute:
            return models { ($0.baseModel?.trainingCompute != nil, $0.baseModel?.trainingCompute?.value.estimate) }
        case .baseModelSystemicRisk: return models { ($0.baseModel?.systemicRisk != nil, nil) }
        case .baseModelAndFineTuningCompute: return models { ($0.baseModel?.trainingCompute != nil, nil) }
        }
    }

    /// Runs `threshold check Examples/labs/<lab>.yaml --format json --as-of <date> --pack <id>` and
    /// returns the exit status and the one pack's result object.
    static func check(
        _ lab: String, asOf: String, pack: String, extra: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (Int32, [String: Any]) {
        let result = try CLI.run(
            ["check", "Examples/labs/\(lab).yaml", "--format", "json", "--as-of", asOf, "--pack", pack] + extra)
        #expect(
            result.status == 0 || result.status == 1, "stdout: \(result.stdout)\nstderr: \(result.stderr)",
            sourceLocation: sourceLocation)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            sourceLocation: sourceLocation)
        #expect(object["schema"] as? String == "threshold.verdict/1", sourceLocation: sourceLocation)
        #expect(object["as_of"] as? String == asOf, sourceLocation: sourceLocation)
        #expect((object["errors"] as? [Any])?.isEmpty == true, sourceLocation: sourceLocation)
        let packs = try #require(object["packs"] as? [[String: Any]], sourceLocation: sourceLocation)
        #expect(packs.count == 1, sourceLocation: sourceLocation)
        let found = try #require(
            packs.first { $0["pack"] as? String == pack }, "no pack \(pack) in the verdict",
            sourceLocation: sourceLocation)
        return (result.status, found)
    }

    /// The first threshold result with an id.
    static func threshold(_ pack: [String: Any], _ id: String) -> [String: Any]? {
        (pack["thresholds"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    /// The obligation result with an id.
    static func obligation(_ pack: [String: Any], _ id: String) -> [String: Any]? {
        (pack["obligations"] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    /// The numbers in the last "N passed, M failed" line.
    static func summary(_ output: String) -> (passed: Int, failed: Int)? {
        for line in output.split(separator: "\n").reversed() {
            let words = line.split(separator: " ")
            if words.count == 4, words[1] == "passed,", words[3] == "failed",
                let passed = Int(words[0]), let failed = Int(words[2])
            {
                return (passed, failed)
            }
        }
        return nil
    }
}
