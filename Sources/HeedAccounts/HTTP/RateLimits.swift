import Foundation
import HeedCore

/// What the platforms' rate-limit headers say: `Retry-After` (seconds or an HTTP date), and
/// the remaining requests and reset time in each platform's spelling — `X-RateLimit-*`
/// (GitHub: epoch seconds; Mastodon: an ISO 8601 time; Reddit: seconds from now, with
/// `X-Ratelimit-Remaining` in fractions), `x-rate-limit-*` (X: epoch seconds),
/// `RateLimit-*` (Bluesky: epoch seconds; the IETF draft: seconds from now); and Graph's
/// usage in percent (Facebook, Instagram: `X-App-Usage`, `X-Page-Usage`,
/// `X-Business-Use-Case-Usage` with `estimated_time_to_regain_access` in minutes).
public enum RateLimits {
    static let remainingNames = ["x-ratelimit-remaining", "x-rate-limit-remaining", "ratelimit-remaining"]
    static let resetNames = ["x-ratelimit-reset", "x-rate-limit-reset", "ratelimit-reset"]

    /// Requests left in the window, when the answer says (Reddit counts in fractions: `99.0`).
    public static func remaining(_ response: HTTPResponse) -> Int? {
        if let usage = graphUsage(response), usage.percent >= 100 { return 0 }
        return remainingNames.lazy.compactMap { response.header($0).flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } }.first
            .map { Int($0.rounded(.down)) }
    }

    /// When the window starts again, when the answer says.
    public static func reset(_ response: HTTPResponse, now: Date) -> Date? {
        if let minutes = graphUsage(response)?.regain, minutes > 0 { return now.addingTimeInterval(minutes * 60) }
        return resetNames.lazy.compactMap { response.header($0).flatMap { time($0, now: now) } }.first
    }

    /// Graph's usage headers read together: the highest share of a limit used, in percent,
    /// and the longest time until access returns, in minutes, when one is given.
    static func graphUsage(_ response: HTTPResponse) -> (percent: Double, regain: Double?)? {
        var figures: [[String: Any]] = []
        for name in ["x-app-usage", "x-page-usage", "x-business-use-case-usage"] {
            guard let text = response.header(name), text.utf8.count <= 65_536,
                  let value = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { continue }
            // The business header keys arrays of figures by the object they count.
            let lists = value.values.compactMap { $0 as? [[String: Any]] }
            figures += lists.isEmpty ? [value] : lists.flatMap { $0 }
        }
        guard !figures.isEmpty else { return nil }
        let number = { (figure: [String: Any], key: String) in (figure[key] as? NSNumber)?.doubleValue }
        let percent = figures.flatMap { figure in ["call_count", "total_cputime", "total_time"].compactMap { number(figure, $0) } }.max() ?? 0
        let regain = figures.compactMap { number($0, "estimated_time_to_regain_access") }.max()
        return (percent, regain)
    }

    /// Whether the answer says the limit is spent (GitHub answers 403 then, Graph 400 or 403, not 429).
    public static func isSpent(_ response: HTTPResponse) -> Bool {
        remaining(response) == 0
    }

    /// When to try again: `Retry-After`, else the reset of a spent limit.
    public static func retryAt(_ response: HTTPResponse, now: Date) -> Date? {
        if let retry = response.header("Retry-After") {
            let text = retry.trimmingCharacters(in: .whitespaces)
            if let seconds = Double(text), seconds >= 0 { return now.addingTimeInterval(seconds) }
            if let date = httpDate(text) { return date }
        }
        return reset(response, now: now)
    }

    /// A reset value: an ISO 8601 time, epoch seconds (above a billion), or seconds from now.
    static func time(_ text: String, now: Date) -> Date? {
        let value = text.trimmingCharacters(in: .whitespaces)
        if let number = Double(value), number >= 0 {
            return number > 1_000_000_000 ? Date(timeIntervalSince1970: number) : now.addingTimeInterval(number)
        }
        return Timestamp.parseISO(value)
    }

    /// An HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`).
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
