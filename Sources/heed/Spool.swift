import Foundation
import HeedConfig
import HeedCore
import HeedImport
import HeedIntake
import HeedStore
import HeedUI

/// The spool folder an open queue watches: a file dropped in is imported within a second (in
/// the background), then moved to `done/`, or to `failed/` when a record was rejected. A
/// `.why` file beside it names every rejected record, the skip reasons and the advice, and the
/// status line says the skip reasons. Files whose names start with "." or end in ".tmp" or
/// ".part" are being written and are left alone until renamed.
final class Spool: @unchecked Sendable {
    let folder: String
    private let store: any MentionStore
    private let config: Config
    private let queue = DispatchQueue(label: "heed spool", qos: .utility)
    private var timer: DispatchSourceTimer?
    private let notices: Notices

    init(folder: String, store: any MentionStore, config: Config, notices: Notices) throws {
        self.folder = folder
        self.store = store
        self.config = config
        self.notices = notices
        try FileSecurity.makePrivateFolder(folder)
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

    private func scan() {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        for name in names where !name.hasPrefix(".") && !name.hasSuffix(".tmp") && !name.hasSuffix(".part") {
            let path = folder + "/" + name
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            notices.post(take(name))
        }
    }

    /// Imports one file of the folder and files it away; returns the line to show.
    func take(_ name: String) -> String {
        var rejected: [String] = []
        var intake = Intake(isOwn: config.isOwn, named: { rejected.append("\($0)") })
        do {
            let counts = try store.importing(now: Date()) { sink in
                try intake.read(.path(folder + "/" + name), name: name, into: sink)
            }
            // Skips alone are said on the status line; rejections and advice want the `.why` file.
            let why = rejected.isEmpty && intake.advice.isEmpty ? nil : (rejected + intake.notes).joined(separator: "\n")
            file(name, into: rejected.isEmpty ? "done" : "failed", why: why)
            var line = "Spool: \(name): \(counts.summary)"
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

    /// Moves a file into a subfolder (a name already there gets a time prefix).
    private func file(_ name: String, into subfolder: String, why: String?) {
        let target = folder + "/" + subfolder
        try? FileSecurity.makePrivateFolder(target)
        var destination = target + "/" + name
        if FileManager.default.fileExists(atPath: destination) {
            destination = target + "/" + "\(Int(Date().timeIntervalSince1970 * 1000))-" + name
        }
        if rename(folder + "/" + name, destination) != 0 { unlink(folder + "/" + name) }
        if let why { _ = FileManager.default.createFile(atPath: destination + ".why", contents: Data((why + "\n").utf8), attributes: [.posixPermissions: 0o600]) }
    }
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
