// A threshold evaluated for each of its subjects (the organisation, each model, each cluster):
// the comparison, the conditions beside it, the reason, margin and mark a report shows.

import ThresholdPlatform

extension Evaluator {
    // MARK: Thresholds

    /// `models` or `clusters` when the threshold is about one and the profile does not list them
    /// at all; nil otherwise.
    func unlistedList(for subject: Subject) -> String? {
        switch subject {
        case .organization: return nil
        case .model: return profile.listsModels ? nil : "models"
        case .cluster: return profile.listsClusters ? nil : "clusters"
        }
    }

    /// The indeterminate result of a threshold about models or clusters that the profile does not
    /// list; its subject is the list's name.
    func unlistedResult(_ threshold: Threshold, text: Shared<ThresholdText>, list: String) -> ThresholdResult {
        let note = String(
            note: "the profile has no '\(list):' list, so nothing is known of its \(list); write '\(list): []' if it "
                + "has none")
        return ThresholdResult(
            subject: list, result: .indeterminate, value: nil, range: nil,
            limit: threshold.test.limit, comparison: threshold.test.comparison, unit: threshold.test.unit,
            margin: nil, mark: nil, notes: [note], text: text, reason: note)
    }

    /// The threshold for each of its subjects, whose keys (`model:NAME`, `cluster:NAME`) are given,
    /// appended to `results` (a pack's results are made in place, not copied over from an array
    /// per threshold). `source` is what the threshold cites, shared by its results.
    func evaluate(
        _ threshold: Threshold, text: Shared<ThresholdText>, modelKeys: [String], clusterKeys: [String],
        into results: inout [ThresholdResult]
    ) {
        switch threshold.subject {
        case .organization:
            results.append(
                evaluate(threshold, text: text, subject: Self.organizationSubject, model: nil, cluster: nil))
        case .model:
            for model in profile.models.indices {
                results.append(
                    evaluate(threshold, text: text, subject: modelKeys[model], model: model, cluster: nil))
            }
        case .cluster:
            for cluster in profile.clusters.indices {
                results.append(
                    evaluate(threshold, text: text, subject: clusterKeys[cluster], model: nil, cluster: cluster))
            }
        }
    }

    /// For each key, the position of the last equal key: the one a dictionary keyed by these keys
    /// would keep. Keys are unique in a loaded profile, but a profile built in Swift may repeat one.
    static func lastOccurrences(_ keys: [String]) -> [Int] {
        var result = Array(keys.indices)
        if keys.count <= 16 {
            for i in keys.indices {
                var j = keys.count - 1
                while j > i && keys[j] != keys[i] { j -= 1 }
                result[i] = j
            }
        } else {
            var last: [String: Int] = [:]
            last.reserveCapacity(keys.count)
            for (i, key) in keys.enumerated() { last[key] = i }
            for (i, key) in keys.enumerated() { result[i] = last[key] ?? i }
        }
        return result
    }

    /// The threshold for one subject; `model` and `cluster` are positions in the profile, so that
    /// the model is read in place rather than copied for every threshold.
    func evaluate(
        _ threshold: Threshold, text: Shared<ThresholdText>, subject: String, model: Int?, cluster: Int?
    ) -> ThresholdResult {
        if threshold.period == .precedingCalendarYear, threshold.subject == .organization,
            profile.organization.reportingPeriod != asOf.year - 1,
            profile.organization.figures(forYear: asOf.year - 1) != nil
        {
            // The year's figures come from the profile's history.
            var year = profile
            year.organization = profile.organization.withFigures(ofYear: asOf.year - 1)
            return Evaluator(compiled, HeldProfile(year), asOf: asOf, qualifying: qualifying)
                .evaluate(threshold, text: text, subject: subject, model: model, cluster: cluster)
        }
        if let modified = threshold.modifiedModel, let model, let base = profile.models[model].baseModel {
            // A model built on another provider's model is tested as a modification: the pack's
            // `modified_model:` takes the place of the threshold's own test and conditions.
            let note =
                "a modification of \(base.provider)'s \(base.name) (base_model): "
                + (modified.note
                    ?? "tested as \(modified.test.fact.rawValue) \(modified.test.comparison.symbol) "
                    + "\(modified.test.written)")
            return evaluate(
                threshold, text: text, test: modified.test, conditions: modified.conditions, modification: note,
                subject: subject, model: model, cluster: cluster)
        }
        // The threshold's own test and conditions are passed where they lie (a copy for every
        // subject would retain each of their strings).
        return evaluate(
            threshold, text: text, test: threshold.test, conditions: threshold.conditions, modification: nil,
            subject: subject, model: model, cluster: cluster)
    }

    /// The threshold for one subject, by `test` and `conditions`: the threshold's own, or those
    /// that test a modification of another's model (`modification` is then the note that says so).
    private func evaluate(
        _ threshold: Threshold, text: Shared<ThresholdText>, test: QuantityTest, conditions: [Condition],
        modification: String?,
        subject: String,
        model: Int?, cluster: Int?
    ) -> ThresholdResult {
        var notes: [String] = []
        let asModification = modification != nil
        if let modification { notes.append(modification) }
        // What besides the comparison decided the result: the first note that gave each truth.
        var deciding = FirstNotes()
        let line = test.relative.flatMap { relativeLine(test, $0, model: model, cluster: cluster) }
        let notesBefore = notes.count
        // What is read of the measure, read once where it is bound: the measure is some 270
        // bytes, and each `if let`, `== nil` or optional chain on it would copy it again.
        var comparisonTruth: Truth?
        var value: ExactDecimal?, range: ClosedRange<ExactDecimal>?, margin: ExactDecimal?, mark: SourceMark?
        if let measured = measure(test, model: model, cluster: cluster, notes: &notes, line: line) {
            comparisonTruth = measured.truth(test.comparison)
            value = measured.displayValue
            range = measured.displayRange
            // Against a relative line, the margin is the value's in the frame the comparison is made in.
            if line == nil {
                if let value { margin = self.margin(of: value, against: test.limit) }
            } else if let estimate = measured.interval.estimate {
                margin = self.margin(of: estimate, against: measured.limit)
            }
            mark = measured.mark
        }
        let isMeasured = comparisonTruth != nil
        var truth = comparisonTruth ?? .indeterminate
        // A relative line that is not known leaves the test undecided even with the value given.
        var scratch: [String] = []
        let valueGiven =
            line?.low == nil && line != nil && measureFact(test, model: model, cluster: cluster, notes: &scratch) != nil
        if !isMeasured && notes.count == notesBefore && !valueGiven {
            notes.append(sharing: FixedNotes.notGiven(test.fact))
        }
        if !isMeasured, notes.count > notesBefore, !valueGiven, let last = notes.last {
            deciding.add(.indeterminate, last)
        }
        if let line {
            notes.append(contentsOf: line.notes)
            if valueGiven, let missing = line.notes.first { deciding.add(.indeterminate, missing) }
        }
        if let period = threshold.period, period == .precedingCalendarYear, isMeasured {
            let wanted = asOf.year - 1
            if let year = profile.organization.reportingPeriod {
                if year != wanted {
                    truth = .indeterminate
                    notes.append(
                        String(
                            note: "the figures cover \(year), but the statute counts the preceding calendar year, "
                                + "\(wanted)"))
                    deciding.add(.indeterminate, notes[notes.count - 1])
                }
            } else {
                truth = .indeterminate
                notes.append(
                    String(
                        note: "reporting_period is not given: the statute counts the preceding calendar year, \(wanted)"
                    ))
                deciding.add(.indeterminate, notes[notes.count - 1])
            }
        }
        for condition in conditions {
            let (conditionTruth, note) = evaluate(condition, model: model, cluster: cluster, market: test.market)
            truth = truth.and(conditionTruth)
            if let note {
                notes.append(note)
                deciding.add(conditionTruth, note)
            }
        }
        // The comparison explains a value on the wrong side of the line; anything else is named.
        let comparisonDecides =
            truth == .notMet
            && comparisonTruth == .notMet
        // An undecided comparison names what the value lacks: a part not given, or its uncertainty
        // (looked for only when nothing else decided).
        let reason =
            truth == .met || comparisonDecides
            ? nil
            : deciding[truth]
                ?? (truth == .indeterminate ? notes.first(where: Self.namesMissingPart) : nil)
        return ThresholdResult(
            subject: subject, result: truth, value: value, range: range,
            limit: line?.display ?? test.limit, comparison: test.comparison, unit: test.unit, margin: margin,
            mark: mark ?? self.mark(of: test.fact, model: model, cluster: cluster), notes: notes, text: text,
            reason: reason, isModificationTest: asModification)
    }

    /// The first note given for each truth value, kept without a list: what a reason is read from.
    struct FirstNotes {
        private var met: String?, notMet: String?, indeterminate: String?

        /// Keeps `note` for `truth` unless a note came first.
        mutating func add(_ truth: Truth, _ note: String) {
            switch truth {
            case .met: if met == nil { met = note }
            case .notMet: if notMet == nil { notMet = note }
            case .indeterminate: if indeterminate == nil { indeterminate = note }
            }
        }

        /// The first note given for `truth`.
        subscript(truth: Truth) -> String? {
            switch truth {
            case .met: return met
            case .notMet: return notMet
            case .indeterminate: return indeterminate
            }
        }
    }

    /// Whether a note says that part of a value is not given or uncertain ("… is not given", "… is
    /// uncertain: …"), read on the note's UTF-8 bytes.
    static func namesMissingPart(_ note: String) -> Bool {
        note.utf8.contains(bytes: " is not given") || note.utf8.contains(bytes: " is uncertain")
    }

    /// `value ÷ limit` to six significant digits, or to as many as it takes (up to 40) to tell a
    /// value just over or under the line from one exactly on it: 10^25 + 1 against 10^25 is
    /// ×1.0000000000000000000000001, never a misleading ×1.
    func margin(of value: ExactDecimal, against limit: ExactDecimal) -> ExactDecimal? {
        guard let short = value.divided(by: limit, significantDigits: 6) else { return nil }
        guard short == ExactDecimal(integer: 1), value != limit else { return short }
        return value.divided(by: limit, significantDigits: 40) ?? short
    }

    /// Where the fact a test reads was written, if it was: for a result whose value could not be
    /// used (a missing exchange rate), so that the report still points at the line.
    func mark(of key: FactKey, model: Int?, cluster: Int?) -> SourceMark? {
        if key == .trainingAndFineTuningCompute {
            return model.flatMap {
                profile.models[$0].trainingCompute?.mark ?? profile.models[$0].fineTuningCompute?.mark
            }
        }
        if key == .baseModelAndFineTuningCompute {
            return model.flatMap {
                profile.models[$0].baseModel?.trainingCompute?.mark ?? profile.models[$0].fineTuningCompute?.mark
            }
        }
        return fact(key, model: model, cluster: cluster)?.mark
    }

}

extension String.UTF8View {
    /// Whether `needle` occurs in these bytes (a plain byte search: no Unicode normalisation), read
    /// in place.
    func contains(bytes needle: StaticString) -> Bool {
        let found = withContiguousStorageIfAvailable { haystack in
            Self.search(UnsafeRawBufferPointer(haystack), for: needle)
        }
        if let found { return found }
        return Array(self).withUnsafeBytes { Self.search($0, for: needle) }
    }

    /// Whether the bytes of `needle` occur in `haystack`.
    private static func search(_ haystack: UnsafeRawBufferPointer, for needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard count > 0 else { return true }
        guard haystack.count >= count else { return false }
        let first = needle.utf8Start.pointee
        let needleBytes = UnsafeRawBufferPointer(start: needle.utf8Start, count: count)
        for start in 0...(haystack.count - count) where haystack[start] == first {
            if memcmp(haystack.baseAddress! + start, needleBytes.baseAddress!, count) == 0 { return true }
        }
        return false
    }
}
