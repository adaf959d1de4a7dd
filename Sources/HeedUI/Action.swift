import Foundation
import HeedCore
import Screen

/// Something that happened: a key, a tick, a resize, or the result of an effect.
public enum Action: Sendable {
    case keyPressed(Key)
    case ticked(Date)
    case resized(width: Int, height: Int)
    case summaryLoaded(QueueSummary, view: Query = .queue)
    case pageLoaded(PageRequest, [QueueItem], view: Query = .queue)
    case windowReplaced(items: [QueueItem], offset: Int, focus: Ref?, view: Query = .queue)
    case acted(Act, ActOutcome)
    case threadLoaded(Ref, [QueueItem])
    case platformCountsLoaded([PlatformCount])
    case viewCountsLoaded([Int?])
    case statsLoaded(ResponseStats)
    case authorLoaded(Ref, name: String, AuthorHistory)
    /// The selected item's author in brief, for the detail pane.
    case authorLineLoaded(Ref, AuthorHistory?)
    /// The exact count of a view first shown with an estimate.
    case viewCounted(Query, Int)
    /// Another process (or the spool folder) changed the store.
    case storeChanged(notice: String?)
    /// Snoozed items came back (their time came, or their conversation moved).
    case snoozedWoke(Int)
    case replySaved(Ref, AnswerOutcome)
    case replyFailed(String)
    case undone(UndoneAction?)
    /// Text typed for this item before heed stopped without saving it.
    case autosaveRecovered(Ref, text: String, at: Date)
    /// Items whose replies were typed but never saved (found at start).
    case unsavedFound([Ref])
    case draftsLoaded([DraftRow])
    case templatesLoaded([Template])
    /// A draft's new text is in the outbox.
    case draftEdited(String)
    /// A draft was discarded; its item is waiting again when the outcome is done.
    case draftDiscarded(DraftRow, AnswerOutcome)
    /// The external editor closed: the new text, or nil when it failed (the old text stays).
    case editorFinished(String?, problem: String?)
    case failed(String)
    /// Something to tell the user on the status line (a theme problem, the theme now used).
    case noticed(String, isError: Bool)
}

/// What an answer came to: done, or someone (another queue, another person) was first.
public enum AnswerOutcome: Sendable, Equatable {
    case done
    case alreadyAnswered
    case unknown
}

/// What a reply saved from the composer carries to the outbox.
public struct ReplyInput: Sendable, Equatable {
    public var ref: Ref
    public var replyTarget: [String: String]
    public var author: String?
    public var text: String
    /// Whether the reply answers the whole conversation (every open item of it).
    public var thread: Bool

    public init(ref: Ref, replyTarget: [String: String], author: String?, text: String, thread: Bool = false) {
        self.ref = ref
        self.replyTarget = replyTarget
        self.author = author
        self.text = text
        self.thread = thread
    }
}

/// Work the reducer asks for; the runner does it and sends the result back as an action.
public enum Effect: Sendable, Equatable {
    case loadSummary(Query = .queue)
    case load(PageRequest, view: Query = .queue)
    /// Reloads the window of a view around an item (or from the top when it is gone).
    case focus(Ref?, view: Query = .queue)
    /// Reloads the window from its first item, which kept its place (what changed came after
    /// it), and puts the cursor on `focus`: no count of the items before.
    case reload(from: RankKey, offset: Int, count: Int, focus: Ref, view: Query)
    case act(Act)
    case loadThread(Ref)
    case loadPlatformCounts
    case countViews([Query])
    case loadStats
    case loadAuthor(Ref)
    /// The author line of the detail pane (the loop runs it once keys pause).
    case loadAuthorLine(Ref)
    /// Counts a view exactly (after the screen is drawn).
    case countView(Query)
    case checkForChanges
    case wakeSnoozed
    case saveReply(ReplyInput)
    case undo
    /// Keeps the composer's text so a crash loses nothing.
    case autosave(Ref, String)
    case recoverAutosave(Ref)
    case forgetAutosave(Ref)
    case findUnsaved
    case loadDrafts
    case loadTemplates
    case saveEdit(draft: String, text: String)
    case discardDraft(DraftRow)
    /// Switches to the next theme; the loop applies it to the terminal.
    case nextTheme
    /// Hands the composer's text to $VISUAL / $EDITOR; the loop suspends the screen for it.
    case openEditor(String)
    case quit
}
