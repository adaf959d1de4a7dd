import Foundation
import GRDB
import HeedCore
import TestSupport
import XCTest

/// The words rules and targets match in memory (`SearchTokens`) are the words SQLite's own
/// tokenizer cuts from the same folded text: random texts in the scripts people write, cut by
/// both and compared word for word, in order.
final class SearchTokensOracleTests: XCTestCase {
    /// Scalars drawn from: ASCII, Latin letters of both cases with an accent, combining accents,
    /// Greek (final sigma, the symbol forms ϕ ϖ ϑ), the micro sign, Cyrillic, Hebrew, Arabic,
    /// Devanagari, Thai, kana with its voicing marks, CJK, Hangul, fullwidth letters,
    /// letterlike symbols and Roman numerals, arrows, emoji with skin tones. Left out, where
    /// SQLite's tables (of an older Unicode) read differently: letters with two accents
    /// (ǡ stays ǡ to SQLite), ϳ (which SQLite folds to Ϳ), scalars unassigned or new since.
    static let pools: [ClosedRange<UInt32>] = [
        0x20...0x7E, 0x20...0x7E, 0x20...0x7E, 0xA0...0x17F, 0x1E00...0x1E07, 0x1EA0...0x1EA3, 0x300...0x36F,
        0x386...0x3CE, 0x3D0...0x3D6, 0xB5...0xB5, 0x400...0x45F, 0x5D0...0x5EA, 0x620...0x64A, 0x900...0x97F, 0xE01...0xE5B,
        0x3041...0x30FF, 0x4E00...0x4FFF, 0xAC00...0xAD00, 0xFF21...0xFF5A, 0x2100...0x2183,
        0x2190...0x21FF, 0x1F300...0x1F64F, 0x1F3FB...0x1F3FF, 0x1F900...0x1F9FF,
    ]

    func testWordsAreTheWordsSQLiteCuts() throws {
        var random = SeededRandom.forTest("SearchTokensOracleTests")
        let db = try DatabaseQueue()
        try db.write { db in
            try db.execute(sql: """
                CREATE VIRTUAL TABLE t USING fts5(body, tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co So'");
                CREATE VIRTUAL TABLE v USING fts5vocab(t, instance);
                """)
        }
        for round in 0..<400 {
            let text = String(String.UnicodeScalarView((0..<Int.random(in: 1...60, using: &random)).compactMap { _ in
                let pool = Self.pools.randomElement(using: &random)!
                // Unassigned code points are no one's text (SQLite's tables count some as letters).
                return Unicode.Scalar(UInt32.random(in: pool, using: &random)).flatMap { $0.properties.generalCategory == .unassigned ? nil : $0 }
            }))
            let folded = SearchText.fold(text)
            let sqlite = try db.write { db -> [String] in
                try db.execute(sql: "DELETE FROM t")
                try db.execute(sql: "INSERT INTO t (rowid, body) VALUES (1, ?)", arguments: [folded])
                return try String.fetchAll(db, sql: "SELECT term FROM v ORDER BY offset")
            }
            let cut = SearchTokens.words(ofText: text).map { String(decoding: $0, as: UTF8.self) }
            XCTAssertEqual(cut, sqlite, "round \(round): \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            XCTAssertEqual(cut, SearchTokens.of(folded), "cut as it folds, or from the folded text: the same words")
            if cut != sqlite { break }
        }
    }
}
