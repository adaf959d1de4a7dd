/// Holds effects until their time (`Effect.timing`): those for after the frame, the latest of
/// each kind, and the one for when keys pause, the latest. Pure: the loop and the tests ask
/// it the same questions.
public struct Scheduler: Sendable, Equatable {
    /// Waiting for the frame to be drawn, oldest first.
    public private(set) var afterFrame: [Effect] = []
    /// Waiting for keys to pause.
    public private(set) var whenIdle: Effect?

    public init() {}

    /// Takes effects as the reducer returned them and gives back, in order, those to run now
    /// (the loop's among them); the others wait here.
    public mutating func schedule(_ effects: [Effect]) -> [Effect] {
        var now: [Effect] = []
        for effect in effects {
            switch effect.timing {
            case .now, .byLoop:
                now.append(effect)
            case .afterFrame(let kind):
                // Only the latest of each kind is still worth running.
                afterFrame.removeAll { $0.timing == .afterFrame(kind) }
                afterFrame.append(effect)
            case .whenIdle:
                whenIdle = effect
            }
        }
        return now
    }

    /// The effects that waited for the frame, taken out to run.
    public mutating func takeAfterFrame() -> [Effect] {
        defer { afterFrame.removeAll() }
        return afterFrame
    }

    /// The effect that waited for keys to pause, taken out to run.
    public mutating func takeWhenIdle() -> Effect? {
        defer { whenIdle = nil }
        return whenIdle
    }

    /// The effects of a burst of keys typed into the search line, with the loads of every
    /// query but the last one asked for dropped: fast typing never waits on stale searches.
    public static func latestQuery(_ effects: [Effect]) -> [Effect] {
        let last = effects.last { effect in
            if case .loadSummary = effect { true } else { false }
        }
        guard case .loadSummary(let query) = last else { return effects }
        return effects.filter { effect in
            switch effect {
            case .loadSummary(let other), .load(_, let other), .focus(_, let other): other == query
            default: true
            }
        }
    }
}
