import ArgumentParser
import ThresholdKit

/// `threshold schema profile|pack`: prints a JSON Schema compiled into the binary.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of lab profiles or rule packs.",
        discussion: """
        The schemas (JSON Schema draft 2020-12) give editors completion and a description of every \
        key. Save one beside your files and name it on a YAML file's first line:
          threshold schema profile > profile.schema.json
          # yaml-language-server: $schema=profile.schema.json
        """)

    /// Which schema.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case profile, pack
    }

    @Argument(help: ArgumentHelp("Which schema: profile or pack.", valueName: "kind"))
    var kind: Kind

    func run() throws {
        Console.out(kind == .profile ? Schema.profile : Schema.pack)
    }
}
