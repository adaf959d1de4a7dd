import Foundation
import HeedCore
import Screen

/// An item against its response target, as rows and the detail pane show it: the time left
/// ("due 2h") or how late it is ("late 3h"), in the largest whole unit, and the colour: fresh,
/// due soon (less than a quarter of the target left), late, and late by more than the target
/// again.
public enum DueLabel {
    /// Where an item stands against the targets of the settings; nil without targets or when
    /// no key matches it.
    static func due(_ mention: Mention, _ settings: Settings, now: Date) -> ResponseTargets.Due? {
        settings.targets?.due(mention, now: now)
    }

    /// "due 2h", "due 0m" or "late 3d".
    public static func text(_ due: ResponseTargets.Due) -> String {
        let left = Double(due.left) / 1000
        let words = Age.words(abs(left)).split(separator: " ").first.map(String.init) ?? "0s"
        return left > 0 ? "due " + words : "late " + words
    }

    /// The colour of an item's age and label by its standing.
    public static func role(_ due: ResponseTargets.Due) -> Role {
        if due.left > due.target / 4 { return .ageFresh }
        if due.left > 0 { return .ageDue }
        return -due.left < due.target ? .ageLate : .ageOverdue
    }
}
