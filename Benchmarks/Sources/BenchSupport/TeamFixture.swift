import Foundation
import HeedCore
import HeedPostgres
import HeedStore

/// The team store's fixtures on the PostgreSQL server `HEED_BENCH_POSTGRES` names
/// (`postgres://heed@127.0.0.1:PORT/heed`, over loopback): the backlog of `Fixture.items`
/// imported once into a schema of its own (`bench_N`), kept between runs, and fresh schemas for
/// what changes the store.
public enum TeamFixture {
    /// The server's URL.
    public static func server() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["HEED_BENCH_POSTGRES"], !url.isEmpty else {
            throw FixtureError("set HEED_BENCH_POSTGRES=postgres://user@127.0.0.1:PORT/db (see Benchmarks/README.md)")
        }
        return url
    }

    /// The URL of a store in `schema` (made when missing).
    public static func url(schema: String) throws -> String {
        let base = try server()
        try psql(base, "CREATE SCHEMA IF NOT EXISTS \(schema)")
        return base + (base.contains("?") ? "&" : "?") + "options=-c%20search_path%3D\(schema)"
    }

    /// A store in `schema` used by `person`.
    public static func open(schema: String, as person: String = "bench") throws -> PostgresStore {
        try PostgresStore(PostgresLocation(url: url(schema: schema), login: person), person: person)
    }

    /// An empty store in a new schema (dropped and made again by every call).
    public static func fresh(_ name: String, as person: String = "bench") throws -> PostgresStore {
        try psql(try server(), "DROP SCHEMA IF EXISTS \(name) CASCADE")
        return try open(schema: name, as: person)
    }

    /// The store of `count` items (the backlog, its search index built), imported once; how long
    /// the import took is said on standard error.
    public static func store(_ count: Int, as person: String = "bench") throws -> PostgresStore {
        let schema = "bench_\(count)"
        let store = try open(schema: schema, as: person)
        var everything = Query()
        everything.scope = .all
        if try store.exactCount(everything, now: Date()) == count, try store.unindexedCount() == 0 { return store }
        let fresh = try self.fresh(schema, as: person)
        Fixture.note("importing \(count) items into the team store's schema \(schema) (once)")
        let started = Measures.seconds()
        let counts = try Importer.importFile(try Fixture.backlog(count), into: fresh, now: Date())
        let imported = Measures.seconds() - started
        Fixture.note("\(counts.summary) in \(String(format: "%.1f", imported)) s: \(Measures.rate(count, imported)) items/s")
        let indexing = Measures.seconds()
        try fresh.catchUpSearch()
        Fixture.note("search index built in \(String(format: "%.1f", Measures.seconds() - indexing)) s")
        // One statement a call: psql runs several given at once as one transaction, where VACUUM cannot run.
        try psql(try server(), "VACUUM ANALYZE \(schema).mention")
        try psql(try server(), "VACUUM ANALYZE \(schema).search")
        return fresh
    }

    /// A working copy of the store of `count` items, for benchmarks that change it.
    public static func storeCopy(_ count: Int, as person: String = "bench") throws -> PostgresStore {
        let source = try store(count)
        let copy = try fresh("bench_\(count)_work", as: person)
        _ = try copy.copyIn { sink in try source.copyOut { try sink.put($0) } }
        try psql(try server(), "VACUUM ANALYZE bench_\(count)_work.mention")
        return copy
    }

    /// Runs SQL with `psql`.
    static func psql(_ url: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw FixtureError("psql failed on: \(sql)") }
    }
}
