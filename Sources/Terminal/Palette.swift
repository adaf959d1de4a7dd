import CNcurses
import Foundation
import HeedTheme
import Screen

/// How each role looks on this terminal: one colour pair per role where colours are on,
/// attributes alone otherwise. Built from a theme already resolved for the terminal's depth.
struct Palette {
    private var looks: [Role: (UInt32, Int16)] = [:]

    /// The depth colours get here: none with NO_COLOR (set to anything) or a terminal without
    /// colour; otherwise what the terminal reports (8, 16, 256).
    @MainActor
    static func startColor() -> ColorDepth {
        guard ProcessInfo.processInfo.environment["NO_COLOR"] == nil, has_colors(), start_color() == OK else { return .none }
        _ = use_default_colors()
        return ColorDepth(colors: Int(heed_colors()))
    }

    /// Sets up the colour pairs for resolved looks.
    @MainActor
    init(_ resolved: [Role: ResolvedLook], depth: ColorDepth) {
        for (index, role) in Role.allCases.enumerated() {
            let look = resolved[role] ?? ResolvedLook()
            var attrs: UInt32 = 0
            if look.attributes.contains(.bold) { attrs |= heed_attr_bold() }
            if look.attributes.contains(.dim) { attrs |= heed_attr_dim() }
            if look.attributes.contains(.underline) { attrs |= heed_attr_underline() }
            if look.attributes.contains(.reverse) { attrs |= heed_attr_reverse() }
            if look.attributes.contains(.italic) { attrs |= heed_attr_italic() }
            var pair: Int16 = 0
            if depth != .none, look.foreground != -1 || look.background != -1, index + 1 < Int(heed_color_pairs()) {
                pair = Int16(index + 1)
                _ = init_pair(pair, Int16(look.foreground), Int16(look.background))
            }
            looks[role] = (attrs, pair)
        }
    }

    init() {}

    func look(_ role: Role) -> (UInt32, Int16) { looks[role] ?? (0, 0) }
}
