import Foundation
import XCTest

extension CrashTests {
    /// What a queue session does before it is killed.
    enum Step: String { case acknowledge, reply, compose }

    /// The queue in tmux: a few acknowledges and replies (each confirmed on screen before the
    /// next), perhaps a reply being typed, and SIGKILL during one of them or after. Everything
    /// confirmed must be in the store, the outbox or autosave; what was in flight may or may not be.
    func queueTrial() throws -> [String] {
        let before = try checks.stateCounts()
        let tmux = try Tmux(directory: directory)
        defer { tmux.kill() }
        try tmux.start(queueCommand(), width: 120, height: 30)
        // A reply typed before an earlier kill opens its own screen first; Esc goes on to the queue.
        if try tmux.waitFor("'q quit' or the unsaved replies", { $0.contains("q quit") || $0.contains("you had not saved") }).contains("you had not saved") {
            try tmux.press("Escape")
            try tmux.waitForText("q quit")
        }
        guard let pid = try tmux.panePID() else { return ["no process in the pane"] }
        var steps: [Step] = (0..<Int.random(in: 1...4, using: &random)).map { _ in Bool.random(using: &random) ? .acknowledge : .reply }
        if Bool.random(using: &random) { steps.append(.compose) }
        let killAt = Int.random(in: 0...steps.count, using: &random)
        var confirmed: [Step] = []
        var inFlight: Step?
        var composed: String?
        for (index, step) in steps.enumerated() {
            let waiting = try waitingCount(tmux)
            let text = "t\(trial) step \(index) reply"
            switch step {
            case .acknowledge:
                try tmux.press("a")
            case .reply, .compose:
                try tmux.press("r")
                try tmux.waitForText("Reply to")
                try tmux.type(text)
                if step == .reply {
                    if index != killAt { try tmux.waitForText(text) }
                    try tmux.press("C-s")
                }
            }
            if index == killAt {
                inFlight = step
                break
            }
            if step == .compose {
                try tmux.waitForText(text)
                composed = text
            } else {
                try tmux.waitFor("\(waiting - 1) waiting after \(step.rawValue)") { Self.waiting(in: $0) == waiting - 1 }
            }
            confirmed.append(step)
        }
        usleep(useconds_t.random(in: 0..<30_000, using: &random))
        Foundation.kill(pid, SIGKILL)
        try waitUntil("heed \(pid) gone") { Foundation.kill(pid, 0) != 0 }
        tally["queue killed \(inFlight.map { "during \($0.rawValue)" } ?? "idle")", default: 0] += 1

        var problems: [String] = []
        let after = try checks.stateCounts()
        for (step, state) in [(Step.acknowledge, "acknowledged"), (.reply, "replied")] {
            let done = confirmed.filter { $0 == step }.count
            let changed = (after[state] ?? 0) - (before[state] ?? 0)
            let most = done + (inFlight == step ? 1 : 0)
            if changed < done || changed > most {
                problems.append("\(done) \(step.rawValue) confirmed on screen (\(inFlight == step ? "one more in flight" : "none in flight")), but \(changed) items became \(state)")
            }
        }
        if let composed, !checks.autosaveTexts().contains(where: { $0.contains(composed) }) {
            problems.append("the reply being typed (\"\(composed)\", on screen) is in no autosave file: \(checks.autosaveTexts())")
        }
        return problems
    }

    /// The header's waiting count.
    func waitingCount(_ tmux: Tmux) throws -> Int {
        Self.waiting(in: try tmux.waitFor("the header") { Self.waiting(in: $0) != nil }) ?? -1
    }

    /// The count in the header's "31,399 waiting".
    static func waiting(in screen: String) -> Int? {
        guard let match = screen.range(of: #"[0-9,]+ waiting"#, options: .regularExpression) else { return nil }
        return Int(screen[match].split(separator: " ")[0].replacingOccurrences(of: ",", with: ""))
    }
}
