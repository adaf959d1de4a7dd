/// The command line as heed reads it: options that name files (`--store`, `--outbox`,
/// `--config`) and any other option work before or after the subcommand, so
/// `heed --store X list` is `heed list --store X`; a first word that names no subcommand is
/// a usage error that lists them.
enum CommandLineWords {
    /// Options whose value is the next word (so a value named like a subcommand stays a value).
    static let valued: Set<String> = ["--store", "--outbox", "--config", "--theme", "--generate-completion-script"]

    /// The words with the first subcommand name moved in front of the options before it; the
    /// words as they are when only options come before `--` or the end.
    static func hoisted(_ words: [String], subcommands: Set<String>) throws -> [String] {
        var index = 0
        while index < words.count {
            let word = words[index]
            if subcommands.contains(word) {
                guard index > 0 else { return words }
                return [word] + words[..<index] + words[(index + 1)...]
            }
            if word == "--" { return words }
            guard word.hasPrefix("-") else {
                throw HeedExit.usage("'\(word)' is not a command; the commands are \(subcommands.sorted().joined(separator: ", ")) (heed --help says what each does)")
            }
            index += valued.contains(word) ? 2 : 1
        }
        return words
    }
}
