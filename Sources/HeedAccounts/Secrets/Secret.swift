import Foundation

/// A token, password or key. It prints as a mask wherever it is interpolated, so a secret
/// that slips into a message, a log or a dump shows as `••••`; only `revealed` gives it, to
/// build a request.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    /// Wraps a secret's text.
    public init(_ value: String) { self.value = value }

    /// The secret's text, for the header or body of a request and nothing else.
    public var revealed: String { value }

    public var description: String { "••••" }
    public var debugDescription: String { "Secret(••••)" }
}

/// Takes every secret heed has read out of any text before it is shown, written or logged:
/// each one, as written and in the forms a request carries it (percent-encoded, in Basic
/// authorization), becomes `[secret]`. One redactor serves a whole fetch.
public final class Redactor: @unchecked Sendable {
    private let lock = NSLock()
    private var hidden: [String] = []

    /// A redactor that knows no secret yet.
    public init() {}

    /// Remembers a secret (and the forms requests carry it in) to take out of texts from now on.
    public func hide(_ secret: Secret) {
        hide(secret.revealed)
    }

    /// Remembers a secret's text; texts shorter than four characters are too common to hide.
    public func hide(_ text: String) {
        let forms = [text, text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)].compactMap { $0 }
        lock.withLock {
            for form in forms where form.count >= 4 && !hidden.contains(form) { hidden.append(form) }
            // The longest first, so a secret inside another is never half taken out.
            hidden.sort { $0.count > $1.count }
        }
    }

    /// Remembers the Basic authorization a user name and password make, besides the password.
    public func hideBasic(user: String, password: Secret) {
        hide(password)
        hide(Data("\(user):\(password.revealed)".utf8).base64EncodedString())
    }

    /// The text with every known secret replaced by `[secret]`.
    public func clean(_ text: String) -> String {
        let forms = lock.withLock { hidden }
        var result = text
        for form in forms where result.contains(form) {
            result = result.replacingOccurrences(of: form, with: "[secret]")
        }
        return result
    }
}
