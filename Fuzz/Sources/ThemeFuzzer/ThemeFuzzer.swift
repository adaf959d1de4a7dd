import FuzzSupport
import Screen

/// libFuzzer's entry: one input is two theme files, "a" and "b", cut at the first NUL (so a
/// `base` can lead from one to the other, or back). Building either never crashes, every
/// problem names one of the files (or --theme), a theme always comes back, and every look
/// resolves at every colour depth to colours the terminal has.
@_cdecl("LLVMFuzzerTestOneInput")
public func themeFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let files = parts(data, size, count: 2)
    let library = ThemeLibrary(userThemes: ["a": files[0], "b": files[1]])
    for name in ["a", "b"] {
        let (theme, problems) = library.theme(named: name)
        require(!theme.name.isEmpty, "a theme without a name")
        for problem in problems {
            require(["a.toml", "b.toml", "--theme"].contains(problem.file), "a problem naming \(problem.file)")
            require(!problem.reason.isEmpty, "a problem without a reason")
        }
        for depth in ColorDepth.allCases {
            for (role, look) in theme.resolved(for: depth) {
                require(look.foreground < max(depth.rawValue, 1) && look.background < max(depth.rawValue, 1), "\(role) at \(depth): \(look)")
            }
        }
    }
    return 0
}
