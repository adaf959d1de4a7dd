import CNcurses
import Screen
import Foundation

/// How each role looks on this terminal: colour pairs where colours exist and `NO_COLOR` is
/// not set, attributes alone otherwise.
struct Palette {
    private var looks: [Role: (UInt32, Int16)] = [:]

    /// Starts colour when the terminal has it and sets up one pair per role.
    @MainActor
    static func start() -> Palette {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"] != nil
        var palette = Palette()
        let useColor = !noColor && has_colors() && start_color() == OK
        if useColor { _ = use_default_colors() }
        let bold = heed_attr_bold(), reverse = heed_attr_reverse(), dim = heed_attr_dim(), underline = heed_attr_underline()
        let colors = Int(heed_colors())
        for (index, role) in Role.allCases.enumerated() {
            let spec = DefaultLook.of(role)
            var attrs: UInt32 = 0
            if spec.bold { attrs |= bold }
            if spec.reverse { attrs |= reverse }
            if spec.dim { attrs |= dim }
            if spec.underline { attrs |= underline }
            var pair: Int16 = 0
            if useColor, spec.foreground != -1 || spec.background != -1 {
                pair = Int16(index + 1)
                let fg = colors >= 16 ? spec.foreground : spec.foreground % 8
                let bg = colors >= 16 ? spec.background : (spec.background < 0 ? -1 : spec.background % 8)
                _ = init_pair(pair, Int16(fg), Int16(bg))
            } else if !useColor, spec.monochromeReverse {
                attrs |= reverse
            }
            palette.looks[role] = (attrs, pair)
        }
        return palette
    }

    func look(_ role: Role) -> (UInt32, Int16) { looks[role] ?? (0, 0) }
}

/// The built-in look of each role (dark terminal background), in 16-colour terms.
struct DefaultLook {
    var foreground: Int = -1
    var background: Int = -1
    var bold = false, reverse = false, dim = false, underline = false
    /// Without colour, draw reversed to keep the role visible (the selection, the bars).
    var monochromeReverse = false

    static func of(_ role: Role) -> DefaultLook {
        switch role {
        case .normal: DefaultLook()
        case .header: DefaultLook(foreground: 15, background: 4, bold: true, monochromeReverse: true)
        case .headerAccent: DefaultLook(foreground: 11, background: 4, bold: true, monochromeReverse: true)
        case .selected: DefaultLook(foreground: 0, background: 6, monochromeReverse: true)
        case .marked: DefaultLook(foreground: 13, bold: true)
        case .dim: DefaultLook(foreground: 8, dim: true)
        case .ageFresh: DefaultLook(foreground: 2)
        case .ageDue: DefaultLook(foreground: 3)
        case .ageLate: DefaultLook(foreground: 9, bold: true)
        case .ageOverdue: DefaultLook(foreground: 1, bold: true, underline: true)
        case .platform: DefaultLook(foreground: 6)
        case .author: DefaultLook(foreground: 12, bold: true)
        case .detailLabel: DefaultLook(foreground: 8, bold: true)
        case .link: DefaultLook(foreground: 4, underline: true)
        case .composer: DefaultLook()
        case .cursor: DefaultLook(reverse: true)
        case .counter: DefaultLook(foreground: 2)
        case .counterNear: DefaultLook(foreground: 3, bold: true)
        case .counterOver: DefaultLook(foreground: 1, bold: true, reverse: true)
        case .status: DefaultLook(foreground: 11)
        case .keyBar: DefaultLook(foreground: 7, background: 0, monochromeReverse: true)
        case .keyName: DefaultLook(foreground: 14, background: 0, bold: true, monochromeReverse: true)
        case .error: DefaultLook(foreground: 15, background: 1, bold: true, monochromeReverse: true)
        case .help: DefaultLook()
        case .title: DefaultLook(bold: true, underline: true)
        }
    }
}
