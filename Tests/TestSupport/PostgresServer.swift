import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL server the team store's tests use, and a schema of its own for each store.
///
/// `HEED_TEST_POSTGRES` names it (`postgres://heed@127.0.0.1:PORT/heed`, as `.ci/run` starts
/// one). Without it, a test run as root starts a throwaway cluster of Debian's PostgreSQL
/// (`initdb` and `pg_ctl` as the `postgres` user, on a free port and a private socket folder),
/// stopped when the tests end. Otherwise the tests that need a server are skipped with the
/// reason; under `CI=true` they fail instead, so a CI without a server never passes quietly.
public enum PostgresServer {
    /// The server's URL, or why there is none.
    public static let available: Result<String, SpawnError> = find()

    /// Debian's server binaries.
    static let binaries = "/usr/lib/postgresql/15/bin"

    /// The server's URL; skips the test (fails it under CI) when there is none.
    public static func url(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        switch available {
        case .success(let url): return url
        case .failure(let reason):
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                XCTFail("PostgreSQL is needed under CI: \(reason)", file: file, line: line)
                throw reason
            }
            throw XCTSkip("no PostgreSQL server for the team store's tests: \(reason) (set HEED_TEST_POSTGRES, or run as root with Debian's postgresql installed)")
        }
    }

    /// A new, empty schema on the server and the URL of a store in it (`options=-c search_path=…`).
    public static func freshStore(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let base = try url(file: file, line: line)
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try sql(base, "CREATE SCHEMA \(schema)")
        return base + (base.contains("?") ? "&" : "?") + "options=-c%20search_path%3D\(schema)"
    }

    /// Runs SQL on the server with `psql` (stopping at the first error); its output.
    @discardableResult
    public static func sql(_ url: String, _ statements: String) throws -> String {
        let result = try Spawn.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", url, "-c", statements], timeout: 60)
        guard result.status == 0 else { throw SpawnError(description: "psql failed: \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func find() -> Result<String, SpawnError> {
        if let url = ProcessInfo.processInfo.environment["HEED_TEST_POSTGRES"], !url.isEmpty { return .success(url) }
        guard getuid() == 0 else { return .failure(SpawnError(description: "HEED_TEST_POSTGRES is not set and the tests do not run as root")) }
        guard FileManager.default.isExecutableFile(atPath: binaries + "/initdb") else {
            return .failure(SpawnError(description: "HEED_TEST_POSTGRES is not set and \(binaries)/initdb is missing (apt-get install postgresql)"))
        }
        do {
            return .success(try Cluster.start())
        } catch let error as SpawnError {
            return .failure(error)
        } catch {
            return .failure(SpawnError(description: "\(error)"))
        }
    }

    /// A throwaway cluster in a temporary folder owned by `postgres`, stopped and removed at exit.
    enum Cluster {
        nonisolated(unsafe) static var folder: String?

        static func start() throws -> String {
            let folder = NSTemporaryDirectory() + "heed-pg-\(getpid())"
            try? FileManager.default.removeItem(atPath: folder)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try must(["chown", "postgres:postgres", folder])
            let port = freePort()
            try must(["runuser", "-u", "postgres", "--", binaries + "/initdb", "-D", folder + "/data", "--auth=trust", "-U", "heed", "-E", "UTF8", "--locale=C.UTF-8"])
            try must(["runuser", "-u", "postgres", "--", binaries + "/pg_ctl", "-D", folder + "/data", "-l", folder + "/log", "-w", "-o",
                      "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start"])
            Self.folder = folder
            atexit {
                guard let folder = PostgresServer.Cluster.folder else { return }
                _ = try? Spawn.run(["runuser", "-u", "postgres", "--", PostgresServer.binaries + "/pg_ctl", "-D", folder + "/data", "-m", "immediate", "stop"], timeout: 30)
                try? FileManager.default.removeItem(atPath: folder)
            }
            let admin = "postgres://heed@127.0.0.1:\(port)/postgres?sslmode=disable"
            try sql(admin, "CREATE DATABASE heed")
            return "postgres://heed@127.0.0.1:\(port)/heed?sslmode=disable"
        }

        private static func must(_ argv: [String]) throws {
            let result = try Spawn.run(argv, timeout: 120)
            guard result.status == 0 else { throw SpawnError(description: "\(argv.prefix(4).joined(separator: " ")) failed: \(result.stderr)") }
        }

        /// A port nothing listens on now (the kernel's choice for a socket bound to port 0).
        private static func freePort() -> Int {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
            return Int(UInt16(bigEndian: address.sin_port))
        }
    }
}
