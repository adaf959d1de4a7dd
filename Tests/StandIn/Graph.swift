import Foundation

/// What the Graph API stand-ins (Facebook, Instagram) share: a token as a bearer or
/// `access_token=`, Graph's error body, and lists with the fields asked for and `paging`.
enum Graph {
    /// nil when the request carries the token; else Graph's refusal.
    static func refused(_ request: LoggedRequest, token: String) -> Reply? {
        guard let sent = request.bearer ?? request.value("access_token") else {
            return error(400, 104, "An access token is required to request this resource.")
        }
        return sent == token ? nil : error(400, 190, "Invalid OAuth access token - Cannot parse access token")
    }

    /// One page of `items` with the fields asked for, and Graph's `paging`.
    static func list(_ request: LoggedRequest, base: String, _ items: [[String: Any]], fields known: Set<String>, defaults: Set<String>,
                      node: String) -> Reply {
        let selected = request.value("fields").map(fields)
        let asked = selected.map { Set($0.keys) } ?? defaults
        if let unknown = asked.sorted().first(where: { !known.contains($0) }) {
            return error(400, 100, "(#100) Tried accessing nonexisting field (\(unknown)) on node type (\(node))")
        }
        let limit = Int(request.value("limit") ?? "25") ?? 25
        let offset = request.value("after").flatMap { Data(base64Encoded: $0) }.flatMap { Int(String(decoding: $0, as: UTF8.self)) } ?? 0
        let page = items.dropFirst(offset).prefix(max(1, limit)).map { item in
            var shown: [String: Any] = [:]
            for (key, value) in item where asked.contains(key) {
                // An edge asked with its own fields (`replies{id,text}`) shows only those.
                if let inner = selected?[key] ?? nil, let list = (value as? [String: Any])?["data"] as? [[String: Any]] {
                    let names = Set(fields(inner).keys)
                    shown[key] = ["data": list.map { $0.filter { names.contains($0.key) } }]
                } else {
                    shown[key] = value
                }
            }
            return shown
        }
        var paging: [String: Any] = ["cursors": ["before": Data("\(offset)".utf8).base64EncodedString(),
                                                 "after": Data("\(offset + page.count)".utf8).base64EncodedString()]]
        if offset + page.count < items.count {
            paging["next"] = API.link(base, request, ["after": Data("\(offset + page.count)".utf8).base64EncodedString()])
        }
        return Reply(json: ["data": page, "paging": paging])
    }

    /// The fields a `fields=` value names, each with its own selection (`replies{id,text}`).
    static func fields(_ text: String) -> [String: String?] {
        var result: [String: String?] = [:]
        var depth = 0
        var name = ""
        var inner = ""
        for character in text + "," {
            switch (character, depth) {
            case (",", 0):
                if !name.isEmpty { result[name] = inner.isEmpty ? String?.none : inner }
                name = ""
                inner = ""
            case ("{", _):
                if depth > 0 { inner.append(character) }
                depth += 1
            case ("}", _):
                depth -= 1
                if depth > 0 { inner.append(character) }
            default:
                if depth == 0 { name.append(character) } else { inner.append(character) }
            }
        }
        return result
    }

    /// Graph's error body (Graph answers 400 for a bad token too).
    static func error(_ status: Int, _ code: Int, _ message: String, subcode: Int? = nil) -> Reply {
        var body: [String: Any] = ["message": message, "type": code == 100 && subcode != nil ? "GraphMethodException" : "OAuthException", "code": code,
                                   "fbtrace_id": "AStandInTrace"]
        if let subcode { body["error_subcode"] = subcode }
        return Reply(status: status, json: ["error": body])
    }
}
