import Foundation

/// YouTube's Data API v3 as the stand-in speaks it, under `/youtube/v3` (as
/// `www.googleapis.com/youtube/v3`): an API key as `key=` or an OAuth bearer token (without
/// either 403 "missing a valid API key", a wrong key 400 `keyInvalid`, a wrong token 401
/// `UNAUTHENTICATED`, in Google's error body); `commentThreads.list` with `part` (`id`,
/// `snippet`, `replies`; another is 400 `unknownPart`), exactly one filter
/// (`allThreadsRelatedToChannelId` or `videoId`), `order` (`time`: newest top-level comment
/// first), `maxResults` (1 to 100), an opaque `pageToken` and `nextPageToken`; `replies`
/// inlines at most five replies, oldest first, as YouTube gives a subset; `comments.list`
/// with `parentId`, paged the same way (it takes no `order`); a parameter the API does not
/// know is refused as Google refuses one ("Cannot bind query parameter"). Every request costs
/// a unit of a daily quota; a spent one answers 403 `quotaExceeded`. The channel's threads
/// are the recorded "all threads related to the channel" page, the replies of one of them the
/// recorded `comments.list?parentId=` page, and what tests add.
public final class YouTubeStandIn: @unchecked Sendable {
    public var apiKey = "AIzaSy-stand-in-key"
    public var token = "ya29.stand-in-token"
    /// Units left of the day's quota.
    public var quota = 10_000
    /// The channel of the account (the recorded threads are on its videos).
    public let channelID = "UCa-vrCLQHviTOVnEKDOdetQ"
    private let lock = NSLock()
    private var threads: [[String: Any]]
    private var replies: [String: [[String: Any]]] = [:]
    private let template: [String: Any]
    private var nextID = 1_000

    init(recorded: Recorded) {
        threads = recorded.object("youtube/commentThreads_list_allThreadsRelatedToChannelId.json")["items"] as? [[String: Any]] ?? []
        let recordedReplies = recorded.object("youtube/comments_list_by_parentId_page1.json")["items"] as? [[String: Any]] ?? []
        for reply in recordedReplies {
            let parent = (reply["snippet"] as? [String: Any])?["parentId"] as? String ?? ""
            replies[parent, default: []].append(reply)
        }
        template = threads.first ?? [:]
    }

    // MARK: - What tests add

    /// A viewer's top-level comment on the channel's video; returns the thread's id.
    @discardableResult
    public func addComment(_ text: String, at date: Date = Date()) -> String {
        lock.withLock {
            let id = newID()
            var thread = API.copy(template, ["id": id, "snippet.totalReplyCount": 0, "snippet.topLevelComment.id": id,
                                             "snippet.topLevelComment.snippet.textDisplay": text, "snippet.topLevelComment.snippet.textOriginal": text,
                                             "snippet.topLevelComment.snippet.publishedAt": API.iso(date),
                                             "snippet.topLevelComment.snippet.updatedAt": API.iso(date)])
            thread.removeValue(forKey: "replies")
            threads.append(thread)
            return id
        }
    }

    /// Adds `count` comments at once, the newest `date`, a second apart.
    public func addComments(_ count: Int, at date: Date = Date()) {
        for index in 0..<count { addComment("comment number \(index)", at: date.addingTimeInterval(Double(index - count))) }
    }

    /// A reply to thread `parent`: by a viewer, or by the channel itself (`byChannel`, written
    /// in YouTube Studio). Returns its id.
    @discardableResult
    public func addReply(to parent: String, _ text: String = "Thanks!", byChannel: Bool = false, at date: Date = Date()) -> String {
        lock.withLock {
            let author = byChannel ? channelID : "UCviewer000000000000000"
            let id = "\(parent).\(newID())"
            replies[parent, default: []].append(["kind": "youtube#comment", "etag": "stand-in", "id": id, "snippet": [
                "authorDisplayName": byChannel ? "ikaros data" : "A viewer", "authorChannelUrl": "http://www.youtube.com/channel/\(author)",
                "authorChannelId": ["value": author], "textDisplay": text, "textOriginal": text, "parentId": parent,
                "canRate": true, "viewerRating": "none", "likeCount": 0, "publishedAt": API.iso(date), "updatedAt": API.iso(date)]])
            return id
        }
    }

    private func newID() -> String {
        nextID += 1
        return "UgzStandIn\(nextID)AaABAg"
    }

    // MARK: - Answering

    func answer(_ request: LoggedRequest) -> Reply? {
        guard request.path.hasPrefix("/youtube/v3/") else { return nil }
        return lock.withLock {
            if let refused = signedIn(request) { return refused }
            guard quota > 0 else {
                return error(403, "The request cannot be completed because you have exceeded your <a href=\"/youtube/v3/getting-started#quota\">quota</a>.",
                             reason: "quotaExceeded", domain: "youtube.quota", status: "PERMISSION_DENIED")
            }
            quota -= 1
            switch request.path {
            case "/youtube/v3/commentThreads": return commentThreads(request)
            case "/youtube/v3/comments": return comments(request)
            default: return Reply(status: 404, headers: ["Content-Type": "text/html; charset=UTF-8"], body: Data("<html>Not Found</html>".utf8))
            }
        }
    }

    /// nil when the request carries the right key or token; else Google's refusal.
    private func signedIn(_ request: LoggedRequest) -> Reply? {
        if let key = request.value("key") {
            return key == apiKey ? nil : error(400, "API key not valid. Please pass a valid API key.", reason: "badRequest", domain: "global",
                                               status: "INVALID_ARGUMENT")
        }
        if let bearer = request.bearer {
            return bearer == token ? nil : error(401, "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
                                                 reason: "authError", domain: "global", status: "UNAUTHENTICATED")
        }
        return error(403, "The request is missing a valid API key.", reason: "forbidden", domain: "global", status: "PERMISSION_DENIED")
    }

    private func commentThreads(_ request: LoggedRequest) -> Reply {
        let allowed: Set<String> = ["key", "part", "allThreadsRelatedToChannelId", "videoId", "id", "channelId", "maxResults", "moderationStatus",
                                    "order", "pageToken", "searchTerms", "textFormat"]
        if let refused = checked(request, allowed: allowed, parts: ["id", "snippet", "replies"]) { return refused }
        let filters = ["allThreadsRelatedToChannelId", "videoId", "id", "channelId"].filter { request.value($0) != nil }
        guard filters.count == 1 else {
            return error(400, "No filter selected. Expected one of: allThreadsRelatedToChannelId, channelId, id, videoId",
                         reason: filters.isEmpty ? "missingRequiredParameter" : "incompatibleParameters", domain: "youtube.parameter")
        }
        guard ["time", "relevance"].contains(request.value("order") ?? "time") else {
            return error(400, "Invalid value '\(request.value("order") ?? "")'. Values must be one of: [relevance, time]", reason: "invalidParameter", domain: "youtube.parameter")
        }
        var items = threads.filter { thread in
            let snippet = thread["snippet"] as? [String: Any] ?? [:]
            if let channel = request.value("allThreadsRelatedToChannelId") { return snippet["channelId"] as? String == channel }
            if let video = request.value("videoId") { return snippet["videoId"] as? String == video }
            return false
        }
        items = items.map { (Self.published($0), $0) }.sorted { $0.0 > $1.0 }.map(\.1)
        let withReplies = request.value("part")?.split(separator: ",").contains("replies") ?? false
        return paged(request, items, kind: "youtube#commentThreadListResponse") { thread in
            var thread = thread
            let all = self.replies[thread["id"] as? String ?? ""] ?? []
            thread = API.copy(thread, ["snippet.totalReplyCount": all.count])
            if withReplies, !all.isEmpty { thread["replies"] = ["comments": Array(all.prefix(5))] }
            return thread
        }
    }

    private func comments(_ request: LoggedRequest) -> Reply {
        if let refused = checked(request, allowed: ["key", "part", "parentId", "id", "maxResults", "pageToken", "textFormat"], parts: ["id", "snippet"]) {
            return refused
        }
        guard let parent = request.value("parentId") else {
            return error(400, "No filter selected. Expected one of: id, parentId", reason: "missingRequiredParameter", domain: "youtube.parameter")
        }
        return paged(request, replies[parent] ?? [], kind: "youtube#commentListResponse") { $0 }
    }

    /// Unknown parameters, `part`, `maxResults` and `pageToken` checked as YouTube checks them.
    private func checked(_ request: LoggedRequest, allowed: Set<String>, parts: Set<String>) -> Reply? {
        if let name = API.unknownParameter(request, allowed: allowed) {
            return error(400, "Invalid JSON payload received. Unknown name \"\(name)\": Cannot bind query parameter. Field '\(name)' could not be found in request message.",
                         reason: "badRequest", domain: "global", status: "INVALID_ARGUMENT")
        }
        guard let part = request.value("part") else {
            return error(400, "Required parameter: part", reason: "required", domain: "global", location: "part")
        }
        if let unknown = part.split(separator: ",").map(String.init).first(where: { !parts.contains($0) }) {
            return error(400, "'\(unknown)'", reason: "unknownPart", domain: "youtube.part", location: "part")
        }
        guard API.limit(request, "maxResults", default: 20, most: 100, clamp: false) != nil else {
            return error(400, "Invalid value '\(request.value("maxResults") ?? "")'. Values must be within the range: [1, 100]",
                         reason: "invalidParameter", domain: "youtube.parameter", location: "maxResults")
        }
        if let token = request.value("pageToken"), Self.offset(token) == nil {
            return error(400, "The request specifies an invalid page token.", reason: "invalidPageToken", domain: "youtube.parameter", location: "pageToken")
        }
        return nil
    }

    /// One page of `items` with `pageInfo` and, when more follow, an opaque `nextPageToken`.
    private func paged(_ request: LoggedRequest, _ items: [[String: Any]], kind: String, shown: ([String: Any]) -> [String: Any]) -> Reply {
        let count = API.limit(request, "maxResults", default: 20, most: 100, clamp: false) ?? 20
        let offset = request.value("pageToken").flatMap(Self.offset) ?? 0
        let page = items.dropFirst(offset).prefix(count).map(shown)
        var body: [String: Any] = ["kind": kind, "etag": "stand-in-\(offset)", "pageInfo": ["totalResults": items.count, "resultsPerPage": count],
                                   "items": page]
        if offset + page.count < items.count { body["nextPageToken"] = Data("stand-in:\(offset + page.count)".utf8).base64EncodedString() }
        return Reply(json: body)
    }

    private static func offset(_ token: String) -> Int? {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8), text.hasPrefix("stand-in:") else { return nil }
        return Int(text.dropFirst("stand-in:".count))
    }

    /// When a thread's top-level comment was published.
    private static func published(_ thread: [String: Any]) -> Date {
        let top = (thread["snippet"] as? [String: Any])?["topLevelComment"] as? [String: Any]
        return API.date((top?["snippet"] as? [String: Any])?["publishedAt"] as? String) ?? .distantPast
    }

    /// Google's error body.
    private func error(_ code: Int, _ message: String, reason: String, domain: String, status: String? = nil, location: String? = nil) -> Reply {
        var detail: [String: Any] = ["message": message, "domain": domain, "reason": reason]
        if let location { detail["location"] = location; detail["locationType"] = "parameter" }
        var body: [String: Any] = ["code": code, "message": message, "errors": [detail]]
        if let status { body["status"] = status }
        return Reply(status: code, json: ["error": body])
    }
}
