/// Whether an obligation applies: `yes`, `no`, or `indeterminate` (a fact it depends on is missing
/// or uncertain across the line).
public enum Applicability: String, Sendable, Hashable, CaseIterable {
    /// `yes`: it applies; `no`: it does not; `indeterminate`: the profile cannot tell.
    case yes, no, indeterminate

    /// The applicability a truth value gives.
    package init(_ truth: Truth) {
        switch truth {
        case .met: self = .yes
        case .notMet: self = .no
        case .indeterminate: self = .indeterminate
        }
    }
}

/// Whether an obligation is met by the records on file, on the as-of date.
public enum ObligationStatus: String, Sendable, Hashable, CaseIterable {
    /// A record that counts, completed on or before the due date, meets it.
    case met
    /// A record that counts meets it, but it was completed after the due date.
    case late
    /// It applies, nothing counting is on file yet, and it is not yet due (a duty before
    /// deployment of a model still in training, say).
    case pending
    /// It applies, it is due, and nothing on file meets it (or an assessment found high risk).
    case unmet
    /// It applies and the last record on file no longer counts.
    case expired
    /// It does not apply, or the pack is not in force.
    case notRequired = "not-required"
    /// Whether it applies, or whether the records meet it, cannot be decided from the profile.
    case indeterminate

    /// How bad the status is, for summing up several subjects: the worst wins. Unmet and expired
    /// are failures now; indeterminate may be one; late was one; pending and met are not.
    var severity: Int {
        switch self {
        case .unmet: return 6
        case .expired: return 5
        case .indeterminate: return 4
        case .late: return 3
        case .pending: return 2
        case .met: return 1
        case .notRequired: return 0
        }
    }
}

/// Whether a model may be deployed under a pack.
public enum Deployment: String, Sendable, Hashable, CaseIterable {
    /// The pack has a deployment gate in force and nothing stands in the way.
    case permitted
    /// An applicable assessment found high risk: a government may block the model.
    case blocked
    /// Required assessments are not all met, or applicability is undecided.
    case indeterminate
    /// The pack has no deployment gate in force: nothing in it can permit or block a model.
    case notGated = "not-gated"
}

/// The outcome of evaluating one profile against a rule book on a date. Pure data: `Sendable`,
/// `Hashable`, and rendered by the reporters.
public struct Verdict: Sendable, Hashable {
    /// The schema id of the JSON form.
    public static let schema = "threshold.verdict/1"

    /// The profile's path, as the user named it.
    public var profile: String?
    /// The organisation's name, when the profile could be read.
    public var organization: String?
    /// The evaluation date.
    public var asOf: CalendarDate
    /// One result per pack evaluated.
    public var packs: [PackResult]
    /// Why the profile could not be evaluated; empty when it was.
    public var errors: [YAMLError]

    /// Creates a verdict.
    package init(
        profile: String?, organization: String?, asOf: CalendarDate, packs: [PackResult], errors: [YAMLError] = []
    ) {
        self.profile = profile
        self.organization = organization
        self.asOf = asOf
        self.packs = packs
        // An error that carries further ones from the same file lists each.
        self.errors = errors.flatMap(\.all)
    }

    /// Whether the profile was invalid.
    public var isInvalid: Bool { !errors.isEmpty }
}

/// One pack's part of a verdict.
public struct PackResult: Sendable, Hashable {
    /// The pack's id.
    public var pack: String
    /// The pack's title.
    public var title: String
    /// The pack's status (a proposal is evaluated as if enacted).
    public var status: RulePack.Status
    /// Whether the pack is in force on the as-of date.
    public var inForce: Bool
    /// Why it is not in force, when it is not.
    public var inForceReason: String?
    /// Each threshold, per subject.
    public var thresholds: [ThresholdResult]
    /// Each obligation.
    public var obligations: [ObligationResult]
    /// The deployment verdict over all models.
    public var deployment: Deployment
    /// The deployment verdict per model, for packs with a deployment gate.
    public var deploymentByModel: [(model: String, deployment: Deployment)]
    /// The reading whose results these are, for a pack with readings of an ambiguous text.
    public var reading: String? = nil
    /// Whether any obligation's applicability differs between the pack's readings.
    public var dependsOnReading: Bool = false

    /// Whether two results are the same in every stored property, ``deploymentByModel`` compared
    /// pair by pair (a tuple array is not itself `Equatable`).
    public static func == (a: PackResult, b: PackResult) -> Bool {
        a.pack == b.pack && a.title == b.title && a.status == b.status && a.inForce == b.inForce
            && a.inForceReason == b.inForceReason && a.thresholds == b.thresholds && a.obligations == b.obligations
            && a.deployment == b.deployment && a.reading == b.reading && a.dependsOnReading == b.dependsOnReading
            && a.deploymentByModel.map(\.model) == b.deploymentByModel.map(\.model)
            && a.deploymentByModel.map(\.deployment) == b.deploymentByModel.map(\.deployment)
    }

    /// Hashes the pack id, the thresholds, the obligations and the deployment verdict: a subset of
    /// what ``==(_:_:)`` compares, so equal results hash alike.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(pack)
        hasher.combine(thresholds)
        hasher.combine(obligations)
        hasher.combine(deployment)
    }

    /// Whether any obligation applies (yes).
    public var inScope: Bool { obligations.indices.contains { obligations[$0].applies == .yes } }
    /// The obligations that apply and are not met.
    public var unmet: [ObligationResult] { obligations.filter { $0.status == .unmet || $0.status == .expired } }
}

/// Whether an obligation applies under one reading of its pack.
public struct ReadingApplicability: Sendable, Hashable {
    /// The reading's id.
    public var reading: String
    /// Whether the obligation applies under it.
    public var applies: Applicability
}

extension Applicability {
    /// `applies`, `does not apply`, `may apply`.
    public var phrase: String {
        switch self {
        case .yes: return "applies"
        case .no: return "does not apply"
        case .indeterminate: return "may apply"
        }
    }
}

/// One threshold for one subject.
public struct ThresholdResult: Sendable, Hashable {
    /// The threshold's id.
    public var id: String {
        get { text.fields.id }
        set { text = text.with { $0.id = newValue } }
    }
    /// `organization`, `model:NAME` or `cluster:NAME`.
    public var subject: String
    /// Met, not met, or indeterminate.
    public var result: Truth
    /// The fact's value (the estimate, for an uncertain one), in the limit's unit; nil when missing.
    public var value: ExactDecimal?
    /// The low and high ends, for an uncertain value.
    public var range: ClosedRange<ExactDecimal>?
    /// The limit.
    public var limit: ExactDecimal
    /// The comparison.
    public var comparison: Comparison
    /// The unit: `FLOP`, `FLOP/s`, `bit/s`, or a currency code.
    public var unit: String
    /// Value ÷ limit, to six significant digits.
    public var margin: ExactDecimal?
    /// Where the fact was written.
    public var mark: SourceMark?
    /// How the value was derived, or converted; why it is indeterminate.
    public var notes: [String]
    /// The source id and section.
    public var cite: String? {
        get { text.fields.cite }
        set { text = text.with { $0.cite = newValue } }
    }
    /// The article or section.
    public var citation: String? {
        get { text.fields.citation }
        set { text = text.with { $0.citation = newValue } }
    }
    /// The title of the source it cites.
    public var sourceTitle: String? {
        get { text.fields.title }
        set { text = text.with { $0.title = newValue } }
    }
    /// The source's URL.
    public var sourceURL: String? {
        get { text.fields.url }
        set { text = text.with { $0.url = newValue } }
    }
    /// How far the cited source was checked, when the pack says.
    public var sourceGrade: RulePack.Source.Grade? {
        get { text.fields.grade }
        set { text = text.with { $0.grade = newValue } }
    }
    /// The threshold's id and what it cites, the same for every subject: one reference shared by
    /// all of the threshold's results, made once per rule book (see ``PackPlan``), rather than
    /// five strings and a grade copied, retained and released with each result.
    var text: Shared<ThresholdText>
    /// For a threshold not met or indeterminate, what decided that when the comparison of the
    /// value with the limit does not say it: a condition that fails, a missing fact or exchange
    /// rate, figures for the wrong year. One of ``notes``; nil when the comparison says it all.
    public var reason: String? = nil
    /// Whether the model was tested as a modification of another provider's model (the pack's
    /// `modified_model:` test, against a share of the original's compute) rather than by the
    /// threshold's own test: its value and line are not on the scale of the others.
    public var isModificationTest: Bool = false
}

/// Values that every result of one threshold, or of one duty, holds alike, kept behind one
/// immutable reference that the results share: copying or freeing a result then retains or
/// releases one object, not each of its strings. Compared and hashed by value.
final class Shared<Fields: Sendable & Hashable>: Sendable, Hashable {
    let fields: Fields

    init(_ fields: Fields) { self.fields = fields }

    /// A copy with `change` made to its values (the shared one is never changed).
    func with(_ change: (inout Fields) -> Void) -> Shared {
        var fields = fields
        change(&fields)
        return Shared(fields)
    }

    static func == (a: Shared, b: Shared) -> Bool { a === b || a.fields == b.fields }

    func hash(into hasher: inout Hasher) { hasher.combine(fields) }
}

/// A threshold's own text, the same for every subject and profile: its id, its `cite` and
/// `citation`, and the title, URL and grade of the pack's source that `cite` names.
struct ThresholdText: Sendable, Hashable {
    /// The threshold's id, which every one of its results has.
    var id: String
    var cite: String?
    var citation: String?
    var title: String?
    var url: String?
    var grade: RulePack.Source.Grade?
}

extension ThresholdText {
    /// The id of `threshold` and what it cites, with the source `pack` gives for it.
    init(_ threshold: Threshold, in pack: RulePack) {
        let source = threshold.cite.flatMap { pack.source($0) }
        self.init(
            id: threshold.id, cite: threshold.cite, citation: threshold.citation, title: source?.title,
            url: source?.url, grade: source?.grade)
    }
}

/// A duty's own text, the same for every profile: its id, title and kind, what it cites and the
/// grade of the source.
struct DutyText: Sendable, Hashable {
    var id: String
    var title: String
    var kind: String
    var citation: String?
    var grade: RulePack.Source.Grade?

    /// The text of `obligation`, with the grade of the source `pack` gives for it.
    init(_ obligation: Obligation, in pack: RulePack) {
        id = obligation.id
        title = obligation.title
        kind = obligation.kind
        citation = obligation.citation
        grade = obligation.cite.flatMap { pack.source($0) }?.grade
    }
}

/// One obligation, over its subjects.
public struct ObligationResult: Sendable, Hashable {
    /// The obligation's id.
    public var id: String {
        get { text.fields.id }
        set { text = text.with { $0.id = newValue } }
    }
    /// Its title.
    public var title: String {
        get { text.fields.title }
        set { text = text.with { $0.title = newValue } }
    }
    /// Its kind.
    public var kind: String {
        get { text.fields.kind }
        set { text = text.with { $0.kind = newValue } }
    }
    /// Whether it applies (to any subject).
    public var applies: Applicability
    /// Its status (the worst over the subjects it applies to).
    public var status: ObligationStatus
    /// The thresholds (met) that bring it into scope.
    public var because: [String]
    /// Per model, for per-model obligations.
    public var subjects: [SubjectResult]
    /// The deadline, when one can be computed: over models, the earliest among those that have
    /// the obligation's ``status`` (so that ``overdueSince`` is the day after it), else the earliest
    /// of all.
    public var due: CalendarDate?
    /// For a `late` status, how many days after its due date the record that meets it was
    /// completed (the most over the subjects).
    public var lateByDays: Int?
    /// For an `unmet` status past a known due date, the first day it was overdue (the earliest over
    /// the subjects).
    public var overdueSince: CalendarDate?
    /// The last day the record that meets it counts, for an obligation with a validity period
    /// (the earliest over the subjects).
    public var validUntil: CalendarDate?
    /// For an `expired` status, the first day the last record no longer counted (the earliest over
    /// the subjects).
    public var expiredOn: CalendarDate?
    /// Notes: why it is not required yet, why a record does not count.
    public var notes: [String]
    /// Each reading's applicability, in the pack's order of readings, when they differ; empty
    /// when every reading agrees (or the pack has one).
    public var byReading: [ReadingApplicability] = []
    /// For an obligation that does not apply, or may: the thresholds whose results decide that
    /// (those not met, or those undecided), in the order its `when` reads them. Empty when it
    /// applies, and when no threshold decides it (a deployment gate without a high-risk finding).
    public var decidedBy: [String] = []
    /// How far the cited source was checked, when the pack says.
    public var sourceGrade: RulePack.Source.Grade? {
        get { text.fields.grade }
        set { text = text.with { $0.grade = newValue } }
    }
    /// The article or section.
    public var citation: String? {
        get { text.fields.citation }
        set { text = text.with { $0.citation = newValue } }
    }
    /// The duty's own text, shared by its results for every profile (see ``PackPlan``): one
    /// reference rather than four strings and a grade held by each result.
    var text: Shared<DutyText>

    /// One subject's part.
    public struct SubjectResult: Sendable, Hashable {
        /// `organization` or `model:NAME`.
        public var subject: String
        /// Whether it applies to this subject.
        public var applies: Applicability
        /// Its status for this subject.
        public var status: ObligationStatus
        /// The thresholds that bring it into scope for this subject.
        public var because: [String]
        /// When it does not apply to this subject, or may: the thresholds that decide that.
        public var decidedBy: [String] = []
        /// The deadline for this subject.
        public var due: CalendarDate?
        /// For `late`: days from the due date to the completion of the record that meets it.
        public var lateByDays: Int?
        /// For `unmet` past a known due date: the first overdue day (the day after the due date).
        public var overdueSince: CalendarDate?
        /// The last day the record that meets it counts, where the obligation has a validity period.
        public var validUntil: CalendarDate?
        /// For `expired`: the first day the last record no longer counted.
        public var expiredOn: CalendarDate?
        /// Notes.
        public var notes: [String]
    }
}
