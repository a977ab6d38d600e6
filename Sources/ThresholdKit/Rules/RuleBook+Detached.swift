extension RuleBook {
    /// An equal rule book that shares no storage with this one.
    ///
    /// A rule book is `Sendable` and may be shared by any number of threads, but every verdict
    /// copies the ids, titles and citations it reports out of the book, and each copy counts a
    /// reference on the shared text: threads that share one book contend for those counts on every
    /// verdict. ``Auditor`` gives each of its worker threads a detached copy; do the same when you
    /// evaluate on threads of your own. (Pack tests are shared: evaluation does not read them.)
    public func detached() -> RuleBook {
        // The ids were unique in this book, so they are in the copy.
        RuleBook(checkedPacks: packs.map { $0.detached() }, records: records.detached())
    }
}

extension RecordVocabulary {
    /// An equal vocabulary that shares no storage with this one: a profile's records are checked
    /// against it on every file, and a lookup counts a reference on the set it finds.
    func detached() -> RecordVocabulary {
        RecordVocabulary(
            packs: packs.map(\.detached),
            obligations: Dictionary(uniqueKeysWithValues: obligations.map { ($0.key.detached, $0.value.detached) }),
            allObligations: allObligations.map(\.detached), anyPack: anyPack.detached)
    }
}

extension Set<String> {
    /// The same strings, in storage of their own.
    var detached: Set<String> { Set(map(\.detached)) }
}

extension RulePack {
    /// An equal pack whose text and arrays are fresh copies (see ``RuleBook/detached()``).
    func detached() -> RulePack {
        var copy = self
        copy.id = id.detached
        copy.title = title.detached
        copy.jurisdiction = jurisdiction?.detached
        copy.summary = summary?.detached
        copy.sources = sources.map {
            Source(id: $0.id.detached, title: $0.title.detached, url: $0.url?.detached, grade: $0.grade)
        }
        copy.exchangeRates = exchangeRates.map { rate in
            var rate = rate
            rate.from = rate.from.detached
            rate.to = rate.to.detached
            rate.date = rate.date?.detached
            return rate
        }
        copy.thresholds = thresholds.map { $0.detached() }
        copy.obligations = obligations.map { $0.detached() }
        copy.path = path?.detached
        return copy
    }
}

extension Threshold {
    func detached() -> Threshold {
        var copy = self
        copy.id = id.detached
        copy.title = title?.detached
        copy.test = test.detached()
        copy.conditions = conditions.map { $0.detached() }
        copy.cite = cite?.detached
        copy.citation = citation?.detached
        copy.note = note?.detached
        if let modified = modifiedModel {
            copy.modifiedModel = .init(
                test: modified.test.detached(), conditions: modified.conditions.map { $0.detached() },
                note: modified.note?.detached)
        }
        return copy
    }
}

extension QuantityTest {
    func detached() -> QuantityTest {
        var copy = self
        copy.currency = currency?.detached
        copy.written = written.detached
        copy.relative?.fractionWritten = relative?.fractionWritten.detached ?? ""
        copy.relative?.otherwiseWritten = relative?.otherwiseWritten?.detached
        return copy
    }
}

extension Condition {
    func detached() -> Condition {
        switch self {
        case .equals(let key, let values): return .equals(key, values.map(\.detached))
        case .includesAny(let key, let values): return .includesAny(key, values.map(\.detached))
        case .isTrue, .date: return self
        case .quantity(let test): return .quantity(test.detached())
        case .any(let groups): return .any(groups.map { $0.map { $0.detached() } })
        }
    }
}

extension Obligation {
    func detached() -> Obligation {
        var copy = self
        copy.id = id.detached
        copy.title = title.detached
        copy.kind = kind.detached
        copy.risk = risk?.detached
        copy.when = when.detached()
        copy.cite = cite?.detached
        copy.citation = citation?.detached
        copy.note = note?.detached
        return copy
    }
}

extension When {
    func detached() -> When {
        switch self {
        case .threshold(let id): return .threshold(id.detached)
        case .obligation(let id): return .obligation(id.detached)
        case .any(let items): return .any(items.map { $0.detached() })
        case .all(let items): return .all(items.map { $0.detached() })
        case .not(let inner): return .not(inner.detached())
        case .anyAssessmentOutcome, .always: return self
        }
    }
}

extension String {
    /// The same text in storage of its own (a short string is stored inline anyway).
    var detached: String { String(decoding: Array(utf8), as: UTF8.self) }
}
