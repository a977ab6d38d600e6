import ArgumentParser
import ThresholdKit

/// `threshold schema profile|pack|verdict`: prints a JSON Schema compiled into the binary.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of lab profiles, rule packs or verdicts.",
        discussion: """
            The schemas (JSON Schema draft 2020-12) give editors completion and a description of every \
            key. Save one beside your files and name it on a YAML file's first line: \
            '# yaml-language-server: $schema=profile.schema.json'.
            The verdict schema describes what `check --format json` and each line of `audit --format \
            jsonl` print, for tools that read Threshold's output.

            Examples:
              threshold schema profile > profile.schema.json
              threshold schema verdict > verdict.schema.json

            \(ExitStatus.table("  0   the schema was printed", ExitStatus.usage))
            """)

    /// Which schema.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case profile, pack, verdict
    }

    @Argument(help: ArgumentHelp("Which schema: profile, pack or verdict.", valueName: "kind"))
    var kind: Kind

    func run() throws {
        switch kind {
        case .profile: Console.out(Schema.profile)
        case .pack: Console.out(Schema.pack)
        case .verdict: Console.out(Schema.verdict)
        }
    }
}
