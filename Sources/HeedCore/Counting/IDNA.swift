import Foundation

/// A host name in its ASCII form (IDNA 2003 `ToASCII`, RFC 3490), as twitter-text and Mastodon
/// check a URL's host before counting it as a link: a host whose labels cannot be encoded, or
/// encode to more than 63 characters, is not a link.
enum IDNA {
    /// The host with every non-ASCII label nameprepped and Punycode-encoded (`xn--…`), or nil when
    /// a label is empty, prohibited, starts with `xn--` while not ASCII, or is too long.
    static func toASCII(_ host: String) -> String? {
        var labels: [String] = []
        for label in host.split(separator: ".", omittingEmptySubsequences: false) {
            guard let ascii = label.unicodeScalars.allSatisfy(\.isASCII) ? String(label) : encode(String(label)) else { return nil }
            guard !ascii.isEmpty, ascii.utf16.count <= 63 else { return nil }
            labels.append(ascii)
        }
        return labels.joined(separator: ".")
    }

    /// One non-ASCII label: nameprep (RFC 3491: map, fold, NFKC, prohibit), then Punycode.
    private static func encode(_ label: String) -> String? {
        var mapped = String.UnicodeScalarView()
        mapped.append(contentsOf: label.unicodeScalars.filter { !mappedToNothing($0.value) })
        let prepared = String(mapped).lowercased().precomposedStringWithCompatibilityMapping
        guard !prepared.unicodeScalars.contains(where: { prohibited($0.value) }) else { return nil }
        if prepared.unicodeScalars.allSatisfy(\.isASCII) { return prepared }
        guard !prepared.lowercased().hasPrefix("xn--") else { return nil }
        return punycode(Array(prepared.unicodeScalars)).map { "xn--" + $0 }
    }

    /// Stringprep table B.1: characters nameprep removes.
    private static func mappedToNothing(_ value: UInt32) -> Bool {
        switch value {
        case 0x00AD, 0x034F, 0x1806, 0x180B...0x180D, 0x200B...0x200D, 0x2060, 0xFE00...0xFE0F, 0xFEFF: true
        default: false
        }
    }

    /// Stringprep tables C.1.2 and C.2.2 to C.9: what nameprep refuses.
    private static func prohibited(_ value: UInt32) -> Bool {
        switch value {
        case 0x00A0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true // non-ASCII spaces
        case 0x0080...0x009F, 0x06DD, 0x070F, 0x180E, 0x200C, 0x200D, 0x2028, 0x2029, 0x2060...0x2063,
             0x206A...0x206F, 0xFEFF, 0xFFF9...0xFFFD, 0x1D173...0x1D17A: true // controls, plain-text misfits
        case 0xE000...0xF8FF, 0xF0000...0xFFFFD, 0x100000...0x10FFFD: true // private use
        case 0xFDD0...0xFDEF: true // non-characters
        case 0xD800...0xDFFF: true // surrogates
        case 0x2FF0...0x2FFB: true // ideographic description
        case 0x0340, 0x0341, 0x200E, 0x200F, 0x202A...0x202E: true // display-changing, deprecated
        case 0xE0001, 0xE0020...0xE007F: true // tags
        default: value & 0xFFFE == 0xFFFE // U+nFFFE and U+nFFFF
        }
    }

    /// RFC 3492 Punycode of a label's code points (without the `xn--` prefix).
    static func punycode(_ scalars: [Unicode.Scalar]) -> String? {
        let base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700
        func digit(_ value: Int) -> Character {
            Character(Unicode.Scalar(UInt8(value < 26 ? 97 + value : 22 + value)))
        }
        func adapt(_ delta: Int, _ points: Int, _ first: Bool) -> Int {
            var delta = first ? delta / damp : delta / 2
            delta += delta / points
            var k = 0
            while delta > ((base - tMin) * tMax) / 2 {
                delta /= base - tMin
                k += base
            }
            return k + (base - tMin + 1) * delta / (delta + skew)
        }
        let codes = scalars.map { Int($0.value) }
        var output = String(String.UnicodeScalarView(scalars.filter(\.isASCII)))
        let basic = output.count
        var handled = basic
        if basic > 0 { output.append("-") }
        var n = 128, delta = 0, bias = 72
        while handled < codes.count {
            guard let next = codes.filter({ $0 >= n }).min() else { return nil }
            let (product, overflow) = (next - n).multipliedReportingOverflow(by: handled + 1)
            guard !overflow else { return nil }
            delta += product
            n = next
            for code in codes {
                if code < n { delta += 1 }
                guard code == n else { continue }
                var q = delta
                var k = base
                while true {
                    let t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                    if q < t { break }
                    output.append(digit(t + (q - t) % (base - t)))
                    q = (q - t) / (base - t)
                    k += base
                }
                output.append(digit(q))
                bias = adapt(delta, handled + 1, handled == basic)
                delta = 0
                handled += 1
            }
            delta += 1
            n += 1
        }
        return output
    }
}
