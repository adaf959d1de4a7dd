import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one request and waits for its whole answer: the part of the client that touches
/// the network (tests may put a stand-in here, though they mostly talk to a local server).
public protocol HTTPTransport: Sendable {
    /// The server's answer to `request`, read up to `limit` bytes; throws `TransportFailure`
    /// when none came.
    func send(_ request: URLRequest, limit: Int) throws -> HTTPResponse
}

/// Why no answer came: the network failed, it took too long, or it was too large; `unreached`
/// when the request surely never reached the server (no connection was made).
public struct TransportFailure: Error, Sendable {
    public enum Kind: Sendable { case network, timeout, tooLarge, unreached }
    public var kind: Kind
    public var message: String
}

/// Foundation's `URLSession` (FoundationNetworking on Linux): an ephemeral session (no
/// cookies, cache or credentials kept on disk), redirects never followed (a credential must
/// not travel to another host), answers cut off past their limit.
public final class URLSessionTransport: NSObject, HTTPTransport, URLSessionDataDelegate, @unchecked Sendable {
    /// One task's answer as it arrives.
    private final class Pending {
        var response: HTTPURLResponse?
        var data = Data()
        var error: (any Error)?
        var tooLarge = false
        let limit: Int
        let done = DispatchSemaphore(value: 0)
        init(limit: Int) { self.limit = limit }
    }

    private let lock = NSLock()
    private var pending: [Int: Pending] = [:]
    private var session: URLSession!

    /// A transport whose requests give up after `timeout` seconds without data, and
    /// `resourceTimeout` in all.
    public init(timeout: TimeInterval = 30, resourceTimeout: TimeInterval = 300) {
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = resourceTimeout
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.urlCredentialStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
    }

    deinit { session.invalidateAndCancel() }

    /// Runs one data task and waits for it (the caller's thread blocks; the session's queue does not).
    public func send(_ request: URLRequest, limit: Int) throws -> HTTPResponse {
        let task = session.dataTask(with: request)
        let state = Pending(limit: limit)
        lock.withLock { pending[task.taskIdentifier] = state }
        task.resume()
        state.done.wait()
        lock.withLock { pending[task.taskIdentifier] = nil }
        if state.tooLarge { throw TransportFailure(kind: .tooLarge, message: "over \(limit / 1_048_576) MiB") }
        if let error = state.error { throw Self.failure(error) }
        guard let response = state.response else { throw TransportFailure(kind: .network, message: "no answer") }
        let headers = Dictionary(response.allHeaderFields.compactMap { key, value in (key as? String).map { ($0, "\(value)") } }, uniquingKeysWith: { $1 })
        return HTTPResponse(status: response.statusCode, headers: headers, body: [UInt8](state.data), url: response.url ?? request.url!)
    }

    private func state(_ task: URLSessionTask) -> Pending? {
        lock.withLock { pending[task.taskIdentifier] }
    }

    /// The answer's head: an announced length over the limit cancels it.
    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                           completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        guard let state = state(dataTask) else { return completionHandler(.cancel) }
        state.response = response as? HTTPURLResponse
        if response.expectedContentLength > Int64(state.limit) {
            state.tooLarge = true
            return completionHandler(.cancel)
        }
        completionHandler(.allow)
    }

    /// A part of the body: kept, or the task cancelled once the body passes the limit.
    public func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let state = state(dataTask), !state.tooLarge else { return }
        if state.data.count + data.count > state.limit {
            state.tooLarge = true
            dataTask.cancel()
            return
        }
        state.data.append(data)
    }

    /// A redirect: never followed.
    public func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                           newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        // The 3xx itself becomes the answer; the client says where it pointed.
        completionHandler(nil)
    }

    /// The task ended: its waiter goes on.
    public func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let state = state(task) else { return }
        if !state.tooLarge { state.error = error }
        state.done.signal()
    }

    /// URLSession's error in a user's words.
    static func failure(_ error: any Error) -> TransportFailure {
        let code = (error as NSError).code
        let described = (error as NSError).localizedDescription
        let unreached = [NSURLErrorCannotConnectToHost, NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed, NSURLErrorNotConnectedToInternet,
                         NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasBadDate,
                         NSURLErrorServerCertificateNotYetValid, NSURLErrorServerCertificateHasUnknownRoot]
        let kind: TransportFailure.Kind = code == NSURLErrorTimedOut ? .timeout : unreached.contains(code) ? .unreached : .network
        let message = switch code {
        case NSURLErrorTimedOut: "no answer in time"
        case NSURLErrorCannotConnectToHost: "could not connect (refused)"
        case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed: "unknown host"
        case NSURLErrorNetworkConnectionLost: "the connection was lost"
        case NSURLErrorNotConnectedToInternet: "not connected to a network"
        case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasBadDate,
             NSURLErrorServerCertificateNotYetValid, NSURLErrorServerCertificateHasUnknownRoot: "the secure connection failed (certificate?)"
        // libcurl's "transfer closed with N bytes remaining" comes as an unknown error.
        default: described.contains("transfer closed") ? "the connection was lost (\(described))" : described
        }
        return TransportFailure(kind: kind, message: message)
    }
}
