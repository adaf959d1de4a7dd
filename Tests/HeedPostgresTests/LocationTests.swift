import Foundation
@testable import HeedPostgres
import XCTest

/// Team store URLs as libpq reads them, and the password's sources in their order, the password
/// file's format and its 0600 rule. No server needed.
final class LocationTests: XCTestCase {
    func testURLsAsLibpqReadsThem() throws {
        let full = try PostgresLocation(url: "postgresql://ana:s3cr%40t@db.example.org:6543/team?sslmode=verify-full&sslrootcert=/etc/ca.pem", login: "me")
        XCTAssertEqual([full.user, full.host, full.database], ["ana", "db.example.org", "team"])
        XCTAssertEqual(full.port, 6543)
        XCTAssertEqual(full.sslMode, .verifyFull)
        XCTAssertEqual(full.rootCertificate, "/etc/ca.pem")
        XCTAssertEqual(full.urlPassword, "s3cr@t")
        XCTAssertEqual(full.description, "postgres://ana@db.example.org:6543/team", "never the password")
        let bare = try PostgresLocation(url: "postgres://", login: "me")
        XCTAssertEqual([bare.user, bare.host, bare.database], ["me", "localhost", "me"])
        XCTAssertEqual(bare.port, 5432)
        XCTAssertEqual(bare.sslMode, .prefer, "libpq's default")
        let socket = try PostgresLocation(url: "postgres:///heed?host=/run/postgresql&options=-c%20search_path%3Dteam", login: "me")
        XCTAssertTrue(socket.isSocket)
        XCTAssertEqual(socket.socketPath, "/run/postgresql/.s.PGSQL.5432")
        XCTAssertEqual(socket.settings, ["search_path": "team"])
        XCTAssertEqual(try PostgresLocation(url: "postgres://[::1]:5433/x", login: "me").host, "::1")
        XCTAssertTrue(PostgresLocation.isURL("PostgreSQL://x"))
        XCTAssertFalse(PostgresLocation.isURL("postgres:/relative/file"))
    }

    func testBadURLsAreRefusedWithoutThePassword() {
        for (url, words) in [("postgres://ana:pw@host:99999/db", "port"), ("postgres://ana:pw@host/db?sslmode=maybe", "sslmode"),
                             ("postgres://ana:pw@host/db?options=oops", "options")] {
            XCTAssertThrowsError(try PostgresLocation(url: url, login: "me"), url) { error in
                XCTAssertTrue("\(error)".contains(words), "\(error)")
                XCTAssertFalse("\(error)".contains(":pw"), "\(error)")
            }
        }
    }

    func testPasswordSourcesInTheirOrder() throws {
        let home = try temporaryFolder()
        let file = home + "/.pgpass"
        try "# team\nother:*:*:*:wrong\ndb.example.org:5432:team:ana:from\\:file\\\\\n*:*:*:*:fallback\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let location = try PostgresLocation(url: "postgres://ana@db.example.org/team", login: "me")
        XCTAssertEqual(try PasswordSources(environment: ["HOME": home]).password(for: location), "from:file\\")
        XCTAssertEqual(try PasswordSources(environment: ["HOME": home], command: "printf 'from command\\nignored'").password(for: location), "from command")
        XCTAssertEqual(try PasswordSources(environment: ["HOME": home, "PGPASSWORD": "from env"], command: "echo no").password(for: location), "from env")
        XCTAssertEqual(try PasswordSources(environment: ["HOME": home]).password(for: PostgresLocation(url: "postgres://ana:inline@x/y", login: "me")), "inline")
        XCTAssertEqual(try PasswordSources(environment: ["HOME": home]).password(for: PostgresLocation(url: "postgres://bob@elsewhere/db", login: "me")), "fallback")
    }

    func testAPasswordFileOthersCanReadIsIgnored() throws {
        let home = try temporaryFolder()
        try "*:*:*:*:secret\n".write(toFile: home + "/.pgpass", atomically: true, encoding: .utf8)
        chmod(home + "/.pgpass", 0o644)
        let warnings = Warnings()
        let sources = PasswordSources(environment: ["HOME": home]) { warnings.add($0) }
        XCTAssertNil(try sources.password(for: PostgresLocation(url: "postgres://ana@host/db", login: "me")))
        XCTAssertEqual(warnings.all, ["the password file \(home)/.pgpass can be read by others and is ignored: chmod 600 \(home)/.pgpass"])
    }

    func testAFailingPasswordCommandSaysItsStatusNotItsOutput() throws {
        let sources = PasswordSources(environment: [:], command: "echo hunter2; exit 3")
        XCTAssertThrowsError(try sources.password(for: PostgresLocation(url: "postgres://ana@host/db", login: "me"))) { error in
            XCTAssertEqual("\(error)", "password_command of [team] failed (exit 3); heed did not connect")
        }
    }

    private func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("heed-pgpass-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: folder) }
        return folder
    }
}

/// Warnings said by a password source.
private final class Warnings: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
