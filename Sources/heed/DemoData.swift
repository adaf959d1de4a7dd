import Foundation
import HeedCore

/// Sample mentions for `heed demo`: several platforms, ages from minutes to weeks, and names
/// and texts in several scripts, with emoji.
enum DemoData {
    private typealias Sample = (platform: Platform, kind: MentionKind, handle: String, name: String, text: String, minutesAgo: Int)

    private static let samples: [Sample] = [
        (.mastodon, .mention, "alice@example.social", "Alice 🌻", "@you is the meetup on Thursday still on? I'd like to bring two friends from the climbing club.", 21 * 1440 + 300),
        (.x, .reply, "kenji_t", "田中健二", "返信ありがとうございます！次のバージョンはいつ頃リリースされますか？🙏", 17 * 1440 + 65),
        (.youtube, .comment, "@MariaSantos", "María Santos", "Great walkthrough! At 12:40 you skip the config step — could you explain how the outbox file gets exported?", 12 * 1440 + 700),
        (.bluesky, .mention, "noor.bsky.social", "نور الهدى", "@you مرحبا! هل يدعم التطبيق اللغة العربية في الردود؟ thanks in advance", 9 * 1440 + 30),
        (.reddit, .reply, "throwaway_dev42", "", "Honest question: why SQLite and not plain files? Curious about the tradeoffs you hit.", 6 * 1440 + 400),
        (.github, .mention, "octo-lena", "Lena Fischer", "@you could you take a look at #218 when you have a minute? The import of large exports stalls at 80%.", 5 * 1440 + 10),
        (.mastodon, .dm, "sam@fosstodon.org", "Sam 🏳️‍🌈", "Hey, private note: the link in your bio is broken (404). Thought you'd want to know 👍🏽", 4 * 1440 + 200),
        (.instagram, .comment, "luisa.fotografia", "Luísa", "Que foto linda!! 😍📸 Onde foi tirada?", 3 * 1440 + 600),
        (.facebook, .comment, "Community Garden Group", "Community Garden Group", "Will the volunteer day go ahead if it rains? Several of us are coming by bus.", 3 * 1440 + 15),
        (.wordpress, .comment, "Priya", "Priya Raman", "Thanks for the detailed post. One correction: the second command in step 3 needs sudo on Debian.", 2 * 1440 + 900),
        (.linkedin, .comment, "Jonas Berg", "Jonas Berg", "Congratulations on the launch! Would you be open to a short interview for our newsletter?", 2 * 1440 + 100),
        (.x, .mention, "priya_codes", "Priya 👩🏽‍💻", "@you the keyboard shortcuts are 🔥 — is there a way to remap them?", 1 * 1440 + 800),
        (.bluesky, .reply, "wei.bsky.social", "王伟", "我们团队每天都在用这个工具，非常感谢！有没有中文文档？", 1 * 1440 + 300),
        (.mastodon, .reply, "olek@mastodon.social", "Ołeksandr", "Дякую за відповідь! А чи можна імпортувати старі згадки з архіву?", 1 * 1440 + 20),
        (.hackernews, .comment, "pg_fan", "", "Nice to see a TUI that takes Unicode seriously. How does it handle combining marks like é vs é?", 20 * 60),
        (.reddit, .dm, "modteam_r_selfhosted", "", "Hi! Your post was approved. Could you add a short description of the license to the body?", 14 * 60),
        (.youtube, .reply, "@techwithtom", "Tom", "Replying to your reply: yes, it worked after the update. One more thing — does it run on a Raspberry Pi?", 9 * 60 + 30),
        (.mastodon, .mention, "kaito@mstdn.jp", "カイト", "@you ターミナルで絵文字がずれないの、本当にすごい 👏👏", 6 * 60),
        (.flickr, .comment, "Bob Loblaw", "Bob", "Lovely light in this one. Mind if I feature it in our group's weekly picks?", 5 * 60 + 10),
        (.x, .quote, "dataviz_daily", "Data Viz Daily 📊", "This is what response-time honesty looks like. Median 3h, p90 1d. Who else publishes theirs?", 3 * 60 + 40),
        (.github, .comment, "mkdev", "Mohammed K.", "The fix in 0.4 works for me. Should I close the issue or will you?", 2 * 60 + 5),
        (.bluesky, .mention, "zoe.bsky.social", "Zoë 🇳🇿", "@you kia ora! Are you speaking at the conference in Wellington this year?", 75),
        (.instagram, .reply, "chef.amara", "Amara", "Tried your recipe tonight 🍲 — the kids loved it. Can I swap the coconut milk for cream?", 48),
        (.mastodon, .mention, "ines@social.coop", "Inês", "@you quick one: is the export format documented somewhere? We want to build a poster for it.", 22),
        (.reddit, .reply, "curious_cat", "", "Does acknowledging something here also mark it read on the platform?", 9),
        (.x, .mention, "newsdesk_fi", "Uutiset", "@you Voisitteko kommentoida uutta julkaisua? Tarvitsemme lausunnon tänään klo 15 mennessä.", 3),
    ]

    /// Saved replies the demo offers under Ctrl-T.
    static let templates: [(String, String)] = [
        ("thanks.txt", "Thank you, {name}! We read every message and really appreciate it."),
        ("looking-into-it.txt", "Hi {author}, thanks for flagging this. We're looking into it and will get back to you here on {platform}."),
        ("docs.txt", "Hi {name}, the export format is documented in the README under \"The outbox\"."),
    ]

    /// Earlier items, answered, so that the detail pane and `h` have a history to show:
    /// (index of the sample whose author wrote it, text, minutes ago, minutes to the answer, replied).
    private static let answered: [(author: Int, text: String, minutesAgo: Int, answeredAfter: Int, replied: Bool)] = [
        (0, "Loved the talk on Saturday! Are the slides anywhere?", 35 * 1440, 50, false),
        (0, "Is the repository public yet?", 62 * 1440, 180, true),
        (1, "ドキュメントはどこにありますか？", 20 * 1440, 120, false),
    ]

    static func mentions(now: Date) -> [Mention] {
        current(now: now) + answered.enumerated().map { index, earlier in
            let sample = samples[earlier.author]
            let created = now.addingTimeInterval(-Double(earlier.minutesAgo * 60))
            let at = created.addingTimeInterval(Double(earlier.answeredAfter * 60))
            return Mention(
                platform: sample.platform, id: String(1_780_000_000_000 + index * 7_919), kind: sample.kind,
                author: Author(handle: sample.handle, name: sample.name.isEmpty ? nil : sample.name, url: profile(sample.platform, sample.handle)),
                text: earlier.text, createdAt: created, conversation: "demo-earlier-\(index)",
                state: earlier.replied ? .replied(draft: "", at: at) : .acknowledged(at: at)
            )
        }
    }

    private static func current(now: Date) -> [Mention] {
        samples.enumerated().map { index, sample in
            let id = sample.platform == .bluesky
                ? "at://did:plc:demo\(index)/app.bsky.feed.post/3kdemo\(index)"
                : String(1_790_000_000_000 + index * 7_919)
            let created = now.addingTimeInterval(-Double(sample.minutesAgo * 60))
            return Mention(
                platform: sample.platform, id: id, kind: sample.kind,
                author: Author(handle: sample.handle, name: sample.name.isEmpty ? nil : sample.name, url: profile(sample.platform, sample.handle)),
                text: sample.text, createdAt: created,
                url: profile(sample.platform, sample.handle).map { "\($0)/\(index + 1000)" },
                conversation: "demo-\(index % 9)",
                replyTarget: ["id": id]
            )
        }
    }

    private static func profile(_ platform: Platform, _ handle: String) -> String? {
        switch platform {
        case .mastodon:
            let parts = handle.split(separator: "@")
            return parts.count == 2 ? "https://\(parts[1])/@\(parts[0])" : nil
        case .x: return "https://x.com/\(handle)"
        case .bluesky: return "https://bsky.app/profile/\(handle)"
        case .github: return "https://github.com/\(handle)"
        case .reddit: return "https://www.reddit.com/user/\(handle)"
        default: return nil
        }
    }
}
