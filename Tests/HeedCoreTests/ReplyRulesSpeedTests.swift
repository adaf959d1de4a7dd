import Foundation
import HeedCore
import XCTest

/// The composer counts on every key: a full reply with links, CJK and emoji must count fast.
final class ReplyRulesSpeedTests: XCTestCase {
    let replies = [
        String(repeating: "see example.com and https://example.com/a?b=1 ok ", count: 6).prefix(280),
        String(repeating: "日本語のテキスト😀 http://example.jp/ ", count: 10).prefix(280),
        String(repeating: "@alice@example.social see https://example.com/x. ", count: 6).prefix(280),
    ].map(String.init)

    /// The fastest of 20 counts of each reply stays under a millisecond, a debug build included
    /// (the fastest, so that a busy machine does not fail the test; a slow counter still does).
    func testAFullReplyCountsInUnderAMillisecond() {
        for platform in [Platform.x, .mastodon, .bluesky] {
            for reply in replies {
                _ = ReplyRules.length(of: reply, on: platform)
                var best = Duration.seconds(1)
                for _ in 0..<20 {
                    let start = ContinuousClock.now
                    _ = ReplyRules.length(of: reply, on: platform)
                    best = min(best, ContinuousClock.now - start)
                }
                XCTAssertLessThan(best, .milliseconds(1), "\(platform): \(reply.prefix(20))…")
            }
        }
    }
}
