import Screen

/// How many colours the terminal shows; `none` for terminals without colour or with NO_COLOR.
public enum ColorDepth: Int, Sendable, CaseIterable {
    case none = 0, eight = 8, sixteen = 16, full = 256

    /// From the terminal's colour count.
    public init(colors: Int) {
        self = colors >= 256 ? .full : colors >= 16 ? .sixteen : colors >= 8 ? .eight : .none
    }
}

/// Text attributes the terminal layer turns into ncurses attributes.
public struct Attributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1)
    public static let dim = Attributes(rawValue: 2)
    public static let underline = Attributes(rawValue: 4)
    public static let reverse = Attributes(rawValue: 8)
    public static let italic = Attributes(rawValue: 16)
}

/// A look as a given terminal can show it: colour indexes (-1 = the terminal's default) and attributes.
public struct ResolvedLook: Equatable, Sendable {
    public var foreground: Int
    public var background: Int
    public var attributes: Attributes

    public init(foreground: Int = -1, background: Int = -1, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

extension Theme {
    /// Every element's look for a terminal of this depth. Without colour, an element whose
    /// background differs from plain text's is drawn reversed, so bars and the selection stay visible.
    public func resolved(for depth: ColorDepth) -> [Role: ResolvedLook] {
        var result: [Role: ResolvedLook] = [:]
        let plainBackground = look(.normal).background
        for role in Role.allCases { result[role] = Self.resolve(look(role), depth, plainBackground: plainBackground) }
        return result
    }

    static func resolve(_ look: Look, _ depth: ColorDepth, plainBackground: ThemeColor) -> ResolvedLook {
        var attributes: Attributes = []
        if look.bold { attributes.insert(.bold) }
        if look.dim { attributes.insert(.dim) }
        if look.underline { attributes.insert(.underline) }
        if look.reverse { attributes.insert(.reverse) }
        if look.italic { attributes.insert(.italic) }
        guard depth != .none else {
            if look.background != plainBackground { attributes.formSymmetricDifference(.reverse) }
            return ResolvedLook(attributes: attributes)
        }
        var foreground = Palette256.index(look.foreground, depth)
        let background = Palette256.index(look.background, depth)
        if depth == .eight, foreground >= 8 {
            foreground -= 8
            attributes.insert(.bold)
        }
        return ResolvedLook(foreground: foreground, background: background % (depth == .eight ? 8 : 256), attributes: attributes)
    }
}

/// The xterm palette, for mapping any colour to the nearest one a terminal has.
enum Palette256 {
    static let basic: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    static func rgb(_ index: Int) -> (Int, Int, Int) {
        if index < 16 { return basic[index] }
        if index < 232 {
            let levels = [0, 95, 135, 175, 215, 255]
            let value = index - 16
            return (levels[value / 36], levels[value / 6 % 6], levels[value % 6])
        }
        let gray = 8 + (index - 232) * 10
        return (gray, gray, gray)
    }

    /// The index to draw a theme colour with on a terminal of this depth; -1 for the default.
    static func index(_ color: ThemeColor, _ depth: ColorDepth) -> Int {
        switch color {
        case .terminalDefault: return -1
        case .index(let index):
            let index = max(0, min(255, index))
            if depth == .full || index < 16 { return index }
            return nearest(rgb(index), among: 16)
        case .rgb(let r, let g, let b):
            return nearest((r, g, b), among: depth == .full ? 256 : 16)
        }
    }

    static func nearest(_ color: (Int, Int, Int), among count: Int) -> Int {
        var best = 0
        var bestDistance = Int.max
        for index in 0..<count {
            let (r, g, b) = rgb(index)
            let distance = (r - color.0) * (r - color.0) * 3 + (g - color.1) * (g - color.1) * 4 + (b - color.2) * (b - color.2) * 2
            if distance < bestDistance { best = index; bestDistance = distance }
        }
        return best
    }
}
