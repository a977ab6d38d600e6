#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A set of rule packs to evaluate profiles against: the built-in packs, packs from files, or both.
///
/// A rule book is immutable and `Sendable`: load it once and evaluate any number of profiles
/// against it from any number of threads.
public struct RuleBook: Sendable {
    /// The packs, in the order they were given (built-in packs in file-name order).
    public let packs: [RulePack]
    /// Each pack's formulas with their ids resolved, in the order of `packs`.
    let plans: [PackPlan]
    /// The obligations a profile's records may name: those of every pack loaded, including packs
    /// that ``selecting(_:)`` leaves out (a record for a pack not evaluated is no error).
    public let records: RecordVocabulary

    /// A rule book of these packs.
    ///
    /// - Throws: `YAMLError` when two packs share an id.
    public init(packs: [RulePack]) throws {
        var seen: [String: RulePack] = [:]
        for pack in packs {
            if let first = seen[pack.id] {
                throw YAMLError(kind: .decoding,
                                problem: "a second pack with the id '\(pack.id)'; the first is in \(first.path ?? "the built-in packs")",
                                mark: pack.mark ?? .start, file: pack.path)
            }
            seen[pack.id] = pack
        }
        self.init(checkedPacks: packs)
    }

    /// A rule book of packs whose ids are known to be unique.
    init(checkedPacks packs: [RulePack], records: RecordVocabulary? = nil) {
        self.packs = packs
        self.plans = packs.map(PackPlan.init)
        self.records = records ?? RecordVocabulary(packs: packs)
    }

    /// The packs compiled into ThresholdKit from `Rules/`.
    public static func builtIn() throws -> RuleBook {
        try RuleBook(packs: BuiltinRulePacks.files.map { file in
            try RulePack(bytes: Array(file.text.utf8), path: "Rules/" + file.name)
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
    /// - Throws: `YAMLError` naming an id that is not in the book, with a suggestion.
    public func selecting(_ ids: [String]) throws -> RuleBook {
        for id in ids where !packs.contains(where: { $0.id == id }) {
            var message = "no rule pack '\(id)'"
            if let near = Suggestion.nearest(to: id, among: packs.map(\.id)) { message += "; did you mean '\(near)'?" }
            else { message += "; the packs are: \(packs.map(\.id).joined(separator: ", "))" }
            throw YAMLError(kind: .decoding, problem: message, mark: .start, file: nil)
        }
        return RuleBook(checkedPacks: packs.filter { ids.contains($0.id) }, records: records)
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
                return Verdict(profile: profile.path, organization: profile.organization.name, asOf: date, packs: [], errors: problems)
            }
        }
        return Verdict(profile: profile.path, organization: profile.organization.name, asOf: date,
                packs: packs.indices.map { Evaluator(pack: packs[$0], plan: plans[$0], profile: profile, asOf: date).evaluate() })
    }

    /// The YAML files a path names: itself, or the YAML files directly inside a directory.
    static func files(at path: String) throws -> [String] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw YAMLError(kind: .reader, problem: "cannot read the rule pack: \(YAMLParser.describeErrno())", mark: .start, file: path)
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { return [path] }
        guard let dir = opendir(path) else {
            throw YAMLError(kind: .reader, problem: "cannot list the directory: \(YAMLParser.describeErrno())", mark: .start, file: path)
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
            throw YAMLError(kind: .reader, problem: "the directory holds no rule packs (*.yaml or *.yml files)", mark: .start, file: path)
        }
        let base = path.hasSuffix("/") ? path : path + "/"
        return names.sorted().map { base + $0 }
    }
}
