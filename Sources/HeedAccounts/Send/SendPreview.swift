import Foundation
import HeedConfig
import HeedCore
import HeedOutbox

/// What `heed send --dry-run` prints: each request a send would make, one JSON line a draft,
/// with its address on the account's server, its headers (the credential masked) and its
/// body. No secret is read and nothing is sent; Bluesky's repo is the account's handle (the
/// real send names its DID, from the session).
public enum SendPreview {
    /// The plan's requests, in the order a send makes them, as of `at`.
    public static func lines(_ plan: SendPlan, at: Date) -> [String] {
        plan.batches.flatMap { batch in
            batch.jobs.map { line($0, account: batch.account, at: at) }
        }
    }

    /// One draft's request as a JSON line (or why it cannot be made).
    static func line(_ job: SendJob, account: AccountConfig, at: Date) -> String {
        var json = JSONWriter()
        json.add("draft", job.draft.id)
        json.add("account", account.label)
        switch job.step {
        case .post: break
        case .checkFirst: json.add("first", "look on \(account.platform?.rawValue ?? "the platform") for an earlier try; post only if it is not there")
        case .retry: json.add("first", "post again although an earlier try may have posted it (--retry-unknown)")
        }
        do {
            guard let platform = account.platform, let poster = Posters.poster(for: platform) else { throw NotPostable("heed cannot post there") }
            let credential = poster.masked(account)
            let request = try PostRequest.make(for: job.draft, blueskyRepo: account.handle, at: at, instagramUser: account.settings["user_id"]).get()
            let http = try poster.http(request, credential: credential, server: account.server ?? "", account: account)
            var headers = http.headers
            switch credential {
            case .bearer: headers["Authorization"] = "Bearer \(Secret.mask)"
            case .basic(let user, _): headers["Authorization"] = "Basic \(user):\(Secret.mask)"
            case .query(let name, _): headers["(query)"] = "\(name)=\(Secret.mask)"
            }
            json.add("method", http.method)
            json.add("url", http.url.absoluteString)
            json.add("headers", headers)
            let body = String(decoding: http.body ?? Data(), as: UTF8.self)
            if headers["Content-Type"] == "application/json" { json.addRaw("body", body) } else { json.add("body", body) }
        } catch {
            json.add("error", "\(error)")
        }
        return json.finish()
    }
}
