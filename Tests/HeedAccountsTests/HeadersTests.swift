import Foundation
import HeedAccounts
import XCTest

/// The headers the platforms page and limit with, read as each platform writes them.
final class HeadersTests: XCTestCase {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func response(_ headers: [String: String]) -> HTTPResponse {
        HTTPResponse(status: 200, headers: headers, body: [], url: URL(string: "https://example.social/api/v1/notifications")!)
    }

    func testLinkHeadersAsMastodonAndGitHubWriteThem() {
        let mastodon = LinkHeader.parse(#"<https://mastodon.social/api/v1/notifications?max_id=541461666>; rel="next", <https://mastodon.social/api/v1/notifications?min_id=550622655>; rel="prev""#)
        XCTAssertEqual(LinkHeader.parameter("max_id", of: mastodon["next"]), "541461666")
        XCTAssertEqual(LinkHeader.parameter("min_id", of: mastodon["prev"]), "550622655")
        let github = LinkHeader.parse(#"<https://api.github.com/notifications?page=2&per_page=50>; rel="next", <https://api.github.com/notifications?page=5,6>; rel="last""#)
        XCTAssertEqual(LinkHeader.parameter("page", of: github["next"]), "2")
        XCTAssertEqual(LinkHeader.parameter("page", of: github["last"]), "5,6", "a comma inside <…> is part of the address")
        let relative = LinkHeader.parse("</api/v1/notifications?max_id=3>; rel=next", relativeTo: URL(string: "https://example.social/api/v1/notifications"))
        XCTAssertEqual(relative["next"]?.absoluteString, "https://example.social/api/v1/notifications?max_id=3")
        XCTAssertTrue(LinkHeader.parse("garbage, <also>").isEmpty)
    }

    func testResetTimesInEachPlatformsSpelling() {
        // Mastodon: an ISO 8601 time.
        XCTAssertEqual(RateLimits.reset(response(["X-RateLimit-Reset": "2027-01-15T08:00:00.000Z", "X-RateLimit-Remaining": "0"]), now: now),
                       ISO8601DateFormatter().date(from: "2027-01-15T08:00:00Z"))
        // GitHub and X: epoch seconds; Bluesky's RateLimit-Reset too.
        XCTAssertEqual(RateLimits.reset(response(["x-ratelimit-reset": "1800000600"]), now: now), now.addingTimeInterval(600))
        XCTAssertEqual(RateLimits.reset(response(["x-rate-limit-reset": "1800000060"]), now: now), now.addingTimeInterval(60))
        // The IETF draft: seconds from now.
        XCTAssertEqual(RateLimits.reset(response(["RateLimit-Reset": "30"]), now: now), now.addingTimeInterval(30))
        XCTAssertEqual(RateLimits.remaining(response(["X-RateLimit-Remaining": "0"])), 0)
        XCTAssertTrue(RateLimits.isSpent(response(["ratelimit-remaining": "0"])))
        XCTAssertFalse(RateLimits.isSpent(response(["X-RateLimit-Remaining": "12"])))
    }

    func testGraphsUsageInPercentWithTheMinutesUntilAccessReturns() {
        XCTAssertFalse(RateLimits.isSpent(response(["X-App-Usage": #"{"call_count":28,"total_time":25,"total_cputime":25}"#])))
        XCTAssertTrue(RateLimits.isSpent(response(["X-App-Usage": #"{"call_count":28,"total_time":100,"total_cputime":25}"#])), "any figure at 100")
        let business = response(["X-Business-Use-Case-Usage":
            #"{"112233":[{"type":"pages","call_count":100,"total_cputime":10,"total_time":10,"estimated_time_to_regain_access":19}]}"#])
        XCTAssertEqual(RateLimits.remaining(business), 0)
        XCTAssertEqual(RateLimits.reset(business, now: now), now.addingTimeInterval(19 * 60))
        XCTAssertNil(RateLimits.remaining(response(["X-Page-Usage": "not json"])))
    }

    func testRetryAfterInSecondsOrAsAnHTTPDateBeforeAnyReset() {
        XCTAssertEqual(RateLimits.retryAt(response(["Retry-After": "120", "X-RateLimit-Reset": "1800009999"]), now: now), now.addingTimeInterval(120))
        XCTAssertEqual(RateLimits.retryAt(response(["Retry-After": "Fri, 15 Jan 2027 08:00:00 GMT"]), now: now),
                       ISO8601DateFormatter().date(from: "2027-01-15T08:00:00Z"))
        XCTAssertNil(RateLimits.retryAt(response(["Retry-After": "soon"]), now: now))
    }

    func testTheServersMessageInEachPlatformsErrorBody() {
        XCTAssertEqual(HTTPFailure.serverMessage(Array(#"{"error":"The access token is invalid"}"#.utf8)), "The access token is invalid")
        XCTAssertEqual(HTTPFailure.serverMessage(Array(#"{"error":"ExpiredToken","message":"Token has expired"}"#.utf8)), "ExpiredToken: Token has expired")
        XCTAssertEqual(HTTPFailure.serverMessage(Array(#"{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}"#.utf8)), "Bad credentials")
        XCTAssertEqual(HTTPFailure.serverMessage(Array(#"{"error":"invalid_grant","error_description":"Bad password"}"#.utf8)), "invalid_grant: Bad password")
        XCTAssertEqual(HTTPFailure.serverMessage(Array("<html><body>502</body></html>".utf8)), "")
        XCTAssertEqual(HTTPFailure.serverMessage(Array(String(repeating: "x", count: 500).utf8)).count, 200, "a body that is not JSON is cut")
    }

    func testAQueryIsEncodedSoThatPlusSignsSurvive() throws {
        let url = try HTTPRequest.url("https://api.github.com", "/notifications", query: [("since", "2026-01-01T00:00:00+01:00"), ("types[]", "mention")])
        XCTAssertEqual(url.absoluteString, "https://api.github.com/notifications?since=2026-01-01T00:00:00%2B01:00&types%5B%5D=mention")
    }
}
