import Foundation
import PackagePlugin

/// Builds the shipped themes (Themes/*.toml) into the binary as Swift string literals.
@main
struct EmbedThemesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "Themes")
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "toml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinThemes.swift")
        return [.buildCommand(
            displayName: "Embedding \(files.count) themes",
            executable: try context.tool(named: "EmbedThemesTool").url,
            arguments: [output.path] + files.map(\.path),
            inputFiles: files,
            outputFiles: [output]
        )]
    }
}
