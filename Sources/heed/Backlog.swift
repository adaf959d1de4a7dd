import Foundation
import HeedCore
import HeedFiles
import HeedImport

/// A synthetic backlog for measuring heed at size: several platforms, ages spread over months,
/// a share already acknowledged, emoji and CJK in names and texts. Deterministic for a count.
enum Backlog {
    /// Writes `count` mentions to `path` (as `heed export -o` writes: a file whole, a FIFO or
    /// device directly) or to standard output.
    static func write(count: Int, to path: String?, now: Date) throws {
        guard let path else {
            let console = Console()
            return try generate(count, now: now) { try console.data($0) }
        }
        do {
            let target = try OutputTarget.open(path)
            try generate(count, now: now) { chunk throws(OutputFailure) in try target.write(Array(chunk.utf8)) }
            try target.commit()
        } catch {
            throw HeedExit.failure("cannot write \(path): \(error.reason): \(error.advice())")
        }
    }

    /// The mentions as JSON Lines, handed to `emit` a megabyte at a time.
    private static func generate<Failure: Error>(_ count: Int, now: Date, _ emit: (String) throws(Failure) -> Void) throws(Failure) {
        // Seeded by the count (one step in): a count always gives the same file.
        var generator = SeededRandom(seed: UInt64(count) &+ 0x9E37_79B9_7F4A_7C15)
        var chunk = ""
        for index in 0..<count {
            chunk += HeedLines.line(mention(index, &generator, now: now), now: now)
            chunk += "\n"
            if chunk.utf8.count > 1 << 20 || index == count - 1 {
                try emit(chunk)
                chunk = ""
            }
        }
    }

    private static let platforms: [Platform] = [.mastodon, .x, .bluesky, .youtube, .reddit, .github, .instagram, .facebook, .wordpress, .linkedin]
    private static let names = ["Alice", "田中健二", "María", "نور", "Sam 🏳️‍🌈", "Priya 👩🏽‍💻", "王伟", "Ołeksandr", "Zoë", "Jonas"]
    private static let texts = [
        "is the meetup still on? I'd like to bring two friends",
        "返信ありがとうございます！次のバージョンはいつ頃ですか？🙏",
        "great walkthrough, but how does the export work?",
        "مرحبا! هل يدعم التطبيق اللغة العربية؟",
        "the link in your bio is broken (404) 👍🏽",
        "我们团队每天都在用这个工具，非常感谢！",
        "could you take a look at the issue when you have a minute?",
        "Que foto linda!! 😍📸 Onde foi tirada?",
    ]

    static func mention(_ index: Int, _ random: inout SeededRandom, now: Date) -> Mention {
        let platform = platforms[Int(random.next() % UInt64(platforms.count))]
        let author = Int(random.next() % 5_000)
        let ageSeconds = Double(random.next() % (180 * 86_400))
        var mention = Mention(
            platform: platform, id: String(1_000_000_000 + index), kind: [.mention, .reply, .comment, .dm][Int(random.next() % 4)],
            author: Author(handle: "user\(author)", name: names[author % names.count]),
            text: texts[Int(random.next() % UInt64(texts.count))] + " #\(index)",
            createdAt: now.addingTimeInterval(-ageSeconds), conversation: "c\(index / 3)"
        )
        if random.next() % 10 < 3 { mention.state = .acknowledged(at: mention.createdAt.addingTimeInterval(3_600)) }
        return mention
    }
}
