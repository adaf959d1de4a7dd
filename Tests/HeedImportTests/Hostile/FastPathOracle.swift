import Foundation
@testable import HeedImport
import XCTest

/// The fast readers against their reference paths on one input: what `JSONBytes` reads (the
/// whole input, and each line) JSONSerialization reads the same; a line the fast JSON Lines
/// reader takes, the general reader takes as the same mention. Returns what disagreed.
enum FastPathOracle {
    static func disagreements(_ input: [UInt8]) -> [String] {
        var found: [String] = []
        input.withUnsafeBufferPointer { bytes in
            json(bytes, &found)
            for line in input.split(separator: 10, omittingEmptySubsequences: true) {
                line.withUnsafeBufferPointer { json($0, &found) }
                guard let fast = line.withUnsafeBufferPointer(HeedLines.fastMention) else { continue }
                switch HeedLines.decodeGeneral(line) {
                case .success(let general) where general == fast: break
                case .success(let general): found.append("a JSON line read as \(fast) and as \(general)")
                case .failure(let problem): found.append("a JSON line the general reader refuses (\(problem.reason)) read as \(fast)")
                }
            }
        }
        return found
    }

    private static func json(_ bytes: UnsafeBufferPointer<UInt8>, _ found: inout [String]) {
        guard let fast = JSONBytes.parse(bytes) else { return }
        do {
            let reference = try JSON.foundationParse(Data(buffer: bytes))
            if fast != reference { found.append("JSON read as \(String(describing: fast).prefix(300)) and as \(String(describing: reference).prefix(300))") }
        } catch {
            found.append("JSON read that JSONSerialization refuses: \(error)")
        }
    }
}
