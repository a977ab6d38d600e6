import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ThresholdKit

/// `threshold check FILE... | -`
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate lab profiles against the rule packs.",
        discussion: """
        Reads each profile (or standard input for '-') and reports, per pack, which obligations apply, \
        why, and whether they are met. Exit codes: 0 nothing failing, 1 failing per --fail-on, 2 an \
        invalid profile or pack, 64 a usage error, 66 a file that does not exist.

        Examples:
          threshold check Examples/labs/helios.yaml
          threshold check lab.yaml --pack eu-ai-act-gpai --as-of 2027-01-01 --format json
          cat lab.yaml | threshold check -
        """)

    @Argument(help: ArgumentHelp("Lab profiles (YAML); '-' reads standard input.", valueName: "file"))
    var files: [String]

    @OptionGroup var rules: RuleOptions
    @OptionGroup var evaluation: EvaluationOptions
    @OptionGroup var limits: LimitOptions

    @Option(help: "Output format: text (a report per profile), json (a threshold.verdict/1 object per profile), jsonl, csv, sarif, junit, markdown or html (the formats of 'threshold audit').")
    var format: ReportFormat = .text

    @Flag(help: "Show every threshold, including those not met.")
    var explain = false

    @Option(help: "Colour text output: auto, always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one profile, or '-' for standard input.") }
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input ('-') can be read only once.") }
        for file in files where file != "-" {
            var info = stat()
            if stat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                throw ValidationError("\(file.escapedForTerminal()) is a folder; to evaluate every profile in it, run: threshold audit \(file.escapedForTerminal())")
            }
        }
    }

    func run() throws {
        var options = limits.loadOptions
        let book: RuleBook
        do {
            book = try rules.ruleBook(options: options)
            options.records = book.records
        } catch let error as YAMLError {
            Console.error(error.description)
            throw ExitCode(2)
        }
        var invalid = false, failing = false, missing = false
        let style = TextStyle(explain: explain, color: Console.useColor(color))
        // text, json and markdown print each profile's full report; the other formats are the
        // audit's reporters, fed the same verdicts.
        var reporter: (any Reporter)?
        var summary = AuditSummary(book: book, asOf: evaluation.asOf, failurePolicy: evaluation.failOn)
        if ![.text, .json, .markdown].contains(format) {
            let names = files.map { $0 == "-" ? "<stdin>" : $0 }
            var made = format.makeReporter(context: ReportContext(book: book, asOf: evaluation.asOf, failurePolicy: evaluation.failOn,
                                                                  profileColumnWidth: ReportContext.profileColumnWidth(for: names),
                                                                  toolVersion: Threshold.configuration.version))
            var out = ""
            made.begin(into: &out)
            Console.out(out)
            reporter = made
        }
        // Several files in JSON are one JSON document: an array of verdicts (one file: one object).
        var jsonObjects: [String] = []
        for (index, file) in files.enumerated() {
            if file != "-", access(file, F_OK) != 0 {
                // A file that is not there has no line or column to point at.
                Console.error("threshold: \(file.escapedForTerminal()): no such file")
                missing = true
                continue
            }
            let verdict: Verdict
            do {
                let profile: LabProfile
                if file == "-" {
                    let bytes = try Console.readStandardInput(limit: options.yaml.maxFileBytes)
                    profile = try LabProfile(bytes: bytes, path: "<stdin>", options: options)
                } else {
                    profile = try LabProfile(contentsOf: file, options: options)
                }
                verdict = book.evaluate(profile, asOf: evaluation.asOf)
            } catch let error as YAMLError {
                verdict = Verdict(profile: file == "-" ? "<stdin>" : file, organization: nil, asOf: evaluation.asOf, packs: [], errors: [error])
                if format != .text { Console.error(error.description) }
            }
            invalid = invalid || verdict.isInvalid
            failing = failing || evaluation.failOn.fails(verdict)
            summary.add(verdict)
            if var active = reporter {
                var out = ""
                active.add(verdict, into: &out)
                Console.out(out)
                reporter = active
                continue
            }
            switch format {
            case .text:
                if verdict.isInvalid {
                    Console.error(verdict.errors.map(\.description).joined(separator: "\n"))
                } else {
                    Console.out((index > 0 ? "\n" : "") + verdict.text(style: style))
                }
            case .json:
                if files.count == 1 { Console.out(verdict.prettyJSON() + "\n") } else { jsonObjects.append(verdict.prettyJSON()) }
            case .markdown:
                Console.out(verdict.markdown(explain: explain))
            default:
                break
            }
        }
        if !jsonObjects.isEmpty {
            let indented = jsonObjects.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") }
            Console.out("[\n" + indented.joined(separator: ",\n") + "\n]\n")
        }
        if var active = reporter {
            var out = ""
            active.end(summary, into: &out)
            Console.out(out)
        }
        if invalid { throw ExitCode(2) }
        if missing { throw ExitCode(66) }
        if failing { throw ExitCode(1) }
    }
}
