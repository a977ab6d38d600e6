/// A rule pack: one law or proposal's thresholds, the obligations they trigger, its dates, its
/// sources, and its own test cases. Declared in YAML; see `Rules/README.md`.
public struct RulePack: Sendable, Hashable, Identifiable {
    /// The pack's id, e.g. `frontier-ai-proposal-2026`.
    public var id: String
    /// A one-line title.
    public var title: String
    /// Whether the text is law.
    public var status: Status
    /// Where it applies: `EU`, `US-CA`, …, or nil for none.
    public var jurisdiction: String?
    /// The first day it is in force.
    public var effective: CalendarDate?
    /// The first day it is no longer in force (expiry, repeal, revocation).
    public var expires: CalendarDate?
    /// Free text shown by `threshold rules show`.
    public var summary: String?
    /// The documents it cites.
    public var sources: [Source]
    /// Exchange rates the pack declares.
    package var exchangeRates: [ExchangeRate]
    /// Its thresholds.
    package var thresholds: [Threshold]
    /// Its obligations.
    package var obligations: [Obligation]
    /// Its own test cases.
    package var tests: [PackTest]
    /// Readings of an ambiguous text: alternative formulas or lines, each evaluated, one the
    /// default; empty for a pack with one reading.
    package var readings: [Reading] = []
    /// The id of the default reading, when the pack has readings.
    package var defaultReading: String?
    /// The id of a built-in pack this one stands in for (`replaces: us-ca-sb53`): loaded with
    /// `--rules`, it takes the built-in's place instead of clashing with it.
    package var replaces: String?
    /// Whether the pack is one of Threshold's built-in packs.
    package var isBuiltIn: Bool = false

    /// One reading of an ambiguous provision.
    package struct Reading: Sendable, Hashable, Identifiable {
        /// The reading's id, such as `compute-and-money`.
        package var id: String
        /// What it says, in a line.
        package var title: String
        /// Why the text can be read this way.
        package var rationale: String
        /// The source id it cites.
        package var cite: String?
        /// The passage.
        package var citation: String?
        /// The formulas it gives obligations, by obligation id; the rest keep the pack's.
        package var formulas: [String: When]
        /// The lines it draws, by threshold id; the rest keep the pack's.
        package var limits: [String: QuantityTest]
        /// Where its id is written.
        package var mark: SourceMark?
    }

    /// The pack as a reading reads it: its formulas and lines put in place of the pack's.
    package func applying(_ reading: Reading) -> RulePack {
        var copy = self
        for index in copy.obligations.indices {
            if let formula = reading.formulas[copy.obligations[index].id] { copy.obligations[index].when = formula }
        }
        for index in copy.thresholds.indices {
            if let test = reading.limits[copy.thresholds[index].id] { copy.thresholds[index].test = test }
        }
        return copy
    }
    /// The file it came from (`Rules/x.yaml` for built-in packs).
    package var path: String?
    /// Where the pack's id is written.
    package var mark: SourceMark?

    /// Whether a pack's text is law.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// A proposal: evaluated as if enacted, and reports say so.
        case proposed
        /// Law.
        case enacted
        /// Law no longer: in force only up to its `expires` date.
        case repealed
        /// Never law: never in force.
        case vetoed
    }

    /// A document a pack cites.
    public struct Source: Sendable, Hashable {
        /// The id thresholds and obligations cite it by.
        public var id: String
        /// Its title.
        public var title: String
        /// Where to read it.
        public var url: String?
        /// How far the pack's author could check it: nil when the pack does not say.
        public var grade: Grade?

        /// Creates a source.
        public init(id: String, title: String, url: String? = nil, grade: Grade? = nil) {
            self.id = id
            self.title = title
            self.url = url
            self.grade = grade
        }

        /// How far a source was checked.
        public enum Grade: String, Sendable, Hashable, CaseIterable {
            /// The text of the law, decree or proposal itself was read.
            case primary
            /// Only a summary by others (a law firm, the press, a government press release).
            case secondary
            /// A claim nobody could check; every line built on it says so in its note.
            case unverified
        }
    }

    /// Whether the pack is in force on a date.
    public func isInForce(on date: CalendarDate) -> Bool {
        if status == .vetoed { return false }
        if let effective, date < effective { return false }
        if let expires, date >= expires { return false }
        return true
    }

    /// The source with an id.
    public func source(_ id: String) -> Source? { sources.first { $0.id == id } }
}

/// What a threshold or obligation is about.
package enum Subject: String, Sendable, Hashable, CaseIterable {
    /// Each model in the profile.
    case model
    /// The organisation as a whole.
    case organization
    /// Each computing cluster.
    case cluster
}

/// A line a statute draws: a fact about a subject compared with an exact limit, plus any further
/// conditions (`where:`) the statute attaches.
package struct Threshold: Sendable, Hashable, Identifiable {
    /// The threshold's id, unique in its pack.
    package var id: String
    /// A short title.
    package var title: String?
    /// What it is about.
    package var subject: Subject
    /// The compared fact.
    package var test: QuantityTest
    /// Further conditions, all of which must hold (Kleene *and*).
    package var conditions: [Condition]
    /// A money threshold that counts only figures for the calendar year before the as-of date.
    package var period: Period?
    /// The source id it cites.
    package var cite: String?
    /// The article or section (`Art. 51(2)`).
    package var citation: String?
    /// Interpretive notes.
    package var note: String?
    /// Where the threshold's id is written.
    package var mark: SourceMark?
    /// The test that takes the place of ``test`` and ``conditions`` for a model built on another
    /// provider's model (`base_model:` in the profile): `modified_model:` in the pack. Nil: a
    /// modified model is tested as any other. Boxed: few thresholds have one, and it is as large
    /// as the rest of the threshold.
    @Boxed package var modifiedModel: ModifiedModelTest? = nil

    /// What a threshold tests of a model that modifies another provider's model.
    package struct ModifiedModelTest: Sendable, Hashable {
        /// The compared fact.
        package var test: QuantityTest
        /// Further conditions, all of which must hold.
        package var conditions: [Condition]
        /// Why: shown in the result's notes.
        package var note: String?
    }

    /// Which figures count.
    package enum Period: String, Sendable, Hashable {
        /// The calendar year before the as-of date.
        case precedingCalendarYear = "preceding-calendar-year"
    }
}

/// A fact compared with an exact limit: `training_compute greater_than 1e25 FLOP`.
package struct QuantityTest: Sendable, Hashable {
    /// The fact.
    package var fact: FactKey
    /// The market a market-scoped fact is read in (`KR`), from the threshold's `market:`.
    package var market: String? = nil
    /// The statute's word: greater than, at least, less than, at most.
    package var comparison: Comparison
    /// The limit, in the fact's base unit (or in ``currency`` for money).
    package var limit: ExactDecimal
    /// The limit's currency, for money.
    package var currency: String?
    /// The limit as the pack wrote it.
    package var written: String
    /// A limit that is a fraction of another fact of the same subject (`{fraction: 1/3, of:
    /// base_model.training_compute, otherwise: 1e23 FLOP}`); ``limit`` is then its `otherwise`
    /// line, or zero when it has none. Boxed: few tests have one, and it is larger than the rest
    /// of the test.
    @Boxed package var relative: RelativeLimit? = nil
}

extension QuantityTest {
    /// The unit reports give the test's values and limit in: `FLOP`, `FLOP/s`, `bit/s`, the
    /// limit's currency (`USD` when it names none), `users` for daily users, else none.
    package var unit: String {
        switch fact.dimension {
        case .operations?: return "FLOP"
        case .operationsPerSecond?: return "FLOP/s"
        case .bandwidth?: return "bit/s"
        case .money?: return currency ?? "USD"
        case .dimensionless? where fact == .marketDailyUsers: return "users"
        default: return ""
        }
    }
}

/// A limit drawn as a fraction of another fact: "more than a third of the original model's
/// compute". The comparison is made exactly, by scaling both sides to whole numbers —
/// `denominator × value` against `numerator × reference` — never by dividing: ⅓ × 10^23 has no
/// finite decimal.
package struct RelativeLimit: Sendable, Hashable {
    /// The fraction's numerator, a positive whole number.
    package var numerator: ExactDecimal
    /// The fraction's denominator, a positive whole number.
    package var denominator: ExactDecimal
    /// The fraction as written (`1/3`).
    package var fractionWritten: String
    /// The fact the fraction is of, in the same dimension as the compared fact.
    package var of: FactKey
    /// The line the fraction is of when `of` is not given (the guidelines' fallback: ⅓ of 10^23);
    /// nil: the test is indeterminate then.
    package var otherwise: ExactDecimal?
    /// The `otherwise` line as written.
    package var otherwiseWritten: String?
}

/// A condition on a subject's properties: `primary_data: biological-sequence`,
/// `modalities: {includes_any: [text, image]}`, `co_located: true`, `interconnect: {greater_than: 100 Gbit/s}`.
package enum Condition: Sendable, Hashable {
    /// The fact's text equals one of the values.
    case equals(FactKey, [String])
    /// The fact's list includes at least one of the values.
    case includesAny(FactKey, [String])
    /// The boolean fact has this value.
    case isTrue(FactKey, Bool)
    /// A quantity comparison.
    case quantity(QuantityTest)
    /// The date fact (a model's `released`) falls on the side of a date that the comparison says:
    /// `{on_or_after: 2027-01-01}` for a model deployed after a statute took effect.
    case date(FactKey, DateComparison, CalendarDate)
    /// At least one of several groups of conditions holds, each group read as *and* (Kleene):
    /// `where: {any: [{base_model.systemic_risk: true}, {base_model_and_fine_tuning_compute: {greater_than: 1e25
    /// FLOP}}]}`.
    case any([[Condition]])

    /// How a date condition compares.
    package enum DateComparison: String, Sendable, Hashable, CaseIterable {
        /// `before`, `on_or_before`, `on_or_after`, `after`.
        case before, onOrBefore = "on_or_before", onOrAfter = "on_or_after", after

        /// Whether `date` stands in this relation to `limit`.
        package func holds(_ date: CalendarDate, _ limit: CalendarDate) -> Bool {
            switch self {
            case .before: return date < limit
            case .onOrBefore: return date <= limit
            case .onOrAfter: return date >= limit
            case .after: return date > limit
            }
        }

        /// `before`, `on or before`, `on or after`, `after`: the spelling with spaces for
        /// underscores, as literals (a note that names one is written for every subject).
        package var words: String {
            switch self {
            case .before: return "before"
            case .onOrBefore: return "on or before"
            case .onOrAfter: return "on or after"
            case .after: return "after"
            }
        }
    }

    /// The fact the condition reads.
    package var fact: FactKey {
        switch self {
        case .equals(let f, _), .includesAny(let f, _), .isTrue(let f, _), .date(let f, _, _): return f
        case .quantity(let test): return test.fact
        case .any(let groups): return groups.first?.first?.fact ?? .modalities
        }
    }

    /// Every fact the condition reads (the facts of each alternative of an `any`).
    package var facts: [FactKey] {
        if case .any(let groups) = self { return groups.flatMap { $0.flatMap(\.facts) } }
        return [fact]
    }
}

/// A duty that thresholds trigger.
package struct Obligation: Sendable, Hashable, Identifiable {
    /// The obligation's id, unique in its pack.
    package var id: String
    /// A short title.
    package var title: String
    /// What kind of duty: `third-party-assessment`, `notification`, `report`, `framework`,
    /// `incident-reporting`, `protocol`, `provider-obligations`, `deployment-gate`, ….
    package var kind: String
    /// The risk it concerns, for assessments (`cybersecurity`, `biological-weapons`, …).
    package var risk: String?
    /// Whether it is owed per model or once by the organisation.
    package var per: Subject
    /// When it applies.
    package var when: When
    /// The first day the duty itself exists, when later than its pack's (Illinois § 10(a): "beginning
    /// January 1, 2028"). Nothing falls due before it.
    package var effective: CalendarDate?
    /// When it is due.
    package var due: Due?
    /// A duty that recurs (`every: 1 year`): a record completed on D meets it through D plus the
    /// period, and the next falls due then; with no record, the first falls due as ``due`` says.
    /// When the period runs out the duty is overdue again (`unmet`), where a ``validFor`` record
    /// would have `expired`.
    package var every: CalendarPeriod?
    /// How long a record stays valid, as a calendar period (`valid_for: 1 year`; the older
    /// `valid_for_days: 365` loads as days). A record completed on D counts through D plus the
    /// period, inclusive. Nil: a record stays valid.
    package var validFor: CalendarPeriod?
    /// Whether only an independent (third-party) record meets it. True for third-party assessments.
    package var requiresIndependent: Bool
    /// Models placed on the market before a date comply by a later one (EU AI Act Art. 111(3)).
    package var transition: Transition?
    /// The source id it cites.
    package var cite: String?
    /// The article or section.
    package var citation: String?
    /// Interpretive notes.
    package var note: String?
    /// Where the obligation's id is written.
    package var mark: SourceMark?

    /// Whether this is a deployment gate: a government's power to block a model.
    package var isDeploymentGate: Bool { kind == "deployment-gate" }

    /// The deadline rule: a date, a period after an event, or the later or earlier of several.
    package indirect enum Due: Sendable, Hashable {
        /// Before the model is deployed: due on its release date.
        case beforeDeployment
        /// A continuing duty (a framework, incident reporting): met by having it on file, with no
        /// date of its own; a duty with its own `effective` date is owed from that day.
        case continuing
        /// By a fixed date.
        case by(CalendarDate)
        /// Within a period after an event (`{within: 90 days, of: first-qualified}`); a zero
        /// period is the event's own day.
        case within(CalendarPeriod, of: Event)
        /// Whichever of several deadlines is later ("January 1, 2028 or 90 days after …, whichever
        /// is later").
        case laterOf([Due])
        /// Whichever is earlier.
        case earlierOf([Due])

        /// Within `days` days of the model's release (the older `{within_days: 14, of: release}`).
        package static func withinDaysOfRelease(_ days: Int) -> Due {
            .within(CalendarPeriod(days: days), of: .release)
        }

        /// Whether the deadline depends on an event.
        package func uses(_ event: Event) -> Bool {
            switch self {
            case .beforeDeployment: return event == .release
            case .continuing, .by: return false
            case .within(_, let of): return of == event
            case .laterOf(let items), .earlierOf(let items): return items.contains { $0.uses(event) }
            }
        }

        /// Whether any part of the deadline runs from a model's release.
        package var runsFromRelease: Bool { uses(.release) }

        /// The obligation whose record starts this deadline's clock, if one does.
        package var triggeringObligation: String? {
            switch self {
            case .within(_, .record(let id)): return id
            case .laterOf(let items), .earlierOf(let items): return items.lazy.compactMap(\.triggeringObligation).first
            default: return nil
            }
        }
    }

    /// What a deadline can run from.
    package enum Event: Sendable, Hashable, CustomStringConvertible {
        /// The model's release (deployment).
        case release
        /// The duty's start: its own `effective` date, or its pack's.
        case start
        /// The day the developer first met the duty's `when` (first qualified as, say, a large
        /// frontier developer), read from the profile's yearly history and models' release dates.
        case firstQualified
        /// The completion of the latest record that counts for another obligation of the pack
        /// ("within 30 days after receiving the audit report").
        case record(String)

        /// `release`, `start`, `first-qualified`, `record of ID`.
        package var description: String {
            switch self {
            case .release: return "release"
            case .start: return "start"
            case .firstQualified: return "first-qualified"
            case .record(let id): return "the record of \(id)"
            }
        }
    }

    /// A grace period for models placed on the market before a date.
    package struct Transition: Sendable, Hashable {
        /// Models released before this date…
        package var placedBefore: CalendarDate
        /// …comply by this date.
        package var complyBy: CalendarDate
    }
}

/// When an obligation applies: a Kleene formula over thresholds, other obligations, and
/// assessment outcomes.
package indirect enum When: Sendable, Hashable {
    /// A threshold is met.
    case threshold(String)
    /// Another obligation applies.
    case obligation(String)
    /// At least one holds.
    case any([When])
    /// All hold.
    case all([When])
    /// It does not hold.
    case not(When)
    /// An assessment on file for this pack found this outcome.
    case anyAssessmentOutcome(LabProfile.AssessmentRecord.Outcome)
    /// Always (an obligation owed whenever the pack is in force).
    case always

    /// The threshold ids the formula reads, in order.
    package var thresholdIDs: [String] {
        switch self {
        case .threshold(let id): return [id]
        case .any(let items), .all(let items): return items.flatMap(\.thresholdIDs)
        case .not(let inner): return inner.thresholdIDs
        case .obligation, .anyAssessmentOutcome, .always: return []
        }
    }

    /// Whether the formula reads an assessment's finding.
    package var readsAssessmentOutcome: Bool {
        switch self {
        case .anyAssessmentOutcome: return true
        case .any(let items), .all(let items): return items.contains { $0.readsAssessmentOutcome }
        case .not(let inner): return inner.readsAssessmentOutcome
        case .threshold, .obligation, .always: return false
        }
    }

    /// The obligation ids the formula reads.
    package var obligationIDs: [String] {
        switch self {
        case .obligation(let id): return [id]
        case .any(let items), .all(let items): return items.flatMap(\.obligationIDs)
        case .not(let inner): return inner.obligationIDs
        case .threshold, .anyAssessmentOutcome, .always: return []
        }
    }
}

/// One of a pack's own test cases: a profile, a date, and what the verdict must say.
package struct PackTest: Sendable, Hashable {
    /// What the case shows.
    package var name: String
    /// The evaluation date.
    package var asOf: CalendarDate
    /// The profile.
    package var profile: LabProfile
    /// Obligation ids that must apply.
    package var applies: [String]
    /// Obligation ids that must not apply.
    package var notApplies: [String]
    /// Obligation ids whose applicability must be indeterminate.
    package var indeterminate: [String]
    /// Obligation statuses, by id.
    package var statuses: [String: ObligationStatus]
    /// Threshold results, by id (aggregated over subjects: met if any subject meets it).
    package var thresholds: [String: Truth]
    /// The deployment verdict.
    package var deployment: Deployment?
    /// Whether the pack must be in force.
    package var inForce: Bool?
    /// What one model's part of the verdict must say, by model name.
    package var models: [String: Expectations] = [:]
    /// What the verdict must say under another reading of the pack, by reading id (the case's own
    /// expectations are the default reading's).
    package var readings: [String: Expectations] = [:]

    /// Expectations on obligations and deployment, for the case or for one model.
    package struct Expectations: Sendable, Hashable {
        /// Obligation ids that must apply.
        package var applies: [String] = []
        /// Obligation ids that must not apply.
        package var notApplies: [String] = []
        /// Obligation ids whose applicability must be indeterminate.
        package var indeterminate: [String] = []
        /// Statuses, by obligation id.
        package var statuses: [String: ObligationStatus] = [:]
        /// The deployment verdict.
        package var deployment: Deployment?
    }
    /// Where the case's name is written.
    package var mark: SourceMark?
}

/// The facts a threshold or condition can read, with their subject and dimension.
package enum FactKey: String, Sendable, Hashable, CaseIterable {
    /// The organisation's annual gross revenue, with affiliates (money).
    case annualGrossRevenue = "annual_gross_revenue"
    /// The organisation's revenue from AI products and services (money).
    case aiRevenue = "ai_revenue"
    /// The organisation's spending on AI research and development (money).
    case aiRnDSpend = "ai_rnd_spend"
    /// A model's training compute (FLOP).
    case trainingCompute = "training_compute"
    /// A model's fine-tuning compute (FLOP).
    case fineTuningCompute = "fine_tuning_compute"
    /// Training plus fine-tuning compute (California SB 53, New York RAISE).
    case trainingAndFineTuningCompute = "training_and_fine_tuning_compute"
    /// What a model generates or takes (a list of text).
    case modalities
    /// What a model was primarily trained on (text).
    case primaryData = "primary_data"
    /// A model's life-cycle stage (text).
    case modelStatus = "status"
    /// When a model was first made available (a date).
    case released
    /// Whether a model is at the state of the art (a boolean; Korea's Framework Act, Art. 32).
    case stateOfTheArt = "state_of_the_art"
    /// Whether a model may broadly and seriously affect life, physical safety or fundamental rights
    /// (a boolean; Korea's Framework Act, Art. 32).
    case broadRightsRisk = "broad_rights_risk"
    /// The organisation's revenue in one market (money; the threshold names the market).
    case marketRevenue = "market_revenue"
    /// The organisation's revenue from AI products and services in one market (money).
    case marketAIRevenue = "market_ai_revenue"
    /// Average daily users in one market (a count).
    case marketDailyUsers = "market_daily_users"
    /// Whether the organisation has an address or place of business in one market (a boolean).
    case localAddress = "local_address"
    /// The training compute of the model a modified model is built on (FLOP; the profile's
    /// `base_model.training_compute`).
    case baseModelTrainingCompute = "base_model.training_compute"
    /// Whether the model a modified model is built on has systemic risk (a boolean; the profile's
    /// `base_model.systemic_risk`).
    case baseModelSystemicRisk = "base_model.systemic_risk"
    /// The base model's training compute plus the modification's (`fine_tuning_compute`): a
    /// modified model's cumulative compute (FLOP). A part not given may be anything ≥ 0, as for
    /// ``trainingAndFineTuningCompute``.
    case baseModelAndFineTuningCompute = "base_model_and_fine_tuning_compute"
    /// A cluster's theoretical peak capacity (FLOP/s).
    case peakCapacity = "peak_capacity"
    /// The networking between a cluster's machines (bit/s).
    case interconnect
    /// Whether a cluster's machines sit in one datacenter (a boolean).
    case coLocated = "co_located"

    /// The subject the fact belongs to.
    package var subject: Subject {
        switch self {
        case .annualGrossRevenue, .aiRevenue, .aiRnDSpend: return .organization
        case .marketRevenue, .marketAIRevenue, .marketDailyUsers, .localAddress: return .organization
        case .stateOfTheArt, .broadRightsRisk: return .model
        case .baseModelTrainingCompute, .baseModelSystemicRisk, .baseModelAndFineTuningCompute: return .model
        case .released, .trainingCompute, .fineTuningCompute, .trainingAndFineTuningCompute, .modalities, .primaryData,
            .modelStatus:
            return .model
        case .peakCapacity, .interconnect, .coLocated: return .cluster
        }
    }

    /// The dimension of a quantity fact; nil for properties (text, lists, booleans).
    package var dimension: QuantityDimension? {
        switch self {
        case .annualGrossRevenue, .aiRevenue, .aiRnDSpend: return .money
        case .trainingCompute, .fineTuningCompute, .trainingAndFineTuningCompute: return .operations
        case .baseModelTrainingCompute, .baseModelAndFineTuningCompute: return .operations
        case .peakCapacity: return .operationsPerSecond
        case .interconnect: return .bandwidth
        case .marketRevenue, .marketAIRevenue: return .money
        case .marketDailyUsers: return .dimensionless
        case .modalities, .primaryData, .modelStatus, .coLocated, .released, .stateOfTheArt, .broadRightsRisk,
            .localAddress, .baseModelSystemicRisk:
            return nil
        }
    }

    /// Whether the fact is read in one market (the threshold names it with `market:`).
    package var isMarketScoped: Bool {
        [.marketRevenue, .marketAIRevenue, .marketDailyUsers, .localAddress].contains(self)
    }

    /// The facts a subject has.
    package static func facts(of subject: Subject) -> [FactKey] { allCases.filter { $0.subject == subject } }
}
