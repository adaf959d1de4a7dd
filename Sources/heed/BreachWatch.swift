import Foundation
import HeedConfig
import HeedCore
import HeedStore

/// The open queue's part in `on_breach` (see `BreachNotifier`): every 30 seconds, in the
/// background, the breaches since the last look are claimed and the program runs for each;
/// what goes wrong is said on the status line, once per problem.
final class BreachWatch: @unchecked Sendable {
    private let store: any MentionStore
    private let command: [String]
    private let targets: ResponseTargets
    private let notices: Notices
    private let queue = DispatchQueue(label: "heed breach watch", qos: .utility)
    private var timer: DispatchSourceTimer?
    private var said = Set<String>()

    /// A watch when config.toml sets `on_breach` and targets; nil otherwise.
    init?(store: any MentionStore, config: Config, notices: Notices) {
        guard let command = config.onBreach, let targets = config.targets else { return nil }
        self.store = store
        self.command = command
        self.targets = targets
        self.notices = notices
    }

    /// Looks now, then every `interval` seconds.
    func start(interval: Double = 30) {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now(), repeating: interval)
        timer.setEventHandler { [weak self] in self?.look(for: interval) }
        timer.resume()
        self.timer = timer
    }

    func stop() {
        timer?.cancel()
        timer = nil
    }

    /// One look, for at most `seconds` (what is left waits for the next).
    private func look(for seconds: Double) {
        do {
            let (_, problems) = try BreachNotifier.run(store: store, command: command, targets: targets, deadline: Date().addingTimeInterval(seconds))
            for problem in problems where said.insert(problem.reason).inserted { notices.post("on_breach for \(problem.ref): \(problem.reason)") }
        } catch {
            let line = "on_breach: \(store.explaining(error))"
            if said.insert(line).inserted { notices.post(line) }
        }
    }
}
