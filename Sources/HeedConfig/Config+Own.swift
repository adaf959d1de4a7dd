import Foundation
import HeedCore

/// The user's own accounts recognised by every name a platform gives them: Mastodon lists the
/// accounts of the server asked without a domain (`halcy`, not `halcy@mastodon.social`), Flickr
/// names a person by NSID, path alias and screen name, Bluesky by handle and DID.
extension Config {
    /// Whether the user wrote a mention: its author is one of `[handles]` by any of their names.
    public func isOwn(_ mention: Mention) -> Bool {
        guard let own = handles[mention.platform], !own.isEmpty else { return false }
        let author = mention.author
        switch mention.platform {
        case .mastodon:
            // An account without a domain is local to the server the page came from: its
            // profile URL tells which, else the handle configured does.
            return author.handle.map { isOwnOnMastodon($0, localDomain: Self.host(author.url), own: own) } ?? false
        case .flickr:
            let alias = author.url.flatMap(Self.flickrName)
            return [author.handle, mention.replyTarget["author_nsid"], alias].contains { $0.map { own.contains(Self.normal($0)) } ?? false }
        case .bluesky:
            return [author.handle, mention.replyTarget["author_did"]].contains { $0.map { own.contains(Self.normal($0)) } ?? false }
        default:
            return isOwn(mention.platform, author.handle)
        }
    }

    /// Whether a handle on a platform is one of the user's own (a Mastodon handle without a
    /// domain is compared with the handles configured, whose domain is the user's server).
    public func isOwn(_ platform: Platform, _ handle: String?) -> Bool {
        guard let handle, let own = handles[platform], !own.isEmpty else { return false }
        if platform == .mastodon { return isOwnOnMastodon(handle, localDomain: nil, own: own) }
        return own.contains(Self.normal(handle))
    }

    /// A Mastodon handle (`user` or `user@domain`) against the handles configured: the same
    /// handle; a local one (no domain) whose server is `localDomain` (or, when that is unknown,
    /// the configured handle's); a server's web domain against its accounts' domain
    /// (`social.example.com` and `example.com`). A handle configured without a domain matches
    /// local accounts only.
    func isOwnOnMastodon(_ handle: String, localDomain: String?, own: Set<String>) -> Bool {
        let asked = Self.normal(handle)
        if own.contains(asked) { return true }
        let (user, domain) = Self.split(asked)
        let server = domain ?? localDomain.map { $0.lowercased() }
        return own.contains { configured in
            let (configuredUser, configuredDomain) = Self.split(configured)
            guard configuredUser == user else { return false }
            guard let configuredDomain else { return domain == nil }
            guard let server else { return true }
            return Self.sameServer(server, configuredDomain)
        }
    }

    /// A handle's user and domain: `alice@example.social` → (alice, example.social).
    static func split(_ handle: String) -> (String, String?) {
        guard let at = handle.firstIndex(of: "@") else { return (handle, nil) }
        return (String(handle[..<at]), String(handle[handle.index(after: at)...]))
    }

    /// Whether two domains name one server: equal, or one a subdomain of the other (a server
    /// at `social.example.com` whose accounts are `@example.com`). Ports are left out.
    static func sameServer(_ first: String, _ second: String) -> Bool {
        let a = first.split(separator: ":").first.map(String.init) ?? first
        let b = second.split(separator: ":").first.map(String.init) ?? second
        return a == b || a.hasSuffix("." + b) || b.hasSuffix("." + a)
    }

    /// The host of a URL, lowercased; nil when there is none.
    static func host(_ url: String?) -> String? {
        url.flatMap { URLComponents(string: $0)?.host?.lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The person a Flickr profile URL names: `https://www.flickr.com/photos/{alias or NSID}/`.
    static func flickrName(_ url: String) -> String? {
        guard let parts = URLComponents(string: url)?.path.split(separator: "/"), parts.count >= 2, parts[0] == "photos" else { return nil }
        return String(parts[1])
    }
}
