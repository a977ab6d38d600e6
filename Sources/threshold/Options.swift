import ArgumentParser
import ThresholdKit
import ThresholdPlatform

// The option groups the commands share. Each command takes only the groups it uses, so that its
// help lists only options it honours: `rules list` loads packs but evaluates nothing (no --pack),
// `rules lint` reads packs but no profile (no --max-models).

/// Where rule packs come from: `--rules`, `--no-builtin`.
struct RuleSourceOptions: ParsableArguments {
    @Option(
        name: .customLong("rules"),
        help: ArgumentHelp(
            "Load rule packs from a YAML file or a directory of them (repeatable).", valueName: "file|dir"))
    var rulePaths: [String] = []

    @Flag(name: .customLong("no-builtin"), help: "Do not load the built-in rule packs.")
    var noBuiltin = false

    func validate() throws {
        if noBuiltin && rulePaths.isEmpty {
            throw ValidationError("--no-builtin needs at least one --rules file or directory.")
        }
    }

    /// Every pack these options load.
    ///
    /// - Throws: `ExitCode.noInput` (66) for a `--rules` path that does not exist; `YAMLError` for
    ///   a rule pack that cannot be read.
    func ruleBook(options: LoadOptions, tests: Bool = false) throws -> RuleBook {
        try requireInputs(rulePaths, directoryAllowed: true)
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
        return try RuleBook(packs: packs)
    }
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

/// Which packs to load and evaluate: `--rules`, `--no-builtin`, `--pack`.
struct RuleOptions: ParsableArguments {
    @OptionGroup var sources: RuleSourceOptions

    @Option(name: .customLong("pack"), help: ArgumentHelp("Evaluate only this pack (repeatable).", valueName: "id"))
    var packs: [String] = []

    @Option(
        name: .customLong("reading"),
        help: ArgumentHelp(
            "Report another reading of an ambiguous pack as the main one (repeatable; the readings are in 'threshold "
                + "rules show PACK'). Every reading is still evaluated.",
            valueName: "pack=reading"))
    var readings: [String] = []

    /// The rule book these options name.
    ///
    /// - Throws: `YAMLError` for a rule pack that cannot be read; `ExitCode.noInput` (66) for a
    ///   missing `--rules` path; `ValidationError` (a usage error) for a `--pack` that names no pack.
    func ruleBook(options: LoadOptions, tests: Bool = false) throws -> RuleBook {
        let book = try sources.ruleBook(options: options, tests: tests)
        let known = book.packs.map(\.id)
        for id in packs where !known.contains(id) {
            throw ValidationError(
                UnknownPackError(id: id, known: known).message(naming: "--pack \(id.escapedForTerminal())"))
        }
        var chosen = packs.isEmpty ? book : try book.selecting(packs)
        for setting in readings {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError(
                    "--reading \(setting.escapedForTerminal()): expected PACK=READING, such as "
                        + "frontier-ai-proposal-2026=compute-and-money"
                )
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

extension RuleOptions {
    /// The rule book, and the options for reading profiles against it (its record vocabulary).
    func load(_ limits: LimitOptions) throws -> (book: RuleBook, options: LoadOptions) {
        var options = limits.loadOptions
        let book = try ruleBook(options: options)
        options.records = book.records
        return (book, options)
    }
}

/// The limits that protect the YAML reader against hostile input (profiles and packs alike).
struct YAMLLimitOptions: ParsableArguments {
    @Option(
        name: .customLong("max-file-size"), help: ArgumentHelp("Largest file accepted, in bytes.", valueName: "bytes"))
    var maxFileSize = YAMLLimits.default.maxFileBytes

    @Option(
        name: .customLong("max-depth"), help: ArgumentHelp("Deepest nesting of sequences and mappings.", valueName: "n")
    )
    var maxDepth = YAMLLimits.default.maxDepth

    @Option(
        name: .customLong("max-alias-expansion"),
        help: ArgumentHelp("Most nodes aliases may add when expanded.", valueName: "nodes"))
    var maxAliasExpansion = YAMLLimits.default.maxAliasExpansion

    @Option(name: .customLong("max-scalar-length"), help: ArgumentHelp("Longest scalar, in bytes.", valueName: "bytes"))
    var maxScalarLength = YAMLLimits.default.maxScalarBytes

    func validate() throws {
        for (name, value) in [
            ("--max-file-size", maxFileSize), ("--max-depth", maxDepth),
            ("--max-alias-expansion", maxAliasExpansion), ("--max-scalar-length", maxScalarLength),
        ]
        where value < 1 {
            throw ValidationError("\(name) must be at least 1.")
        }
    }

    var yamlLimits: YAMLLimits {
        YAMLLimits(
            maxFileBytes: maxFileSize, maxDepth: maxDepth, maxAliasExpansion: maxAliasExpansion,
            maxScalarBytes: maxScalarLength)
    }

    /// Options for reading rule packs.
    var loadOptions: LoadOptions { .commandLine(yaml: yamlLimits) }
}

extension LoadOptions {
    /// Options with these limits whose refusals name the flag that raises each (`raise it with
    /// --max-depth`): the library names its limits in its own words.
    static func commandLine(yaml: YAMLLimits = .default, profile: ProfileLimits = .init()) -> LoadOptions {
        var yaml = yaml, profile = profile
        yaml.raiseAdvice = [
            .maxFileBytes: "raise it with --max-file-size", .maxDepth: "raise it with --max-depth",
            .maxAliasExpansion: "raise it with --max-alias-expansion",
            .maxScalarBytes: "raise it with --max-scalar-length",
        ]
        profile.raiseAdvice = [.maxModels: "raise it with --max-models", .maxDigits: "raise it with --max-digits"]
        return LoadOptions(yaml: yaml, profile: profile)
    }
}

/// The limits on reading profiles: the YAML reader's, and a profile's own.
struct LimitOptions: ParsableArguments {
    @OptionGroup var yaml: YAMLLimitOptions

    @Option(name: .customLong("max-models"), help: ArgumentHelp("Most models one profile may list.", valueName: "n"))
    var maxModels = ProfileLimits().maxModels

    @Option(
        name: .customLong("max-digits"),
        help: ArgumentHelp("Most digits a quantity may take written out in full, as given or derived.", valueName: "n"))
    var maxDigits = ProfileLimits().maxDigits

    func validate() throws {
        for (name, value) in [("--max-models", maxModels), ("--max-digits", maxDigits)] where value < 1 {
            throw ValidationError("\(name) must be at least 1.")
        }
    }

    var loadOptions: LoadOptions {
        .commandLine(yaml: yaml.yamlLimits, profile: ProfileLimits(maxModels: maxModels, maxDigits: maxDigits))
    }
}

extension FailurePolicy: ExpressibleByArgument {}

/// Reads `--as-of`: `today`, or a date `YYYY-MM-DD` that exists; a usage error that says what is
/// wrong otherwise (`month 13 does not exist`, `February 2026 has 28 days`).
func parseAsOf(_ argument: String) throws -> CalendarDate {
    if argument == "today" { return .today() }
    if let problem = CalendarDate.problem(parsing: argument) {
        throw ValidationError(problem == "expected YYYY-MM-DD" ? "expected YYYY-MM-DD or today" : problem)
    }
    guard let date = CalendarDate(argument) else { throw ValidationError("expected YYYY-MM-DD or today") }
    return date
}

/// `--as-of DATE`, for commands that evaluate on a date.
struct AsOfOptions: ParsableArguments {
    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp(
            "Evaluate on this date, YYYY-MM-DD or 'today' (default: today, on the local calendar).", valueName: "date"),
        transform: parseAsOf)
    var given: CalendarDate?

    /// The date: as given, or today.
    var asOf: CalendarDate { given ?? .today() }
}

/// Evaluation options shared by `check` and `audit`: the date, and what fails.
struct EvaluationOptions: ParsableArguments {
    @OptionGroup var date: AsOfOptions

    @Option(
        name: .customLong("fail-on"),
        help: ArgumentHelp(
            "What makes the exit code 1: unmet (an applicable obligation unmet or expired), late (also met late), "
                + "applies, indeterminate or never.")
    )
    var failOn: FailurePolicy = .unmet

    /// The date: as given, or today.
    var asOf: CalendarDate { date.asOf }
}

/// Checks that every path named exists and can be read, before anything is: a missing one is
/// `threshold: PATH: no such file or directory`, exit 66 (EX_NOINPUT), rather than a diagnostic at
/// a position that does not exist. All the problems are reported, then the first fails.
///
/// - Parameter suggestAudit: for a folder named where a file is wanted, suggest `threshold audit`.
func requireInputs(_ paths: [String], directoryAllowed: Bool, suggestAudit: Bool = false) throws {
    let problems = paths.filter { $0 != "-" }.compactMap {
        NamedInput.problem(at: $0, directoryAllowed: directoryAllowed)
    }
    guard !problems.isEmpty else { return }
    for problem in problems { Console.message(inputMessage(problem, suggestAudit: suggestAudit)) }
    throw ExitCode.noInput
}

/// `threshold: PATH: no such file or directory`; for a folder given to `check`, how to audit it.
func inputMessage(_ problem: NamedInputProblem, suggestAudit: Bool) -> String {
    var text = "threshold: \(problem)"
    if problem.kind == .directory && suggestAudit {
        text += "; to check every profile under it, run: threshold audit \(problem.path.escapedForTerminal())"
    }
    return text
}
