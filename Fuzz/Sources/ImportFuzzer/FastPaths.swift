import Foundation
import FuzzSupport
@testable import HeedImport

/// The importer's fast readers against their reference paths: whatever `JSONBytes` reads (the
/// whole input, and each line), JSONSerialization reads the same; whatever line the fast JSON
/// Lines reader takes, the general reader takes as the same mention; lines parsed ahead on
/// another thread give the events parsing them in turn gives. Needs the package built with
/// `-enable-testing` (see README.md).
enum FastPaths {
    /// `body` run with no line parsed ahead.
    static func withoutPrefetch<T>(_ body: () -> T) -> T {
        LinePrefetch.shared.isEnabled = false
        defer { LinePrefetch.shared.isEnabled = true }
        return body()
    }

    static func check(_ bytes: UnsafeBufferPointer<UInt8>) {
        checkJSON(bytes)
        var start = 0
        for index in 0..<bytes.count where bytes[index] == 10 {
            checkLine(UnsafeBufferPointer(rebasing: bytes[start..<index]))
            start = index + 1
        }
        checkLine(UnsafeBufferPointer(rebasing: bytes[start...]))
    }

    static func checkLine(_ line: UnsafeBufferPointer<UInt8>) {
        guard !line.isEmpty else { return }
        checkJSON(line)
        guard let fast = HeedLines.fastMention(line) else { return }
        switch HeedLines.decodeGeneral(ArraySlice(line)) {
        case .success(let general):
            require(fast == general, "the fast JSON Lines reader read \(fast), the general one \(general)")
        case .failure(let problem):
            fatalError("the fast JSON Lines reader took a line the general one refuses: \(problem.reason)")
        }
    }

    static func checkJSON(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let fast = JSONBytes.parse(bytes) else { return }
        do {
            let reference = try JSON.foundationParse(Data(buffer: bytes))
            require(fast == reference, "JSONBytes read \(String(describing: fast).prefix(500)), JSONSerialization \(String(describing: reference).prefix(500))")
        } catch {
            fatalError("JSONBytes read what JSONSerialization refuses: \(error)")
        }
    }
}
