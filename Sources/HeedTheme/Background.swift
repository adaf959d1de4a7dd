/// Whether the terminal draws on a light or a dark background, as it tells: the `COLORFGBG`
/// variable some terminals set, or its answer to the OSC 11 question ("what is your background
/// colour?"). heed draws with the light theme on a light one unless a theme was chosen.
public enum Background: Sendable, Equatable {
    case light, dark

    /// The theme for this background when none was chosen: `light`, or the default.
    public var theme: String { self == .light ? "light" : ThemeLibrary.defaultName }

    /// Reads `COLORFGBG` ("15;0": white on black; rxvt's "0;default;15": the last field is
    /// the background): ANSI colour 7 and 9–15 are light, 0–6 and 8 dark; anything else, nil.
    public static func from(colorFGBG value: String?) -> Background? {
        guard let value, let last = value.split(separator: ";").last, let colour = Int(last), (0...15).contains(colour) else { return nil }
        return colour == 7 || colour >= 9 ? .light : .dark
    }

    /// Reads the terminal's answer to OSC 11: `ESC ] 11 ; rgb:RRRR/GGGG/BBBB` ended by BEL or
    /// `ESC \` (1 to 4 hex digits a channel; `rgba:` too), anywhere in `bytes`. Light when its
    /// relative luminance is above one half; nil when there is no such answer.
    public static func from(osc11Reply bytes: [UInt8]) -> Background? {
        let prefix = Array("\u{1B}]11;".utf8)
        guard bytes.count <= 4096, let start = firstIndex(of: prefix, in: bytes) else { return nil }
        var end = start + prefix.count
        while end < bytes.count, bytes[end] != 0x07, bytes[end] != 0x1B { end += 1 }
        guard end < bytes.count else { return nil }
        let spec = String(decoding: bytes[(start + prefix.count)..<end], as: UTF8.self)
        let body: Substring
        if spec.hasPrefix("rgb:") { body = spec.dropFirst(4) } else if spec.hasPrefix("rgba:") { body = spec.dropFirst(5) } else { return nil }
        let channels = body.split(separator: "/", omittingEmptySubsequences: false).prefix(3)
        guard channels.count == 3 else { return nil }
        var values: [Double] = []
        for channel in channels {
            guard (1...4).contains(channel.count), let number = Int(channel, radix: 16) else { return nil }
            values.append(Double(number) / Double((1 << (4 * channel.count)) - 1))
        }
        let luminance = 0.2126 * values[0] + 0.7152 * values[1] + 0.0722 * values[2]
        return luminance > 0.5 ? .light : .dark
    }

    /// Whether `bytes` hold the end of the answer to the device-attributes question (`ESC [ ? … c`),
    /// which every terminal answers, after OSC 11's answer if any: no need to wait longer.
    public static func hasDeviceAttributes(_ bytes: [UInt8]) -> Bool {
        guard let start = firstIndex(of: Array("\u{1B}[?".utf8), in: bytes) else { return false }
        return bytes[(start + 3)...].contains(UInt8(ascii: "c"))
    }

    /// Where `needle` first starts in `bytes`.
    static func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        return (0...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
