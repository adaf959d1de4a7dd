/// Strips what must never reach a terminal from untrusted text: C0 and C1 controls (but tab,
/// newline), DEL, whole escape sequences (CSI, OSC, DCS, SOS, PM, APC and two-byte ESC forms),
/// and bidi embedding, override and isolate characters.
public enum Sanitizer {
    /// The scalars of `text` that are safe to lay out.
    public static func scalars(of text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.unicodeScalars.count)
        var safe = Safe(text.unicodeScalars.makeIterator())
        while let scalar = safe.next() { out.append(scalar) }
        return out
    }

    /// The text with only safe scalars left (newlines and tabs kept).
    public static func clean(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var safe = Safe(text.unicodeScalars.makeIterator())
        while let scalar = safe.next() { result.append(scalar) }
        return String(result)
    }

    /// Whether a scalar is removed wherever it stands (a control or a bidi control); escape
    /// sequences are removed whole besides.
    @inline(__always)
    public static func isRemoved(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A: false
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    /// Scalars removed before measuring so that terminals and wcwidth agree on widths:
    /// ZWJ, variation selectors and skin-tone modifiers.
    @inline(__always)
    public static func isDroppedForLayout(_ value: UInt32) -> Bool {
        value == 0x200D || value == 0xFE0E || value == 0xFE0F || (0x1F3FB...0x1F3FF).contains(value)
            || value == 0x200B || value == 0xFEFF
    }

    /// The safe scalars of any run of scalars, one at a time: work stops where the reader
    /// stops, so a caller that needs a screenful of a huge text reads only that much.
    public struct Safe<Base: IteratorProtocol>: IteratorProtocol where Base.Element == Unicode.Scalar {
        private var base: Base

        /// The safe scalars of `base`.
        public init(_ base: Base) { self.base = base }

        /// The next safe scalar, skipping whatever must not reach a terminal.
        public mutating func next() -> Unicode.Scalar? {
            while let scalar = base.next() {
                let value = scalar.value
                if value >= 0x20 && value < 0x7F { return scalar }
                switch value {
                case 0x09, 0x0A: return scalar
                case 0x0D: return "\n"
                case 0x1B: skipEscape()
                case 0x9B: skipControlSequence()
                case 0x90, 0x98, 0x9D, 0x9E, 0x9F: skipString()
                default: if !Sanitizer.isRemoved(value) { return scalar }
                }
            }
            return nil
        }

        private mutating func skipEscape() {
            guard let next = base.next() else { return }
            switch next.value {
            case 0x5B: skipControlSequence()  // ESC [ : CSI
            case 0x5D, 0x50, 0x58, 0x5E, 0x5F: skipString()  // OSC, DCS, SOS, PM, APC
            case 0x20...0x2F:  // ESC with intermediates: up to and including the final byte
                while let more = base.next(), (0x20...0x2F).contains(more.value) {}
            default: return  // two-byte form: ESC and one character
            }
        }

        /// CSI: parameters and intermediates up to a final byte 0x40–0x7E.
        private mutating func skipControlSequence() {
            while let scalar = base.next() {
                if (0x40...0x7E).contains(scalar.value) || scalar.value > 0x7E || scalar.value < 0x20 { return }
            }
        }

        /// A control string ends at BEL, ST (ESC \) or C1 ST (0x9C).
        private mutating func skipString() {
            while let scalar = base.next() {
                switch scalar.value {
                case 0x07, 0x9C: return
                case 0x1B:
                    _ = base.next()
                    return
                default: continue
                }
            }
        }
    }
}
