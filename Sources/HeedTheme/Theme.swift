import Screen

/// A colour as a theme names it: the terminal's default, one of the 256 indexed colours
/// (names are 0–15), or an RGB value mapped to the nearest colour the terminal has.
public enum ThemeColor: Equatable, Sendable {
    case terminalDefault
    case index(Int)
    case rgb(Int, Int, Int)

    static let names = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright_black", "bright_red", "bright_green", "bright_yellow", "bright_blue", "bright_magenta", "bright_cyan", "bright_white",
    ]

    /// Reads "red", "bright_blue", "grey"/"gray" (bright_black), "default", "#rrggbb", or 0–255.
    init?(text: String) {
        let name = text.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        if name == "default" || name == "none" { self = .terminalDefault; return }
        if name == "grey" || name == "gray" { self = .index(8); return }
        if let index = Self.names.firstIndex(of: name) { self = .index(index); return }
        if name.hasPrefix("#"), name.count == 7, let value = Int(name.dropFirst(), radix: 16) {
            self = .rgb(value >> 16 & 0xFF, value >> 8 & 0xFF, value & 0xFF)
            return
        }
        return nil
    }
}

/// How one element of the screen looks: colours and attributes.
public struct Look: Equatable, Sendable {
    public var foreground: ThemeColor = .terminalDefault
    public var background: ThemeColor = .terminalDefault
    public var bold = false, dim = false, underline = false, reverse = false, italic = false

    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
                bold: Bool = false, dim: Bool = false, underline: Bool = false, reverse: Bool = false, italic: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.underline = underline
        self.reverse = reverse
        self.italic = italic
    }
}

/// A named set of looks, one per element; a theme built on a base changes only what it names.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var description: String
    public var looks: [Role: Look]

    public init(name: String, description: String = "", looks: [Role: Look]) {
        self.name = name
        self.description = description
        self.looks = looks
    }

    public func look(_ role: Role) -> Look { looks[role] ?? Look() }
}

extension Role {
    /// The element's name in a theme file.
    public var themeKey: String {
        switch self {
        case .normal: "normal"
        case .header: "header"
        case .headerAccent: "header_accent"
        case .selected: "selected"
        case .dim: "dim"
        case .ageFresh: "age_fresh"
        case .ageDue: "age_due"
        case .ageLate: "age_late"
        case .ageOverdue: "age_overdue"
        case .platform: "platform"
        case .author: "author"
        case .detailLabel: "detail_label"
        case .link: "link"
        case .composer: "composer"
        case .cursor: "cursor"
        case .counter: "counter"
        case .counterNear: "counter_near"
        case .counterOver: "counter_over"
        case .status: "status"
        case .keyBar: "key_bar"
        case .keyName: "key_name"
        case .error: "error"
        case .help: "help"
        case .title: "title"
        case .marked: "marked"
        }
    }

    init?(themeKey: String) {
        guard let role = Role.allCases.first(where: { $0.themeKey == themeKey }) else { return nil }
        self = role
    }
}
