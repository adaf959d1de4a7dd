import CNcurses
import Foundation
import HeedTheme
import Screen

/// Colours a line for plain standard output (not the full screen) with the terminal's own
/// escape sequences from terminfo, or leaves it plain when output is not a colour terminal.
public struct StyledText: Sendable {
    private let depth: ColorDepth
    private let codes: Codes?

    private struct Codes: Sendable {
        var foreground: String, background: String, bold: String, dim: String, underline: String, reverse: String, italic: String, reset: String
    }

    /// For standard output: plain unless it is a terminal with colours and NO_COLOR is unset.
    public static func forStandardOutput() -> StyledText {
        let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
        guard isatty(STDOUT_FILENO) == 1, !term.isEmpty else { return StyledText(depth: .none, codes: nil) }
        var error: Int32 = 0
        guard setupterm(term, STDOUT_FILENO, &error) == OK else { return StyledText(depth: .none, codes: nil) }
        func capability(_ name: String) -> String {
            guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return "" }
            return String(cString: value)
        }
        let colors = Int(tigetnum("colors"))
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"] != nil
        let codes = Codes(foreground: capability("setaf"), background: capability("setab"), bold: capability("bold"), dim: capability("dim"),
                          underline: capability("smul"), reverse: capability("rev"), italic: capability("sitm"), reset: capability("sgr0"))
        return StyledText(depth: noColor ? .none : ColorDepth(colors: max(0, colors)), codes: codes)
    }

    /// The text of each part in its role's look, then a reset. Text is made safe first.
    public func line(_ parts: [(String, Role)], theme: Theme) -> String {
        let looks = theme.resolved(for: depth)
        var out = ""
        for (text, role) in parts {
            let safe = Glyphs.of(text).map(\.scalars).joined()
            guard let codes, let look = looks[role] else { out += safe; continue }
            out += codes.reset
            if look.attributes.contains(.bold) { out += codes.bold }
            if look.attributes.contains(.dim) { out += codes.dim }
            if look.attributes.contains(.underline) { out += codes.underline }
            if look.attributes.contains(.reverse) { out += codes.reverse }
            if look.attributes.contains(.italic) { out += codes.italic }
            if look.foreground >= 0, !codes.foreground.isEmpty { out += parameterized(codes.foreground, look.foreground) }
            if look.background >= 0, !codes.background.isEmpty { out += parameterized(codes.background, look.background) }
            out += safe
        }
        return out + (codes?.reset ?? "")
    }

    private func parameterized(_ capability: String, _ value: Int) -> String {
        guard let result = heed_tparm1(capability, Int32(value)) else { return "" }
        return String(cString: result)
    }
}
