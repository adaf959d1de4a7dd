import Screen

/// The app without its terminal: state, the reducer and the services, with effects run when
/// their `Timing` says. The binary's loop feeds it keys and tells it when a frame is drawn and
/// when keys pause; the tests do the same, so both run one scheduler.
public struct Runtime {
    /// How long keys must pause before the effects waiting for it run, in milliseconds.
    public static let pause = 120
    /// The most keys of one burst typed into the search line that are reduced together.
    static let burst = 64
    /// The most actions one action may lead to before the rest are dropped.
    static let chain = 64

    public var state: AppState
    public let services: Services
    public private(set) var scheduler = Scheduler()
    /// Does the effects whose timing is `.byLoop` and gives back what came of them.
    private let byLoop: (Effect) -> [Action]
    /// Told of every effect as it runs (tests record them).
    private let observe: ((Effect) -> Void)?

    /// A runtime over `state`; `byLoop` does what only the loop can (the editor).
    public init(state: AppState, services: Services, byLoop: @escaping (Effect) -> [Action] = { _ in [] }, observe: ((Effect) -> Void)? = nil) {
        self.state = state
        self.services = services
        self.byLoop = byLoop
        self.observe = observe
    }

    /// Fills a fresh screen: the first page, the counts, the theme asked for.
    public mutating func start() {
        dispatch(Reducer.start(state))
    }

    /// Reduces an action and runs every effect it leads to that runs now, before the next frame.
    public mutating func send(_ action: Action) {
        var pending = [action]
        var steps = 0
        while !pending.isEmpty, steps < Self.chain {
            steps += 1
            dispatch(Reducer.reduce(&state, pending.removeFirst()), into: &pending)
        }
    }

    /// A key; while the search line is open, every key already typed after it too (`typed`
    /// gives them without waiting): reduced in order, their effects run once, only the last
    /// search's loads among them. Returns a key taken from `typed` that the loop must handle
    /// first (a resize), which ends the burst.
    @discardableResult
    public mutating func keyPressed(_ first: Key, typed: () -> Key? = { nil }) -> Key? {
        var effects = Reducer.reduce(&state, .keyPressed(first))
        var count = 1
        var held: Key?
        while count < Self.burst, !state.quitting, state.isSearching, let key = typed() {
            count += 1
            if key == .resize {
                held = key
                break
            }
            effects += Reducer.reduce(&state, .keyPressed(key))
        }
        dispatch(count > 1 ? Scheduler.latestQuery(effects) : effects)
        return held
    }

    /// The frame is on screen: runs the effects that waited for it. True when any did (their
    /// results make a new frame).
    @discardableResult
    public mutating func frameDrawn() -> Bool {
        let effects = scheduler.takeAfterFrame()
        runHeld(effects)
        return !effects.isEmpty
    }

    /// Whether an effect waits for keys to pause: the loop then waits `pause` for a key.
    public var waitsForPause: Bool { scheduler.whenIdle != nil }

    /// No key came for `pause`: runs the effect that waited for it. True when one did.
    @discardableResult
    public mutating func keysPaused() -> Bool {
        guard let effect = scheduler.takeWhenIdle() else { return false }
        runHeld([effect])
        return true
    }

    /// Runs effects now and sends what came of them.
    private mutating func dispatch(_ effects: [Effect]) {
        var pending: [Action] = []
        dispatch(effects, into: &pending)
        for action in pending { send(action) }
    }

    /// Runs what is due now, in order, adding the results to `pending`; the rest waits.
    private mutating func dispatch(_ effects: [Effect], into pending: inout [Action]) {
        for effect in scheduler.schedule(effects) { pending += run(effect) }
    }

    /// Runs effects that waited, whatever their timing, and sends their results.
    private mutating func runHeld(_ effects: [Effect]) {
        var pending: [Action] = []
        for effect in effects { pending += run(effect) }
        for action in pending { send(action) }
    }

    private func run(_ effect: Effect) -> [Action] {
        observe?(effect)
        return effect.timing == .byLoop ? byLoop(effect) : EffectRunner.run(effect, services)
    }
}

extension AppState {
    /// Whether the search line has the keys (typing there is batched).
    public var isSearching: Bool {
        if case .search = prompt { true } else { false }
    }
}
