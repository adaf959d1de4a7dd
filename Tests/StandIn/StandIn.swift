import FlyingFox
import FlyingSocks
import Foundation

/// A stand-in for the platforms' APIs: a local HTTP server (on 127.0.0.1, a free port) that
/// replays the responses recorded in ../shared/samples as each platform's API gives them —
/// their auth (bearer tokens, Bluesky sessions whose access tokens expire, OAuth token
/// endpoints, API keys, application passwords), their pagination (`Link` headers, cursors,
/// page tokens), their rate-limit headers and quotas — and refuses what they refuse (no or a
/// wrong credential, with the platform's error body; parameters the API does not take). Tests add items, read the requests it got, and make it fail.
public final class StandIn: @unchecked Sendable {
    /// Its address, `http://127.0.0.1:PORT`.
    public let base: String
    public let mastodon: MastodonStandIn
    public let bluesky: BlueskyStandIn
    public let github: GitHubStandIn
    public let reddit: RedditStandIn
    public let x: XStandIn
    public let wordpress: WordPressStandIn
    public let youtube: YouTubeStandIn
    public let hackernews: HackerNewsStandIn
    public let facebook: FacebookStandIn
    public let instagram: InstagramStandIn
    /// X, YouTube, Reddit, WordPress and the Graph API: where heed only posts.
    public let posting: PostingStandIn
    private let server: HTTPServer
    private let task: Task<Void, any Error>
    /// The route's way back to this stand-in (cleared on stop, so neither keeps the other).
    private let route = Box<StandIn?>(nil)
    private let lock = NSLock()
    private var log: [LoggedRequest] = []
    private var faults: [(path: String, fault: Fault, times: Int)] = []
    private var holding = 0
    private var released = false

    /// What the stand-in can be told to do instead of answering.
    public enum Fault: Sendable {
        /// Answer with this status, headers and body.
        case status(Int, headers: [String: String], body: String)
        /// Send the answer's headers and half its body, then close the connection.
        case dropMidBody
        /// Answer as usual, after this many seconds.
        case slow(TimeInterval)
        /// Do what the request asks (a post is made), then hold the answer until `release()`
        /// (or the stand-in stops): the client waits as for a server that never answers.
        case hold
    }

    /// Starts a stand-in on a free loopback port, its data read from `samples`.
    public init(samples: URL) throws {
        let recorded = try Recorded(folder: samples)
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 30, logger: .disabled)
        let ready = DispatchSemaphore(value: 0)
        let task = Task { try await server.run() }
        let found = Box<UInt16?>(nil)
        Task {
            try? await server.waitUntilListening(timeout: 10)
            if case .ip4(_, let port) = await server.listeningAddress { found.value = port }
            ready.signal()
        }
        ready.wait()
        guard let port = found.value else {
            task.cancel()
            throw StandInError("the stand-in could not listen on 127.0.0.1")
        }
        Self.sendAtOnce(port: port)
        self.server = server
        self.task = task
        base = "http://127.0.0.1:\(port)"
        mastodon = MastodonStandIn(recorded: recorded, base: base)
        bluesky = BlueskyStandIn(recorded: recorded)
        github = GitHubStandIn(recorded: recorded, base: base)
        reddit = RedditStandIn(recorded: recorded)
        x = XStandIn(recorded: recorded)
        wordpress = WordPressStandIn(recorded: recorded, base: base)
        youtube = YouTubeStandIn(recorded: recorded)
        hackernews = HackerNewsStandIn(recorded: recorded)
        facebook = FacebookStandIn(recorded: recorded)
        instagram = InstagramStandIn(recorded: recorded)
        posting = PostingStandIn(recorded: recorded, base: base)
        let route = route
        route.value = self
        let routed = DispatchSemaphore(value: 0)
        Task {
            await server.appendRoute("*") { [route] request in
                guard let standIn = route.value else { return HTTPResponse(statusCode: .serviceUnavailable) }
                return await standIn.answer(request)
            }
            routed.signal()
        }
        routed.wait()
    }

    /// Turns Nagle's algorithm off on the listening socket (connections accepted from it
    /// inherit it): FlyingFox writes a response's head and body apart, and the body would
    /// otherwise wait for the client's delayed acknowledgement, 40 ms an answer.
    private static func sendAtOnce(port: UInt16) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? [] {
            guard let fd = Int32(name) else { continue }
            var address = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let named = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
            guard named == 0, address.sin_family == sa_family_t(AF_INET), UInt16(bigEndian: address.sin_port) == port else { continue }
            var on: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    /// Stops the server and ends every connection.
    public func stop() {
        release()
        route.value = nil
        let done = DispatchSemaphore(value: 0)
        Task {
            await server.stop(timeout: 0)
            done.signal()
        }
        _ = done.wait(timeout: .now() + 5)
        task.cancel()
    }

    deinit { task.cancel() }

    // MARK: - What tests ask

    /// Every request it got, in order.
    public var requests: [LoggedRequest] { lock.withLock { log } }

    /// The requests to one path.
    public func requests(to path: String) -> [LoggedRequest] { requests.filter { $0.path == path } }

    /// Forgets the requests so far.
    public func clearRequests() { lock.withLock { log.removeAll() } }

    /// Answers the next `times` requests to `path` with `fault` instead.
    public func fail(_ path: String, with fault: Fault, times: Int = 1) {
        lock.withLock { faults.append((path, fault, times)) }
    }

    /// How many answers `.hold` keeps back now.
    public var held: Int { lock.withLock { holding } }

    /// Lets every held answer go (those held from now on too).
    public func release() {
        lock.withLock { released = true }
    }

    // MARK: - Answering

    private func answer(_ request: HTTPRequest) async -> HTTPResponse {
        let logged = LoggedRequest(request, body: (try? await request.bodyData) ?? Data())
        let fault: Fault? = lock.withLock {
            log.append(logged)
            guard let index = faults.firstIndex(where: { $0.path == logged.path && $0.times > 0 }) else { return nil }
            faults[index].times -= 1
            return faults[index].fault
        }
        if case .status(let code, let headers, let body) = fault {
            return Reply(status: code, headers: headers, body: Data(body.utf8)).response
        }
        if case .slow(let seconds) = fault { try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000)) }
        // What heed posts (to X, YouTube, Reddit, WordPress, the Graph API) first: some of those
        // paths are also read by fetches, which are GETs; Reddit's and WordPress's paths would
        // look like Mastodon's /api/v1/ to it.
        let posted = logged.method == "POST" ? posting.answer(logged) : nil
        let reply = posted ?? mastodon.answer(logged) ?? bluesky.answer(logged) ?? github.answer(logged) ?? reddit.answer(logged) ?? x.answer(logged)
            ?? wordpress.answer(logged) ?? youtube.answer(logged) ?? hackernews.answer(logged)
            ?? instagram.answer(logged, base: base) ?? facebook.answer(logged, base: base)
            ?? Reply(status: 404, json: ["error": "Not Found"])
        if case .dropMidBody = fault { return reply.dropped }
        if case .hold = fault { await hold() }
        return reply.response
    }
}

extension StandIn {
    /// Waits until `release()`, counted in `held` meanwhile.
    private func hold() async {
        lock.withLock { holding += 1 }
        while !lock.withLock({ released }) { try? await Task.sleep(nanoseconds: 10_000_000) }
        lock.withLock { holding -= 1 }
    }
}

/// One request as the stand-in got it.
public struct LoggedRequest: Sendable {
    public var method: String
    public var path: String
    /// The query's items in order (names may repeat: `types[]`).
    public var query: [(name: String, value: String)]
    /// Headers by lower-case name.
    public var headers: [String: String]
    public var body: Data

    init(_ request: HTTPRequest, body: Data) {
        method = request.method.rawValue
        path = request.path
        query = request.query.map { ($0.name, $0.value) }
        headers = Dictionary(request.headers.map { ($0.key.rawValue.lowercased(), $0.value) }, uniquingKeysWith: { "\($0), \($1)" })
        self.body = body
    }

    /// The first value of a query parameter.
    public func value(_ name: String) -> String? { query.first { $0.name == name }?.value }

    /// Every value of a query parameter.
    public func values(_ name: String) -> [String] { query.filter { $0.name == name }.map(\.value) }

    /// The body as a JSON object, if it is one.
    public var json: [String: Any]? { try? JSONSerialization.jsonObject(with: body) as? [String: Any] }

    /// The body as `application/x-www-form-urlencoded` fields (the last of a name given twice).
    public var form: [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }

    /// The bearer token sent, if any.
    public var bearer: String? {
        guard let header = headers["authorization"], header.hasPrefix("Bearer ") else { return nil }
        return String(header.dropFirst(7))
    }
}

/// An answer a platform's stand-in gives, turned into FlyingFox's response in one place.
struct Reply {
    var status: Int
    var headers: [String: String] = [:]
    var body = Data()

    init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON answer (objects and arrays as JSONSerialization takes them).
    init(status: Int = 200, json: Any, headers: [String: String] = [:]) {
        self.status = status
        self.headers = headers.merging(["Content-Type": "application/json; charset=utf-8"]) { old, _ in old }
        body = (try? JSONSerialization.data(withJSONObject: json, options: [.fragmentsAllowed])) ?? Data()
    }

    var response: HTTPResponse {
        HTTPResponse(statusCode: HTTPStatusCode(status, phrase: "Stand-in"), headers: fields, body: HTTPBodySequence(data: body, suggestedBufferSize: max(4_096, body.count)))
    }

    /// Headers and half the body, then the connection closes.
    var dropped: HTTPResponse {
        var fields = fields
        fields[.contentLength] = "\(body.count)"
        let half = [UInt8](body.prefix(max(1, body.count / 2)))
        return HTTPResponse(statusCode: HTTPStatusCode(status, phrase: "Stand-in"), headers: fields,
                            body: HTTPBodySequence(from: Broken(bytes: half), count: body.count))
    }

    private var fields: HTTPHeaders {
        HTTPHeaders(Dictionary(headers.map { (HTTPHeader($0.key), $0.value) }, uniquingKeysWith: { $1 }))
    }
}

/// Bytes that end in an error: the connection drops after them.
private struct Broken: AsyncBufferedSequence, AsyncBufferedIteratorProtocol, Sendable {
    typealias Element = UInt8
    var bytes: [UInt8]
    var sent = false

    func makeAsyncIterator() -> Broken { self }

    mutating func next() async throws -> UInt8? {
        guard !sent, !bytes.isEmpty else { throw StandInError("dropped") }
        return bytes.removeFirst()
    }

    mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
        guard !sent else { throw StandInError("dropped") }
        sent = true
        return bytes
    }
}

/// Something the stand-in itself could not do.
public struct StandInError: Error, CustomStringConvertible {
    public let description: String
    /// A failure said in `description`.
    public init(_ description: String) { self.description = description }
}

/// A value shared with a task, set once before it is read.
final class Box<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
