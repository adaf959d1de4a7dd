import Foundation
import HeedCore

extension PostRequest {
    /// A Bluesky `com.atproto.repo.createRecord` call making an `app.bsky.feed.post` reply, with
    /// the facets Bluesky's own client would detect in the text, at the record key derived from
    /// the draft and validated against the lexicon: sent again, it meets its first record.
    static func bluesky(_ draft: Draft, repo: String?, at: Date, need: (String) throws -> String) throws -> PostRequest {
        let parentURI = try need("parent_uri"), rootURI = try need("root_uri")
        guard let parentCID = draft.replyTarget["parent_cid"], !parentCID.isEmpty,
              let rootCID = draft.replyTarget["root_cid"], !rootCID.isEmpty else {
            throw NotPostable("bluesky needs the cid of the post and of the thread root; re-import the notification")
        }
        func strongRef(_ uri: String, _ cid: String) -> String {
            var ref = JSONWriter()
            ref.add("uri", uri)
            ref.add("cid", cid)
            return ref.finish()
        }
        var reply = JSONWriter()
        reply.addRaw("root", strongRef(rootURI, rootCID))
        reply.addRaw("parent", strongRef(parentURI, parentCID))
        var record = JSONWriter()
        record.add("$type", "app.bsky.feed.post")
        record.add("text", draft.text)
        record.add("createdAt", isoMilliseconds(at))
        record.addRaw("reply", reply.finish())
        var dids: [String: String] = [:]
        if let author = draft.author, let did = draft.replyTarget["author_did"], !did.isEmpty {
            dids[String(author.drop { $0 == "@" }).lowercased()] = did
        }
        let (facets, unresolved) = BlueskyFacet.detect(in: draft.text, resolving: dids)
        if !facets.isEmpty { record.addRaw("facets", "[" + facets.map(\.json).joined(separator: ",") + "]") }
        var body = JSONWriter()
        if let repo, !repo.isEmpty { body.add("repo", repo) }
        body.add("collection", "app.bsky.feed.post")
        body.add("rkey", BlueskyRecordKey.of(draft))
        body.add("validate", true)
        body.addRaw("record", record.finish())
        var notes: [String] = []
        if repo?.isEmpty != false { notes.append("add \"repo\": your own DID (or handle) to the body") }
        if !unresolved.isEmpty {
            notes.append("resolve " + unresolved.map { "@" + $0 }.joined(separator: ", ")
                         + " to a DID (com.atproto.identity.resolveHandle) and add a mention facet, or the name stays plain text")
        }
        return PostRequest(platform: .bluesky, method: "POST", path: "/xrpc/com.atproto.repo.createRecord", body: body.finish(),
                           note: notes.isEmpty ? nil : notes.joined(separator: "; "))
    }
}

/// A Bluesky rich-text facet as a post record carries it: a mention (by DID), a link or a tag,
/// located by UTF-8 byte offsets.
public struct BlueskyFacet: Sendable, Hashable {
    public enum Feature: Sendable, Hashable { case mention(did: String), link(uri: String), tag(String) }
    public var byteStart: Int
    public var byteEnd: Int
    public var feature: Feature

    public init(byteStart: Int, byteEnd: Int, feature: Feature) { (self.byteStart, self.byteEnd, self.feature) = (byteStart, byteEnd, feature) }

    /// The facet as `app.bsky.richtext.facet` JSON.
    public var json: String {
        var index = JSONWriter()
        index.add("byteStart", byteStart)
        index.add("byteEnd", byteEnd)
        var feature = JSONWriter()
        switch self.feature {
        case .mention(let did): feature.add("$type", "app.bsky.richtext.facet#mention"); feature.add("did", did)
        case .link(let uri): feature.add("$type", "app.bsky.richtext.facet#link"); feature.add("uri", uri)
        case .tag(let tag): feature.add("$type", "app.bsky.richtext.facet#tag"); feature.add("tag", tag)
        }
        var facet = JSONWriter()
        facet.addRaw("index", index.finish())
        facet.addRaw("features", "[" + feature.finish() + "]")
        return facet.finish()
    }

    /// The facets of `text` as Bluesky's own client detects them (`BlueskyRichText`), mentions
    /// given the DIDs in `dids` (keyed by lowercased handle); a mention whose DID is not known is
    /// left out, as the client leaves out one it cannot resolve.
    public static func detect(in text: String, dids: [String: String]) -> [BlueskyFacet] {
        detect(in: text, resolving: dids).facets
    }

    /// The facets, and the handles mentioned whose DID is not in `dids` (each once, in order).
    public static func detect(in text: String, resolving dids: [String: String]) -> (facets: [BlueskyFacet], unresolved: [String]) {
        var facets: [BlueskyFacet] = []
        var unresolved: [String] = []
        for facet in BlueskyRichText.detectFacets(text) {
            let feature: Feature
            switch facet.feature {
            case .mention(let handle):
                guard let did = dids[handle.lowercased()] else {
                    if !unresolved.contains(handle.lowercased()) { unresolved.append(handle.lowercased()) }
                    continue
                }
                feature = .mention(did: did)
            case .link(let uri): feature = .link(uri: uri)
            case .tag(let tag): feature = .tag(tag)
            }
            facets.append(BlueskyFacet(byteStart: facet.byteStart, byteEnd: facet.byteEnd, feature: feature))
        }
        return (facets, unresolved)
    }
}

/// The record key of a draft's Bluesky post: a TID (the key `app.bsky.feed.post` takes) made
/// from the draft alone, so every try to post it names the same record and a repeat meets the
/// first instead of making a second post. Its time part is the draft's second plus a part of
/// the draft id's hash; its clock id another part of that hash.
public enum BlueskyRecordKey {
    /// The alphabet TIDs are written in (base32, sortable).
    static let alphabet = Array("234567abcdefghijklmnopqrstuvwxyz")

    /// The draft's record key: 13 characters, the first of `234567abcdefghij`.
    public static func of(_ draft: Draft) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in draft.id.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let seconds = UInt64(max(0, draft.createdAt.timeIntervalSince1970.rounded(.down)))
        let micros = (seconds &* 1_000_000 &+ hash % 1_000_000) & ((1 << 53) - 1)
        var value = micros << 10 | (hash >> 20) & 0x3FF
        var key: [Character] = []
        for _ in 0..<13 {
            key.append(alphabet[Int(value & 31)])
            value >>= 5
        }
        return String(key.reversed())
    }

    /// The record key at the end of an at:// uri.
    public static func of(uri: String) -> String? {
        uri.split(separator: "/").last.map(String.init)
    }
}
