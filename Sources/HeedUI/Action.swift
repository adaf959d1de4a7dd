import Foundation
import HeedCore
import Screen

/// Something that happened: a key, a tick, a resize, or the result of an effect.
public enum Action: Sendable {
    case keyPressed(Key)
    case ticked(Date)
    case resized(width: Int, height: Int)
    case summaryLoaded(QueueSummary, query: Query = .queue)
    case pageLoaded(PageRequest, [QueueItem], query: Query = .queue)
    case windowReplaced(items: [QueueItem], offset: Int, focus: Ref?, query: Query = .queue)
    case acted(Act, ActOutcome)
    case threadLoaded(Ref, [QueueItem])
    case platformCountsLoaded([PlatformCount])
    /// The tags in use, for completing the tag prompt.
    case tagsLoaded([TagCount])
    case tabCountsLoaded([Int?])
    case statsLoaded(ResponseStats)
    case authorLoaded(Ref, name: String, AuthorHistory)
    /// The selected item's author in brief, for the detail pane.
    case authorLineLoaded(Ref, AuthorHistory?)
    /// The exact count of a query first shown with an estimate.
    case queryCounted(Query, Int)
    /// Another process (or the spool folder) changed the store.
    case storeChanged(notice: String?)
    /// How far search indexing has come (nil: not running), asked on every tick.
    case indexingReported(Indexing?)
    /// Snoozed items came back (their time came, or their conversation moved).
    case snoozedWoke(Int)
    case replySaved(Ref, AnswerOutcome)
    case replyFailed(String)
    /// An undo came back: what it put back (its first items whole, to name them by).
    case undone(UndoneAction?)
    /// Text typed for this item before heed stopped without saving it.
    case autosaveRecovered(Ref, text: String, at: Date)
    /// Items whose replies were typed but never saved (found at start).
    case unsavedFound([UnsavedReply])
    case draftsLoaded([DraftRow])
    /// The saved replies, and the folder they are read from (said when there are none).
    case templatesLoaded([Template], folder: String? = nil)
    /// A draft's new text is in the outbox.
    case draftEdited(String)
    /// A draft was discarded; its item is waiting again when the outcome is done.
    case draftDiscarded(DraftRow, AnswerOutcome)
    /// The external editor closed: the new text, or nil when it failed (the old text stays).
    case editorFinished(String?, problem: String?)
    case effectFailed(String)
    /// The people items can be assigned to.
    case teammatesLoaded([String])
    /// A theme was read: the one asked for at start, or the next one.
    case themeLoaded(ThemeChoice)
    /// The running fetch's progress, or its result.
    case fetchReported(FetchReport)
    /// A link was handed to the browser, or why it was not.
    case linkOpened(String, problem: String?)
    /// Text went to the clipboard (`how`: by which way), or why it did not.
    case copied(what: String, how: String?, problem: String?)
    /// A fetch could not start, and why.
    case fetchRefused(String)
    /// The running send's progress, or its result (reported as a fetch reports).
    case sendReported(FetchReport)
    /// A send could not start, and why.
    case sendRefused(String)
    /// Where the selected item's reply went, in a line (nil: nothing to say).
    case deliveryLoaded(Ref, String?)
}
