import Foundation
import HeedCore

/// Flickr `flickr.photos.comments.getList` (`format=json&nojsoncallback=1`): the comments on one
/// photo, flat, each answered by commenting on the photo.
public enum FlickrFormat: PlatformFormat {
    public static let name = "flickr"
    public static let reads = "Flickr's flickr.photos.comments.getList"
    /// Without `nojsoncallback=1`, Flickr wraps its JSON as `jsonFlickrApi(…)`.
    public static let wrapper: PageWrapper? = PageWrapper(prefix: "jsonFlickrApi(", unwrap: stripJSONP)

    /// A `comments.getList` answer, empty or not.
    public static func matches(_ page: JSON) -> Bool {
        guard let comments = page["comments"], comments["photo_id"] != nil else { return false }
        return page["stat"]?.string == "ok" || comments["comment"]?.array != nil
    }

    /// Reads every comment of the photo; the photo owner's own are skipped.
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {
        guard let comments = page["comments"], comments.object != nil else {
            try emit(context.rejected("comments", "'comments' must be an object"))
            return
        }
        let photo = comments["photo_id"]?.id
        // An empty result has no `comment` key at all.
        guard let list = comments["comment"], !list.isNull else { return }
        let items: [JSON]
        switch list {
        case .array(let array): items = array
        case .object: items = [list]
        default:
            try emit(context.rejected("comments.comment", "'comment' must be a list of comments"))
            return
        }
        for (index, item) in items.enumerated() {
            for event in comment(item, photo: photo, at: GraphSupport.place("comment", index), context) { try emit(event) }
        }
    }

    /// The JSON inside `jsonFlickrApi(…)`, or nil when the data is not such a call.
    static func stripJSONP(_ data: Data) -> Data? {
        let prefix = Data("jsonFlickrApi(".utf8)
        guard data.starts(with: prefix) else { return nil }
        var body = data.dropFirst(prefix.count)
        while let last = body.last, [UInt8(ascii: ")"), UInt8(ascii: ";"), 10, 13, 32].contains(last) {
            body = body.dropLast()
            if last == UInt8(ascii: ")") { break }
        }
        return Data(body)
    }

    /// One comment to its events: queued, the photo owner's own (skipped), or rejected.
    static func comment(_ item: JSON, photo: String?, at position: String, _ context: ReadContext) -> [ImportEvent] {
        GraphSupport.events(context, at: position) {
            guard item.object != nil else { throw GraphSupport.problem("a comment must be an object") }
            let id = try Field.required(item["id"]?.id, "id")
            let photo = try Field.required(photo, "comments.photo_id")
            let createdAt = try Field.required(Times.epoch(item["datecreate"]), "datecreate")
            guard let html = item["_content"]?.string else { throw GraphSupport.problem("missing or invalid '_content'") }
            let text = GraphSupport.htmlKeepingNewlines(html)
            guard !text.isEmpty else { throw GraphSupport.problem("empty '_content'") }
            if item["author_is_deleted"]?.int == 1 { return [.skipped(reason: "deleted account")] }
            let nsid = item["author"]?.id
            let alias = item["path_alias"]?.text
            let permalink = item["permalink"]?.text
            if let owner = permalink.flatMap(photoOwner), [nsid, alias].contains(where: { $0?.lowercased() == owner.lowercased() }) {
                return [.skipped(reason: "written by you")]
            }
            let author = Author(
                handle: item["authorname"]?.text ?? nsid,
                name: item["realname"]?.text,
                url: (alias ?? nsid).map { "https://www.flickr.com/photos/\($0)/" }
            )
            // The NSID is the one name of a person that never changes: `[handles]` may give it.
            var target = ["photo_id": photo]
            if let nsid { target["author_nsid"] = nsid }
            let mention = Mention(
                platform: .flickr, id: id, kind: .comment, author: author, text: text, createdAt: createdAt,
                url: permalink, conversation: photo, replyTarget: target
            )
            return [.mention(mention)]
        }
    }

    /// The photo owner's name in a comment permalink: `…/photos/{owner}/{photo}/#comment…`.
    static func photoOwner(_ permalink: String) -> String? {
        guard let path = URLComponents(string: permalink)?.path else { return nil }
        let parts = path.split(separator: "/")
        guard parts.count >= 2, parts[0] == "photos" else { return nil }
        return String(parts[1])
    }
}
