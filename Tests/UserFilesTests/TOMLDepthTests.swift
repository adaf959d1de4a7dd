import TOMLKit
import UserFiles
import XCTest

/// TOML nested deeper than heed reads is refused with its line before TOMLKit sees it (deep
/// nesting makes the parser recurse until the stack runs out).
final class TOMLDepthTests: XCTestCase {
    func deepProblem(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> TOMLText.Problem? {
        if case .failure(let problem) = TOMLText.parse(text) { return problem }
        return nil
    }

    func testEveryKindOfNestingIsMeasured() {
        let deep = 150_000
        let cases = [
            "[" + Array(repeating: "a", count: deep).joined(separator: ".") + "]\n",
            "a" + String(repeating: ".a", count: deep) + " = 1\n",
            "x = " + String(repeating: "[", count: deep) + String(repeating: "]", count: deep) + "\n",
            "x = " + String(repeating: "{a=", count: deep) + "1" + String(repeating: "}", count: deep) + "\n",
            "ok = 1\n[t]\n" + "y = [" + String(repeating: "{b.c.d = [", count: deep / 10),
        ]
        for text in cases {
            let problem = deepProblem(text)
            XCTAssertNotNil(problem, String(text.prefix(40)))
            XCTAssertTrue(problem?.reason.contains("nested") == true, "\(String(describing: problem))")
        }
        XCTAssertEqual(deepProblem("ok = 1\n# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n\n" + "x = " + String(repeating: "[", count: 40))?.line, 4)
    }

    func testDepthCountsTableHeadersKeysAndValuesTogether() {
        let header = "[" + Array(repeating: "a", count: 20).joined(separator: ".") + "]\n"
        XCTAssertNil(deepProblem(header + "k = 1\n"))
        XCTAssertNotNil(deepProblem(header + Array(repeating: "b", count: 13).joined(separator: ".") + " = 1\n"))
        XCTAssertNotNil(deepProblem(header + "k = " + String(repeating: "[", count: 12) + String(repeating: "]", count: 12) + "\n"))
        XCTAssertNotNil(deepProblem("k = {a.b.c.d.e.f.g.h.i.j = {a.b.c.d.e.f.g.h.i.j = {a.b.c.d.e.f.g.h.i.j = {z = 1}}}}\n"))
    }

    func testWhatLooksDeepInsideStringsAndCommentsIsNot() {
        let brackets = String(repeating: "[{.", count: 100)
        let text = """
            a = "\(brackets)"
            b = '\(brackets)'
            c = \"\"\"
            \(brackets) "" \\\"\"\"
            \"\"\"
            d = '''\(brackets)''''
            e = [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5, 13.5, 14.5, 15.5, 16.5, 17.5, 18.5, 19.5, 20.5, 21.5, 22.5, 23.5, 24.5, 25.5, 26.5, 27.5, 28.5, 29.5, 30.5, 31.5, 32.5, 33.5]
            # \(brackets)
            [views]
            "Late DMs" = "kind:dm age>4h"
            "a.b.c" = { fg = "red", bg = "#ffd700" }
            [[x.y]]
            z = 1
            """
        switch TOMLText.parse(text) {
        case .success(let table):
            XCTAssertEqual(table["a"]?.string, brackets)
            XCTAssertEqual(table["d"]?.string, brackets + "'")
            XCTAssertEqual(table["views"]?.table?["Late DMs"]?.string, "kind:dm age>4h")
        case .failure(let problem):
            XCTFail("\(problem)")
        }
    }

    /// What the fuzzer found TOMLKit's parser asserting on (undefined behaviour without
    /// assertions): a table name starting with what starts no key, and control characters.
    func testWhatTheParserAssumesCannotHappenIsRefusedFirst() {
        for (text, line, says) in [
            ("base = \"a\"\n[?leme 7 }\n", 2, "a table name must start"),
            ("[[ ?x]]\n", 1, "a table name must start"),
            ("[ =]\n", 1, "a table name must start"),
            ("theme = 3\n[\u{01}3rr.of.tables]]\n", 2, "a control character (\\u{1})"),
            ("# comment \u{7F}\n", 1, "a control character (\\u{7f})"),
            ("x = \"a\u{00}b\"\n", 1, "a control character (\\u{0})"),
            ("a.b.c = { d = [1.5, }] }\n", 1, "'}' where the array wants a value"),
            ("x = [\n  # note\n  }\n", 3, "'}' where the array wants a value"),
            ("x = [\u{A0}1]\n", 1, "beyond ASCII outside quotes"),
            ("clé = 1\n", 1, "beyond ASCII outside quotes"),
        ] {
            let problem = deepProblem(text)
            XCTAssertEqual(problem?.line, line, text.debugDescription)
            XCTAssertTrue(problem?.reason.contains(says) == true, "\(text.debugDescription): \(String(describing: problem))")
        }
        for fine in ["[ a ]\n", "[[ \"q\" ]]\n", "['lit']\nx = 1\n", "[_a-1.b]\n", "x = \"tab\there\"\r\n",
                     "x = [ ]\n", "x = [1, 2, ]\n", "x = [{a = 1}, {}]\n", "\"clé\" = \"voilà 中文\" # commentaire é\n"] {
            XCTAssertFalse(deepProblem(fine)?.reason.contains("table name must start") == true, fine.debugDescription)
            XCTAssertNil(deepProblem(fine), fine.debugDescription)
        }
    }

    func testHeedsOwnShapesAreFarFromTheLimit() {
        XCTAssertNil(deepProblem("[elements]\nselected = { fg = \"black\", bg = \"#ffd700\", bold = true }\n[people]\nalice = [\"mastodon:a@b\", \"x:a\"]\n"))
    }
}
