import Foundation
import HeedCore

/// A progress line on standard error for imports that take longer than a second, drawn only
/// when standard error is a terminal (by the `Console`) and redrawn at most four times a second.
final class ProgressLine {
    private let console = Console()
    private var file = ""
    private var size: Int?
    private var bytes = 0
    private var records = 0
    private var started = Date()
    private var lastDrawn = Date.distantPast
    private var shown = false

    func start(_ file: String, size: Int?) {
        self.file = file
        self.size = size
        bytes = 0
        started = Date()
    }

    func update(bytes: Int) {
        self.bytes = bytes
        draw()
    }

    func count() {
        records += 1
        if records & 1023 == 0 { draw() }
    }

    private func draw() {
        guard console.errIsTerminal else { return }
        let now = Date()
        guard now.timeIntervalSince(started) >= 1, now.timeIntervalSince(lastDrawn) >= 0.25 else { return }
        lastDrawn = now
        var line = "importing \(file): \(records.grouped) records"
        if let size, size > 0 {
            let share = min(1, Double(bytes) / Double(size))
            let filled = Int(share * 30)
            line = "[\(String(repeating: "#", count: filled))\(String(repeating: ".", count: 30 - filled))] \(Int(share * 100))% " + line
        }
        console.progress(line)
        shown = true
    }

    /// Removes the line so the next output starts clean.
    func clear() {
        guard shown else { return }
        console.progress(nil)
        shown = false
    }
}
