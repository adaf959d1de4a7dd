import HeedCore
import Screen

extension Ref {
    /// The ref as heed prints it everywhere (lists, undo, notes): `platform:id` with the id in
    /// `Escaped`'s visible form, so an id holding controls, spaces or bidi characters can be
    /// copied off the screen and given back to `heed ack`.
    public var shown: String { platform.rawValue + ":" + Escaped.visible(id) }

    /// The refs a command-line word may mean, most likely first: the word read as heed prints
    /// refs (escapes undone), then the word as it is when that differs (an id holding a
    /// backslash typed by hand). Empty when it names no platform and id.
    public static func candidates(_ word: String) -> [Ref] {
        var found: [Ref] = []
        for text in [Escaped.parse(word), word] {
            if let ref = Ref(parsing: text), !found.contains(ref) { found.append(ref) }
        }
        return found
    }
}
