/// Strips what must never reach a terminal from untrusted text: C0 and C1 controls (but tab,
/// newline), DEL, whole escape sequences (CSI, OSC, DCS, SOS, PM, APC and two-byte ESC forms),
/// and bidi embedding, override and isolate characters.
public enum Sanitizer {
    /// The scalars of `text` that are safe to lay out.
    public static func scalars(of text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.unicodeScalars.count)
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            let value = scalar.value
            if value >= 0x20 && value < 0x7F { out.append(scalar); continue }
            switch value {
            case 0x09, 0x0A: out.append(scalar)
            case 0x0D: out.append("\n")
            case 0x1B: skipEscape(&iterator)
            case 0x9B: skipControlSequence(&iterator)
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F: skipString(&iterator)
            case 0x00...0x1F, 0x7F...0x9F: continue
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: continue
            default: out.append(scalar)
            }
        }
        return out
    }

    /// The text with only safe scalars left (newlines and tabs kept).
    public static func clean(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars(of: text))
        return String(result)
    }

    /// Scalars removed before measuring so that terminals and wcwidth agree on widths:
    /// ZWJ, variation selectors and skin-tone modifiers.
    @inline(__always)
    static func isDroppedForLayout(_ value: UInt32) -> Bool {
        value == 0x200D || value == 0xFE0E || value == 0xFE0F || (0x1F3FB...0x1F3FF).contains(value)
            || value == 0x200B || value == 0xFEFF
    }

    private static func skipEscape(_ iterator: inout String.UnicodeScalarView.Iterator) {
        guard let next = iterator.next() else { return }
        switch next.value {
        case 0x5B: skipControlSequence(&iterator)  // ESC [ : CSI
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F: skipString(&iterator)  // OSC, DCS, SOS, PM, APC
        case 0x20...0x2F:  // ESC with intermediates: up to and including the final byte
            while let more = iterator.next(), (0x20...0x2F).contains(more.value) {}
        default: return  // two-byte form: ESC and one character
        }
    }

    /// CSI: parameters and intermediates up to a final byte 0x40–0x7E.
    private static func skipControlSequence(_ iterator: inout String.UnicodeScalarView.Iterator) {
        while let scalar = iterator.next() {
            if (0x40...0x7E).contains(scalar.value) || scalar.value > 0x7E || scalar.value < 0x20 { return }
        }
    }

    /// A control string ends at BEL, ST (ESC \) or C1 ST (0x9C).
    private static func skipString(_ iterator: inout String.UnicodeScalarView.Iterator) {
        while let scalar = iterator.next() {
            switch scalar.value {
            case 0x07, 0x9C: return
            case 0x1B:
                _ = iterator.next()
                return
            default: continue
            }
        }
    }
}
