import Foundation
import HeedCore
import HeedImport
import XCTest

/// A byte order mark at the start of a string: JSONSerialization drops it, so the fast readers
/// leave such strings to it. Found by the fuzzer (Fuzz/): the same id read by the two paths
/// became two items, `x:\u{FEFF}42` and `x:42`.
final class ByteOrderMarkTests: XCTestCase {
    /// The fuzzer's inputs (the first byte of the first picks detection; the rest is the file).
    static let found = [
        "AHsiMTc4OTIyNTA2NDg0NjYxNzIiOnsiaWQiOiIxNzg5MjI1MDY0ODQ2NjE3MiIsImx0IjoiQmVhdXRpZnVsISIsInRpbWVzdGFNTU1NTU1NTU1NTU1NTU1NTU1NODkwMTIzNDU2NzgiLCJraW5kIjoicmVwbHkiLCJhdWd1b2R1MTIzIn19CnsiMTc3InF1b3RlMDYtMDFUMTA6NTY6NTIrMDAwMCIsInVzZXJuYW1lIjoibGlhbWUiOiJsaXhpYW5nZ3VvZHUxMjMifX0KeyIxNzg5MjI1MDY0ODQ2NjE3MiI6eyLvu79pZCI6IjE3ODkyMjUwNjQ4NDY2MTcyIiwibGlrZV9jb3VudCI6MSwidGV4dHQiOjAsIlJleHQiOiJCZWF1dGlmdWwhIiwidGltZXN0YW1wIjoiMjAyMC0wNi0wMVQxMDo1Njo1MiswMDAwIiwidXNlcm5hbWUiOiJsaXhpYW5nZ3VvZHUxMjMifX0K",
        "eyJwbGF0Zm9sbSI6Im1hc3RvZG9uIiwiaWQiOiIxMDk4NzciLCJraW5kIjoibWVudGnvbiIsImF1dGhvciI6eyJoYW5kbGUiOiJhbGljZUBleGFtcGxlODU4MTU0OTEtMjBUMDk6MTQ6OiJtYXN0b2RvbiIsImlkIjoiMTA5ODc3Iiwia2luZCI6Im1lbnRp724iLCJhdXRob3IiOntsZWRnZWRfYXQiOiIyMDI2LTExLTIxVDAwOjAwOjAwWiJ9CnsicGxhdGZvcm0iOiLvu79kaXQiLCJpZCI6InQxX2FiYyIsImtpbmQiOiJkbSIsInRleHQiOiJoaSIsImNyZWF0ZWRfYXQiOiIyMDI2LTExLTIwPVQwOToxNDowMFoiLCJzdGF0ZSI6InJlcGxpZWQifQo=",
    ].map { Array(Data(base64Encoded: $0)!) }

    func testTheFuzzersInputsReadTheSameByEitherPath() {
        for input in Self.found {
            XCTAssertEqual(FastPathOracle.disagreements(Array(input.drop { $0 == 0 })), [])
        }
    }

    /// Two lines with the same id, one the fast reader takes and one it leaves (an escaped key):
    /// one mention, the id without the mark.
    func testTheSameIdByEitherPathIsOneItem() throws {
        let bom = "\u{FEFF}"
        let lines = [#"{"platform":"x","id":"\#(bom)42","text":"\#(bom)t","created_at":1763630040}"#,
                     #"{"platform":"x","id":"\#(bom)42","t\u0065xt":"\#(bom)t","created_at":1763630040}"#]
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("heed-bom-\(UUID().uuidString).jsonl").path
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var mentions: [Mention] = []
        try MentionFile.read(fd: fd, file: "b", format: .heedLines) { event in
            guard case .mention(let mention) = event else { return XCTFail("\(event)") }
            mentions.append(mention)
        }
        XCTAssertEqual(mentions.map(\.id), ["42", "42"])
        XCTAssertEqual(mentions.map(\.text), ["t", "t"])
    }
}
