import Foundation
import PackagePlugin

/// Embeds the package's `rules/` folder into the target as Swift source at build time, so the
/// bundled rule base is always the one in `rules/`.
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rules = context.package.directoryURL.appending(path: "rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: rules.path)
            .filter { $0.hasSuffix(".cxm") }.sorted()
        let output = context.pluginWorkDirectoryURL.appending(path: "BundledRuleFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(names.count) rule files from rules/",
                executable: try context.tool(named: "embed-rules").url,
                arguments: [rules.path, output.path],
                inputFiles: names.map { rules.appending(path: $0) } + [rules],
                outputFiles: [output])
        ]
    }
}
