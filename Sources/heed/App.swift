import Foundation
import HeedTheme
import HeedUI
import Screen
import Terminal

/// The loop: key → action → reduce → effects → screen, with a tick (twice a second) that keeps
/// ages current and looks for changes made by other processes.
@MainActor
struct App {
    let terminal: Terminal
    let services: Services
    var state: AppState
    let themes: ThemeLibrary
    var themeName: String
    var themeProblems: [ThemeProblem] = []

    init(terminal: Terminal, services: Services, label: String?, settings: Settings, themes: ThemeLibrary, theme: String) {
        self.terminal = terminal
        self.services = services
        self.themes = themes
        themeName = theme
        let size = terminal.size
        state = AppState(width: size.width, height: size.height, now: services.now(), label: label)
        state.settings = settings
    }

    /// Effects that wait until the screen is drawn (counting views).
    var deferred: [Effect] = []
    /// Effects that wait until no key has come for a moment (the detail pane's author line), so
    /// that moving through the queue never waits for them.
    var idle: [Effect] = []
    /// How long "a moment" is, in milliseconds.
    static let idleAfter: Int32 = 120
    /// A key read while draining typed keys, handled next.
    var held: Key?
    /// Told of the first frame and of every key, for background work to give way.
    var activity: Activity?

    mutating func run() {
        applyTheme()
        dispatch(Reducer.start() + (state.tabs.isEmpty ? [] : [.countTabs(state.tabs.map(\.query))]))
        if let problem = themeProblems.first {
            send(.noticed("Theme: \(problem)\(themeProblems.count > 1 ? " (+\(themeProblems.count - 1) more)" : ""); using \(themeName)", isError: true))
        }
        var shown: ScreenBuffer?
        var lastTick = Date()
        while !state.quitting {
            let frame = Views.render(state)
            if frame != shown {
                terminal.present(frame)
                if shown == nil { activity?.firstFrameDrawn() }
                shown = frame
            }
            if !followSignals(&shown) { break }
            if !deferred.isEmpty {
                let later = deferred
                deferred.removeAll()
                runHeld(later)
                continue
            }
            let key = held ?? (idle.isEmpty ? terminal.readKey() : terminal.readKey(within: Self.idleAfter))
            if key == nil, !idle.isEmpty {
                let later = idle
                idle.removeAll()
                runHeld(later)
                continue
            }
            if let key {
                held = nil
                activity?.keyPressed()
                if key == .resize {
                    terminal.invalidate()
                    shown = nil
                    let size = terminal.size
                    send(.resized(width: size.width, height: size.height))
                } else {
                    typed(key)
                }
            }
            let now = services.now()
            if now.timeIntervalSince(lastTick) >= 0.5 {
                lastTick = now
                send(.ticked(now))
            }
        }
    }

    /// A key; while the search line is open, every key typed after it too: reduced in order,
    /// their effects run once, only the last search of a burst of typing (so fast typing never
    /// waits on stale searches). A key that arrives after the search line closed waits for
    /// the effects before it.
    private mutating func typed(_ first: Key) {
        var effects = Reducer.reduce(&state, .keyPressed(first))
        var count = 1
        while count < 64, !state.quitting, Self.isSearching(state), let key = terminal.typedKey() {
            count += 1
            if key == .resize {
                held = key
                break
            }
            effects += Reducer.reduce(&state, .keyPressed(key))
        }
        if count > 1 { effects = Self.latestViews(effects) }
        dispatch(effects)
    }

    static func isSearching(_ state: AppState) -> Bool {
        if case .search = state.prompt { true } else { false }
    }

    /// Drops loads of views other than the last one asked for.
    static func latestViews(_ effects: [Effect]) -> [Effect] {
        let last = effects.last { effect in
            if case .loadSummary = effect { true } else { false }
        }
        guard case .loadSummary(let view) = last else { return effects }
        return effects.filter { effect in
            switch effect {
            case .loadSummary(let other), .load(_, let other), .focus(_, let other): other == view
            default: true
            }
        }
    }

    /// Reduces an action and runs every effect it leads to before the next frame.
    mutating func send(_ action: Action) {
        var pending = [action]
        var steps = 0
        while !pending.isEmpty, steps < 64 {
            steps += 1
            dispatch(Reducer.reduce(&state, pending.removeFirst()), into: &pending)
        }
    }

    private mutating func dispatch(_ effects: [Effect]) {
        var pending: [Action] = []
        dispatch(effects, into: &pending)
        for action in pending { send(action) }
    }

    /// Applies the chosen theme; a broken one is reported and the default used instead.
    private mutating func applyTheme() {
        let (theme, problems) = themes.theme(named: themeName)
        themeProblems = problems
        themeName = theme.name
        terminal.apply(theme)
    }

    /// T: the next theme, live.
    private mutating func nextTheme() -> Action {
        let names = themes.names
        let next = names[((names.firstIndex(of: themeName) ?? -1) + 1) % names.count]
        themeName = next
        applyTheme()
        if let problem = themeProblems.first { return .noticed("Theme: \(problem); using \(themeName)", isError: true) }
        return .noticed("Theme: \(themeName) (T for the next; --theme or theme = in config.toml keeps it)", isError: false)
    }

    private mutating func dispatch(_ effects: [Effect], into pending: inout [Action]) {
        for effect in effects {
            if let kind = Self.afterDrawing(effect) {
                // Only the latest of each kind is still worth running.
                deferred.removeAll { Self.afterDrawing($0) == kind }
                deferred.append(effect)
            } else if case .loadAuthorLine = effect {
                idle = [effect]
            } else if case .openEditor(let text) = effect {
                pending.append(editInEditor(text))
            } else if case .nextTheme = effect {
                pending.append(nextTheme())
            } else {
                pending += EffectRunner.run(effect, services)
            }
        }
    }

    /// Runs effects that were held back, and sends their results.
    private mutating func runHeld(_ effects: [Effect]) {
        var pending: [Action] = []
        for effect in effects { pending += EffectRunner.run(effect, services) }
        for action in pending { send(action) }
    }

    /// Effects run once the frame is drawn, by kind: counting the saved views, counting the view.
    static func afterDrawing(_ effect: Effect) -> Int? {
        switch effect {
        case .countTabs: 0
        case .countQuery: 1
        default: nil
        }
    }

    /// Suspends the screen for the editor and restores it after, whatever the editor did.
    private func editInEditor(_ text: String) -> Action {
        switch terminal.suspend({ Editor.edit(text) }) {
        case .success(let edited): .editorFinished(edited, problem: nil)
        case .failure(let failure): .editorFinished(nil, problem: failure.description)
        }
    }
}
