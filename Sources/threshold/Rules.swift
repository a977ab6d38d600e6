import ArgumentParser
import ThresholdKit

/// `threshold rules …`: inspect, lint and test rule packs.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, show, lint and test rule packs.",
        discussion: """
            Examples:
              threshold rules list --obligations
              threshold rules show frontier-ai-proposal-2026
              threshold rules lint my-packs/
              threshold rules test my-packs/statute.yaml
            """,
        subcommands: [List.self, Show.self, Doc.self, Lint.self, Test.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the rule packs (built-in, and any --rules), and with --obligations the ids records name.",
            discussion: """
                A line per pack: its id, status, jurisdiction, dates and title. With --obligations, each \
                pack's obligations follow: the id an assessment record names (`obligation: ID` in a \
                profile), whether it is owed per model or by the organisation, and its title.

                Examples:
                  threshold rules list
                  threshold rules list --obligations
                  threshold rules list --rules my-packs/ --no-builtin

                \(ExitStatus.table("  0   the packs were listed", ExitStatus.invalidPack, ExitStatus.usage,
                             "  66  a --rules path does not exist or cannot be read (EX_NOINPUT)"))
                """)
        @OptionGroup var rules: RuleSourceOptions

        @Flag(
            name: .customLong("obligations"),
            help: "Under each pack, list its obligations: the ids assessment records name.")
        var obligations = false

        func run() throws {
            let book = try rules.ruleBook(options: .commandLine())
            let width = book.packs.map(\.id.count).max() ?? 0
            for pack in book.packs {
                var dates = pack.effective.map { "from \($0)" } ?? ""
                if let expires = pack.expires { dates += (dates.isEmpty ? "" : " ") + "until \(expires)" }
                Console.out(
                    "\(pack.id.padded(width))  \(pack.status.rawValue.padded(8))  "
                        + "\((pack.jurisdiction ?? "—").escapedForTerminal(limit: 40).padded(6))  "
                        + "\(dates.padded(32))  \(pack.title.escapedForTerminal())\n"
                )
                guard obligations else { continue }
                let idWidth = pack.obligations.map(\.id.count).max() ?? 0
                for obligation in pack.obligations {
                    let per = obligation.per == .model ? "per model" : "organization"
                    Console.out(
                        "    \(obligation.id.padded(idWidth))  \(per.padded(12))  "
                            + "\(obligation.title.escapedForTerminal())\n"
                    )
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a pack's thresholds and obligations.",
            discussion: """
                Examples:
                  threshold rules show frontier-ai-proposal-2026
                  threshold rules show my-statute --rules my-packs/statute.yaml

                \(ExitStatus.table("  0   the pack was shown", ExitStatus.invalidPack,
                             "  64  usage error, including an id no pack has (EX_USAGE)",
                             "  66  a --rules path does not exist or cannot be read (EX_NOINPUT)"))
                """)
        @Argument(help: ArgumentHelp("The pack's id (see 'threshold rules list').", valueName: "id")) var id: String
        @OptionGroup var rules: RuleSourceOptions

        func run() throws {
            let book = try rules.ruleBook(options: .commandLine(), tests: true)
            let pack: RulePack
            do { pack = try book.requirePack(id) } catch { throw ValidationError(error.description) }
            // A pack's text (titles, notes, citations) is shown with control characters escaped.
            Console.out(
                pack.explanation().split(separator: "\n", omittingEmptySubsequences: false)
                    .map { String($0).escapedForTerminal() }.joined(separator: "\n"))
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Check rule packs: every error of every file in one run, read together with the built-in packs.",
            usage: "threshold rules lint <path> ... [<options>]",
            discussion: """
                Each file reports every problem it has (up to 20), not only the first. The packs are then \
                checked together and against the built-in packs: two packs with one id, a pack with a \
                built-in's id that does not say 'replaces:'. Warnings: a pack with no obligations or no \
                test cases, a threshold that no obligation reads.

                Examples:
                  threshold rules lint my-packs/statute.yaml
                  threshold rules lint Rules/ Examples/rules/

                \(ExitStatus.table("  0   every pack is well-formed", "  2   a pack is not (each problem is reported)",
                             ExitStatus.usage, ExitStatus.noInput))
                """)
        @Argument(help: ArgumentHelp("Rule pack files or directories.", valueName: "path")) var paths: [String]
        @Flag(name: .customLong("no-builtin"), help: "Lint the files on their own, not against the built-in packs.")
        var noBuiltin = false
        @OptionGroup var limits: YAMLLimitOptions

        func run() throws {
            var outcome = Outcome()
            let readable = readablePaths(paths, directoryAllowed: true, &outcome)
            let builtIn = noBuiltin ? nil : try RuleBook.builtIn(tests: false)
            let report = RuleBook.lint(paths: readable, options: limits.loadOptions, builtIn: builtIn)
            let failed = Set(report.errors.compactMap(\.error.file))
            for pack in report.packs where !failed.contains(pack.path ?? "") {
                Console.out(
                    "\((pack.path ?? pack.id).escapedForTerminal()): ok: \(pack.id) (\(pack.thresholds.count) "
                        + "thresholds, \(pack.obligations.count) obligations, \(pack.tests.count) tests)\n"
                )
            }
            for finding in report.findings { Console.error(finding.description) }
            if !report.findings.isEmpty {
                Console.error(
                    "\(report.errors.count) \(report.errors.count == 1 ? "error" : "errors"), "
                        + "\(report.warnings.count) \(report.warnings.count == 1 ? "warning" : "warnings")"
                )
            }
            outcome.note(.invalidInput, if: !report.errors.isEmpty)
            try outcome.exit()
        }
    }

    struct Doc: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "doc",
            abstract:
                "Render a pack as Markdown a lawyer can review: lines, duties, dates, deadlines, readings, sources.",
            discussion: """
                Examples:
                  threshold rules doc us-il-ai-safety > us-il-ai-safety.md
                  threshold rules doc my-statute --rules my-packs/statute.yaml
                """)
        @Argument(help: ArgumentHelp("The pack's id (see 'threshold rules list').", valueName: "id")) var id: String
        @OptionGroup var rules: RuleSourceOptions

        func run() throws {
            let book = try rules.ruleBook(options: .commandLine(), tests: true)
            let pack: RulePack
            do { pack = try book.requirePack(id) } catch { throw ValidationError(error.description) }
            Console.out(pack.markdownDocument())
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run rule packs' own test cases (the built-in packs when none are named).",
            usage: "threshold rules test [<path> ...] [<options>]",
            discussion: """
                Examples:
                  threshold rules test
                  threshold rules test my-packs/statute.yaml

                \(ExitStatus.table("  0   every test case passed", "  1   a test case failed", ExitStatus.invalidPack,
                             ExitStatus.usage, ExitStatus.noInput))
                """)
        @Argument(help: ArgumentHelp("Rule pack files or directories.", valueName: "path")) var paths: [String] = []
        @OptionGroup var limits: YAMLLimitOptions

        func run() throws {
            try requireInputs(paths, directoryAllowed: true)
            // An unreadable pack is a diagnostic and exit 2 (see `Threshold.main()`).
            let book =
                paths.isEmpty
                ? try RuleBook.builtIn()
                : try RuleBook(packs: paths.flatMap { try RuleBook(contentsOf: $0, options: limits.loadOptions).packs })
            var passed = 0, failed = 0
            for pack in book.packs {
                if pack.tests.isEmpty {
                    // Not a failure, but a pack that tests nothing should not pass unnoticed.
                    let location =
                        (pack.path ?? pack.id).escapedForTerminal()
                        + (pack.mark.map { ":\($0.line):\($0.column)" } ?? "")
                    Console.error(
                        "\(location): warning: the pack \(pack.id) has no test cases (add some under 'tests:')")
                }
                for outcome in pack.runTests() {
                    if outcome.failures.isEmpty {
                        passed += 1
                        Console.out("PASS  \(pack.id): \(outcome.test.name.escapedForTerminal())\n")
                    } else {
                        failed += 1
                        let location =
                            outcome.test.mark.map {
                                "\((pack.path ?? pack.id).escapedForTerminal()):\($0.line):\($0.column)"
                            } ?? pack.id
                        Console.out("FAIL  \(pack.id): \(outcome.test.name.escapedForTerminal())\n      \(location)\n")
                        for failure in outcome.failures {
                            Console.out("      \(String(describing: failure).escapedForTerminal())\n")
                        }
                    }
                }
            }
            Console.out("\n\(passed) passed, \(failed) failed\n")
            if failed > 0 { throw ExitCode.failing }
        }
    }
}
