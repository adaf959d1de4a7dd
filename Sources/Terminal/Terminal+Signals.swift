import CNcurses
import Foundation

/// Signals, acted on by the loop between frames: the handlers (installed by `open`) only note
/// them, because ncurses may not be called from a signal handler.
extension Terminal {
    /// The signal that asked heed to quit (SIGTERM, SIGHUP, SIGINT), if one came; SIGHUP too
    /// when the terminal hung up without one reaching heed.
    public var quitSignal: Int32? {
        let signal = heed_quit_signal()
        if signal != 0 { return signal }
        return heed_hung_up(STDIN_FILENO) == 1 ? SIGHUP : nil
    }

    /// Suspends when SIGTSTP came (the screen left as on quitting, then the process stopped as
    /// Ctrl-Z stops a job) and takes the screen back once continued; after a SIGCONT alone
    /// (stopped by SIGSTOP, which cannot be caught) takes it back too, as the shell may have
    /// written over it. True when the next frame must be drawn whole.
    public func followStopAndContinue() -> Bool {
        var back = false
        if heed_take_stop() == 1 {
            endwin()
            heed_stop_self()
            back = true
        }
        if heed_take_continued() == 1 {
            endwin()
            back = true
        }
        if back {
            _ = heed_sync_size(STDOUT_FILENO)
            invalidate()
        }
        return back
    }
}
