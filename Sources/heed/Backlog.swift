import Foundation
import HeedCore
import HeedImport

/// A synthetic backlog for measuring heed at size: several platforms, ages spread over months,
/// a share already acknowledged, emoji and CJK in names and texts. Deterministic for a count.
enum Backlog {
    /// Writes `count` mentions as heed JSON Lines to `path`, or as data through the `Console`.
    static func write(count: Int, to path: String?, now: Date) throws {
        var fd: Int32?
        if let path {
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard let fd, fd >= 0 else { throw HeedExit.failure("cannot write \(path): \(String(cString: strerror(errno)))") }
        }
        defer { if let fd { close(fd) } }
        let console = Console()
        var generator = SplitMix(seed: UInt64(count))
        var chunk = ""
        for index in 0..<count {
            chunk += HeedLines.line(mention(index, &generator, now: now), now: now)
            chunk += "\n"
            if chunk.utf8.count > 1 << 20 || index == count - 1 {
                if let fd { try StandardStreams.write(fd, chunk) } else { try console.data(chunk) }
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

    static func mention(_ index: Int, _ random: inout SplitMix, now: Date) -> Mention {
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

/// A small fast deterministic generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
