import Foundation

/// twitter-text's URL grammar as ICU patterns: the Java library's (what X counts by) and the Ruby
/// gem's with Mastodon's changes (what Mastodon links and counts by). Java's `\s` and
/// `\p{InGeneralPunctuation}` are spelled out, since ICU reads them differently.
enum TwitterTextPatterns {
    // MARK: - Shared pieces

    static let invalidCharacters = #"\x{FFFE}\x{FEFF}\x{FFFF}"#
    static let directionalCharacters = #"\x{061C}\x{200E}\x{200F}\x{202A}-\x{202E}\x{2066}-\x{2069}"#
    static let latinAccents = #"\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{FF}\x{100}-\x{24F}\x{253}\x{254}\x{256}\x{257}\x{259}\x{25B}"#
        + #"\x{263}\x{268}\x{26F}\x{272}\x{289}\x{28B}\x{2BB}\x{300}-\x{36F}\x{1E00}-\x{1EFF}"#
    /// ASCII punctuation, each escaped for a set; Ruby's list leaves out the backslash.
    static let punctuation = ##"\-_!\"#\$%\&'\(\)\*\+,\./:;<=>\?@\[\]\^`\{\|\}~"##
    /// Java's `\s`: ASCII whitespace only.
    static let javaSpace = #" \t\n\x{0B}\f\r"#
    static let unicodeSpaces = #"\t-\r \x{85}\x{A0}\x{1680}\x{180E}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}"#

    /// A TLD alternation followed by what may not continue a TLD, written as a trie so that ICU
    /// does not try a thousand words one by one. The same language and the same choice: two TLDs
    /// can both match at one place only when one is a prefix of the other, and there the trie,
    /// like twitter-text's list (sorted from the end of the alphabet), tries the longer first.
    static func tlds(_ list: [String]) -> String {
        "(?:" + trie(list) + "(?=[^a-z0-9@+\\-]|$))"
    }

    /// An ICU pattern matching exactly the given words, longer continuations tried first.
    static func trie(_ words: [String]) -> String {
        /// A trie node: the next code points, and whether a word ends here.
        final class Node {
            var children: [UInt32: Node] = [:]
            var isWord = false
        }
        let root = Node()
        for word in words {
            var node = root
            for scalar in word.unicodeScalars {
                if let next = node.children[scalar.value] { node = next } else {
                    let next = Node()
                    node.children[scalar.value] = next
                    node = next
                }
            }
            node.isWord = true
        }
        func pattern(_ node: Node) -> String {
            let branches = node.children.keys.sorted().map { key -> String in
                let scalar = Unicode.Scalar(key)!
                let literal = scalar.isASCII && scalar.properties.isAlphabetic ? String(scalar) : String(format: "\\x{%X}", key)
                return literal + pattern(node.children[key]!)
            }
            if branches.isEmpty { return "" }
            let group = "(?:" + branches.joined(separator: "|") + ")"
            return node.isWord ? group + "?" : group
        }
        return pattern(root)
    }

    static let queryChars = #"[a-z0-9!?\*'\(\);:\&=\+\$/%#\[\]\-_\.,~\|@]"#
    static let queryEndingChars = #"[a-z0-9\-_\&=#/]"#

    // MARK: - Java (X)

    /// `Regex.VALID_URL` of twitter-text's Java library: $1 all, $2 preceding character, $3 URL,
    /// $4 protocol, $5 domain, $6 port, $7 path, $8 query.
    static let javaValidURL: String = {
        let gTLD = tlds(TopLevelDomains.twitterGeneric), ccTLD = tlds(TopLevelDomains.twitterCountry)
        let preceding = "(?:[^a-z0-9@\\x{FF20}$#\\x{FF03}\(invalidCharacters)]|[\(directionalCharacters)]|^)"
        let chars = "[a-z0-9\(latinAccents)]"
        let subdomain = "(?>(?:\(chars)[a-z0-9\(latinAccents)\\-_]*)?\(chars)\\.)"
        let domainName = "(?:(?:\(chars)[a-z0-9\(latinAccents)\\-]*)?\(chars)\\.)"
        let unicodeChars = "[^\(punctuation)\(javaSpace)\\p{Z}\\x{2000}-\\x{206F}]"
        let unicodeDomain = "(?:(?:\(unicodeChars)[\(unicodeChars)\\-]*)?\(unicodeChars)\\.)"
        let punycode = "(?:xn--[\\-0-9a-z]+)"
        let domain = "(?:\(subdomain)*\(domainName)(?:\(gTLD)|\(ccTLD)|\(punycode)))"
            + "|(?:(?<=https?://)(?:(?:\(domainName)\(ccTLD))|(?:\(unicodeDomain)(?:\(gTLD)|\(ccTLD)))))"
            + "|(?:\(domainName)\(ccTLD)(?=/))"
        let generalPath = "[a-z0-9!\\*';:=\\+,\\.\\$/%#\\[\\]\\-\\x{2013}_~\\|\\&@\(latinAccents)\\x{400}-\\x{4FF}]"
        let balancedParens = "\\((?:\(generalPath)+|(?:\(generalPath)*\\(\(generalPath)+\\)\(generalPath)*))\\)"
        let pathEnding = "[a-z0-9=_#/\\-\\+\(latinAccents)\\x{400}-\\x{4FF}]|(?:\(balancedParens))"
        let path = "(?:(?:\(generalPath)*(?:\(balancedParens)\(generalPath)*)*(?:\(pathEnding)))|(?:@\(generalPath)+/))"
        return "((\(preceding))((https?://)?(\(domain))(?::([0-9]++))?(/\(path)*+)?(\\?\(queryChars)*\(queryEndingChars))?))"
    }()

    /// `Regex.VALID_TCO_URL`: a t.co link, its slug in $1.
    static let javaTcoURL = "^https?://t\\.co/([a-z0-9]+)(?:\\?\(queryChars)*\(queryEndingChars))?"

    // MARK: - Ruby with Mastodon's changes

    /// `Regex[:valid_url]` of the twitter-text gem as Mastodon's `config/initializers/twitter_regex.rb`
    /// redefines it (more protocols, any non-space path character, Unicode in queries). Same groups.
    static let mastodonValidURL: String = {
        let gTLD = tlds(TopLevelDomains.twitterGeneric), ccTLD = tlds(TopLevelDomains.twitterCountry)
        let preceding = "(?:[^A-Z0-9@\\x{FF20}$#\\x{FF03}\(invalidCharacters)]|[\(directionalCharacters)]|^)"
        let chars = "[^\(directionalCharacters)\(punctuation)\(javaSpace)\\x{00}-\\x{1F}\\x{7F}\(invalidCharacters)\(unicodeSpaces)]"
        let subdomain = "(?:(?:\(chars)(?:[_\\-]|\(chars))*)?\(chars)\\.)"
        let domainName = "(?:(?:\(chars)(?:[\\-]|\(chars))*)?\(chars)\\.)"
        let domain = "(?:\(subdomain)*\(domainName)(?:\(gTLD)|\(ccTLD)|(?:xn--[0-9a-z]+)))"
        // The gem's own path characters survive in one place: the parentheses the new path ending allows.
        let gemPath = "[a-z\\p{Cyrillic}0-9!\\*';:=\\+,\\.\\$/%#\\[\\]\\p{Pd}_~\\&\\|@\(latinAccents)]"
        let gemParens = "\\((?:\(gemPath)+|(?:\(gemPath)*\\(\(gemPath)+\\)\(gemPath)*))\\)"
        let generalPath = "[^\\p{White_Space}<>\\(\\)\\?]"
        let pathEnding = "[^\\p{White_Space}\\(\\)\\?!\\*\"'\\x{300C}\\x{300D}<>;:=,\\.\\$%\\[\\]~\\&\\|@]|(?:\(gemParens))"
        let balancedParens = "\\((?:\(generalPath)+|(?:\(generalPath)*\\(\(generalPath)+\\)\(generalPath)*))\\)"
        let path = "(?:(?:\(generalPath)*(?:\(balancedParens)\(generalPath)*)*(?:\(pathEnding)))|(?:\(generalPath)+/))"
        let uchars = "\\x{A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}\\x{10000}-\\x{1FFFD}\\x{20000}-\\x{2FFFD}\\x{30000}-\\x{3FFFD}"
            + "\\x{40000}-\\x{4FFFD}\\x{50000}-\\x{5FFFD}\\x{60000}-\\x{6FFFD}\\x{70000}-\\x{7FFFD}\\x{80000}-\\x{8FFFD}\\x{90000}-\\x{9FFFD}"
            + "\\x{A0000}-\\x{AFFFD}\\x{B0000}-\\x{BFFFD}\\x{C0000}-\\x{CFFFD}\\x{D0000}-\\x{DFFFD}\\x{E1000}-\\x{EFFFD}\\x{E000}-\\x{F8FF}"
            + "\\x{F0000}-\\x{FFFFD}\\x{100000}-\\x{10FFFD}"
        let query = "[a-z0-9!?\\*'\\(\\);:\\&=\\+\\$/%#\\[\\]\\-_\\.,~\\|@\\^\(uchars)]"
        let queryEnding = "[a-z0-9_\\&=#/\\-\(uchars)]"
        let protocols = "(?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini)://"
        return "((\(preceding))((\(protocols))?(\(domain))(?::([0-9]+))?(/\(path)*)?(\\?\(query)*\(queryEnding))?))"
    }()

    /// The gem's `valid_tco_url`: the slug in $1, nothing after it.
    static let rubyTcoURL = "^https?://t\\.co/([a-z0-9]+)"

    // MARK: - Compiled

    /// Compiles a pattern known to be valid (a failure is a bug in this file, caught by the tests).
    static func compile(_ pattern: String, _ options: NSRegularExpression.Options = [.caseInsensitive]) -> NSRegularExpression {
        do { return try NSRegularExpression(pattern: pattern, options: options) } catch {
            preconditionFailure("invalid built-in pattern: \(error)")
        }
    }
}
