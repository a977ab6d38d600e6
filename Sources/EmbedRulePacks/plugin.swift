import Foundation
import PackagePlugin

/// Compiles the rule packs in `Rules/*.yaml` into the target as Swift string literals.
@main
struct EmbedRulePacks: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rules = context.package.directoryURL.appending(path: "Rules")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: rules.path)) ?? []
        let inputs = names
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }
            .sorted()
            .map { rules.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinRulePacks+Files.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) rule packs from Rules/",
                executable: try context.tool(named: "threshold-embed").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
