import Foundation
import HeedConfig
import XCTest

/// config.toml however large, deep or strange: a clear problem with its file and line, the
/// defaults (or what could be read) kept, and nothing that grows with the square of the file.
final class ConfigBoundsTests: XCTestCase {
    func testFiveThousandViewsKeepTheFirstHundredInTheFilesOrder() {
        var text = "[views]\n"
        for index in (0..<5_000).reversed() { text += "\"view \(index)\" = \"platform:mastodon age>\(index % 50 + 1)h\"\n" }
        let (config, problems) = Config.parse(text, file: "c.toml")
        XCTAssertEqual(config.views.count, Config.maxViews)
        XCTAssertEqual(config.views.first?.name, "view 4999")
        XCTAssertEqual(config.views.last?.name, "view 4900")
        XCTAssertEqual(problems.map(\.description), [
            "c.toml:102 (views.view 4899): heed shows at most 100 views as tabs; this one and 4,899 more after it are left out",
        ])
    }

    func testQuotedViewNamesKeepTheirPlace() {
        let (config, problems) = Config.parse("[views]\n\"Zeta DMs\" = \"kind:dm\"\n'Alpha' = \"platform:x\"\nmiddle = \"age>1h\"\n", file: "c.toml")
        XCTAssertEqual(problems, [])
        XCTAssertEqual(config.views.map(\.name), ["Zeta DMs", "Alpha", "middle"])
    }

    func testProblemsInAFileWithCRLFLineEndsNameTheirLines() {
        let (_, problems) = Config.parse("[handles]\r\nmyspace = \"me\"\r\n[limits]\r\nx = 0\r\n", file: "c.toml")
        XCTAssertEqual(problems.map(\.line), [2, 4])
    }

    func testDeepNestingIsAProblemWithItsLineNotACrash() {
        let text = "theme = \"light\"\n[" + Array(repeating: "a", count: 150_000).joined(separator: ".") + "]\n"
        let (config, problems) = Config.parse(text, file: "c.toml")
        XCTAssertEqual(config, Config())
        XCTAssertEqual(problems.count, 1)
        XCTAssertEqual(problems.first?.line, 2)
        XCTAssertTrue(problems.first?.reason.contains("at most 32 deep") == true, "\(problems)")
    }

    func testAFileTooLargeOrNotAFileIsNamedAndTheDefaultsUsed() throws {
        let scratch = try Scratch()
        let big = try scratch.sparse("big.toml", size: 3 << 20)
        XCTAssertEqual(Config.load(path: big).1.map(\.description), ["\(big): is 3.0 MiB, over the 1.0 MiB heed reads: left unread; heed uses the defaults"])
        let fifo = try scratch.fifo("fifo.toml")
        XCTAssertEqual(Config.load(path: fifo).1.map(\.description), ["\(fifo): is a FIFO, not a file: heed reads only plain files here; heed uses the defaults"])
        XCTAssertEqual(Config.load(path: scratch.path + "/none.toml").1, [])
    }

    func testKeysQuotingTerminalControlsAreReportedAsTheyAre() {
        // The problem keeps the key as written; whoever prints it (the Console) makes it safe.
        let (_, problems) = Config.parse("[limits]\n\"x\\u001b]0;pwned\\u0007\" = 5\n", file: "c.toml")
        XCTAssertEqual(problems.first?.key, "limits.x\u{1B}]0;pwned\u{07}")
    }
}
