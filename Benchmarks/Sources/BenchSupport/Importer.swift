import Foundation
import HeedCore
import HeedImport
import HeedIntake
import HeedStore

/// Imports a file the way `heed import FILE` does: the format detected, every event taken by
/// the same `Intake` into the store's import sink inside one transaction, with no handles of
/// the user's own (an empty config), and `rules` when given (config.toml's `[[rules]]`).
public enum Importer {
    public static func importFile(_ path: String, into store: any MentionStore, now: Date, rules: RuleSet = RuleSet()) throws -> ImportCounts {
        var intake = Intake(named: { FileHandle.standardError.write(Data("heed-bench: rejected \($0)\n".utf8)) }, rules: rules, now: now)
        return try store.importing(now: now) { sink in
            try intake.read(.path(path), name: path, into: sink, progress: { _ in })
        }
    }
}
