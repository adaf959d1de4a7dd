import Foundation
import HeedCore

/// A reply written in the composer, as the outbox keeps it.
public struct Draft: Sendable, Hashable {
    /// Where the draft stands (`DraftLifecycle` says how each record moves it).
    public enum Status: String, Sendable { case pending, exported, discarded, sending, sent }

    public var id: String
    public var ref: Ref
    public var replyTarget: [String: String]
    public var author: String?
    public var text: String
    public var createdAt: Date
    public var status: Status = .pending
    public var updatedAt: Date
    /// Where it went, once sent.
    public var delivery: Delivery?
    /// Why the last try to send it failed, while it is pending again.
    public var failure: SendFailure?
    /// How many times a send began to post it, and when the first began.
    public var attempts = 0
    public var firstAttempt: Date?

    public init(id: String, ref: Ref, replyTarget: [String: String], author: String?, text: String, createdAt: Date) {
        self.id = id
        self.ref = ref
        self.replyTarget = replyTarget
        self.author = author
        self.text = text
        self.createdAt = createdAt
        updatedAt = createdAt
    }
}

extension Draft {
    /// What the reply answers and says, as the outbox and the exports write it.
    func addReplyFields(to json: inout JSONWriter) {
        json.add("ref", ref.description)
        json.add("platform", ref.platform.rawValue)
        json.add("in_reply_to", ref.id)
        json.add("reply_target", replyTarget)
        json.add("author", author)
        json.add("text", text)
    }
}

/// One line of the outbox: a new draft, or a later word about one.
public enum OutboxRecord: Sendable, Hashable {
    case draft(Draft)
    case edited(draft: String, text: String, at: Date)
    case exported(draft: String, format: String, at: Date)
    case discarded(draft: String, at: Date)
    /// A send is about to post it (written and synced before the request).
    case sending(draft: String, at: Date)
    /// The platform took it: where it went.
    case sent(draft: String, Delivery)
    /// The platform refused it, or could not be reached: it stays pending.
    case failed(draft: String, SendFailure)

    /// The record as one JSON line (without the newline).
    public var line: String {
        var json = JSONWriter()
        switch self {
        case .draft(let draft):
            json.add("record", "draft")
            json.add("draft", draft.id)
            json.add("at", Timestamp.format(draft.createdAt))
            draft.addReplyFields(to: &json)
        case .edited(let id, let text, let at):
            json.add("record", "edited")
            json.add("draft", id)
            json.add("at", Timestamp.format(at))
            json.add("text", text)
        case .exported(let id, let format, let at):
            json.add("record", "exported")
            json.add("draft", id)
            json.add("at", Timestamp.format(at))
            json.add("format", format)
        case .discarded(let id, let at):
            json.add("record", "discarded")
            json.add("draft", id)
            json.add("at", Timestamp.format(at))
        case .sending(let id, let at):
            json.add("record", "sending")
            json.add("draft", id)
            json.add("at", Timestamp.format(at))
        case .sent(let id, let delivery):
            json.add("record", "sent")
            json.add("draft", id)
            json.add("at", Timestamp.format(delivery.at))
            json.add("remote_id", delivery.remoteID)
            json.add("url", delivery.url)
        case .failed(let id, let failure):
            json.add("record", "failed")
            json.add("draft", id)
            json.add("at", Timestamp.format(failure.at))
            if let status = failure.status { json.add("status", status) }
            json.add("message", failure.message)
        }
        return json.finish()
    }

    /// The draft the record is about.
    public var draftID: String {
        switch self {
        case .draft(let draft): draft.id
        case .edited(let id, _, _), .exported(let id, _, _), .discarded(let id, _), .sending(let id, _), .sent(let id, _), .failed(let id, _): id
        }
    }

    /// Whether an unreadable line is the start of a record heed was writing when it stopped.
    static func looksBegun(_ line: Data.SubSequence) -> Bool {
        line.starts(with: #"{"record":""#.utf8)
    }

    /// Reads one outbox line; nil with a reason when it is not a record.
    static func parse(_ line: Data) -> Result<OutboxRecord, OutboxProblem.Reason> {
        guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else { return .failure(.notJSON) }
        guard let kind = object["record"] as? String, let id = object["draft"] as? String,
              let atText = object["at"] as? String, let at = Timestamp.parseISO(atText) else { return .failure(.missingFields) }
        switch kind {
        case "draft":
            guard let refText = object["ref"] as? String, let ref = Ref(parsing: refText), let text = object["text"] as? String else { return .failure(.missingFields) }
            let target = object["reply_target"] as? [String: String] ?? [:]
            return .success(.draft(Draft(id: id, ref: ref, replyTarget: target, author: object["author"] as? String, text: text, createdAt: at)))
        case "edited":
            guard let text = object["text"] as? String else { return .failure(.missingFields) }
            return .success(.edited(draft: id, text: text, at: at))
        case "exported":
            return .success(.exported(draft: id, format: object["format"] as? String ?? "", at: at))
        case "discarded":
            return .success(.discarded(draft: id, at: at))
        case "sending":
            return .success(.sending(draft: id, at: at))
        case "sent":
            return .success(.sent(draft: id, Delivery(remoteID: object["remote_id"] as? String, url: object["url"] as? String, at: at)))
        case "failed":
            let message = object["message"] as? String ?? ""
            return .success(.failed(draft: id, SendFailure(status: (object["status"] as? NSNumber)?.intValue, message: message, at: at)))
        default:
            return .failure(.unknownRecord)
        }
    }
}

/// A line of the outbox that could not be read.
public struct OutboxProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Reason: String, Sendable, Error { case notJSON = "not a JSON record", missingFields = "a record without its fields", unknownRecord = "an unknown record type", torn = "a half-written line (from an interrupted write); skipped" }
    public var line: Int
    public var reason: Reason
    public var description: String { "line \(line): \(reason.rawValue)" }
}
