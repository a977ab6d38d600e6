import ArgumentParser
import ThresholdKit

/// `threshold rules …`: inspect, lint and test rule packs.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, show, lint and test rule packs.",
        subcommands: [List.self, Show.self, Doc.self, Lint.self, Test.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the rule packs (built-in, and any --rules).")
        @OptionGroup var rules: RuleOptions

        func run() throws {
            let book = try loadBook(rules, LoadOptions.default)
            let width = book.packs.map(\.id.count).max() ?? 0
            for pack in book.packs {
                var dates = pack.effective.map { "from \($0)" } ?? ""
                if let expires = pack.expires { dates += (dates.isEmpty ? "" : " ") + "until \(expires)" }
                Console.out("\(pack.id.padding(width))  \(pack.status.rawValue.padding(8))  \((pack.jurisdiction ?? "—").escapedForTerminal(limit: 40).padding(6))  \(dates.padding(32))  \(pack.title.escapedForTerminal())\n")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a pack's thresholds and obligations.")
        @Argument(help: "The pack's id.") var id: String
        @OptionGroup var rules: RuleOptions

        func run() throws {
            let book = try loadBook(rules, LoadOptions.default, tests: true)
            guard let pack = book.pack(id) else {
                Console.error("error: no rule pack '\(id)'; the packs are: \(book.packs.map(\.id).joined(separator: ", "))")
                throw ExitCode(2)
            }
            // A pack's text (titles, notes, citations) is shown with control characters escaped.
            Console.out(pack.explanation().split(separator: "\n", omittingEmptySubsequences: false)
                .map { String($0).escapedForTerminal() }.joined(separator: "\n"))
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check rule packs: every error of every file in one run, read together with the built-in packs.",
            discussion: """
            Each file reports every problem it has (up to 20), not only the first. The packs are then \
            checked together and against the built-in packs: two packs with one id, a pack with a \
            built-in's id that does not say 'replaces:'. Warnings: a pack with no obligations or no \
            test cases, a threshold that no obligation reads. Exit 2 when there is an error.

            Examples:
              threshold rules lint my-pack.yaml
              threshold rules lint Rules/ Examples/rules/
            """)
        @Argument(help: "Rule pack files or directories.") var paths: [String]
        @Flag(name: .customLong("no-builtin"), help: "Lint the files on their own, not against the built-in packs.")
        var noBuiltin = false
        @OptionGroup var limits: LimitOptions

        func run() throws {
            let builtIn = noBuiltin ? nil : try RuleBook.builtIn(tests: false)
            let report = RuleBook.lint(paths: paths, options: limits.loadOptions, builtIn: builtIn)
            let failed = Set(report.errors.compactMap(\.error.file))
            for pack in report.packs where !failed.contains(pack.path ?? "") {
                Console.out("\((pack.path ?? pack.id).escapedForTerminal()): ok: \(pack.id) (\(pack.thresholds.count) thresholds, \(pack.obligations.count) obligations, \(pack.tests.count) tests)\n")
            }
            for finding in report.findings { Console.error(finding.description) }
            if !report.findings.isEmpty {
                Console.error("\(report.errors.count) \(report.errors.count == 1 ? "error" : "errors"), \(report.warnings.count) \(report.warnings.count == 1 ? "warning" : "warnings")")
            }
            if !report.errors.isEmpty { throw ExitCode(2) }
        }
    }

    struct Doc: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a pack as Markdown a lawyer can review: lines, duties, dates, deadlines, readings, sources.",
            discussion: """
            Examples:
              threshold rules doc us-il-ai-safety > us-il-ai-safety.md
              threshold rules doc my-pack --rules my-pack.yaml
            """)
        @Argument(help: "The pack's id.") var id: String
        @OptionGroup var rules: RuleOptions

        func run() throws {
            let book = try loadBook(rules, LoadOptions.default, tests: true)
            guard let pack = book.pack(id) else {
                var message = "no rule pack '\(id.escapedForTerminal())'"
                if let near = Suggestion.nearest(to: id, among: book.packs.map(\.id)) { message += "; did you mean '\(near)'?" }
                throw ValidationError(message + " The packs are: \(book.packs.map(\.id).joined(separator: ", ")).")
            }
            Console.out(pack.markdownDocument())
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run rule packs' own test cases (the built-in packs when none are named).")
        @Argument(help: "Rule pack files or directories.") var paths: [String] = []
        @OptionGroup var limits: LimitOptions

        func run() throws {
            let book: RuleBook
            do {
                book = paths.isEmpty ? try RuleBook.builtIn()
                    : try RuleBook(packs: paths.flatMap { try RuleBook(contentsOf: $0, options: limits.loadOptions).packs })
            } catch let error as YAMLError {
                Console.error(error.description)
                throw ExitCode(2)
            }
            var passed = 0, failed = 0
            for pack in book.packs {
                if pack.tests.isEmpty {
                    // Not a failure, but a pack that tests nothing should not pass unnoticed.
                    let location = (pack.path ?? pack.id).escapedForTerminal() + (pack.mark.map { ":\($0.line):\($0.column)" } ?? "")
                    Console.error("\(location): warning: the pack \(pack.id) has no test cases (add some under 'tests:')")
                }
                for outcome in pack.runTests() {
                    if outcome.failures.isEmpty {
                        passed += 1
                        Console.out("PASS  \(pack.id): \(outcome.test.name.escapedForTerminal())\n")
                    } else {
                        failed += 1
                        let location = outcome.test.mark.map { "\((pack.path ?? pack.id).escapedForTerminal()):\($0.line):\($0.column)" } ?? pack.id
                        Console.out("FAIL  \(pack.id): \(outcome.test.name.escapedForTerminal())\n      \(location)\n")
                        for failure in outcome.failures { Console.out("      \(String(describing: failure).escapedForTerminal())\n") }
                    }
                }
            }
            Console.out("\n\(passed) passed, \(failed) failed\n")
            if failed > 0 { throw ExitCode(1) }
        }
    }
}

func loadBook(_ rules: RuleOptions, _ options: LoadOptions, tests: Bool = false) throws -> RuleBook {
    do {
        return try rules.ruleBook(options: options, tests: tests)
    } catch let error as YAMLError {
        Console.error(error.description)
        throw ExitCode(2)
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
