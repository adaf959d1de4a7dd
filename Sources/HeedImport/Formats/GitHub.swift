import Foundation
import HeedCore

/// GitHub notifications: the array of threads `GET /notifications` returns (or one thread),
/// from github.com (`https://api.github.com/…`) or GitHub Enterprise Server
/// (`https://HOST/api/v3/…`). A thread says why it reached the user and what it is about,
/// never who wrote what, unless its latest comment (`subject.latest_comment_url`) was fetched
/// and kept beside it as `latest_comment`, as `heed fetch` does.
public enum GitHubFormat: PlatformFormat {
    public static let name = "github"
    public static let reads = "GitHub's GET /notifications (github.com or GitHub Enterprise's /api/v3)"

    static let authorAdvice = "github: notifications carry no author or comment text; fetch subject.latest_comment_url for the author and the comment text"

    /// Reasons that mean someone addressed the user; every other reason is skipped by name.
    public static let queued: Set<String> = ["mention", "team_mention", "comment", "author", "review_requested", "assign"]

    /// An array of notification threads, or one thread.
    public static func matches(_ page: JSON) -> Bool {
        if let threads = page.array { return threads.contains(where: isThread) }
        return isThread(page)
    }

    /// Reads every thread: queued when it addresses the user, skipped by its reason otherwise.
    public static func read(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {
        var lacksAuthor = false
        let threads: [(String, JSON)] = page.array.map { list in list.enumerated().map { (GraphSupport.place("threads", $0.offset), $0.element) } }
            ?? [("thread", page)]
        for (position, item) in threads {
            for event in thread(item, at: position, context) {
                if case .mention(let mention) = event, mention.author.handle == nil { lacksAuthor = true }
                try emit(event)
            }
        }
        if lacksAuthor { try emit(.advice(authorAdvice)) }
    }

    /// Whether a value is a notification thread: a reason, a subject and a repository.
    static func isThread(_ item: JSON) -> Bool {
        item["reason"]?.string != nil && item["subject"]?.object != nil && item["repository"]?.object != nil
    }

    /// One thread: queued when it addresses the user, skipped with its reason otherwise.
    static func thread(_ item: JSON, at position: String, _ context: ReadContext) -> [ImportEvent] {
        GraphSupport.events(context, at: position) {
            guard item.object != nil else { throw GraphSupport.problem("a notification thread must be an object") }
            let reason = try Field.required(item["reason"]?.text, "reason")
            guard queued.contains(reason) else { return [.skipped(reason: reason)] }
            let id = try Field.required(item["id"]?.id, "id")
            let createdAt = try Field.required(Times.iso(item["updated_at"]), "updated_at")
            guard let subject = item["subject"], subject.object != nil else { throw GraphSupport.problem("missing or invalid 'subject'") }
            let title = try Field.required(subject["title"]?.text, "subject.title")
            let repository = item[path: "repository", "full_name"]?.text
            let type = subject["type"]?.text
            let text = (type.map { "\($0): " } ?? "") + title + (repository.map { " (\($0))" } ?? "")
            let apiURL = subject["url"]?.text
            let web = apiURL.flatMap(webURL) ?? item[path: "repository", "html_url"]?.text
            var target: [String: String] = [:]
            if let comments = apiURL.flatMap(commentsURL) { target["comments_url"] = comments }
            // The thread's latest comment, when it was fetched beside it (`heed fetch` adds it as
            // `latest_comment`): who wrote it and what, and its own page.
            let comment = item["latest_comment"].flatMap { $0.object != nil ? $0 : nil }
            let body = comment?["body"]?.text.map(GraphSupport.plain).flatMap { $0.isEmpty ? nil : $0 }
            let author = Author(handle: comment?[path: "user", "login"]?.text, url: comment?[path: "user", "html_url"]?.text)
            let mention = Mention(
                platform: .github, id: id, kind: reason.hasSuffix("mention") ? .mention : .comment, author: author,
                text: GraphSupport.plain(text) + (body.map { "\n\n" + $0 } ?? ""), createdAt: createdAt,
                url: comment?["html_url"]?.text ?? web, conversation: apiURL, replyTarget: target
            )
            return [.mention(mention)]
        }
    }

    /// Answers of GitHub's API that are not notifications.
    public static let relatives: [Relative] = [
        Relative("a single GitHub issue or pull request (GET /repos/{owner}/{repo}/issues/{number})", matches: isIssue),
        Relative("a list of GitHub issues or pull requests") { page in page.array.map { !$0.isEmpty && $0.allSatisfy(isIssue) } ?? false },
        Relative("a GitHub comment") { page in
            page["body"] != nil && page["user"]?.object != nil && (page["issue_url"] ?? page["pull_request_url"]) != nil
        },
    ]

    /// An issue or a pull request: its number, title, author and page.
    static func isIssue(_ item: JSON) -> Bool {
        item["number"]?.int != nil && item["title"] != nil && item["user"]?.object != nil && item["html_url"] != nil
    }

    /// An API URL's parts: the API's base (`https://api.github.com`, or Enterprise's
    /// `https://HOST/api/v3`), the site people browse, and the owner, repository, kind and rest
    /// of `…/repos/o/r/issues/5` (o, r, issues, 5).
    static func apiParts(_ url: String) -> (api: String, web: String, owner: String, repo: String, kind: String, rest: String)? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty else { return nil }
        let origin = "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
        let path = components.percentEncodedPath
        let api: String, web: String, repos: Substring
        if host.lowercased() == "api.github.com", path.hasPrefix("/repos/") {
            (api, web, repos) = (origin, "https://github.com", path.dropFirst("/repos/".count))
        } else if path.hasPrefix("/api/v3/repos/") {
            (api, web, repos) = (origin + "/api/v3", origin, path.dropFirst("/api/v3/repos/".count))
        } else {
            return nil
        }
        let parts = repos.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        return (api, web, String(parts[0]), String(parts[1]), String(parts[2]), String(parts[3]))
    }

    /// The page a person opens for an API URL (issues, pulls, commits); nil when unknown.
    static func webURL(_ url: String) -> String? {
        guard let parts = apiParts(url) else { return nil }
        let kinds = ["issues": "issues", "pulls": "pull", "commits": "commit"]
        guard let kind = kinds[parts.kind], !parts.rest.contains("/") else { return nil }
        return "\(parts.web)/\(parts.owner)/\(parts.repo)/\(kind)/\(parts.rest)"
    }

    /// Where a reply to an issue or pull request is posted: its issue comments, on the same API.
    static func commentsURL(_ url: String) -> String? {
        guard let parts = apiParts(url), parts.kind == "issues" || parts.kind == "pulls" else { return nil }
        guard !parts.rest.isEmpty, parts.rest.allSatisfy(\.isNumber) else { return nil }
        return "\(parts.api)/repos/\(parts.owner)/\(parts.repo)/issues/\(parts.rest)/comments"
    }
}
