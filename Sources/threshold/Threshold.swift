import ArgumentParser

/// `threshold`: which mandatory third-party risk assessments does an AI developer owe?
@main
struct Threshold: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "threshold",
        abstract: "Decide which obligations AI regulation's compute and money thresholds impose on a lab.",
        discussion: """
        Exit codes: 0 nothing failing; 1 obligations unmet (or what --fail-on names); \
        2 invalid profile or rule pack; 64 usage error; 66 a named file that does not exist.
        """,
        version: "0.1.0",
        subcommands: [Check.self, Audit.self, Impact.self, Rules.self, Init.self, SchemaCommand.self]
    )
}
