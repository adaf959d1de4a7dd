import Foundation
import HeedConfig
import HeedCore
import HeedFiles
import HeedImport
import HeedIntake
import HeedStore
import HeedUI

/// The spool folder an open queue watches: a file dropped in is imported within a second (in
/// the background), then moved to `done/`, or to `failed/` when a record was rejected. A
/// `.why` file beside it names every rejected record, the skip reasons and the advice, and the
/// status line says the skip reasons. Files whose names start with "." or end in ".tmp" or
/// ".part" are being written and are left alone until renamed. Only regular files are read
/// (a symbolic link, FIFO or device is never opened, and said once); nothing is taken while
/// the folder, `done/` or `failed/` could be another user's (see `problem`).
final class Spool: @unchecked Sendable {
    let folder: String
    private let store: any MentionStore
    private let config: Config
    private let queue = DispatchQueue(label: "heed spool", qos: .utility)
    private var timer: DispatchSourceTimer?
    private let notices: Notices
    /// Names already said to be skipped (not regular files), and the last problem said.
    private var said: Set<String> = []

    /// Makes the folder (0700) or checks the one there; throws what makes it unusable.
    init(folder: String, store: any MentionStore, config: Config, notices: Notices) throws {
        self.folder = folder
        self.store = store
        self.config = config
        self.notices = notices
        do {
            try PrivateFiles.makeFolder(folder)
        } catch {
            throw SpoolRefused(description: "Spool off: \(error)")
        }
    }

    /// Starts looking at the folder every `interval` seconds.
    func start(interval: Double = 0.5) {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now(), repeating: interval)
        timer.setEventHandler { [weak self] in self?.scan() }
        timer.resume()
        self.timer = timer
    }

    func stop() {
        timer?.cancel()
        timer = nil
    }

    /// Takes every file waiting, unless the folders cannot be trusted now (said once).
    func scan() {
        if let problem = problem() {
            if said.insert(problem).inserted { notices.post(problem) }
            return
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        for name in names where !name.hasPrefix(".") && !name.hasSuffix(".tmp") && !name.hasSuffix(".part") {
            guard let kind = FileKind(at: folder + "/" + name), kind != .folder, let line = take(name) else { continue }
            notices.post(line)
        }
    }

    /// Why nothing is taken now: the spool folder is another user's or others can write in
    /// it, or `done/` or `failed/` is a symbolic link (never followed) or not private.
    func problem() -> String? {
        if let problem = PrivateFiles.problem(withFolder: folder) { return "Spool paused: \(problem)" }
        for subfolder in ["done", "failed"] {
            if let problem = PrivateFiles.problem(withFolder: folder + "/" + subfolder, followingLink: false) { return "Spool paused: \(problem)" }
        }
        return nil
    }

    /// Imports one file of the folder and files it away; returns the line to show (nil for a
    /// file skipped before, which is not said again).
    func take(_ name: String) -> String? {
        let fd: Int32
        do {
            fd = try PrivateFiles.openRegular(folder + "/" + name)
        } catch {
            guard said.insert(name).inserted else { return nil }
            if case .found(let kind) = error.reason { return "Spool: \(name) skipped: it is \(kind.phrase); heed reads only regular files (left where it is)" }
            return "Spool: \(name) skipped: \(error.explanation)"
        }
        defer { close(fd) }
        said.remove(name)
        var rejected: [String] = []
        let now = Date()
        var intake = Intake(own: config, namedPerReason: Intake.namedPerReason, named: { rejected.append("\($0)") },
                            rules: RuleSet(rules: config.rules, targets: config.targets), now: now)
        do {
            let counts = try store.importing(now: now) { sink in
                try intake.read(.descriptor(fd), name: name, into: sink)
            }
            // Skips alone are said on the status line; rejections and advice want the `.why` file
            // (the first few of a reason named, the rest summed up in `notes`).
            let why = rejected.isEmpty && intake.advice.isEmpty ? nil : (rejected + intake.notes).joined(separator: "\n")
            file(name, into: rejected.isEmpty ? "done" : "failed", why: why)
            var line = "Spool: \(name): \(counts.summary)"
            if !intake.empty.isEmpty { line += "; it held no items" }
            if !intake.skipped.isEmpty { line += "; skipped \(intake.skipped.listed)" }
            if !rejected.isEmpty {
                line += "; the rejected are named in spool/failed/\(name).why"
            } else if !intake.advice.isEmpty {
                line += "; notes in spool/done/\(name).why"
            }
            return line
        } catch {
            file(name, into: "failed", why: "\(error)")
            return "Spool: \(name) was not imported: \(error) (moved to spool/failed/)"
        }
    }

    /// Moves a file into a subfolder (made owner-only, never through a link), under a name not
    /// taken there (else with a time prefix), never replacing anything; its `.why` beside it.
    private func file(_ name: String, into subfolder: String, why: String?) {
        let source = folder + "/" + name
        let target = folder + "/" + subfolder
        if let destination = move(source, into: target) {
            if let why { try? PrivateFiles.replace(destination + ".why", with: Array((why + "\n").utf8)) }
            return
        }
        // Not movable: taken out of the spool, so it is not imported again and again.
        unlink(source)
    }

    /// Moves `source` into `target` (made when missing) under its name, else with a time
    /// prefix; where it went, or nil when it could not be moved.
    private func move(_ source: String, into target: String) -> String? {
        guard (try? PrivateFiles.makeFolder(target, followingLink: false)) != nil else { return nil }
        let name = (source as NSString).lastPathComponent
        let stamp = Int(Date().timeIntervalSince1970 * 1000)
        for candidate in [name] + (0..<16).map({ $0 == 0 ? "\(stamp)-\(name)" : "\(stamp)-\($0)-\(name)" }) {
            let destination = target + "/" + candidate
            do {
                try PrivateFiles.move(source, to: destination)
                return destination
            } catch where error.code == EEXIST {
                continue
            } catch {
                return nil
            }
        }
        return nil
    }
}

/// Why the spool cannot run, for the status line.
struct SpoolRefused: Error, CustomStringConvertible {
    let description: String
}

/// Lines for the status bar from background work (the spool, the search indexer), taken by
/// the loop on its tick.
final class Notices: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func post(_ line: String) { lock.withLock { lines.append(line) } }

    func take() -> [String] {
        lock.withLock {
            defer { lines.removeAll() }
            return lines
        }
    }
}

/// Tells the open queue when the store changed under it: another process committed (SQLite's
/// data version moved, a team store's change number), or background work (spool, search
/// indexer) has news. A store that announces changes (a team store's `NOTIFY`) is asked only
/// once it announced one, or every few seconds (an open composer elsewhere may have ended
/// without a word); a file store on every tick.
final class ChangeWatch: @unchecked Sendable {
    private let store: any MentionStore
    private let notices: Notices
    private let lock = NSLock()
    private var seen: Int?
    /// Whether the store announces its changes, and whether it announced one since the last look.
    private var announces = false
    private var announced = false
    private var lastAsked = Date()
    /// Seconds between looks at a store that announces.
    static let quietLook: TimeInterval = 5

    init(store: any MentionStore, notices: Notices) {
        self.store = store
        self.notices = notices
        seen = try? store.othersChanges()
    }

    /// The store announced a change (on any thread).
    func heard() {
        lock.withLock {
            announces = true
            announced = true
        }
    }

    func changed() -> StoreChange? {
        let notices = notices.take()
        let now = Date()
        let ask = lock.withLock { () -> Bool in
            guard !announces || announced || now.timeIntervalSince(lastAsked) >= Self.quietLook else { return false }
            announced = false
            lastAsked = now
            return true
        }
        guard ask else {
            guard !notices.isEmpty else { return nil }
            store.forgetCachedQueries()
            return StoreChange(notice: notices.last)
        }
        let version = try? store.othersChanges()
        let moved = lock.withLock {
            defer { seen = version }
            return version != seen
        }
        guard moved || !notices.isEmpty else { return nil }
        store.forgetCachedQueries()
        return StoreChange(notice: notices.last)
    }
}
