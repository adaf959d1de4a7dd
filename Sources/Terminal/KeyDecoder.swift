import CNcurses
import Screen

/// Turns what `wget_wch` returns into `Key`s.
enum KeyDecoder {
    static func special(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_HOME, KEY_A1: .home
        case KEY_END, KEY_C1: .end
        case KEY_PPAGE, KEY_A3: .pageUp
        case KEY_NPAGE, KEY_C3: .pageDown
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_IC: .insert
        case KEY_ENTER: .enter
        case KEY_BTAB: .backTab
        case KEY_RESIZE: .resize
        case KEY_MOUSE: mouse()
        case KEY_F0 + 1...KEY_F0 + 24: .function(Int(code - KEY_F0))
        default: .unknown(Int(code))
        }
    }

    static func character(_ code: UInt32) -> Key {
        switch code {
        case 13, 10: return .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(code + 96)!))
        default:
            guard let scalar = Unicode.Scalar(code) else { return .unknown(Int(code)) }
            return .character(Character(scalar))
        }
    }

    /// The mouse event ncurses holds: a first-button press at its cell, or the wheel.
    static func mouse() -> Key {
        var x: Int32 = 0, y: Int32 = 0
        switch heed_get_mouse(&x, &y) {
        case 1: return .click(x: Int(x), y: Int(y))
        case 4: return .wheelUp
        case 5: return .wheelDown
        default: return .unknown(Int(KEY_MOUSE))
        }
    }
}
