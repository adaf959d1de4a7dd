import Foundation
import HeedUI
import Screen

/// The app's loop without a terminal (Sources/heed/App.swift): a key is reduced, every effect
/// it leads to runs against the services and is fed back before the next frame, and the frame
/// is rendered into a `ScreenBuffer`. Presenting the buffer to the terminal is not included, nor
/// the detail pane's author line (the app loads it only once keys pause; no author service here).
public struct KeyLoop {
    public var state: AppState
    public let services: Services

    /// A screen of `width`×`height` with the first page and the summary loaded, as at launch.
    public init(services: Services, width: Int = 100, height: Int = 30) {
        self.services = services
        state = AppState(width: width, height: height, now: services.now())
        dispatch(Reducer.start())
    }

    /// One key, as the loop handles it: reduce, run effects, render.
    @discardableResult
    public mutating func press(_ key: Key) -> ScreenBuffer {
        send(.keyPressed(key))
        return Views.render(state)
    }

    /// Runs one effect (and what it leads to), e.g. `.focus(ref)` to put the cursor on an item.
    public mutating func run(_ effect: Effect) {
        dispatch([effect])
    }

    /// Reduces an action and runs every effect it leads to, as `App.send` does.
    public mutating func send(_ action: Action) {
        var pending = [action]
        var steps = 0
        while !pending.isEmpty, steps < 64 {
            steps += 1
            let effects = Reducer.reduce(&state, pending.removeFirst())
            for effect in effects { pending += EffectRunner.run(effect, services) }
        }
    }

    private mutating func dispatch(_ effects: [Effect]) {
        var pending: [Action] = []
        for effect in effects { pending += EffectRunner.run(effect, services) }
        for action in pending { send(action) }
    }
}
