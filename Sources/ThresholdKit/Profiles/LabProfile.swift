/// One lab's filing: the organisation, its money, its models and their compute, its clusters, and
/// the assessments and other compliance records it has on file.
///
/// Load one from YAML with ``init(contentsOf:options:)`` or ``init(yaml:path:options:)``, or build one
/// in Swift for data that lives elsewhere:
///
/// ```swift
/// let lab = LabProfile(
///     organization: .init(name: "Helios AI Labs", aiRevenue: .money("620M", "USD")),
///     models: [.init(name: "helios-4", trainingCompute: .operations("3.2e25"))])
/// ```
public struct LabProfile: Sendable, Hashable {
    /// The file the profile came from, as the user named it; nil for a profile built in Swift.
    public var path: String?
    /// The organisation.
    public var organization: Organization
    /// Its models.
    public var models: [Model]
    /// Its computing clusters.
    public var clusters: [Cluster]
    /// Assessments and other compliance records on file.
    public var assessments: [AssessmentRecord]
    /// Whether the profile lists its models at all. A YAML profile with no `models:` key says
    /// nothing about them, so every threshold about a model is indeterminate; one that has trained
    /// none says `models: []`.
    public var listsModels: Bool
    /// Whether the profile lists its clusters at all (`clusters:`), as ``listsModels`` for models.
    public var listsClusters: Bool

    /// Creates a profile. `models` and `clusters` are complete lists unless `listsModels` or
    /// `listsClusters` says that nothing is known of them.
    public init(
        path: String? = nil, organization: Organization, models: [Model] = [],
        clusters: [Cluster] = [], assessments: [AssessmentRecord] = [],
        listsModels: Bool = true, listsClusters: Bool = true
    ) {
        self.path = path
        self.organization = organization
        self.models = models
        self.clusters = clusters
        self.assessments = assessments
        self.listsModels = listsModels
        self.listsClusters = listsClusters
    }

    /// The organisation behind a profile.
    public struct Organization: Sendable, Hashable {
        /// The organisation's name.
        public var name: String
        /// Where it operates: `EU`, `US-CA`, `US-NY`, … (informational).
        public var jurisdictions: [String]
        /// The calendar year the money figures cover.
        public var reportingPeriod: Int?
        /// Annual gross revenue, with affiliates.
        public var annualGrossRevenue: Fact?
        /// Revenue from AI products and services.
        public var aiRevenue: Fact?
        /// Spending on AI research and development.
        public var aiRnDSpend: Fact?
        /// Exchange rates the profile declares, for money not in the threshold's currency.
        public var exchangeRates: [ExchangeRate]
        /// The money figures of other calendar years, oldest first: what a "preceding calendar
        /// year" test reads for any as-of date, and what tells the day a developer first qualified.
        public var history: [YearFigures]
        /// Facts about one market at a time (`KR`, `EU`, `US-CA`): revenue and users there, and
        /// whether the organisation has an address there.
        public var markets: [Market] = []

        /// What an organisation does in one market.
        public struct Market: Sendable, Hashable {
            /// The market's code, as packs name it: an ISO 3166 country (`KR`) or a region (`EU`).
            public var market: String
            /// Revenue there (money).
            public var revenue: Fact?
            /// Revenue there from AI products and services (money).
            public var aiRevenue: Fact?
            /// Average daily users there (a count).
            public var dailyUsers: Fact?
            /// Whether it has an address or place of business there.
            public var localAddress: Bool?

            /// Creates a market's facts.
            public init(
                market: String, revenue: Fact? = nil, aiRevenue: Fact? = nil, dailyUsers: Fact? = nil,
                localAddress: Bool? = nil
            ) {
                self.market = market
                self.revenue = revenue
                self.aiRevenue = aiRevenue
                self.dailyUsers = dailyUsers
                self.localAddress = localAddress
            }
        }
        /// Where the organisation mapping starts.
        public var mark: SourceMark?

        /// One calendar year's money figures.
        public struct YearFigures: Sendable, Hashable {
            /// The calendar year.
            public var year: Int
            /// Annual gross revenue, with affiliates.
            public var annualGrossRevenue: Fact?
            /// Revenue from AI products and services.
            public var aiRevenue: Fact?
            /// Spending on AI research and development.
            public var aiRnDSpend: Fact?

            /// Creates a year's figures.
            public init(year: Int, annualGrossRevenue: Fact? = nil, aiRevenue: Fact? = nil, aiRnDSpend: Fact? = nil) {
                self.year = year
                self.annualGrossRevenue = annualGrossRevenue
                self.aiRevenue = aiRevenue
                self.aiRnDSpend = aiRnDSpend
            }
        }

        /// The figures for a calendar year: the top-level ones for the `reporting_period`, else the
        /// `history` entry; nil when the profile gives none for that year.
        package func figures(forYear year: Int) -> YearFigures? {
            if reportingPeriod == year {
                return YearFigures(
                    year: year, annualGrossRevenue: annualGrossRevenue, aiRevenue: aiRevenue, aiRnDSpend: aiRnDSpend)
            }
            return history.first { $0.year == year }
        }

        /// This organisation with the figures of `year` as its own (nil money facts for a year the
        /// profile says nothing of).
        func withFigures(ofYear year: Int) -> Organization {
            var copy = self
            let figures = self.figures(forYear: year)
            copy.reportingPeriod = year
            copy.annualGrossRevenue = figures?.annualGrossRevenue
            copy.aiRevenue = figures?.aiRevenue
            copy.aiRnDSpend = figures?.aiRnDSpend
            return copy
        }

        /// Creates an organisation.
        public init(
            name: String, jurisdictions: [String] = [], reportingPeriod: Int? = nil,
            annualGrossRevenue: Fact? = nil, aiRevenue: Fact? = nil, aiRnDSpend: Fact? = nil,
            exchangeRates: [ExchangeRate] = [], history: [YearFigures] = [], markets: [Market] = [],
            mark: SourceMark? = nil
        ) {
            self.name = name
            self.jurisdictions = jurisdictions
            self.reportingPeriod = reportingPeriod
            self.annualGrossRevenue = annualGrossRevenue
            self.aiRevenue = aiRevenue
            self.aiRnDSpend = aiRnDSpend
            self.exchangeRates = exchangeRates
            self.history = history
            self.markets = markets
            self.mark = mark
        }
    }

    /// A model the lab trained.
    public struct Model: Sendable, Hashable {
        /// The model's name, unique in the profile.
        public var name: String
        /// Compute used to train it (pre-training, or cumulative where the lab reports it so).
        public var trainingCompute: Fact?
        /// Compute used for fine-tuning, reinforcement learning and other modifications.
        public var fineTuningCompute: Fact?
        /// What the model generates or takes: `text`, `image`, … (see `knownModalities`).
        public var modalities: [String]?
        /// What it was primarily trained on: `general`, `biological-sequence`, … (see
        /// `knownPrimaryData`).
        public var primaryData: String?
        /// Where it is in its life.
        public var status: Status?
        /// When it was first made available (placed on the market, deployed).
        public var released: CalendarDate?
        /// Whether it is at the state of the art, as a statute that asks says (Korea, Art. 32).
        public var stateOfTheArt: Bool? = nil
        /// Whether it may broadly and seriously affect life, physical safety or fundamental rights.
        public var broadRightsRisk: Bool? = nil
        /// The model it modifies, when it is built on another provider's model (`base_model:`); nil
        /// for a model the lab trained itself. Its ``fineTuningCompute`` is then the compute of the
        /// modification (fine-tuning, reinforcement learning, other material modifications).
        public var baseModel: BaseModel? = nil
        /// Where the model's mapping starts.
        public var mark: SourceMark?

        /// The model a modified model is built on: another provider's model (the "original model"
        /// of the EU Commission's GPAI guidelines, section 3; the "preceding foundation model" that
        /// California SB 53 and Illinois count "material modifications" of).
        public struct BaseModel: Sendable, Hashable {
            /// Who provides it (`Big Lab`).
            public var provider: String
            /// Its name (`big-1`).
            public var name: String
            /// The compute used to train it, cumulatively, as far as the modifier knows it; nil when
            /// unknown (a test that reads it then falls back to the line its pack gives).
            public var trainingCompute: Fact?
            /// Whether it is a general-purpose AI model with systemic risk (EU AI Act Art. 51); nil
            /// when unknown.
            public var systemicRisk: Bool?
            /// Where the `base_model:` mapping starts.
            public var mark: SourceMark?

            /// Creates a base model.
            public init(
                provider: String, name: String, trainingCompute: Fact? = nil, systemicRisk: Bool? = nil,
                mark: SourceMark? = nil
            ) {
                self.provider = provider
                self.name = name
                self.trainingCompute = trainingCompute
                self.systemicRisk = systemicRisk
                self.mark = mark
            }
        }

        /// The modalities Threshold knows. A profile or pack may name others, but a near miss of
        /// one of these (`Text`, `images`) is an error, never a modality that no rule matches.
        package static let knownModalities = [
            "text", "speech", "code", "image", "audio", "video", "3d", "time-series",
            "tabular", "biological-sequence", "action", "embedding",
        ]
        /// The kinds of primary training data Threshold knows: `general`, or `biological-sequence`
        /// (DNA, RNA and protein sequences: Executive Order 14110's 10^23 test). Others are taken
        /// as written, except a near miss of these (`biological_sequence`), which is an error.
        package static let knownPrimaryData = ["general", "biological-sequence"]

        /// A model's life-cycle stage.
        public enum Status: String, Sendable, Hashable, CaseIterable {
            /// `in-training`, `internal` (used only inside the lab), `deployed` (made available to
            /// others), or `withdrawn`.
            case inTraining = "in-training", `internal`, deployed, withdrawn
        }

        /// Creates a model.
        public init(
            name: String, trainingCompute: Fact? = nil, fineTuningCompute: Fact? = nil,
            modalities: [String]? = nil, primaryData: String? = nil, status: Status? = nil,
            released: CalendarDate? = nil, mark: SourceMark? = nil
        ) {
            self.name = name
            self.trainingCompute = trainingCompute
            self.fineTuningCompute = fineTuningCompute
            self.modalities = modalities
            self.primaryData = primaryData
            self.status = status
            self.released = released
            self.mark = mark
        }
    }

    /// A computing cluster.
    public struct Cluster: Sendable, Hashable {
        /// The cluster's name.
        public var name: String
        /// Theoretical peak capacity: a rate, `FLOP/s`.
        public var peakCapacity: Fact?
        /// Networking between its machines: a bandwidth, `Gbit/s`.
        public var interconnect: Fact?
        /// Whether its machines sit in one datacenter.
        public var coLocated: Bool?
        /// Where the cluster's mapping starts.
        public var mark: SourceMark?

        /// Creates a cluster.
        public init(
            name: String, peakCapacity: Fact? = nil, interconnect: Fact? = nil,
            coLocated: Bool? = nil, mark: SourceMark? = nil
        ) {
            self.name = name
            self.peakCapacity = peakCapacity
            self.interconnect = interconnect
            self.coLocated = coLocated
            self.mark = mark
        }
    }

    /// An assessment, report or other compliance record on file.
    public struct AssessmentRecord: Sendable, Hashable {
        /// The obligation it answers, by id (`cybersecurity-assessment`).
        public var obligation: String
        /// The pack the obligation belongs to, when the id alone is ambiguous.
        public var pack: String?
        /// The model it covers; nil for an organisation-wide record.
        public var model: String?
        /// Who did it.
        public var assessor: String?
        /// Whether the assessor is independent of the lab (a third party).
        public var independent: Bool?
        /// When it was completed.
        public var completed: CalendarDate?
        /// What it found.
        public var outcome: Outcome?
        /// Where the record's mapping starts.
        public var mark: SourceMark?
        /// Where its `obligation:` value is written.
        var obligationMark: SourceMark?
        /// Where its `pack:` value is written.
        var packMark: SourceMark?

        /// An assessment's finding.
        public enum Outcome: String, Sendable, Hashable, CaseIterable {
            /// `acceptable`: the risk is acceptable.
            case acceptable
            /// `high-risk`: a government may block the model's deployment.
            case highRisk = "high-risk"
        }

        /// Creates a record.
        public init(
            obligation: String, pack: String? = nil, model: String? = nil, assessor: String? = nil,
            independent: Bool? = nil, completed: CalendarDate? = nil, outcome: Outcome? = nil,
            mark: SourceMark? = nil
        ) {
            self.obligation = obligation
            self.pack = pack
            self.model = model
            self.assessor = assessor
            self.independent = independent
            self.completed = completed
            self.outcome = outcome
            self.mark = mark
        }
    }
}

extension LabProfile {
    /// The profile as its facts stood on `day`: money figures of the calendar year before it, and
    /// only the models released by then (a model with no release date is left out). For working
    /// out the day a developer first qualified.
    func asItStood(on day: CalendarDate) -> LabProfile {
        var copy = self
        copy.organization = organization.withFigures(ofYear: day.year - 1)
        copy.models = models.filter { model in model.released.map { $0 <= day } ?? false }
        return copy
    }
}

/// A quantity a profile states: its exact (or uncertain, or derived) value, its dimension and
/// currency, and where it was written.
public struct Fact: Sendable, Hashable {
    /// The value in the dimension's base unit (FLOP, FLOP/s, bit/s, or units of ``currency``).
    public var value: FactValue {
        get { storage.value }
        set { storage = Storage(newValue, dimension, currency, mark, written) }
    }
    /// What the value measures.
    public var dimension: QuantityDimension {
        get { storage.dimension }
        set { storage = Storage(value, newValue, currency, mark, written) }
    }
    /// The ISO 4217 currency, for money.
    public var currency: String? {
        get { storage.currency }
        set { storage = Storage(value, dimension, newValue, mark, written) }
    }
    /// Where the fact was written.
    public var mark: SourceMark? {
        get { storage.mark }
        set { storage = Storage(value, dimension, currency, newValue, written) }
    }
    /// The scalar as written (`"3.2e25 FLOP"`), for reports.
    public var written: String? {
        get { storage.written }
        set { storage = Storage(value, dimension, currency, mark, newValue) }
    }

    /// The parts, held by one reference: every threshold that reads a fact copies it, and an
    /// optional fact held inline is copied through the runtime's generic witness, part by part.
    /// A reference is copied with one retain. Immutable: a change makes new storage.
    private final class Storage: Sendable {
        let value: FactValue
        let dimension: QuantityDimension
        let currency: String?
        let mark: SourceMark?
        let written: String?

        init(
            _ value: FactValue, _ dimension: QuantityDimension, _ currency: String?, _ mark: SourceMark?,
            _ written: String?
        ) {
            self.value = value
            self.dimension = dimension
            self.currency = currency
            self.mark = mark
            self.written = written
        }
    }

    private var storage: Storage

    /// Creates a fact.
    public init(
        value: FactValue, dimension: QuantityDimension, currency: String? = nil, mark: SourceMark? = nil,
        written: String? = nil
    ) {
        storage = Storage(value, dimension, currency, mark, written)
    }

    /// Whether two facts are equal in every part.
    public static func == (a: Fact, b: Fact) -> Bool {
        a.storage === b.storage
            || (a.value == b.value && a.dimension == b.dimension && a.currency == b.currency && a.mark == b.mark
                && a.written == b.written)
    }

    /// Hashes every part.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(dimension)
        hasher.combine(currency)
        hasher.combine(mark)
        hasher.combine(written)
    }

    /// A count of operations parsed from text such as `3.2e25` or `3.2e25 FLOP`; nil when the
    /// text is not one.
    public static func operations(_ text: String) -> Fact? { parse(text, as: .operations) }

    /// An amount of money parsed from text such as `620M` in `currency`, or `$620M`; nil when the
    /// text is not one.
    public static func money(_ text: String, _ currency: String = "USD") -> Fact? {
        parse(text, as: .money, currency: currency)
    }

    static func parse(_ text: String, as dimension: QuantityDimension, currency: String? = nil) -> Fact? {
        guard let quantity = try? QuantityParser.parse(text, expecting: dimension, defaultCurrency: currency) else {
            return nil
        }
        return Fact(
            value: FactValue(exactly: quantity.value), dimension: dimension, currency: quantity.currency, written: text)
    }
}
