import Foundation
import HeedCore
import HeedStore

/// Twenty rules of the kind a team writes (authors, platforms and kinds, words, a phrase, CJK,
/// an age), and the store of `Fixture.items` items imported through them: tags, points,
/// acknowledgements and snoozes as rules leave them, for the tag, target and priority
/// benchmarks; and the targets those benchmarks measure against.
public enum Ruled {
    /// The rules, as `[[rules]]` entries would give them.
    public static func twenty() throws -> RuleSet {
        let written: [(String, [String])] = [
            ("from:user1", ["priority:5"]), ("from:user2", ["tag:vip"]), ("platform:x kind:dm", ["tag:press", "priority:3"]),
            ("kind:reply", ["tag:followup"]), ("meetup", ["priority:-2"]), ("\"take a look\"", ["tag:look"]),
            ("platform:github", ["tag:code"]), ("from:user4999", ["ack"]), ("ありがとう", ["tag:thanks"]), ("404", ["tag:broken"]),
            ("platform:reddit kind:comment", ["tag:reddit"]), ("from:user77", ["snooze:4h"]), ("export", ["tag:export"]),
            ("platform:linkedin", ["priority:1"]), ("platform:instagram kind:mention", ["tag:insta"]), ("walkthrough", ["tag:docs"]),
            ("from:user3000", ["tag:vip"]), ("platform:facebook kind:dm", ["priority:2"]), ("-platform:mastodon kind:quote", ["tag:quote"]),
            ("age>150d", ["tag:old"]),
        ]
        return RuleSet(rules: try written.enumerated().map { index, rule in
            Rule(number: index + 1, whenText: rule.0, when: try QueryParser.parse(rule.0), then: try rule.1.map { try RuleAction($0) })
        })
    }

    /// A day for everything, four hours for Mastodon, an hour for DMs.
    public static let targets = ResponseTargets(keys: [
        .init(name: "default", query: Query(), seconds: 86_400),
        .init(name: "mastodon", query: { var query = Query(); query.platforms = [.mastodon]; return query }(), seconds: 14_400),
        .init(name: "kind:dm", query: { var query = Query(); query.kinds = [.dm]; return query }(), seconds: 3_600),
    ])

    /// The same targets counted in business hours (Monday to Friday, 09:00 to 17:00 in Berlin).
    public static let businessTargets = ResponseTargets(keys: targets.keys, hours: BusinessHours(days: [2, 3, 4, 5, 6], from: 540, to: 1_020, zone: TimeZone(identifier: "Europe/Berlin")!))

    /// The store of `count` items imported through the twenty rules (made once, kept), its
    /// search index caught up.
    public static func store(_ count: Int) throws -> Store {
        let folder = Fixture.folder + "/ruled-\(count)"
        if !FileManager.default.fileExists(atPath: folder + "/heed.sqlite") {
            let backlog = try Fixture.backlog(count)
            let building = folder + ".building"
            try? FileManager.default.removeItem(atPath: building)
            try FileManager.default.createDirectory(atPath: building, withIntermediateDirectories: true)
            Fixture.note("importing \(count) items through twenty rules into \(folder) (once)")
            do {
                let store = try Store(path: building + "/heed.sqlite")
                Fixture.note(try Importer.importFile(backlog, into: store, now: Date(), rules: try twenty()).summary)
                try store.catchUpSearch()
            }
            try FileManager.default.moveItem(atPath: building, toPath: folder)
        }
        return try Store(path: folder + "/heed.sqlite")
    }
}
