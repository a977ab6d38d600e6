import Foundation
import PackagePlugin

/// Compiles the rule packs in `Rules/*.yaml` and the JSON Schemas in `Rules/schemas/*.json` into
/// the target as Swift string literals.
@main
struct EmbedRulePacks: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rules = context.package.directoryURL.appending(path: "Rules")
        let schemas = rules.appending(path: "schemas")
        func files(in directory: URL, endingIn suffixes: [String]) -> [URL] {
            ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
                .filter { name in suffixes.contains { name.hasSuffix($0) } }
                .sorted()
                .map { directory.appending(path: $0) }
        }
        let packs = files(in: rules, endingIn: [".yaml", ".yml"])
        let schemaFiles = files(in: schemas, endingIn: [".json"])
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinRulePacks+Files.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(packs.count) rule packs and \(schemaFiles.count) schemas from Rules/",
                executable: try context.tool(named: "threshold-embed").url,
                arguments: [output.path, "--packs"] + packs.map(\.path) + ["--schemas"] + schemaFiles.map(\.path),
                inputFiles: packs + schemaFiles,
                outputFiles: [output]
            )
        ]
    }
}
