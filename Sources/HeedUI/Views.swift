import Foundation
import HeedCore
import Screen

/// Renders state into a screen buffer. Pure: the same state gives the same screen.
public enum Views {
    /// The whole screen for a state: the mode's view, the status line and the key bar.
    public static func render(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        if state.isTooSmall {
            tooSmall(state, into: &buffer)
            return buffer
        }
        switch state.mode {
        case .queue: QueueView.render(state, into: &buffer)
        case .help(let scroll): HelpView.render(state, scroll: scroll, into: &buffer)
        case .composer(let composer): ComposerView.render(state, composer, into: &buffer)
        case .outbox(let screen): OutboxView.render(state, screen, into: &buffer)
        case .stats(let stats, let scroll):
            StatsView.render(stats, scroll: scroll, width: state.width, height: state.height, settings: state.settings, into: &buffer)
        case .unsaved(let screen): UnsavedView.render(state, screen, into: &buffer)
        case .author(let screen):
            AuthorView.render(screen.history, name: screen.name, scroll: screen.scroll, width: state.width, height: state.height, now: state.now, settings: state.settings, into: &buffer)
        }
        keyBar(state.settings.keys.bar(for: state.keyContext), y: state.height - 1, into: &buffer)
        statusLine(state, into: &buffer)
        return buffer
    }

    static func tooSmall(_ state: AppState, into buffer: inout ScreenBuffer) {
        let message = "Enlarge the window: heed needs \(AppState.minimumWidth)×\(AppState.minimumHeight), this is \(state.width)×\(state.height)"
        var lines = Wrap.lines(message, width: state.width)
        if lines.count > state.height { lines = [Glyphs.of("Enlarge the window")] }
        for (row, line) in lines.prefix(state.height).enumerated() {
            buffer.put(line, x: 0, y: row, role: .error)
        }
    }

    /// The row of messages, above the key bar.
    public static func statusRow(height: Int) -> Int { height - 2 }

    /// The status row: the pending question, else the last message, else the progress of a fetch `F` started.
    static func statusLine(_ state: AppState, into buffer: inout ScreenBuffer) {
        let row = statusRow(height: state.height)
        if case .queue = state.mode, state.prompt != nil, !state.isTooSmall { return }
        if state.confirmDiscard {
            buffer.fill(y: row, role: .error)
            let keys = state.settings.keys
            buffer.put(" Discard this reply? \(keys.label(.yes, in: .discard)) discards, \(keys.label(.no, in: .discard)) goes back to it", x: 0, y: row, role: .error)
        } else if case .outbox(let screen) = state.mode, screen.confirmingSend, let draft = screen.current {
            let keys = state.settings.keys
            buffer.fill(y: row, role: .error)
            buffer.put(" Post this reply to \(draft.ref.platform.label) now? \(keys.label(.yes, in: .sendQuestion)) posts it, \(keys.label(.no, in: .sendQuestion)) keeps it in the outbox", x: 0, y: row, role: .error)
        } else if let status = state.status {
            buffer.put(" " + status.text, x: 0, y: row, role: status.isError ? .error : .status)
        } else if let fetch = state.fetch, !fetch.background {
            buffer.put(" " + fetch.line, x: 0, y: row, role: .status)
        } else if let sending = state.sending {
            buffer.put(" " + sending, x: 0, y: row, role: .status)
        }
    }

    /// The bottom row: the keys of the context that has them, from the key table.
    static func keyBar(_ items: [BarItem], y: Int, into buffer: inout ScreenBuffer) {
        buffer.fill(y: y, role: .keyBar)
        var x = 1
        for item in items {
            guard x < buffer.width else { break }
            x = buffer.put(item.keys, x: x, y: y, role: .keyName)
            x = buffer.put(" " + item.what + "  ", x: x, y: y, role: .keyBar)
        }
    }

    /// The colour of an age by how overdue it is: the config's thresholds (1 h, 4 h, 24 h by default).
    static func ageRole(_ seconds: TimeInterval, _ settings: Settings) -> Role {
        let limits = settings.overdue
        if seconds < limits[0] { return .ageFresh }
        if seconds < limits[1] { return .ageDue }
        if seconds < limits[2] { return .ageLate }
        return .ageOverdue
    }
}
