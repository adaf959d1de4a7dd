import FuzzSupport
import HeedConfig

/// libFuzzer's entry: one input is a config.toml. Reading it never crashes (deep nesting is
/// refused before TOMLKit sees it), every problem names the file and a line that exists, and
/// what is kept respects heed's limits.
@_cdecl("LLVMFuzzerTestOneInput")
public func configFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let source = text(data, size)
    let (config, problems) = Config.parse(source, file: "fuzz.toml")
    let lines = source.utf8.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    for problem in problems {
        require(problem.file == "fuzz.toml", "a problem naming another file: \(problem)")
        require(!problem.reason.isEmpty, "a problem without a reason")
        if let line = problem.line { require((1...max(1, lines)).contains(line), "line \(line) of a \(lines)-line file: \(problem)") }
    }
    require(config.views.count <= Config.maxViews, "\(config.views.count) views kept")
    require(config.overdue == config.overdue.sorted(), "overdue thresholds out of order: \(config.overdue)")
    require(config.limits.values.allSatisfy { $0 > 0 }, "a reply limit of 0 or less")
    return 0
}
