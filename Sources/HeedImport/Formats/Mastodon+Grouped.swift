import Foundation
import HeedCore

/// Mastodon's grouped notifications (`GET /api/v2/notifications`, what current web clients
/// call): `notification_groups` name their status by `status_id` and their accounts by
/// `sample_account_ids`, each listed once at the top in `statuses` and `accounts` (and
/// `partial_accounts` with `expand_accounts=partial_avatars`). Mentions are never grouped, so a
/// mention group is one mention; a group of likes or boosts is one skip. One group alone
/// (`GET /api/v2/notifications/:group_key`) has the same shape; groups that embed their
/// `status` and `sample_accounts` (servers of the 4.3 previews) are read too.
extension MastodonFormat {
    /// A page of notification groups.
    static func isGrouped(_ page: JSON) -> Bool {
        page["notification_groups"]?.array != nil
    }

    /// Reads each group, named `notification_groups[i]`.
    static func readGroups(_ page: JSON, context: ReadContext, emit: (ImportEvent) throws -> Void) rethrows {
        var statuses: [String: JSON] = [:]
        for status in page["statuses"]?.array ?? [] {
            if let id = status["id"]?.id { statuses[id] = status }
        }
        var accounts: [String: JSON] = [:]
        // A full account wins over the partial one of the same id.
        for account in (page["partial_accounts"]?.array ?? []) + (page["accounts"]?.array ?? []) {
            if let id = account["id"]?.id { accounts[id] = account }
        }
        for (index, group) in (page["notification_groups"]?.array ?? []).enumerated() {
            let events = Social.events(context, "notification_groups[\(index)]") { [try self.group(group, statuses: statuses, accounts: accounts)] }
            for event in events { try emit(event) }
        }
    }

    /// One group: a mention or quote to queue, or what else it was.
    static func group(_ group: JSON, statuses: [String: JSON], accounts: [String: JSON]) throws -> ImportEvent {
        _ = try Social.record(group)
        let type = try Social.string(group["type"], "type")
        if let skip = skipped(type) { return skip }
        let status: JSON
        if let embedded = try Social.optionalObject(group["status"], "status") {
            status = embedded
        } else if let id = try Social.optionalID(group["status_id"], "status_id") {
            guard let listed = statuses[id] else { throw Social.problem("status \(id) is not among the page's 'statuses'") }
            status = listed
        } else {
            return .skipped(reason: "deleted post")
        }
        let sampleIDs = try Social.optionalArray(group["sample_account_ids"], "sample_account_ids") ?? []
        let sample = sampleIDs.first?.id.flatMap { accounts[$0] } ?? group["sample_accounts"]?[0]
        return .mention(try mention(status, prefix: "status", quote: type == "quote", conversation: nil, account: sample))
    }
}
