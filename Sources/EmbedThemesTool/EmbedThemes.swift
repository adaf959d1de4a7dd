import Foundation

/// Writes `BuiltinThemes.files`: each theme file's name and text, as raw string literals.
/// (`@main` rather than top-level code, so it also builds where executables are compiled as
/// libraries, as the fuzzers' sanitizer build does.)
@main
struct EmbedThemes {
    static func main() throws {
        let arguments = CommandLine.arguments.dropFirst()
        guard let output = arguments.first else { fatalError("usage: EmbedThemesTool OUTPUT FILE…") }
        var swift = "// Generated from Themes/ at build time.\n/// The shipped themes: file name (without .toml) and TOML text.\nenum BuiltinThemes {\n    static let files: [(name: String, text: String)] = [\n"
        for path in arguments.dropFirst() {
            let url = URL(fileURLWithPath: path)
            let text = try String(contentsOf: url, encoding: .utf8)
            var fence = "#"
            while text.contains("\"\"\"" + fence) || text.contains("\"" + fence) { fence += "#" }
            swift += "        (\"\(url.deletingPathExtension().lastPathComponent)\", \(fence)\"\"\"\n\(text)\n\"\"\"\(fence)),\n"
        }
        swift += "    ]\n}\n"
        try swift.write(toFile: output, atomically: true, encoding: .utf8)
    }
}
