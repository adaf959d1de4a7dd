import Foundation
import HeedAccounts
import HeedConfig
import XCTest

/// Secrets read from a command (by the user's shell, bounded in size and time) or the
/// environment, and taken out of every message.
final class SecretsTests: XCTestCase {
    let redactor = Redactor()

    func account(_ source: SecretSource) -> AccountConfig {
        var account = AccountConfig(platform: .mastodon, server: "https://example.social", handle: "you@example.social")
        account.secrets["token"] = source
        return account
    }

    func secrets(_ environment: [String: String] = ["PATH": "/usr/bin:/bin"], timeout: TimeInterval = 30) -> Secrets {
        var secrets = Secrets(environment: environment, redactor: redactor)
        secrets.timeout = timeout
        return secrets
    }

    func testACommandsFirstLineTrimmedIsTheSecret() throws {
        let secret = try secrets().read("token", of: account(.command("printf '  tok-123  \\nuser: you\\n'")))
        XCTAssertEqual(secret?.revealed, "tok-123")
        XCTAssertEqual("\(secret!)", "••••", "a secret prints as a mask")
        XCTAssertEqual(redactor.clean("sent tok-123 and tok-1234"), "sent [secret] and [secret]4")
    }

    func testTheUsersShellRunsTheCommandElseBinSh() throws {
        guard FileManager.default.isExecutableFile(atPath: "/bin/bash") else { throw XCTSkip("no /bin/bash") }
        let bashOnly = account(.command("[[ 1 == 1 ]] && echo bash-said-yes"))
        XCTAssertEqual(try secrets(["SHELL": "/bin/bash", "PATH": "/usr/bin:/bin"]).read("token", of: bashOnly)?.revealed, "bash-said-yes")
        let posix = account(.command("echo from-sh"))
        XCTAssertEqual(try secrets(["SHELL": "/nowhere/fish", "PATH": "/usr/bin:/bin"]).read("token", of: posix)?.revealed, "from-sh")
    }

    func testAnEnvironmentVariable() throws {
        XCTAssertEqual(try secrets(["HEED_T": " env-token \n"]).read("token", of: account(.environment("HEED_T")))?.revealed, "env-token")
        XCTAssertThrowsError(try secrets([:]).read("token", of: account(.environment("HEED_T")))) { error in
            XCTAssertEqual("\(error)", "token_env: the environment variable HEED_T is not set (or empty)")
        }
    }

    func testAFailingCommandIsNamedWithWhatItSaidAndNothingItPrinted() throws {
        let leaky = account(.command("echo leaked-secret-7; echo 'gpg: decryption failed leaked-secret-7' >&2; exit 2"))
        XCTAssertThrowsError(try secrets().read("token", of: leaky)) { error in
            XCTAssertEqual("\(error)", "token_command failed (exit 2): gpg: decryption failed [secret]")
        }
        XCTAssertThrowsError(try secrets().read("token", of: account(.command("true")))) { error in
            XCTAssertEqual("\(error)", "token_command printed nothing")
        }
    }

    func testACommandThatHangsIsStoppedInTime() throws {
        let started = Date()
        XCTAssertThrowsError(try secrets(timeout: 0.5).read("token", of: account(.command("sleep 30; echo late")))) { error in
            XCTAssertTrue("\(error)".hasPrefix("token_command did not finish within 0 s"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "the whole process group was killed")
    }

    func testACommandThatPrintsTooMuchIsRefused() throws {
        XCTAssertThrowsError(try secrets().read("token", of: account(.command("head -c 200000 /dev/zero | tr '\\0' x")))) { error in
            XCTAssertEqual("\(error)", "token_command printed more than 64 KiB: it must print the secret alone")
        }
    }

    func testTheFormsARequestCarriesASecretInAreTakenOutToo() {
        redactor.hide(Secret("p@ss word"))
        redactor.hideBasic(user: "you", password: Secret("hunter22"))
        XCTAssertEqual(redactor.clean("body p%40ss%20word"), "body [secret]")
        XCTAssertEqual(redactor.clean("Authorization: Basic \(Data("you:hunter22".utf8).base64EncodedString())"), "Authorization: Basic [secret]")
        XCTAssertEqual(redactor.clean("abc"), "abc")
    }
}
