import ArgumentParser
import ThresholdKit

/// `threshold`: which mandatory third-party risk assessments does an AI developer owe?
@main
struct Threshold: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "threshold",
        abstract: "Decide which obligations AI regulation's compute and money thresholds impose on a lab.",
        discussion: """
            Examples:
              threshold check Examples/labs/helios.yaml
              threshold audit labs --output report.html
              threshold deadlines labs --within 90d --output deadlines.ics
              threshold impact labs --set eu-ai-act-gpai/systemic-risk-compute=1e26

            \(ExitStatus.all)
            """,
        version: "0.1.0",
        subcommands: [Check.self, Audit.self, Deadlines.self, Impact.self, Rules.self, Init.self, SchemaCommand.self]
    )

    /// Parses the arguments and runs the command, as `ParsableCommand.main()` does, but: help is
    /// wrapped to the terminal's width (100 columns when it is not a terminal); a usage error found
    /// while running (an unknown pack id) prints the usage of the command that found it, not the top
    /// level's; and an unknown option that is a format's name (`--json`) suggests `--format json`.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            finish(error, arguments: arguments)
        }
        do {
            try command.run()
        } catch let error as ValidationError {
            usageFailure(error.message, command: type(of: command))
        } catch let error as YAMLError {
            // A diagnostic no command caught: an invalid profile or pack, never a silent 1.
            Console.error(error.description)
            Self.exit(withError: ExitCode.invalidInput)
        } catch let error as ReportFile.Failure {
            Console.message("threshold: \(error)")
            Self.exit(withError: ExitCode.cannotCreate)
        } catch {
            finish(error, arguments: arguments)
        }
        Self.exit()
    }

    /// Prints what argument parser makes of `error` (help, a usage error, an exit code), wrapped to
    /// the width of the stream it goes to, and exits with its code.
    static func finish(_ error: Error, arguments: [String]) -> Never {
        let code = exitCode(for: error)
        if code == .success {
            // Help, the version, a completion script: to standard output.
            let text = fullMessage(for: error, columns: Console.width(fd: 1))
            Console.out(text.hasSuffix("\n") || text.isEmpty ? text : text + "\n")
            Self.exit(withError: ExitCode.success)
        }
        let text = fullMessage(for: error, columns: Console.width(fd: 2))
        if !text.isEmpty {
            Console.error(wrapMessage(suggestingFormat(in: text, arguments: arguments)))
        }
        Self.exit(withError: ExitCode(code.rawValue))
    }

    /// A usage error found while running: the message, then `command`'s usage, exit 64.
    static func usageFailure(_ message: String, command: any ParsableCommand.Type) -> Never {
        let usage = usageString(for: command).split(separator: "\n").joined(separator: "\n       ")
        let name = commandPath(of: command).joined(separator: " ")
        Console.error(wrapMessage("Error: \(message)\nUsage: \(usage)\n  See '\(name) --help' for more information."))
        Self.exit(withError: ExitCode.validationFailure)
    }

    /// The names from the root to `command`: `["threshold", "rules", "show"]`.
    static func commandPath(of command: any ParsableCommand.Type) -> [String] {
        func search(_ current: any ParsableCommand.Type, _ path: [String]) -> [String]? {
            let path = path + [current._commandName]
            if ObjectIdentifier(current) == ObjectIdentifier(command) { return path }
            for sub in current.configuration.subcommands {
                if let found = search(sub, path) { return found }
            }
            return nil
        }
        return search(Threshold.self, []) ?? ["threshold", command._commandName]
    }

    /// The command the arguments name (the deepest subcommand before the first other argument).
    static func command(named arguments: [String]) -> any ParsableCommand.Type {
        var current: any ParsableCommand.Type = Threshold.self
        for argument in arguments where !argument.hasPrefix("-") {
            guard let next = current.configuration.subcommands.first(where: { $0._commandName == argument }) else {
                break
            }
            current = next
        }
        return current
    }

    /// Argument parser suggests the nearest option by spelling, so `--json` gets `--as-of`. For an
    /// unknown option that is the name of one of the command's formats, the suggestion is
    /// `--format NAME`; for another, a suggestion is kept only when it is close (a typo).
    static func suggestingFormat(in text: String, arguments: [String]) -> String {
        guard let first = text.split(separator: "\n", omittingEmptySubsequences: false).first,
            first.hasPrefix("Error: Unknown option '--")
        else { return text }
        let option = first.dropFirst("Error: Unknown option '--".count).prefix { $0 != "'" }
        let formats = (command(named: arguments) as? any FormatOptionCommand.Type)?.formatNames ?? []
        var replacement: String
        if formats.contains(option.lowercased()) {
            replacement = "Error: Unknown option '--\(option)'. Did you mean '--format \(option.lowercased())'?"
        } else if let parts = Optional(
            first.split(separator: ". Did you mean '--", maxSplits: 1, omittingEmptySubsequences: false)),
            parts.count == 2, case let near = parts[1].prefix(while: { $0 != "'" }),
            Suggestion.nearest(to: String(option), among: [String(near)]) == nil
        {
            // Too far to be a typo of it: leave the guess out rather than mislead.
            replacement = String(parts[0])
            if !formats.isEmpty {
                replacement += ". The output formats are chosen with --format (\(formats.joined(separator: ", ")))."
            }
        } else {
            return text
        }
        return replacement + text.dropFirst(first.count)
    }

    /// The `Error:` and `Help:` lines of a usage message wrapped to standard error's width, their
    /// continuation lines indented under the text.
    static func wrapMessage(_ text: String) -> String {
        let width = Console.width(fd: 2)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("Error: ") || line.hasPrefix("Help:  ")
                ? TextWrapping.wrap(String(line), width: width, indent: 7) : String(line)
        }.joined(separator: "\n")
    }
}

/// A command with a `--format` option: the names it takes, for the `--json` suggestion.
protocol FormatOptionCommand: ParsableCommand {
    static var formatNames: [String] { get }
}

/// The exit codes, as each command's help lists them (lines short enough for an 80-column
/// terminal, which argument parser wraps without indenting).
enum ExitStatus {
    /// "Exit codes:" and the lines given.
    static func table(_ lines: String...) -> String { (["Exit codes:"] + lines).joined(separator: "\n") }

    static let failing =
        "  1   a profile fails under --fail-on (default: an obligation that\n      applies is unmet or expired)"
    static let invalid = "  2   an invalid profile or rule pack"
    static let invalidPack = "  2   an invalid rule pack"
    static let usage = "  64  usage error: an unknown option, pack id, value or format (EX_USAGE)"
    static let noInput = "  66  a file or folder named does not exist or cannot be read (EX_NOINPUT)"
    static let cannotCreate = "  73  a report file cannot be written (EX_CANTCREAT)"
    static let precedence = "When several apply: the first of 64, 66, 73, 2, 1."

    /// The whole table, for the top-level help.
    static let all = table(
        "  0   success: nothing failing",
        failing, invalid, usage,
        "  66  a file or folder named does not exist or cannot be read, or an\n      audit found no profile "
            + "(EX_NOINPUT)",
        "  73  an output file cannot be created: init's file exists, or a report\n      cannot be written "
            + "(EX_CANTCREAT)",
        "  130 interrupted (Ctrl-C)",
        precedence)
}

extension ExitCode {
    /// 1: something fails under `--fail-on`.
    static let failing = ExitCode(1)
    /// 2: an invalid profile or rule pack.
    static let invalidInput = ExitCode(2)
    /// 66 (EX_NOINPUT): an input named on the command line does not exist or cannot be read.
    static let noInput = ExitCode(66)
    /// 73 (EX_CANTCREAT): an output file cannot be created.
    static let cannotCreate = ExitCode(73)
}

/// What a run found, for its exit code: the most serious wins (66, 73, 2, then 1; else 0).
struct Outcome {
    private var codes: Set<Int32> = []

    /// Records a finding.
    mutating func note(_ code: ExitCode) { codes.insert(code.rawValue) }

    /// Records a finding when `condition` holds.
    mutating func note(_ code: ExitCode, if condition: Bool) { if condition { note(code) } }

    /// Ends the run with the most serious finding's code; returns when there is none.
    func exit() throws {
        for code in [ExitCode.noInput, .cannotCreate, .invalidInput, .failing] where codes.contains(code.rawValue) {
            throw code
        }
    }
}
