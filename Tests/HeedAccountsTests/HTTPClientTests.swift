import Foundation
import HeedAccounts
import XCTest

/// The HTTP client against the stand-in: what it retries and how long it waits (on a clock
/// that records waits instead of sleeping), what it never retries, and where it never sends
/// a credential.
final class HTTPClientTests: FetchCase {
    let waits = Recorder<RateWait>()

    func client(maxWait: TimeInterval = 300, limit: Int? = nil) -> HTTPClient {
        var policy = options().policy
        policy.maxWait = maxWait
        if let limit { policy.limit = limit }
        let waits = waits
        return HTTPClient(clock: options().clock, policy: policy, redactor: Redactor(), userAgent: "heed tests") { waits.add($0) }
    }

    func request(_ path: String = "/api/v1/accounts/verify_credentials", token: String? = nil) throws -> HTTPRequest {
        HTTPRequest("GET", try HTTPRequest.url(standIn.base, path), credential: .bearer(Secret(token ?? standIn.mastodon.token)))
    }

    func testServerErrorsAreRetriedWithExponentialBackoff() throws {
        standIn.fail("/api/v1/accounts/verify_credentials", with: .status(503, headers: [:], body: "{\"error\":\"down\"}"), times: 2)
        let response = try client().send(try request())
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(slept.values, [1, 2])
        XCTAssertEqual(standIn.requests.count, 3)
    }

    func testAServerErrorThatLastsFailsAfterFourTries() throws {
        standIn.fail("/api/v1/accounts/verify_credentials", with: .status(502, headers: [:], body: "{\"error\":\"Bad gateway\"}"), times: 10)
        XCTAssertThrowsError(try client().send(try request())) { error in
            XCTAssertEqual((error as? HTTPFailure)?.reason, .status(502))
            XCTAssertEqual("\(error)", "server error (502: Bad gateway, 4 tries) at \(standIn.base)/api/v1/accounts/verify_credentials")
        }
        XCTAssertEqual(standIn.requests.count, 4)
    }

    func testA429IsWaitedOutForRetryAfterInSecondsOrAsADate() throws {
        standIn.fail("/api/v1/accounts/verify_credentials", with: .status(429, headers: ["Retry-After": "7"], body: "{\"error\":\"Too many requests\"}"))
        XCTAssertEqual(try client().send(try request()).status, 200)
        XCTAssertEqual(slept.values.count, 1)
        XCTAssertEqual(slept.values.first ?? 0, 7, accuracy: 0.5)
        XCTAssertEqual(waits.values.first?.seconds ?? 0, 7, accuracy: 0.5)
        XCTAssertEqual(waits.values.first?.host, "127.0.0.1")

        let date = clock.now.addingTimeInterval(90)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        standIn.fail("/api/v1/accounts/verify_credentials", with: .status(429, headers: ["Retry-After": formatter.string(from: date)], body: ""))
        XCTAssertEqual(try client().send(try request()).status, 200)
        XCTAssertEqual(slept.values.count, 2)
        XCTAssertEqual(slept.values[1], 90, accuracy: 1.5)
    }

    func testARateLimitLongerThanTheLongestWaitFailsWithTheTimeToTryAgain() throws {
        standIn.fail("/api/v1/accounts/verify_credentials", with: .status(429, headers: ["Retry-After": "3600"], body: "{\"error\":\"Too many requests\"}"))
        XCTAssertThrowsError(try client(maxWait: 60).send(try request())) { error in
            guard case .rateLimited(let until)? = (error as? HTTPFailure)?.reason else { return XCTFail("\(error)") }
            XCTAssertEqual(until?.timeIntervalSince(clock.now) ?? 0, 3_600, accuracy: 2)
            XCTAssertTrue("\(error)".contains("Too many requests; over the longest wait, 60 s ([fetch] max_wait)"), "\(error)")
        }
        XCTAssertTrue(slept.values.isEmpty)
    }

    func testASpentLimitMakesTheNextRequestWaitForItsReset() throws {
        let reset = Int(clock.now.timeIntervalSince1970) + 30
        standIn.fail("/api/v1/accounts/verify_credentials", with: .status(200, headers: ["X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "\(reset)"], body: "{}"))
        let client = client()
        XCTAssertEqual(try client.send(try request()).status, 200)
        XCTAssertTrue(slept.values.isEmpty)
        XCTAssertEqual(try client.send(try request()).status, 200)
        XCTAssertEqual(slept.values.first ?? 0, 30, accuracy: 1.5)
    }

    func testOtherClientErrorsAreNeverRetried() throws {
        XCTAssertThrowsError(try client().send(try request("/api/v1/nothing-here"))) { error in
            XCTAssertEqual((error as? HTTPFailure)?.reason, .status(404))
            XCTAssertEqual("\(error)", "not found (404) at \(standIn.base)/api/v1/nothing-here: is server = right?")
        }
        XCTAssertThrowsError(try client().send(try request(token: "not-it"))) { error in
            XCTAssertEqual("\(error)", "bad token or password (401 Unauthorized: The access token is invalid)")
        }
        XCTAssertEqual(standIn.requests.count, 2)
        XCTAssertTrue(slept.values.isEmpty)
    }

    func testACredentialNeverGoesOverPlainHTTPToAnotherMachine() throws {
        let remote = HTTPRequest("GET", URL(string: "http://192.0.2.1/api/v1/notifications")!, credential: .bearer(Secret("t0k3n-value")))
        XCTAssertThrowsError(try client().send(remote)) { error in
            XCTAssertEqual((error as? HTTPFailure)?.reason, .insecure)
            XCTAssertFalse("\(error)".contains("t0k3n"))
        }
        var signIn = HTTPRequest("POST", URL(string: "http://192.0.2.1/xrpc/com.atproto.server.createSession")!)
        signIn.carriesSecret = true
        XCTAssertThrowsError(try client().send(signIn)) { XCTAssertEqual(($0 as? HTTPFailure)?.reason, .insecure) }
    }

    func testARedirectIsNotFollowedWithTheCredential() throws {
        standIn.fail("/api/v1/accounts/verify_credentials", with: .status(301, headers: ["Location": "https://elsewhere.example/api"], body: ""))
        XCTAssertThrowsError(try client().send(try request())) { error in
            XCTAssertEqual((error as? HTTPFailure)?.reason, .redirected)
            XCTAssertTrue("\(error)".contains("301 to https://elsewhere.example/api"), "\(error)")
        }
        XCTAssertEqual(standIn.requests.count, 1)
    }

    func testAnAnswerLargerThanTheLimitIsRefused() throws {
        XCTAssertThrowsError(try client(limit: 100).send(try request())) { error in
            XCTAssertEqual((error as? HTTPFailure)?.reason, .tooLarge)
        }
    }

    func testATokenEchoedByTheServerIsTakenOutOfTheMessage() throws {
        let redactor = Redactor()
        redactor.hide(Secret("echoed-secret-99"))
        standIn.fail("/api/v1/accounts/verify_credentials", with: .status(403, headers: [:], body: "{\"error\":\"token echoed-secret-99 lacks read\"}"))
        let client = HTTPClient(clock: options().clock, policy: options().policy, redactor: redactor, userAgent: "heed tests")
        XCTAssertThrowsError(try client.send(try request())) { error in
            XCTAssertEqual("\(error)", "refused (403 Forbidden: token [secret] lacks read): does the token have the rights heed needs?")
        }
    }
}
