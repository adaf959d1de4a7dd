import Foundation
import HeedConfig
import HeedCore
import HeedImport
import HeedIntake
import HeedStorage
import HeedStore
import TestSupport
import XCTest

/// Rules as items arrive through `Intake` (what `heed import`, the spool and fetched pages
/// share): from a config's `[[rules]]` to a real store, journaled and undone; and the
/// in-memory matching that decides them agrees with the store's search on every sample.
final class RulesAtImportTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_763_800_000)

    func lines(_ items: [(String, String, String)]) -> [UInt8] {
        Array(items.map { id, handle, text in
            #"{"platform":"mastodon","id":"\#(id)","author":{"handle":"\#(handle)"},"text":"\#(text)","created_at":"2025-11-22T07:00:00Z"}"#
        }.joined(separator: "\n").utf8)
    }

    func testAConfigsRulesActOnAnImportAndAreUndoneOneByOne() throws {
        let (config, problems) = Config.parse("""
            [[rules]]
            when = "from:spammer"
            then = ["ack"]
            [[rules]]
            when = "\\"press inquiry\\""
            then = ["tag:press", "priority:5"]
            [[rules]]
            when = "tag:press from:editor"
            then = ["tag:vip"]
            """, file: "c.toml")
        XCTAssertEqual(problems, [])
        let store = try Store()
        let file = lines([("1", "spammer", "buy now"), ("2", "editor", "A press inquiry for you"), ("3", "reader", "press inquiry?"), ("4", "friend", "hello")])
        func importFile() throws -> ImportCounts {
            var intake = Intake(rules: RuleSet(rules: config.rules, targets: config.targets), now: now)
            return try store.importing(now: now) { sink in try intake.read(.bytes(file), name: "f.jsonl", into: sink) }
        }
        XCTAssertEqual(try importFile().imported, 4)
        XCTAssertEqual(try store.page(.first(10)).map(\.mention.id), ["2", "3", "4"])
        XCTAssertEqual(try store.item(Ref(platform: .mastodon, id: "2"))?.mention.tags, ["press", "vip"])
        XCTAssertEqual(try store.item(Ref(platform: .mastodon, id: "3"))?.mention.priority, 5)
        XCTAssertEqual(try importFile().unchanged, 4, "the same file again: nothing new, no rule acts")
        XCTAssertEqual(try store.undoLast()?.detail, "rule 3 (tag:press from:editor → tag:vip)")
        XCTAssertEqual(try store.undoLast()?.count, 2)
        XCTAssertEqual(try store.undoLast()?.refs, [Ref(platform: .mastodon, id: "1")])
        XCTAssertNil(try store.undoLast())
        XCTAssertEqual(try store.page(.first(10)).map(\.mention.tags), [[], [], [], []])
    }

    /// Queries that the samples' items make interesting: words, phrases, authors, exclusions,
    /// facets and CJK.
    static let queries = [
        "the", "thank", "you", "\"thank you\"", "from:a", "from:alice", "http", "-the", "kind:reply", "platform:x,bluesky kind:mention",
        "is:all", "is:all great", "is:all -kind:comment love", "ありがとう", "東京", "😍", "café", "e-mail", "from:user", "is:all from:bsky",
        "\"in the\"", "com", "is:all 2024", "is:all re", "is:all a b c",
    ]

    func testTheInMemoryMatchAgreesWithTheStoreOnEverySample() throws {
        let samples = try SharedFiles.samples()
        let store = try Store()
        for file in try FileManager.default.subpathsOfDirectory(atPath: samples.path).sorted() where file.hasSuffix(".json") || file.hasSuffix(".js") {
            _ = try Import.file(samples.appendingPathComponent(file).path, into: store)
        }
        let everything = try store.list(all: true, limit: nil)
        XCTAssertGreaterThan(everything.count, 100)
        var answered = 0
        for line in Self.queries {
            let query = try QueryParser.parse(line)
            var found: [Ref] = []
            var request = PageRequest.first(500)
            while true {
                let page = try store.page(query, request, now: now)
                found += page.map(\.mention.ref)
                guard page.count == 500, let last = page.last else { break }
                request = .after(last.key, 500)
            }
            let matched = everything.filter { query.matches($0.mention, now: now) }.map(\.mention.ref)
            XCTAssertEqual(Set(found), Set(matched), "\(line): the store found \(found.count), in memory \(matched.count)")
            if !found.isEmpty { answered += 1 }
        }
        XCTAssertGreaterThan(answered, 15, "most queries find something in the samples")
    }
}
