/// Small platform pages written in tests, the same in every target that needs one.
public enum Pages {
    /// One Mastodon notification (`type` mention, favourite…) about status `id` by `acct`,
    /// with `html` as its content and `reply` as the status it answers.
    public static func mastodon(_ id: String, type: String = "mention", acct: String = "alice@example.social",
                                html: String = "<p>hi</p>", reply: String? = nil) -> String {
        let replyField = reply.map { "\"\($0)\"" } ?? "null"
        return #"{"id":"n\#(id)","type":"\#(type)","created_at":"2026-11-20T09:00:00.000Z","account":{"id":"1","acct":"\#(acct)","display_name":"","url":"https://example.social/@a"},"status":{"id":"\#(id)","created_at":"2026-11-20T09:00:00.000Z","in_reply_to_id":\#(replyField),"visibility":"public","content":"\#(html)","spoiler_text":"","url":"https://example.social/@a/\#(id)","account":{"id":"1","acct":"\#(acct)","display_name":"","url":"https://example.social/@a"}}}"#
    }
}
