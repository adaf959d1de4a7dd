import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The time and the waiting, injectable: tests run a day of backoff in no time.
public struct FetchClock: Sendable {
    public var now: @Sendable () -> Date
    public var sleep: @Sendable (TimeInterval) -> Void

    /// A clock that tells the time with `now` and waits with `sleep`.
    public init(now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (TimeInterval) -> Void) {
        self.now = now
        self.sleep = sleep
    }

    /// The real clock.
    public static let live = FetchClock(now: { Date() }, sleep: { seconds in
        if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
    })
}

/// How hard the client tries, and how long it waits.
public struct RetryPolicy: Sendable {
    /// Tries of a request that met a server error (5xx) or a network error.
    public var attempts = 4
    /// The first backoff; each next one doubles, up to `maxDelay`, times a jitter in 0.5…1.
    public var baseDelay: TimeInterval = 1
    public var maxDelay: TimeInterval = 30
    /// The longest wait for a rate limit (429, `Retry-After`, a reset time); a longer one
    /// fails the account with the time to try again.
    public var maxWait: TimeInterval = 300
    /// Rate-limit waits one request may take.
    public var rateWaits = 3
    /// The largest answer read, in bytes.
    public var limit = 16 * 1_048_576
    /// The factor of each backoff, in 0.5…1 (tests fix it).
    public var jitter: @Sendable () -> Double = { Double.random(in: 0.5...1) }

    /// The defaults: four tries, 1 s doubling to 30 s, waits of up to five minutes, 16 MiB.
    public init() {}

    /// The wait before try `attempt + 1` after a failed try `attempt` (from 1).
    func backoff(_ attempt: Int) -> TimeInterval {
        min(maxDelay, baseDelay * pow(2, Double(attempt - 1))) * jitter()
    }
}

/// A wait for a rate limit, as the client tells it before waiting.
public struct RateWait: Sendable, Equatable {
    public var host: String
    public var seconds: TimeInterval
    public var until: Date
}

/// The HTTP client every fetcher (and the sender) uses: credentials only over https (or to
/// this machine), never across a redirect; timeouts; retries with exponential backoff and
/// jitter for server and network errors; 429 and `Retry-After` (seconds or a date), and the
/// rate-limit headers (`X-RateLimit-*`, `x-rate-limit-*`, `RateLimit-*`) waited out up to
/// `maxWait`; any other 4xx never retried; answers bounded in size. Every message is redacted.
public final class HTTPClient: @unchecked Sendable {
    private let transport: any HTTPTransport
    private let clock: FetchClock
    private let policy: RetryPolicy
    private let redactor: Redactor
    private let userAgent: String
    private let waiting: @Sendable (RateWait) -> Void
    private let lock = NSLock()
    /// Hosts whose rate limit is spent, and when it comes back.
    private var holds: [String: Date] = [:]

    /// A client over `transport`; `waiting` is told of each rate-limit wait before it starts.
    public init(transport: any HTTPTransport = URLSessionTransport(), clock: FetchClock = .live, policy: RetryPolicy = RetryPolicy(),
                redactor: Redactor, userAgent: String, waiting: @escaping @Sendable (RateWait) -> Void = { _ in }) {
        self.transport = transport
        self.clock = clock
        self.policy = policy
        self.redactor = redactor
        self.userAgent = userAgent
        self.waiting = waiting
    }

    /// Sends `request` and returns a 2xx or 304 answer; throws `HTTPFailure` for anything else.
    public func send(_ request: HTTPRequest) throws -> HTTPResponse {
        let shown = redactor.clean(request.url.absoluteString)
        guard request.isSafeForCredential else { throw HTTPFailure(.insecure, url: shown, detail: "") }
        let host = request.url.host ?? ""
        let prepared = prepare(request)
        var attempt = 0
        var rateWaits = 0
        while true {
            try waitForHold(host, url: shown)
            attempt += 1
            let response: HTTPResponse
            do {
                response = try transport.send(prepared, limit: policy.limit)
            } catch let failure as TransportFailure {
                if failure.kind == .tooLarge { throw HTTPFailure(.tooLarge, url: shown, detail: failure.message) }
                guard attempt < policy.attempts, request.idempotent || failure.kind == .unreached else {
                    let reason: HTTPFailure.Reason = failure.kind == .unreached ? .unreached : .network
                    throw HTTPFailure(reason, url: shown, detail: redactor.clean(failure.message) + (attempt > 1 ? ", \(attempt) tries" : ""))
                }
                clock.sleep(policy.backoff(attempt))
                continue
            }
            noteLimits(response, host: host)
            switch response.status {
            case 200..<300, 304:
                return response
            case let code where code == 429 || ([400, 403].contains(code) && RateLimits.isSpent(response)):
                rateWaits += 1
                let until = RateLimits.retryAt(response, now: clock.now()) ?? clock.now().addingTimeInterval(policy.backoff(rateWaits) * 2)
                try wait(until: until, host: host, url: shown, response: response, exhausted: rateWaits > policy.rateWaits)
            case 500..<600 where attempt < policy.attempts && request.idempotent:
                let retry = RateLimits.retryAt(response, now: clock.now()).map { $0.timeIntervalSince(clock.now()) }
                clock.sleep(min(policy.maxWait, max(0, retry ?? policy.backoff(attempt))))
            case 300..<400:
                let location = response.header("Location").map { " to \(redactor.clean($0))" } ?? ""
                throw HTTPFailure(.redirected, url: shown, detail: "\(response.status)\(location)")
            default:
                let said = redactor.clean(HTTPFailure.serverMessage(response.body))
                throw HTTPFailure(.status(response.status), url: shown, detail: said + (response.status >= 500 ? ", \(attempt) tries" : ""))
            }
        }
    }

    /// The URLRequest: heed's user agent, JSON wanted, the credential added last.
    private func prepare(_ request: HTTPRequest) -> URLRequest {
        var url = request.url
        if case .query(let name, let secret) = request.credential, var components = URLComponents(url: url, resolvingAgainstBaseURL: false) {
            components.queryItems = (components.queryItems ?? []) + [URLQueryItem(name: name, value: secret.revealed)]
            url = components.url ?? url
        }
        var prepared = URLRequest(url: url)
        prepared.httpMethod = request.method
        prepared.httpBody = request.body
        prepared.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        prepared.setValue("application/json", forHTTPHeaderField: "Accept")
        for (name, value) in request.headers { prepared.setValue(value, forHTTPHeaderField: name) }
        switch request.credential {
        case .bearer(let token): prepared.setValue("Bearer \(token.revealed)", forHTTPHeaderField: "Authorization")
        case .basic(let user, let password):
            redactor.hideBasic(user: user, password: password)
            let pair = Data("\(user):\(password.revealed)".utf8).base64EncodedString()
            prepared.setValue("Basic \(pair)", forHTTPHeaderField: "Authorization")
        case .query, nil: break
        }
        return prepared
    }

    /// Remembers a host whose limit is spent (remaining 0) until its reset.
    private func noteLimits(_ response: HTTPResponse, host: String) {
        guard RateLimits.remaining(response) == 0, let reset = RateLimits.reset(response, now: clock.now()) else { return }
        lock.withLock { holds[host] = max(holds[host] ?? .distantPast, reset) }
    }

    /// Waits for a host whose limit was spent by an earlier answer.
    private func waitForHold(_ host: String, url: String) throws {
        guard let until = lock.withLock({ holds[host] }) else { return }
        lock.withLock { holds[host] = nil }
        guard until > clock.now() else { return }
        try wait(until: until, host: host, url: url, response: nil, exhausted: false)
    }

    /// Waits until `until`, telling it first; throws when that is beyond `maxWait`.
    private func wait(until: Date, host: String, url: String, response: HTTPResponse?, exhausted: Bool) throws {
        let seconds = max(0, until.timeIntervalSince(clock.now()))
        if exhausted || seconds > policy.maxWait {
            let said = response.map { redactor.clean(HTTPFailure.serverMessage($0.body)) } ?? ""
            let over = exhausted ? "still limited after \(policy.rateWaits) waits" : "over the longest wait, \(Int(policy.maxWait)) s ([fetch] max_wait)"
            throw HTTPFailure(.rateLimited(until: until), url: url, detail: [said, over].filter { !$0.isEmpty }.joined(separator: "; "))
        }
        waiting(RateWait(host: host, seconds: seconds, until: until))
        clock.sleep(seconds)
    }
}
