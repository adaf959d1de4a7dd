import Foundation

/// Durations in the plain words the queue shows ("3d 4h") and the short forms users type ("30d").
public enum Age {
    /// Two units at most, largest first: "42s", "5m", "3h 12m", "3d 4h", "2w 3d", "1y 6w".
    public static func words(_ seconds: TimeInterval) -> String {
        let total = Int(max(0, seconds))
        let units: [(Int, String)] = [(31_536_000, "y"), (604_800, "w"), (86_400, "d"), (3_600, "h"), (60, "m"), (1, "s")]
        for (index, (size, name)) in units.enumerated() where total >= size {
            let first = total / size
            guard index + 1 < units.count, name != "m" else { return "\(first)\(name)" }
            let (nextSize, nextName) = units[index + 1]
            let second = (total % size) / nextSize
            return second == 0 ? "\(first)\(name)" : "\(first)\(name) \(second)\(nextName)"
        }
        return "0s"
    }

    /// A duration as typed, exactly, in the largest unit it is a whole number of: "30d" (not
    /// "4w 2d"), "90m", "2w", "36h". What `parse` reads back to the same seconds.
    public static func typed(_ seconds: TimeInterval) -> String {
        let total = Int(max(0, seconds))
        for (size, name) in [(604_800, "w"), (86_400, "d"), (3_600, "h"), (60, "m")] where total > 0 && total % size == 0 {
            return "\(total / size)\(name)"
        }
        return "\(total)s"
    }

    /// Parses "90s", "15m", "4h", "30d", "2w", "1y" and sums like "1h30m" or "1d 12h".
    public static func parse(_ text: String) -> TimeInterval? {
        let sizes: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800, "y": 31_536_000]
        var total = 0.0
        var number = ""
        var sawUnit = false
        for character in text.lowercased() where character != " " {
            if character.isASCII, character.isNumber {
                number.append(character)
            } else if let size = sizes[character], let value = Double(number) {
                total += value * size
                number = ""
                sawUnit = true
            } else {
                return nil
            }
        }
        guard number.isEmpty, sawUnit else { return nil }
        return total
    }
}
