import ThresholdPlatform

/// A set of rule packs to evaluate profiles against: the built-in packs, packs from files, or both.
///
/// A rule book is immutable and `Sendable`: load it once and evaluate any number of profiles
/// against it from any number of threads.
public struct RuleBook: Sendable {
    /// The packs, in the order they were given (built-in packs in file-name order).
    public let packs: [RulePack]
    /// Each pack with its formulas' ids resolved, in the order of `packs`, held once for every
    /// evaluator.
    let compiled: [CompiledPack]
    /// The obligations a profile's records may name: those of every pack loaded, including packs
    /// that ``selecting(_:)`` leaves out (a record for a pack not evaluated is no error).
    package let records: RecordVocabulary
    /// The reading each pack with readings reports as its main one, by pack id: the pack's default
    /// unless ``reporting(_:forPack:)`` chose another.
    package let readingChoices: [String: String]
    /// For each pack, in the order of `packs`: every reading of it (none for a pack without).
    let readingVariants: [[ReadingVariant]]
    /// For each pack with readings and a reading to report, in the order of `packs`: the position
    /// of that reading in ``readingVariants`` (the first when none has its id).
    let mainReadings: [Int?]
    /// For each pack with two to four readings, in the order of `packs`: the note that a duty
    /// depends on the reading, for every combination of what each reading says of it (see
    /// ``readingNoteCode(_:position:)``), written once rather than for every such duty of every
    /// profile; nil for a pack with more readings, whose notes are written as they are needed.
    let readingNotes: [[String]?]

    /// The pack at `index` as its results are evaluated, and its plan: the reading reported, for
    /// a pack with readings; else the pack itself.
    func evaluated(_ index: Int) -> (pack: RulePack, plan: PackPlan) {
        guard let main = mainReadings[index] else { return (packs[index], compiled[index].plan) }
        return (readingVariants[index][main].pack, readingVariants[index][main].plan)
    }

    /// A pack as one of its readings reads it.
    struct ReadingVariant: Sendable {
        /// The reading's id.
        let reading: String
        /// The pack with the reading's formulas and lines in place, and its plan.
        let compiled: CompiledPack
        /// The pack with the reading's formulas and lines in place.
        var pack: RulePack { compiled.pack }
        /// That pack's plan.
        var plan: PackPlan { compiled.plan }
        /// By threshold position: whether the reading draws that threshold's line its own way.
        let ownLimits: [Bool]
    }

    /// A rule book of these packs.
    ///
    /// - Throws: `YAMLError` when two packs share an id.
    package init(packs: [RulePack]) throws {
        var kept: [RulePack] = []
        for pack in packs {
            // A pack that stands in for another takes its place (when that one is loaded at all:
            // a pack file read alone, or with --no-builtin, replaces nothing; lint checks the id).
            if let replaced = pack.replaces, let index = kept.firstIndex(where: { $0.id == replaced }) {
                kept.remove(at: index)
            }
            if let first = kept.first(where: { $0.id == pack.id }) {
                let earlier =
                    first.isBuiltIn
                    ? "the built-in pack '\(first.id)'"
                    : "the pack in \(first.path ?? "another file")\(first.mark.map { " at line \($0.line)" } ?? "")"
                throw YAMLError(
                    kind: .decoding,
                    problem:
                        "a second pack with the id '\(pack.id)'; the first is \(earlier). Give this pack another id, "
                        + "or write 'replaces: \(pack.id)' to stand in for it",
                    mark: pack.mark ?? .start, file: pack.path)
            }
            kept.append(pack)
        }
        self.init(checkedPacks: kept)
    }

    /// A rule book of packs whose ids are known to be unique.
    init(checkedPacks packs: [RulePack], records: RecordVocabulary? = nil, readingChoices: [String: String] = [:]) {
        self.packs = packs
        self.compiled = packs.map { CompiledPack($0) }
        self.records = records ?? RecordVocabulary(packs: packs)
        var choices: [String: String] = [:]
        for pack in packs {
            if let chosen = readingChoices[pack.id] ?? pack.defaultReading { choices[pack.id] = chosen }
        }
        self.readingChoices = choices
        let variants = packs.map { pack in
            pack.readings.map { reading in
                let variant = pack.applying(reading)
                return ReadingVariant(
                    reading: reading.id, compiled: CompiledPack(variant),
                    ownLimits: pack.thresholds.map { reading.limits[$0.id] != nil })
            }
        }
        self.readingVariants = variants
        self.mainReadings = packs.indices.map { index in
            guard !variants[index].isEmpty, let chosen = choices[packs[index].id] else { return nil }
            return variants[index].firstIndex { $0.reading == chosen } ?? 0
        }
        self.readingNotes = variants.map { readings in
            guard (2...Self.readingNoteLimit).contains(readings.count) else { return nil }
            let ids = readings.map(\.reading), values = Applicability.allCases
            // Code c gives reading i the value values[(c / 3^i) % 3], as readingNoteCode counts.
            let combinations = (0..<readings.count).reduce(1) { total, _ in total * values.count }
            return (0..<combinations).map { code in
                var rest = code
                return Self.readingNote(
                    ids,
                    ids.indices.map { _ in
                        defer { rest /= values.count }
                        return values[rest % values.count]
                    })
            }
        }
    }

    /// This book with another reading reported as the main one for a pack (`--reading PACK=ID`);
    /// every reading is still evaluated, and results that differ are still shown.
    ///
    /// - Throws: ``LimitChangeError`` naming a pack that is not in the book or has no such reading,
    ///   with a suggestion.
    public func reporting(_ reading: String, forPack id: String) throws(LimitChangeError) -> RuleBook {
        guard let pack = pack(id) else {
            throw LimitChangeError(
                .unknownPack,
                "no rule pack '\(id)'"
                    + (Suggestion.nearest(toID: id, among: packs.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""))
        }
        guard pack.readings.contains(where: { $0.id == reading }) else {
            let ids = pack.readings.map(\.id)
            if ids.isEmpty { throw LimitChangeError(.unknownThreshold, "the pack '\(id)' has no readings") }
            throw LimitChangeError(
                .unknownThreshold,
                "the pack '\(id)' has no reading '\(reading)'"
                    + (Suggestion.nearest(to: reading, among: ids).map { "; did you mean '\($0)'?" }
                        ?? "; its readings are \(ids.joined(separator: ", "))"))
        }
        var choices = readingChoices
        choices[id] = reading
        return RuleBook(checkedPacks: packs, records: records, readingChoices: choices)
    }

    /// The packs compiled into ThresholdKit from `Rules/`.
    /// `tests` says whether the packs' own test cases are read (`RulePack/runTests()`); a book
    /// that only evaluates profiles loads faster without them.
    public static func builtIn(tests: Bool = true) throws -> RuleBook {
        var options = LoadOptions.default
        options.packTests = tests
        return try RuleBook(
            packs: BuiltinRulePacks.files.map { file in
                var text = tests ? file.text[...] : BuiltinRulePacks.withoutTests(file.text)
                // Copied as one block: `Array(text.utf8)` on a substring copies byte by byte through
                // the view's iterator, some 2 million instructions for the seven packs at every start.
                let bytes = text.withUTF8 { Array($0) }
                var pack = try RulePack(bytes: bytes, path: "Rules/" + file.name, options: options)
                pack.isBuiltIn = true
                return pack
            })
    }

    /// The packs in a YAML file, or in every `*.yaml`/`*.yml` file of a directory (sorted by name).
    ///
    /// - Throws: `YAMLError` for a file that cannot be read or is not a valid pack, and for a
    ///   directory that holds no pack files.
    public init(contentsOf path: String, options: LoadOptions = .default) throws {
        try self.init(packs: RuleBook.files(at: path).map { try RulePack(contentsOf: $0, options: options) })
    }

    /// The pack in a YAML string.
    public init(yaml: String, path: String? = nil) throws {
        try self.init(packs: [RulePack(yaml: yaml, path: path)])
    }

    /// This book and another's packs together.
    public func adding(_ other: RuleBook) throws -> RuleBook { try RuleBook(packs: packs + other.packs) }

    /// Only the packs with these ids.
    ///
    /// - Throws: ``LimitChangeError`` of kind `unknownPack` naming an id that is not in the book,
    ///   with a suggestion (not a `YAMLError`: no file is at fault).
    public func selecting(_ ids: [String]) throws(LimitChangeError) -> RuleBook {
        for id in ids where !packs.contains(where: { $0.id == id }) {
            var message = "no rule pack '\(id)'"
            if let near = Suggestion.nearest(toID: id, among: packs.map(\.id)) {
                message += "; did you mean '\(near)'?"
            } else {
                message += "; the packs are: \(packs.map(\.id).joined(separator: ", "))"
            }
            throw LimitChangeError(.unknownPack, message)
        }
        return RuleBook(
            checkedPacks: packs.filter { ids.contains($0.id) }, records: records, readingChoices: readingChoices)
    }

    /// The pack with an id.
    public func pack(_ id: String) -> RulePack? { packs.first { $0.id == id } }

    /// Evaluates a profile on a date. Pure: no I/O, no shared state; safe from any thread.
    ///
    /// A profile whose records name an obligation or pack that no loaded pack defines gives a
    /// verdict with ``Verdict/errors`` and no pack results, as an invalid profile does.
    public func evaluate(_ profile: LabProfile, asOf date: CalendarDate) -> Verdict {
        if !profile.assessments.isEmpty {
            let problems = records.problems(in: profile)
            if !problems.isEmpty {
                return Verdict(
                    profile: profile.path, organization: profile.organization.name, asOf: date, packs: [],
                    errors: problems)
            }
        }
        // The notes on the profile's facts are written once and shared by the packs, and so is the
        // profile, held once rather than copied into each evaluator.
        let sharedNotes = SharedNotes()
        let held = HeldProfile(profile)
        return Verdict(
            profile: profile.path, organization: profile.organization.name, asOf: date,
            packs: packs.indices.map { evaluate(pack: $0, held: held, asOf: date, sharedNotes: sharedNotes) })
    }

    /// One pack's result: for a pack with readings, the chosen reading's, with every obligation
    /// whose applicability differs between readings marked with each reading's value.
    /// `sharedNotes`, when given, must have been made for `profile`.
    func evaluate(
        pack index: Int, profile: LabProfile, asOf date: CalendarDate, sharedNotes: SharedNotes? = nil
    ) -> PackResult {
        evaluate(pack: index, held: HeldProfile(profile), asOf: date, sharedNotes: sharedNotes)
    }

    /// ``evaluate(pack:profile:asOf:sharedNotes:)`` of the profile `held` holds.
    func evaluate(
        pack index: Int, held: HeldProfile, asOf date: CalendarDate, sharedNotes: SharedNotes? = nil
    ) -> PackResult {
        guard let main = mainReadings[index] else {
            return Evaluator(compiled[index], held, asOf: date, sharedNotes: sharedNotes).evaluate()
        }
        let variants = readingVariants[index]
        var (result, mainTruths) = Evaluator(variants[main].compiled, held, asOf: date, sharedNotes: sharedNotes)
            .evaluateKeepingTruths()
        result.reading = readingChoices[packs[index].id]
        // Of the other readings only each obligation's applicability is read, and only that is
        // worked out: no results, statuses, deadlines or notes. A threshold whose line neither
        // reading draws its own way is not evaluated again. (By index: a closure over the
        // obligations would copy each out.)
        let applies: [[Applicability]] = variants.indices.map { other in
            guard other != main else { return result.obligations.indices.map { result.obligations[$0].applies } }
            let known = mainTruths.indices.map {
                variants[main].ownLimits[$0] || variants[other].ownLimits[$0] ? nil : mainTruths[$0]
            }
            return Evaluator(variants[other].compiled, held, asOf: date, qualifying: true, sharedNotes: sharedNotes)
                .applicability(reusing: known)
        }
        for position in result.obligations.indices {
            // Most obligations apply alike under every reading: they are told without a list.
            let first = applies[0][position]
            guard applies.contains(where: { $0[position] != first }) else { continue }
            result.dependsOnReading = true
            result.obligations[position].byReading = variants.indices.map {
                .init(reading: variants[$0].reading, applies: applies[$0][position])
            }
            let note =
                readingNotes[index].map { $0[Self.readingNoteCode(applies, position: position)] }
                ?? Self.readingNote(variants.map(\.reading), applies.map { $0[position] })
            result.obligations[position].notes.insert(note, at: 0)
        }
        return result
    }

    /// The most readings a pack may have for its notes of a duty that depends on the reading to be
    /// written beforehand: 3⁴ = 81 notes.
    static let readingNoteLimit = 4

    /// The position in ``readingNotes`` of the note for a duty at `position` that the readings,
    /// in order, say applies as `applies` does: each reading's value counts as a digit in base 3.
    static func readingNoteCode(_ applies: [[Applicability]], position: Int) -> Int {
        var code = 0
        for reading in applies.indices.reversed() {
            code =
                code * Applicability.allCases.count + Applicability.allCases.firstIndex(of: applies[reading][position])!
        }
        return code
    }

    /// `depends on the reading: broad → applies; narrow → does not apply`, written part by part
    /// (see ``NoteText``), without a string per reading.
    static func readingNote(_ readings: [String], _ applies: [Applicability]) -> String {
        var words = NoteText.StringInterpolation(literalCapacity: 64, interpolationCount: 2 * readings.count)
        words.appendLiteral("depends on the reading: ")
        for index in readings.indices {
            if index > 0 { words.appendLiteral("; ") }
            words.appendInterpolation(readings[index])
            words.appendLiteral(" → ")
            words.appendInterpolation(applies[index].phrase)
        }
        return String(note: NoteText(stringInterpolation: words))
    }

    /// The YAML files a path names: itself, or the YAML files directly inside a directory.
    static func files(at path: String) throws -> [String] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw YAMLError(
                kind: .reader, problem: IOError(.readNamed("the rule pack"), path: path).problem, mark: .start,
                file: path)
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { return [path] }
        guard let dir = opendir(path) else {
            throw YAMLError(kind: .reader, problem: IOError(.list, path: path).problem, mark: .start, file: path)
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = entryName(entry)
            if name.hasPrefix(".") { continue }
            if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { names.append(name) }
        }
        // A folder of no packs would evaluate nothing and pass: a mistyped path must not look green.
        guard !names.isEmpty else {
            throw YAMLError(
                kind: .reader, problem: "the directory holds no rule packs (*.yaml or *.yml files)", mark: .start,
                file: path)
        }
        let base = path.hasSuffix("/") ? path : path + "/"
        return names.sorted().map { base + $0 }
    }
}

/// An id that names no pack in a rule book (`threshold rules show x`, `rules doc x`, `--pack x`).
package struct UnknownPackError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The id asked for.
    package let id: String
    /// The ids of the book's packs, in the book's order.
    package let known: [String]

    /// An error for `id` among the `known` ids.
    package init(id: String, known: [String]) {
        self.id = id
        self.known = known
    }

    /// A near spelling of the id, or else the one pack whose id starts with it (`eu-ai-act` for
    /// `eu`).
    package var suggestion: String? {
        let starting = known.filter { $0.hasPrefix(id) }
        return Suggestion.nearest(toID: id, among: known) ?? (starting.count == 1 && !id.isEmpty ? starting[0] : nil)
    }

    /// `WHAT: no rule pack has this id; did you mean 'NEAR'? The packs are: …`, where `what` names
    /// the id as the caller took it (`--pack x`, or the id escaped for a terminal).
    package func message(naming what: String) -> String {
        var message = "\(what): no rule pack has this id"
        message += suggestion.map { "; did you mean '\($0)'?" } ?? "."
        return message + " The packs are: \(known.joined(separator: ", "))."
    }

    /// The message, naming the id escaped for a terminal.
    package var description: String { message(naming: id.escapedForTerminal()) }
}

extension RuleBook {
    /// The pack with an id, or an error that suggests a near id and lists the packs there are.
    package func requirePack(_ id: String) throws(UnknownPackError) -> RulePack {
        guard let pack = pack(id) else { throw UnknownPackError(id: id, known: packs.map(\.id)) }
        return pack
    }
}
