import CNcurses

/// The mouse: asked for when the screen opens unless the user said `mouse = false`; ncurses
/// reports presses of the first button and the wheel as keys (`KeyDecoder.mouse`).
extension Terminal {
    /// Asks the terminal for the mouse, or stops asking; false when it cannot report one.
    @discardableResult
    public func useMouse(_ on: Bool) -> Bool {
        heed_mouse(on ? 1 : 0) == 1
    }
}
