import Foundation
import HeedTheme
import HeedUI
import Screen
import Terminal

/// The loop: the terminal's side of the app. It reads keys (and their pauses), hands them to
/// the `Runtime`, which reduces them and runs their effects when each effect's timing says,
/// presents each new frame, draws with the theme the state names, follows signals and
/// suspends the screen for the editor. A tick (twice a second) keeps ages current and looks
/// for changes made by other processes.
@MainActor
struct App {
    let terminal: Terminal
    let themes: ThemeLibrary
    var runtime: Runtime
    /// A key read while a burst of typing was taken, handled next.
    var held: Key?
    /// Told of the first frame and of every key, for background work to give way.
    var activity: Activity?

    init(terminal: Terminal, services: Services, label: String?, settings: Settings, themes: ThemeLibrary, theme: String) {
        self.terminal = terminal
        self.themes = themes
        var services = services
        services.theme = { name in
            let (theme, problems) = themes.theme(named: name)
            return ThemeChoice(name: theme.name, names: themes.names, problems: (problems + themes.folderProblems).map(\.description))
        }
        let size = terminal.size
        var state = AppState(width: size.width, height: size.height, now: services.now(), label: label)
        state.settings = settings
        state.settings.theme = theme
        runtime = Runtime(state: state, services: services, byLoop: { effect in App.perform(effect, on: terminal) })
    }

    /// The state the runtime holds (the tabs are set before `run`).
    var state: AppState {
        get { runtime.state }
        set { runtime.state = newValue }
    }

    /// Runs until quit or a signal: each turn draws the frame if it changed, then waits for a key.
    mutating func run() {
        runtime.start()
        var shown: ScreenBuffer?
        var lastTick = Date()
        while !state.quitting {
            if let theme = state.theme, terminal.use(theme: theme.name, from: themes) { shown = nil }
            let frame = Views.render(state)
            if frame != shown {
                terminal.present(frame)
                if shown == nil { activity?.firstFrameDrawn() }
                shown = frame
            }
            if !followSignals(&shown) { break }
            if runtime.frameDrawn() { continue }
            let key = held ?? (runtime.waitsForPause ? terminal.readKey(within: Int32(Runtime.pause)) : terminal.readKey())
            if key == nil, runtime.keysPaused() { continue }
            if let key {
                held = nil
                activity?.keyPressed()
                if key == .resize {
                    terminal.invalidate()
                    shown = nil
                    let size = terminal.size
                    runtime.send(.resized(width: size.width, height: size.height))
                } else {
                    let terminal = terminal
                    held = runtime.keyPressed(key, typed: { terminal.typedKey() })
                }
            }
            let now = runtime.services.now()
            if now.timeIntervalSince(lastTick) >= 0.5 {
                lastTick = now
                runtime.send(.ticked(now))
            }
        }
    }

    /// Does what only the loop can: the editor, with the screen suspended and restored after,
    /// whatever the editor did.
    static func perform(_ effect: Effect, on terminal: Terminal) -> [Action] {
        if case .copy(let text, let what) = effect { return [copy(text, what, on: terminal)] }
        guard case .openEditor(let text) = effect else { return [] }
        switch terminal.suspend({ Editor.edit(text) }) {
        case .success(let edited): return [.editorFinished(edited, problem: nil)]
        case .failure(let failure): return [.editorFinished(nil, problem: failure.description)]
        }
    }

    /// Puts text on the clipboard: through the terminal when it takes OSC 52, else a tool.
    static func copy(_ text: String, _ what: String, on terminal: Terminal) -> Action {
        if terminal.setClipboard(text) { return .copied(what: what, how: "through the terminal, OSC 52", problem: nil) }
        switch Launcher.copy(text) {
        case .success(let tool): return .copied(what: what, how: "with \(tool)", problem: nil)
        case .failure(let failure): return .copied(what: what, how: nil, problem: failure.description)
        }
    }
}
