import Foundation
import HeedCore
import HeedImport

/// Hacker News (its Firebase API, no secret): the user's recent stories and comments (their
/// `submitted` ids, `/v0/user/NAME.json`, newest first), and the replies to each (its `kids`,
/// `/v0/item/ID.json`) newer than the newest reply kept, through the Hacker News reader. Hacker
/// News has no notion of mentions nor a "since": heed reads the user's items of the last two
/// weeks before the previous fetch (of `since` the first time), one request an item, and the
/// user's own comments among them answer what they reply to. Item ids only grow, so a reply
/// is new when its id is above the newest kept.
struct HackerNewsFetcher: Fetcher {
    let platform = Platform.hackernews

    /// The most of the user's items a fetch reads, and how long before the previous fetch
    /// an item is still read for replies.
    static let maxItems = 200
    static let watched: TimeInterval = 14 * 86_400

    func fetch(_ session: FetchSession) throws {
        guard let handle = session.account.handle else { throw SecretFailure("hackernews needs handle = \"…\" (your user name)") }
        session.addOwn(handle, on: .hackernews)
        let name = handle.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? handle
        let user = try session.get("/user/\(name).json", credential: nil).json()
        guard user.object != nil else { throw SecretFailure("Hacker News has no user \(handle): is handle = right?") }
        let bound = session.cursor("items.read_at").flatMap { Timestamp.parseISO($0) }.map { $0.addingTimeInterval(-Self.watched) } ?? session.since
        let keptReply = session.cursor("replies.max_id").flatMap(Int.init) ?? 0
        let keptOwn = session.cursor("own.max_id").flatMap(Int.init) ?? 0
        var newestReply = keptReply
        var newestOwn = keptOwn
        var answers: [Answer] = []
        for id in (user["submitted"]?.array ?? []).prefix(Self.maxItems).compactMap(\.int) {
            let item = try session.get("/item/\(id).json", credential: nil).json()
            guard let time = Times.epoch(item["time"]) else { continue }
            if time < bound { break }
            if id > keptOwn, let parent = item["parent"]?.id, item["type"]?.string == "comment" {
                answers.append(.item(Ref(platform: .hackernews, id: parent), at: time))
                newestOwn = max(newestOwn, id)
            }
            let replies = (item["kids"]?.array ?? []).compactMap(\.int).filter { $0 > keptReply }
            guard !replies.isEmpty else { continue }
            var page: [UInt8] = Array("[".utf8)
            for (index, reply) in replies.enumerated() {
                if index > 0 { page.append(UInt8(ascii: ",")) }
                page += try session.get("/item/\(reply).json", credential: nil).body
            }
            page.append(UInt8(ascii: "]"))
            try session.commit(page: page, format: "hackernews", name: "\(session.server)/item/\(id).json",
                               notBefore: session.isFirst ? session.since : nil)
            newestReply = max(newestReply, replies.max() ?? 0)
        }
        try session.commit(answers: answers, cursors: ["items.read_at": Timestamp.format(session.now),
                                                      "replies.max_id": "\(newestReply)", "own.max_id": "\(newestOwn)"])
    }
}
