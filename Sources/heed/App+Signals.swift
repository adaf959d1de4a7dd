import HeedUI
import Screen

/// The loop's side of signals: quitting on SIGTERM, SIGHUP (or a hung-up terminal) and SIGINT,
/// and coming back from a stop.
extension App {
    /// Acts on the signals that came since the last frame: false when one asks heed to quit.
    /// After a stop and `fg` (or any SIGCONT) the screen is drawn again whole, at its size now.
    mutating func followSignals(_ shown: inout ScreenBuffer?) -> Bool {
        if terminal.quitSignal != nil { return false }
        guard terminal.followStopAndContinue() else { return true }
        // A stopped job is sent SIGHUP (and SIGCONT) when its shell ends: nothing left to draw on.
        if terminal.quitSignal != nil { return false }
        let size = terminal.size
        if size.width != state.width || size.height != state.height {
            runtime.send(.resized(width: size.width, height: size.height))
        }
        let frame = Views.render(state)
        terminal.present(frame)
        shown = frame
        return true
    }
}
