import ArgumentParser
import ThresholdKit

/// `threshold rules …`: inspect, lint and test rule packs.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List, show, lint and test rule packs.",
        subcommands: [List.self, Show.self, Lint.self, Test.self])

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
            let book = try loadBook(rules, LoadOptions.default)
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
        static let configuration = CommandConfiguration(abstract: "Check that rule packs are well-formed.")
        @Argument(help: "Rule pack files or directories.") var paths: [String]
        @OptionGroup var limits: LimitOptions

        func run() throws {
            var failed = false
            for path in paths {
                do {
                    let book = try RuleBook(contentsOf: path, options: limits.loadOptions)
                    for pack in book.packs {
                        Console.out("\((pack.path ?? path).escapedForTerminal()): ok: \(pack.id) (\(pack.thresholds.count) thresholds, \(pack.obligations.count) obligations, \(pack.tests.count) tests)\n")
                    }
                } catch let error as YAMLError {
                    Console.error(error.description)
                    failed = true
                }
            }
            if failed { throw ExitCode(2) }
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

func loadBook(_ rules: RuleOptions, _ options: LoadOptions) throws -> RuleBook {
    do {
        return try rules.ruleBook(options: options)
    } catch let error as YAMLError {
        Console.error(error.description)
        throw ExitCode(2)
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
