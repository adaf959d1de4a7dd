import Screen

extension KeyTable {
    /// heed's keys, context by context, in the order the help screen and the key bars show them.
    public static let standard = KeyTable(bindings: queue + prompts + composer + screens)

    static let queue: [Binding] = [
        Binding([.character("j"), .down], .next, "next item", .queue, bar: "move"),
        Binding([.character("k"), .up], .previous, "previous item", .queue, bar: "move"),
        Binding([.character("g"), .home], .first, "first (longest waiting)", .queue),
        Binding([.character("G"), .end], .last, "last (newest)", .queue),
        Binding([.pageDown, .control("f"), .character(" ")], .pageDown, "page down", .queue),
        Binding([.pageUp, .control("b")], .pageUp, "page up", .queue),
        Binding([.character("a")], .acknowledge, "acknowledge: seen, no reply needed", .queue, bar: "ack", disabled: Reducer.unmarkedReason(.acknowledge)),
        Binding([.character("r"), .enter], .reply, "reply in the composer", .queue, bar: "reply", disabled: Reducer.selectionReason(.reply)),
        Binding([.character("A")], .acknowledgeThread, "acknowledge the whole thread (every open item of it)", .queue, disabled: Reducer.selectionReason(.acknowledgeThread)),
        Binding([.character("R")], .replyThread, "reply to the whole thread: one reply answers every open item", .queue, disabled: Reducer.selectionReason(.replyThread)),
        Binding([.character("s")], .snooze, "snooze: 1 h, 4 h, tomorrow, next week or a typed duration", .queue, bar: "snooze", disabled: Reducer.unmarkedReason(.snooze)),
        Binding([.character("/")], .search, "search: words, \"phrase\", platform:, kind:, from:, age>4h, is:snoozed", .queue, bar: "search"),
        Binding([.character("f")], .filter, "filter by platform", .queue),
        Binding([.character("t")], .tag, "tag or untag (-name) the item, or the marked items; tag:NAME finds them", .queue, disabled: Reducer.tagReason),
        Binding([.tab], .nextTab, "next saved view ([views] in config.toml)", .queue),
        Binding([.backTab], .previousTab, "previous saved view", .queue),
        Binding([.escape], .wholeQueue, "back to the whole queue; clear the marks", .queue),
        Binding([.character("=")], .assign, "assign to a teammate (the marked items, or the selected one)", .queue, disabled: Reducer.unmarkedReason(.assign)),
        Binding([.character("x")], .mark, "mark for a bulk action (a and s act on all marked)", .queue, bar: "mark", disabled: Reducer.selectionReason(.mark)),
        Binding([.character("X")], .markAll, "mark every item of the view (again: clear the marks)", .queue, disabled: { state in
            state.queue.count == 0 && state.marks.isEmpty ? "Nothing in this view to mark" : nil
        }),
        Binding([.character("u")], .undo, "undo the last action (again: the one before)", .queue, bar: "undo"),
        Binding([.character("S")], .stats, "stats: response rate, time to answer, the queue by age, per day", .queue),
        Binding([.character("h")], .author, "the author's history with you (linked accounts in [people])", .queue),
        Binding([.character("O")], .openLink, "open the item's link in $BROWSER (else xdg-open)", .queue, disabled: Reducer.linkReason),
        Binding([.character("y")], .copyLink, "copy the item's link to the clipboard", .queue, disabled: Reducer.linkReason),
        Binding([.character("Y")], .copyRef, "copy the item's ref (what heed ack and heed list take)", .queue, disabled: { state in
            state.queue.selected == nil ? (state.queue.count == 0 ? "Nothing in this view" : "Still loading") : nil
        }),
        Binding([.character("o")], .outbox, "the outbox: drafts to edit or discard", .queue),
        Binding([.character("T")], .nextTheme, "next theme (heed themes lists them)", .queue, disabled: { state in
            state.theme?.next == nil ? "No themes to choose from" : nil
        }),
        Binding([.character("F")], .fetch, "fetch now from every account in config.toml", .queue, disabled: Reducer.fetchReason),
        Binding([.character("?")], .help, "this help", .queue, bar: "help"),
        Binding([.character("q"), .control("c")], .quit, "quit", .queue, bar: "quit"),
    ]

    static let prompts: [Binding] = [
        Binding([], .type, "words, \"phrase\", platform:, kind:, from:, age>4h, is:snoozed, tag:, is:breached, due<1h: the results follow", .search),
        Binding([.enter], .accept, "keep the results as the view", .search, bar: "keep"),
        Binding([.escape, .control("c"), .control("g")], .cancel, "back to the view before the search", .search, bar: "back"),
        Binding([.backspace], .backspace, "delete the last character", .search),
        Binding([.control("u")], .clearLine, "clear the line", .search, bar: "clear"),
        Binding([], .type, "a choice's number (1-4) or a duration (90m, 3h, 2d, 1w)", .snooze),
        Binding([.enter], .accept, "snooze for the choice or the duration typed", .snooze, bar: "snooze"),
        Binding([.escape, .control("c")], .cancel, "leave the item as it is", .snooze, bar: "cancel"),
        Binding([.backspace], .backspace, "delete the last character", .snooze),
        Binding([], .type, "a tag to add, or -tag to remove", .tag),
        Binding([.enter], .accept, "add (or remove) the tag", .tag, bar: "tag"),
        Binding([.tab], .complete, "complete from the tags in use (again: the next one)", .tag, bar: "complete"),
        Binding([.escape, .control("c")], .cancel, "leave the tags as they are", .tag, bar: "cancel"),
        Binding([.backspace], .backspace, "delete the last character", .tag),
        Binding([.character("j"), .down], .next, "next platform", .filter, bar: "choose"),
        Binding([.character("k"), .up], .previous, "previous platform", .filter, bar: "choose"),
        Binding([.enter], .accept, "show only the platform chosen", .filter, bar: "filter"),
        Binding([.escape, .character("q"), .control("c")], .cancel, "leave the view as it is", .filter, bar: "cancel"),
        Binding([.character("j"), .down], .next, "next teammate", .assign, bar: "choose"),
        Binding([.character("k"), .up], .previous, "previous teammate", .assign, bar: "choose"),
        Binding([.enter], .accept, "assign to the one chosen (u undoes)", .assign, bar: "assign"),
        Binding([.escape, .character("q"), .control("c")], .cancel, "leave the items as they are", .assign, bar: "cancel"),
        Binding([.character("y"), .character("Y")], .yes, "do it (u undoes)", .confirm, bar: "yes"),
        Binding([.character("n"), .escape, .character("N"), .control("c")], .no, "leave the items as they are", .confirm, bar: "no", barKeys: 2),
    ]

    static let composer: [Binding] = [
        Binding([], .type, "inserts text at the cursor", .composer),
        Binding([.control("s")], .save, "save the reply to the outbox", .composer, bar: "save to outbox"),
        Binding([.control("e")], .editor, "edit in $VISUAL / $EDITOR", .composer, bar: "editor"),
        Binding([.control("t")], .templates, "insert a saved reply (templates folder)", .composer, bar: "saved replies"),
        Binding([.escape, .control("c")], .cancel, "cancel (asks first when there is text)", .composer, bar: "cancel"),
        Binding([.enter], .newline, "new line", .composer),
        Binding([.backspace], .backspace, "delete before the cursor", .composer),
        Binding([.delete, .control("d")], .deleteForward, "delete under the cursor", .composer),
        Binding([.left], .left, "back a character", .composer),
        Binding([.right], .right, "forward a character", .composer),
        Binding([.up], .up, "up a line", .composer),
        Binding([.down], .down, "down a line", .composer),
        Binding([.home, .control("a")], .lineStart, "start of line", .composer),
        Binding([.end], .lineEnd, "end of line", .composer),
        Binding([.character("j"), .down, .tab], .next, "next saved reply", .templates, bar: "move"),
        Binding([.character("k"), .up, .backTab], .previous, "previous saved reply", .templates, bar: "move"),
        Binding([.enter], .accept, "insert it at the cursor", .templates, bar: "insert"),
        Binding([.escape, .control("t")], .close, "close the list, insert nothing", .templates, bar: "close"),
        Binding([.character("y"), .character("Y")], .yes, "discard the reply", .discard, bar: "discard"),
        Binding([.character("n"), .escape, .character("N")], .no, "back to the reply", .discard, bar: "back to it", barKeys: 2),
    ]

    static let screens: [Binding] = [
        Binding([.character("j"), .down], .next, "next draft", .outbox, bar: "move"),
        Binding([.character("k"), .up], .previous, "previous draft", .outbox, bar: "move"),
        Binding([.character("e"), .enter], .edit, "edit a pending draft in the composer", .outbox, bar: "edit", disabled: Reducer.pendingDraftReason),
        Binding([.character("d")], .discard, "discard a pending draft: the item returns to the queue", .outbox, bar: "discard", disabled: Reducer.pendingDraftReason),
        Binding([.character("s")], .send, "post the draft now through its account in config.toml (asks first)", .outbox, bar: "send", disabled: Reducer.sendDraftReason),
        Binding([.character("u")], .undo, "undo the last action", .outbox, bar: "undo"),
        Binding([.escape, .character("o"), .character("q")], .close, "back to the queue", .outbox, bar: "back"),
        Binding([.character("y"), .character("Y")], .yes, "post it now", .sendQuestion, bar: "post"),
        Binding([.character("n"), .escape, .character("N")], .no, "keep it in the outbox", .sendQuestion, bar: "keep it", barKeys: 2),
        Binding([.character("j"), .down], .down, "scroll down", .help, bar: "scroll"),
        Binding([.character("k"), .up], .up, "scroll up", .help, bar: "scroll"),
        Binding([.escape, .character("?"), .character("q")], .close, "close help", .help, bar: "close help", barKeys: 3),
        Binding([.character("j"), .down], .down, "scroll down", .stats, bar: "scroll"),
        Binding([.character("k"), .up], .up, "scroll up", .stats, bar: "scroll"),
        Binding([.escape, .character("q"), .character("S")], .close, "back to the queue", .stats, bar: "back"),
        Binding([.character("j"), .down], .down, "scroll down", .author, bar: "scroll"),
        Binding([.character("k"), .up], .up, "scroll up", .author, bar: "scroll"),
        Binding([.escape, .character("q"), .character("h")], .close, "back to the queue", .author, bar: "back"),
        Binding([.character("j"), .down], .next, "next reply", .unsaved, bar: "move"),
        Binding([.character("k"), .up], .previous, "previous reply", .unsaved, bar: "move"),
        Binding([.enter, .character("r")], .reply, "go to its item and go on with the reply in the composer", .unsaved, bar: "open", barKeys: 2),
        Binding([.escape, .character("q")], .close, "to the queue; the replies stay kept, and opening their items brings them back", .unsaved, bar: "queue"),
    ]
}
