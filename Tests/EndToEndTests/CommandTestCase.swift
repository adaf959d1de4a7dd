import Foundation
import XCTest

/// A test of heed's commands through the real binary, hermetic: its own HOME, XDG folders,
/// TZ and locale, so nothing of the machine's config reaches it. Runs heed piped (standard
/// output and error are pipes) or on a pseudo-terminal (both are the terminal).
class CommandTestCase: HeedTestCase {
    var configFolder: String { directory.appendingPathComponent("config/heed").path }
    var configPath: String { configFolder + "/config.toml" }

    /// Only what heed needs: this test's folders, no colour preference, UTC, UTF-8.
    var environment: [String: String] {
        [
            "PATH": "/usr/bin:/bin", "HOME": directory.path, "TZ": "UTC", "LANG": "C.UTF-8",
            "XDG_CONFIG_HOME": directory.appendingPathComponent("config").path,
            "XDG_DATA_HOME": directory.appendingPathComponent("data").path,
            "HEED_STORE": storePath, "HEED_OUTBOX": outboxPath, "TERM": "xterm-256color",
        ]
    }

    /// Runs `heed arguments…` piped, with `input` on standard input.
    func heed(_ arguments: [String], input: String? = nil, environment extra: [String: String] = [:]) throws -> SpawnResult {
        var stdin = "/dev/null"
        if let input {
            stdin = directory.appendingPathComponent("stdin-\(UUID().uuidString)").path
            try input.write(toFile: stdin, atomically: true, encoding: .utf8)
        }
        return try Spawn.run([heed] + arguments, environment: environment.merging(extra) { $1 }, stdinPath: stdin)
    }

    /// Runs `heed arguments…` on a `width`-column pseudo-terminal; `answer` is typed once
    /// `prompt` shows. Returns everything it wrote (line ends as the terminal sends them) and
    /// its exit code.
    func heedOnTerminal(_ arguments: [String], width: Int = 100, prompt: String? = nil, answer: String = "",
                        file: StaticString = #filePath, line: UInt = #line) throws -> (output: String, status: Int32?) {
        let pty = try PTYProcess([heed] + arguments, environment: environment, width: width, height: 40)
        defer { pty.close() }
        if let prompt {
            XCTAssertTrue(pty.waitFor(prompt), "no \(prompt.debugDescription) in \(String(decoding: pty.output, as: UTF8.self).debugDescription)", file: file, line: line)
            pty.send(answer)
        }
        let status = pty.waitExit(timeout: 30)
        pty.settle()
        return (String(decoding: pty.output, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"), status)
    }

    /// Writes config.toml.
    func writeConfig(_ text: String) throws {
        try FileManager.default.createDirectory(atPath: configFolder, withIntermediateDirectories: true)
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Imports mention objects as heed JSON Lines; fails unless all are imported.
    func importObjects(_ objects: [[String: Any]], file: StaticString = #filePath, line: UInt = #line) throws {
        let lines = try objects.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        let path = directory.appendingPathComponent("import-\(UUID().uuidString).jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try heed(["import", path])
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
    }

    /// One mention of `platform` with this id, text and author, `age` seconds old.
    func item(_ id: String, platform: String = "mastodon", handle: String = "someone", name: String? = nil, text: String = "hello", age: TimeInterval = 3_600) -> [String: Any] {
        var author: [String: Any] = ["handle": handle]
        if let name { author["name"] = name }
        return ["platform": platform, "id": id, "kind": "mention", "author": author, "text": text,
                "created_at": Int(Date().timeIntervalSince1970 - age)]
    }

    /// Fails when `text` carries a byte a terminal would act on: ESC, C0 controls but tab and
    /// newline, DEL, C1 controls, or bidi controls.
    func assertInert(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let bad = text.unicodeScalars.filter { scalar in
            let value = scalar.value
            return (value < 0x20 && value != 0x09 && value != 0x0A) || (0x7F...0x9F).contains(value)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F || value == 0x061C
        }
        XCTAssertTrue(bad.isEmpty, "\(what) carries \(bad.map { String($0.value, radix: 16) }): \(text.debugDescription)", file: file, line: line)
    }
}
