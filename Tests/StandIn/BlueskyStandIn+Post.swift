import Foundation

/// Bluesky's `com.atproto.repo.createRecord` and `getRecord` as the stand-in speaks them, with
/// the record checked as the PDS validates it against the lexicons (`app.bsky.feed.post`,
/// `com.atproto.repo.strongRef`, `app.bsky.richtext.facet`, the record key a TID): `text` at
/// most 300 graphemes and 3000 UTF-8 bytes, `createdAt` a datetime, `reply.root` and
/// `reply.parent` each a uri and a cid, every facet's byte slice inside the text. A record
/// key already taken is answered as the reference PDS answers it today: a server error
/// (500, `InternalServerError`).
extension BlueskyStandIn {
    static let createKeys: Set<String> = ["repo", "collection", "rkey", "validate", "record", "swapCommit"]
    static let postKeys: Set<String> = ["$type", "text", "createdAt", "reply", "facets", "langs", "labels", "tags", "embed", "entities"]

    /// Makes a post record (called with the lock held).
    func createRecord(_ request: LoggedRequest) -> Reply {
        guard request.method == "POST", let body = request.json else { return refuse(400, "InvalidRequest", "Input must be an object") }
        if let unknown = body.keys.sorted().first(where: { !Self.createKeys.contains($0) }) {
            return refuse(400, "InvalidRequest", "Input must not have the property \"\(unknown)\"")
        }
        guard let repo = body["repo"] as? String, repo == did || repo == handle else { return refuse(401, "AuthenticationRequired", "Could not find repo") }
        guard body["collection"] as? String == "app.bsky.feed.post" else { return refuse(400, "InvalidRequest", "the stand-in takes app.bsky.feed.post records") }
        let rkey = body["rkey"] as? String ?? Self.tid(Date())
        guard Self.isTID(rkey) else { return refuse(400, "InvalidRequest", "Invalid record key for app.bsky.feed.post: must be a valid TID") }
        guard let record = body["record"] as? [String: Any] else { return refuse(400, "InvalidRequest", "Input must have the property \"record\"") }
        if let problem = Self.problem(post: record) { return refuse(400, "InvalidRequest", "Invalid app.bsky.feed.post record: \(problem)") }
        guard !made.contains(where: { $0.rkey == rkey }) else { return refuse(500, "InternalServerError", "Internal Server Error") }
        let cid = "bafyreipost\(made.count + 1)"
        made.append((rkey, cid, record))
        let uri = "at://\(did)/app.bsky.feed.post/\(rkey)"
        feed.append(["post": ["uri": uri, "cid": cid, "author": ["did": did, "handle": handle], "record": record, "indexedAt": API.iso(Date())]])
        return Reply(json: ["uri": uri, "cid": cid, "commit": ["cid": "bafyreicommit\(made.count)", "rev": rkey], "validationStatus": "valid"], headers: rateHeaders)
    }

    /// A record by repo, collection and key, or `RecordNotFound`.
    func getRecord(_ request: LoggedRequest) -> Reply {
        if let unknown = API.unknownParameter(request, allowed: ["repo", "collection", "rkey", "cid"]) {
            return refuse(400, "InvalidRequest", "Unknown parameter: \(unknown)")
        }
        guard let repo = request.value("repo"), let collection = request.value("collection"), let rkey = request.value("rkey") else {
            return refuse(400, "InvalidRequest", "Params must have the properties \"repo\", \"collection\" and \"rkey\"")
        }
        let uri = "at://\(repo)/\(collection)/\(rkey)"
        guard repo == did || repo == handle, collection == "app.bsky.feed.post", let post = made.first(where: { $0.rkey == rkey }) else {
            return refuse(400, "RecordNotFound", "Could not locate record: \(uri)")
        }
        return Reply(json: ["uri": "at://\(did)/app.bsky.feed.post/\(rkey)", "cid": post.cid, "value": post.record], headers: rateHeaders)
    }

    /// What is wrong with a post record by the lexicon, or nil.
    public static func problem(post record: [String: Any]) -> String? {
        if let unknown = record.keys.sorted().first(where: { !postKeys.contains($0) }) { return "unknown property \(unknown)" }
        guard record["$type"] as? String == "app.bsky.feed.post" else { return "$type must be app.bsky.feed.post" }
        guard let text = record["text"] as? String else { return "Record must have the property \"text\"" }
        guard text.count <= 300 else { return "Record/text must not be longer than 300 graphemes" }
        guard text.utf8.count <= 3000 else { return "Record/text must not be longer than 3000 characters" }
        guard let created = record["createdAt"] as? String, API.date(created) != nil else { return "Record/createdAt must be a valid datetime" }
        if let reply = record["reply"] {
            guard let reply = reply as? [String: Any] else { return "Record/reply must be an object" }
            for side in ["root", "parent"] {
                guard let ref = reply[side] as? [String: Any], let uri = ref["uri"] as? String, uri.hasPrefix("at://"),
                      let cid = ref["cid"] as? String, !cid.isEmpty else { return "Record/reply/\(side) must be a strongRef (uri and cid)" }
            }
        }
        if let facets = record["facets"] {
            guard let facets = facets as? [[String: Any]] else { return "Record/facets must be an array of facets" }
            for (index, facet) in facets.enumerated() {
                guard let slice = facet["index"] as? [String: Any], let start = slice["byteStart"] as? Int, let end = slice["byteEnd"] as? Int,
                      start >= 0, start <= end, end <= text.utf8.count else { return "Record/facets/\(index)/index must be a byte slice of the text" }
                guard let features = facet["features"] as? [[String: Any]], !features.isEmpty else { return "Record/facets/\(index)/features must not be empty" }
                for feature in features {
                    switch feature["$type"] as? String {
                    case "app.bsky.richtext.facet#mention": guard (feature["did"] as? String)?.hasPrefix("did:") == true else { return "a mention facet needs a did" }
                    case "app.bsky.richtext.facet#link": guard feature["uri"] is String else { return "a link facet needs a uri" }
                    case "app.bsky.richtext.facet#tag": guard let tag = feature["tag"] as? String, tag.utf8.count <= 640 else { return "a tag facet needs a tag" }
                    default: return "Record/facets/\(index)/features: unknown feature"
                    }
                }
            }
        }
        return nil
    }

    /// The TID alphabet and syntax: 13 characters, the first of `234567abcdefghij`.
    static let tidAlphabet = Array("234567abcdefghijklmnopqrstuvwxyz")

    static func isTID(_ key: String) -> Bool {
        let characters = Array(key)
        guard characters.count == 13, let first = tidAlphabet.firstIndex(of: characters[0]), first < 16 else { return false }
        return characters.allSatisfy(tidAlphabet.contains)
    }

    /// A TID for a time (clock id 0).
    static func tid(_ date: Date) -> String {
        var value = UInt64(date.timeIntervalSince1970 * 1_000_000) << 10
        var key: [Character] = []
        for _ in 0..<13 {
            key.append(tidAlphabet[Int(value & 31)])
            value >>= 5
        }
        return String(key.reversed())
    }
}
