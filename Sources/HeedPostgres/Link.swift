import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to the server, used by one thread at a time: statements are sent through
/// postgres-nio and waited for, so the store's callers stay synchronous (they are never on an
/// event loop). `COPY … FROM STDIN` runs as a task that the caller waits for.
final class Link: @unchecked Sendable {
    let connection: PostgresConnection
    let logger: Logger
    /// The server process serving this connection.
    private(set) var backend: Int32 = 0

    private init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Connects to `location` with `password`, TLS as its `sslmode` says.
    static func open(_ location: PostgresLocation, password: String?, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) throws -> Link {
        var logger = Logger(label: "heed.postgres")
        logger.logLevel = .critical
        var configuration: PostgresConnection.Configuration
        if location.isSocket {
            configuration = .init(unixSocketPath: location.socketPath, username: location.user, password: password, database: location.database)
        } else {
            configuration = .init(host: location.host, port: location.port, username: location.user, password: password, database: location.database,
                                  tls: try tls(location))
        }
        configuration.options.additionalStartupParameters = location.settings.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let link: Link
        do {
            let connection = try PostgresConnection.connect(on: group.next(), configuration: configuration, id: 1, logger: logger).wait()
            link = Link(connection: connection, logger: logger)
        } catch {
            throw PostgresFailure.connecting(error, to: location)
        }
        link.backend = try link.rows("SELECT pg_backend_pid()").first.map { try $0.decode(Int32.self) } ?? 0
        return link
    }

    /// The TLS of `sslmode`: prefer and require encrypt without verifying (as libpq), verify-ca
    /// checks the chain, verify-full the host name too.
    static func tls(_ location: PostgresLocation) throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch location.sslMode {
        case .disable: return .disable
        case .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        if let root = location.rootCertificate { configuration.trustRoots = .file(root) }
        do {
            let context = try NIOSSLContext(configuration: configuration)
            return location.sslMode == .prefer ? .prefer(context) : .require(context)
        } catch {
            throw PostgresFailure("cannot set up TLS for \(location): \(error)")
        }
    }

    /// Runs a statement and returns its rows.
    @discardableResult
    func rows(_ sql: String, _ binds: [Bind] = []) throws -> [PostgresRow] {
        try result(sql, binds).rows
    }

    /// Runs a statement and returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ binds: [Bind] = []) throws -> Int {
        try result(sql, binds).metadata.rows ?? 0
    }

    /// Runs a statement built by a `Statement`.
    @discardableResult
    func rows(_ statement: Statement) throws -> [PostgresRow] {
        try rows(statement.sql, statement.binds)
    }

    private func result(_ sql: String, _ binds: [Bind]) throws -> PostgresQueryResult {
        try query(sql, binds).wait()
    }

    /// Sends a statement without waiting for its answer. The connection runs statements in the
    /// order they were sent, so the next one sent goes to the server as soon as this one is
    /// answered, without the calling thread waking in between (each wake costs about as much
    /// as the server's work on a small statement). Whoever sends must wait for the answer
    /// (`wait`) before the connection goes back to the pool.
    func send(_ sql: String, _ binds: [Bind] = []) -> Sent {
        Sent(future: query(sql, binds))
    }

    private func query(_ sql: String, _ binds: [Bind]) -> EventLoopFuture<PostgresQueryResult> {
        var bindings = PostgresBindings(capacity: binds.count)
        for bind in binds { bind.append(to: &bindings) }
        return connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
    }

    /// A statement sent and not yet waited for.
    struct Sent {
        fileprivate let future: EventLoopFuture<PostgresQueryResult>

        /// Waits for the answer; what the server refused is thrown here.
        @discardableResult
        func wait() throws -> [PostgresRow] { try future.wait().rows }
    }

    /// Streams rows made by `write` into `table` with `COPY … FROM STDIN` (text format).
    func copy(into table: String, columns: [String], _ data: ByteBuffer) throws {
        try Running { [self] in try await copy(async: table, columns: columns, data) }.wait()
    }

    /// Runs `work` on this connection in a task while the caller goes on; the caller waits for
    /// it (`Running.wait`) before the connection is used for anything else that depends on it.
    func running<T: Sendable>(_ work: @escaping @Sendable (Link) async throws -> T) -> Running<T> {
        Running { [self] in try await work(self) }
    }

    /// A statement's rows, from a task.
    @discardableResult
    func rows(async sql: String, _ binds: [Bind] = []) async throws -> [PostgresRow] {
        try await query(sql, binds).get().rows
    }

    /// `COPY … FROM STDIN` of `data` into `table`, from a task.
    func copy(async table: String, columns: [String], _ data: ByteBuffer) async throws {
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            try await writer.write(data)
        }
    }

    /// Closes the connection.
    func close() {
        try? connection.close().wait()
    }

    var isClosed: Bool { connection.isClosed }
}

/// Async work run in a task from a thread that is not one of Swift's concurrency pool, and
/// waited for there (once) when its outcome is needed.
final class Running<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<T, any Error>?

    /// Starts `work`.
    init(_ work: @escaping @Sendable () async throws -> T) {
        Task.detached { [self] in
            do { outcome = .success(try await work()) } catch { outcome = .failure(error) }
            done.signal()
        }
    }

    /// Waits for the work to end; what it threw is thrown here.
    func wait() throws -> T {
        done.wait()
        done.signal()
        guard let outcome else { throw PostgresFailure("a task on the team store ended without an outcome") }
        return try outcome.get()
    }
}

/// A value bound to a statement's `$n`.
enum Bind: Sendable {
    case text(String?)
    case int(Int64?)
    case bool(Bool)
    case texts([String])
    case ints([Int64])

    func append(to bindings: inout PostgresBindings) {
        switch self {
        case .text(let value): bindings.append(value)
        case .int(let value): bindings.append(value)
        case .bool(let value): bindings.append(value)
        case .texts(let values): bindings.append(values)
        case .ints(let values): bindings.append(values)
        }
    }
}

/// SQL with its binds, built piece by piece: `bind` gives the next `$n` for a value.
struct Statement {
    var sql = ""
    var binds: [Bind] = []

    init(_ sql: String = "", _ binds: [Bind] = []) {
        self.sql = sql
        self.binds = binds
    }

    /// The placeholder of a new bind.
    mutating func bind(_ value: Bind) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }
}
