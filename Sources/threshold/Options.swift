import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ThresholdKit

/// Which rule packs to load.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("Load rule packs from a YAML file or a directory of them (repeatable).", valueName: "file|dir"))
    var rulePaths: [String] = []

    @Flag(name: .customLong("no-builtin"), help: "Do not load the built-in rule packs.")
    var noBuiltin = false

    @Option(name: .customLong("pack"), help: ArgumentHelp("Evaluate only this pack (repeatable).", valueName: "id"))
    var packs: [String] = []

    @Option(name: .customLong("reading"), help: ArgumentHelp(
        "Report another reading of an ambiguous pack as the main one, such as frontier-ai-proposal-2026=compute-and-money (repeatable). Every reading is still evaluated.",
        valueName: "pack=reading"))
    var readings: [String] = []

    func validate() throws {
        if noBuiltin && rulePaths.isEmpty {
            throw ValidationError("--no-builtin needs at least one --rules file or directory.")
        }
    }

    /// The rule book these options name.
    ///
    /// - Throws: `YAMLError` for a rule pack that cannot be read; `ValidationError` (a usage error)
    ///   for a `--pack` that names no pack.
    func ruleBook(options: LoadOptions, tests: Bool = false) throws -> RuleBook {
        // A book that only evaluates profiles does not read the packs' own test cases.
        var options = options
        options.packTests = tests
        var packs: [RulePack] = noBuiltin ? [] : try RuleBook.builtIn(tests: tests).packs
        var seen: Set<String> = []
        for path in rulePaths {
            // The same file named twice (in any spelling) is read once.
            guard seen.insert(FileIdentity.key(for: path)).inserted else { continue }
            packs += try RuleBook(contentsOf: path, options: options).packs
        }
        let book = try RuleBook(packs: packs)
        let known = book.packs.map(\.id)
        for id in self.packs where !known.contains(id) {
            var message = "--pack \(id.escapedForTerminal()): no rule pack has this id"
            message += Suggestion.nearest(to: id, among: known).map { "; did you mean '\($0)'?" } ?? "."
            throw ValidationError(message + " The packs are: \(known.joined(separator: ", ")).")
        }
        var chosen = self.packs.isEmpty ? book : try book.selecting(self.packs)
        for setting in readings {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--reading \(setting.escapedForTerminal()): expected PACK=READING, such as frontier-ai-proposal-2026=compute-and-money")
            }
            do {
                chosen = try chosen.reporting(parts[1], forPack: parts[0])
            } catch {
                throw ValidationError("--reading \(setting.escapedForTerminal()): \(error.message)")
            }
        }
        return chosen
    }
}

/// The limits that protect against hostile input.
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("max-file-size"), help: ArgumentHelp("Largest file accepted, in bytes.", valueName: "bytes"))
    var maxFileSize = YAMLLimits.default.maxFileBytes

    @Option(name: .customLong("max-depth"), help: "Deepest nesting of sequences and mappings.")
    var maxDepth = YAMLLimits.default.maxDepth

    @Option(name: .customLong("max-alias-expansion"), help: ArgumentHelp("Most nodes aliases may add when expanded.", valueName: "nodes"))
    var maxAliasExpansion = YAMLLimits.default.maxAliasExpansion

    @Option(name: .customLong("max-scalar-length"), help: ArgumentHelp("Longest scalar, in bytes.", valueName: "bytes"))
    var maxScalarLength = YAMLLimits.default.maxScalarBytes

    @Option(name: .customLong("max-models"), help: "Most models one profile may list.")
    var maxModels = ProfileLimits().maxModels

    @Option(name: .customLong("max-digits"), help: "Most digits a quantity may take written out in full, as given or derived.")
    var maxDigits = ProfileLimits().maxDigits

    func validate() throws {
        for (name, value) in [("--max-file-size", maxFileSize), ("--max-depth", maxDepth), ("--max-alias-expansion", maxAliasExpansion),
                              ("--max-scalar-length", maxScalarLength), ("--max-models", maxModels), ("--max-digits", maxDigits)]
        where value < 1 {
            throw ValidationError("\(name) must be at least 1.")
        }
    }

    var loadOptions: LoadOptions {
        LoadOptions(
            yaml: YAMLLimits(maxFileBytes: maxFileSize, maxDepth: maxDepth, maxAliasExpansion: maxAliasExpansion,
                             maxScalarBytes: maxScalarLength),
            profile: ProfileLimits(maxModels: maxModels, maxDigits: maxDigits))
    }
}

extension FailurePolicy: ExpressibleByArgument {}

extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) {
        if argument == "today" { self = .today(); return }
        self.init(argument)
    }
}

/// `--color auto|always|never`.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// `--as-of`: a date, or `today` (the default) on the local calendar; a bad date says what is
/// wrong with it.
func parseAsOf(_ argument: String) throws -> CalendarDate {
    if argument == "today" { return .today() }
    if let date = CalendarDate(argument) { return date }
    if let problem = CalendarDate.problem(with: argument) { throw ValidationError(problem) }
    throw ValidationError("expected a date YYYY-MM-DD, such as 2026-12-02, or 'today'")
}

/// Evaluation options shared by `check` and `audit`.
struct EvaluationOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Evaluate on this date (YYYY-MM-DD, or 'today': the local calendar's date, honouring TZ). Default: today.", valueName: "date"),
            transform: parseAsOf)
    var asOfOption: CalendarDate?

    /// The evaluation date: `--as-of`, else today on the local calendar.
    var asOf: CalendarDate { asOfOption ?? .today() }

    @Option(name: .customLong("fail-on"), help: "What makes the exit code 1: unmet, late, applies, indeterminate or never.")
    var failOn: FailurePolicy = .unmet
}

/// A key that names a file whatever the spelling of its path: the device and inode when the file
/// exists, else the path as given.
enum FileIdentity {
    static func key(for path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "path:" + path }
        return "inode:\(info.st_dev):\(info.st_ino)"
    }
}
