import Foundation

/// The measures every benchmark of the suite reports, and a stopwatch for rates.
public enum Measures {
    /// Monotonic time in seconds, for rates computed inside an iteration.
    public static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// `count` things done in `seconds`, per second, rounded.
    public static func rate(_ count: Int, _ seconds: Double) -> Int {
        seconds > 0 ? Int((Double(count) / seconds).rounded()) : 0
    }
}
