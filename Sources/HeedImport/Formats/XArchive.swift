import Foundation
import HeedCore

/// `data/tweets.js` from an X (Twitter) data export: the user's own posts. None enters the
/// queue; each reply among them marks the post it answers as answered.
public enum XArchiveFormat: PlatformFormat {
    public static let name = "x-archive"
    public static let reads = "data/tweets.js of your X archive"
    /// The export's files are scripts: `window.YTD.tweets.part0 = [ … ]`.
    public static let wrapper: PageWrapper? = PageWrapper(prefix: "window.", unwrap: stripScript)

    /// The parsed array of `{"tweet": {…}}` records (after `stripScript`).
    public static func matches(_ page: JSON) -> Bool {
        page.array?.contains { $0["tweet"]?.object != nil } == true
    }

    /// Reads each of the user's posts, named `tweets[i]`.
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {
        for (index, item) in (page.array ?? []).enumerated() {
            for event in Social.events(context, "tweets[\(index)]", { try tweet(item) }) { try emit(event) }
        }
    }

    /// One of the user's posts: written by them, and the answer to what it replies to.
    static func tweet(_ item: JSON) throws -> [ImportEvent] {
        _ = try Social.record(item)
        let tweet = try Social.object(item["tweet"], "tweet")
        let parent = try Social.optionalID(tweet["in_reply_to_status_id_str"], "tweet.in_reply_to_status_id_str")
            ?? Social.optionalID(tweet["in_reply_to_status_id"], "tweet.in_reply_to_status_id")
        guard let parent else { return [.skipped(reason: "written by you")] }
        let at = try Social.time(tweet["created_at"], "tweet.created_at", Times.twitter)
        return [.answered(Ref(platform: .x, id: parent), at: at), .skipped(reason: "written by you")]
    }

    /// The JSON inside an export's script: drops `window.YTD.<name>.partN = ` before it and a
    /// `;` after it. Nil when the data is not such a script.
    public static func stripScript(_ data: Data) -> Data? {
        var bytes = Array(data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }) else { return nil }
        let prefix = Array("window.YTD.".utf8)
        guard bytes[start...].starts(with: prefix) else { return nil }
        guard let equals = bytes[start...].firstIndex(of: UInt8(ascii: "=")) else { return nil }
        // The name between the prefix and "=" is a dotted identifier ("tweets.part0").
        let name = bytes[(start + prefix.count)..<equals]
        guard name.allSatisfy({ isSpace($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_")
            || $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) })
        else { return nil }
        var end = bytes.count
        while end > equals + 1, isSpace(bytes[end - 1]) { end -= 1 }
        if end > equals + 1, bytes[end - 1] == UInt8(ascii: ";") { end -= 1 }
        return Data(bytes[(equals + 1)..<end])
    }
}
