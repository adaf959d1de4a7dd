import ArgumentParser
import Foundation
import HeedCore

/// `heed assign REF… --to NAME` / `--nobody`: assign from the shell, as `=` does.
struct Assign: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Assign items to a teammate (or to nobody), by ref; u or heed undo takes it back.")

    @OptionGroup var paths: PathOptions

    @Argument(help: ArgumentHelp("Items to assign, as platform:id (see heed list).", valueName: "ref"))
    var refs: [String] = []

    @Option(help: ArgumentHelp("Whom to assign them to, as [team] me names them.", valueName: "name"))
    var to: String?

    @Flag(help: "Assign them to nobody.")
    var nobody = false

    func validate() throws {
        guard !refs.isEmpty else { throw ValidationError("name at least one item, as platform:id") }
        if (to == nil) == !nobody { throw ValidationError("give either --to NAME or --nobody") }
        if let to, to.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--to needs a name") }
        for ref in refs where Ref(parsing: ref) == nil {
            throw ValidationError("'\(ref)' is not a ref: write platform:id, for example mastodon:109876")
        }
    }

    func run() throws {
        let console = Console()
        let store = try openStore(paths).store
        let person = to?.trimmingCharacters(in: .whitespaces)
        let result = try store.assign(.refs(refs.compactMap(Ref.init(parsing:))), to: person, at: Date())
        try console.out("assigned \(result.changedCount.grouped) to \(person ?? "nobody")")
        for ref in result.alreadyAnswered {
            console.err("\(ref.shown) was already answered; left as it was")
        }
        for ref in result.unknown {
            console.err("\(ref.shown) is not in the store")
        }
        if !result.unknown.isEmpty { throw HeedExit(message: "", code: 1) }
    }
}
