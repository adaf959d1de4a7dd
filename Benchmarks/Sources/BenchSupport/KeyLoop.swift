import Foundation
import HeedUI
import Screen

/// The app's loop without a terminal (Sources/heed/App.swift), over the same `Runtime`: a key
/// is reduced, the effects it leads to run when their timing says, and the frame is rendered
/// into a `ScreenBuffer`. Presenting the buffer to the terminal is not included, nor what
/// waits for keys to pause (the detail pane's author line): a benchmark presses without pause.
public struct KeyLoop {
    public var runtime: Runtime

    /// A screen of `width`×`height` with the first page and the summary loaded, as at launch.
    public init(services: Services, width: Int = 100, height: Int = 30) {
        runtime = Runtime(state: AppState(width: width, height: height, now: services.now()), services: services)
        runtime.start()
        while runtime.frameDrawn() {}
    }

    public var state: AppState { runtime.state }

    /// One key, as the loop handles it: reduce, run effects, render (and what waited for the
    /// frame, rendered again when there was any).
    @discardableResult
    public mutating func press(_ key: Key) -> ScreenBuffer {
        runtime.keyPressed(key)
        var frame = Views.render(runtime.state)
        while runtime.frameDrawn() { frame = Views.render(runtime.state) }
        return frame
    }

    /// Runs one effect and what it leads to, e.g. `.focus(ref)` to put the cursor on an item.
    public mutating func run(_ effect: Effect) {
        for action in EffectRunner.run(effect, runtime.services) { runtime.send(action) }
    }

    /// Reduces an action and runs every effect it leads to, as the loop does.
    public mutating func send(_ action: Action) {
        runtime.send(action)
    }
}
