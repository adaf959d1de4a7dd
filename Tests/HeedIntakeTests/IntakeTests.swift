import Foundation
import HeedConfig
import HeedCore
import HeedImport
@testable import HeedIntake
import HeedStorage
import TestSupport
import XCTest

/// The one consumer of import events, against a sink that writes down every call: what is
/// stored, skipped, rejected and answered, and what is said after the summary.
final class IntakeTests: XCTestCase {
    /// Every call a sink was given, in order, as words.
    final class Recorder: MentionSink {
        var calls: [String] = []
        var counts = ImportCounts()
        func put(_ mention: Mention) throws { calls.append("put \(mention.ref)") }
        func skip() { calls.append("skip") }
        func reject() { calls.append("reject") }
        func answered(_ ref: Ref, at date: Date) throws { calls.append("answered \(ref) at \(Int(date.timeIntervalSince1970))") }
    }

    let at = Date(timeIntervalSince1970: 1_763_630_040)

    func mention(_ id: String, by handle: String, replyingTo parent: String? = nil) -> Mention {
        Mention(platform: .mastodon, id: id, author: Author(handle: handle), text: "hi", createdAt: at, inReplyTo: parent)
    }

    func problem(_ line: Int, _ reason: String) -> ImportEvent {
        ReadContext(file: "f").rejected("line \(line)", reason)
    }

    func testEveryEventBecomesOneWriteOrOneCount() throws {
        let own = Config(handles: [.mastodon: ["me@example.social"]])
        var named: [String] = []
        var stored = 0
        var intake = Intake(own: own, named: { named.append($0.description) }, stored: { stored += 1 })
        let sink = Recorder()
        let events: [ImportEvent] = [
            .mention(mention("1", by: "alice@example.social")),
            .mention(mention("2", by: "Me@Example.Social", replyingTo: "1")),
            .mention(mention("3", by: "me@example.social")),
            .skipped(reason: "like"), .skipped(reason: "like"), .skipped(reason: "follow"),
            problem(4, "missing 'id'"),
            .answered(Ref(platform: .x, id: "9"), at: at),
            .advice("request more fields"), .advice("request more fields"), .advice("name the authors"),
        ]
        for event in events { try intake.take(event, into: sink) }
        XCTAssertEqual(sink.calls, [
            "put mastodon:1",
            "answered mastodon:1 at 1763630040", "skip",
            "skip",
            "skip", "skip", "skip",
            "reject",
            "answered x:9 at 1763630040",
        ])
        XCTAssertEqual(stored, 1)
        XCTAssertEqual(named, ["f:line 4: missing 'id'"])
        XCTAssertEqual(intake.advice, ["request more fields", "name the authors"])
        XCTAssertEqual(intake.notes, [
            "skipped 2 like, 2 written by you, 1 follow",
            "recorded 2 answers: the posts they reply to are marked answered, now or when they are imported",
            "note: request more fields",
            "note: name the authors",
        ])
    }

    func testRejectionsBeyondAHandfulOfOneReasonAreSummedUp() throws {
        var named: [String] = []
        var intake = Intake(namedPerReason: 2, named: { named.append($0.position) })
        let sink = Recorder()
        for line in 1...5 { try intake.take(problem(line, "missing 'id'"), into: sink) }
        try intake.take(problem(6, "not valid JSON"), into: sink)
        XCTAssertEqual(sink.calls, Array(repeating: "reject", count: 6), "every rejection is counted")
        XCTAssertEqual(named, ["line 1", "line 2", "line 6"])
        XCTAssertEqual(intake.notes, ["… and 3 more: missing 'id'"])
        XCTAssertEqual(Intake().rejections.summary, [], "by default every rejection is named")
    }

    func testAPageInMemoryReadsAsTheSameFileDoes() throws {
        let page = "[\(Pages.mastodon("1")),\(Pages.mastodon("2", type: "favourite")),{\"id\":5}]"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("heed-intake-\(UUID().uuidString).json").path
        try Data(page.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var fromFile: [String] = [], fromBytes: [String] = []
        var fileIntake = Intake(named: { fromFile.append($0.description) })
        var bytesIntake = Intake(named: { fromBytes.append($0.description) })
        let fileSink = Recorder(), bytesSink = Recorder()
        try fileIntake.read(.path(path), name: "page", into: fileSink)
        try bytesIntake.read(.bytes(Array(page.utf8)), name: "page", into: bytesSink)
        XCTAssertEqual(fileSink.calls, ["put mastodon:1", "skip", "reject"])
        XCTAssertEqual(bytesSink.calls, fileSink.calls)
        XCTAssertEqual(fromBytes, fromFile)
        XCTAssertEqual(fromFile.count, 1)
        XCTAssertEqual(bytesIntake.notes, fileIntake.notes)
        XCTAssertEqual(Intake.Source.bytes(Array(page.utf8)).size, page.utf8.count)
        XCTAssertEqual(Intake.Source.path(path).size, page.utf8.count)
    }

    func testAFolderOrAMissingFileIsNamedAndNothingIsTaken() throws {
        var intake = Intake()
        let sink = Recorder()
        XCTAssertThrowsError(try intake.read(.path(NSTemporaryDirectory()), name: "tmp", into: sink)) {
            XCTAssertEqual("\($0)", "cannot read tmp: it is a folder")
        }
        XCTAssertThrowsError(try intake.read(.path("/nonexistent/heed/file"), name: "gone.json", into: sink)) {
            XCTAssertEqual("\($0)", "cannot read gone.json: No such file or directory")
        }
        XCTAssertEqual(sink.calls, [])
    }

    func testAnItemListedAgainUnchangedIsOneSkipAndAChangedOneIsStored() throws {
        var intake = Intake()
        let sink = Recorder()
        var edited = mention("1", by: "alice@example.social")
        edited.text = "hi, edited"
        for event: ImportEvent in [.mention(mention("1", by: "alice@example.social")), .mention(mention("1", by: "alice@example.social")), .mention(edited)] {
            try intake.take(event, into: sink)
        }
        XCTAssertEqual(sink.calls, ["put mastodon:1", "skip", "put mastodon:1"], "the later, changed listing is stored")
        XCTAssertEqual(intake.notes, ["skipped 1 listed twice"])
    }

    func testRepeatsAreRememberedWithinABoundedWindow() {
        var repeats = Repeats(window: 2)
        let items = (1...5).map { mention("\($0)", by: "a") }
        XCTAssertEqual(items.map { repeats.isRepeat($0) }, [false, false, false, false, false])
        XCTAssertTrue(repeats.isRepeat(items[4]))
        XCTAssertTrue(repeats.isRepeat(items[2]), "the previous generation is remembered")
        XCTAssertFalse(repeats.isRepeat(items[0]), "older ones are forgotten: memory stays bounded")
    }

    func testReasonsAreCountedWithinABound() {
        var counts = ReasonCounts()
        for index in 0..<(ReasonCounts.limit + 50) { counts.add("reason \(index)") }
        counts.add("reason 0")
        XCTAssertEqual(counts.counts.count, ReasonCounts.limit + 1)
        XCTAssertEqual(counts.counts["other reasons"], 50)
        XCTAssertEqual(counts.counts["reason 0"], 2, "a reason already kept is still counted by name")
    }

    /// A reason taken from a payload (a type, a status) is one short line, never blank.
    func testReasonsFromPayloadsAreOneShortLine() {
        var counts = ReasonCounts()
        counts.add("")
        counts.add(" \t\n")
        counts.add("pending\n  review")
        counts.add(String(repeating: "long", count: 10_000))
        XCTAssertEqual(counts.counts["unnamed"], 2)
        XCTAssertEqual(counts.counts["pending review"], 1)
        let long = counts.counts.keys.first { $0.hasPrefix("long") }
        XCTAssertEqual(long?.count, ReasonCounts.longest)
        XCTAssertEqual(long?.hasSuffix("…"), true)
    }
}
