import Foundation
import HeedCore

/// Work the reducer asks for; the runner does it and sends the result back as an action.
public enum Effect: Sendable, Equatable {
    case loadSummary(Query = .queue)
    case load(PageRequest, query: Query = .queue)
    /// Reloads the window of a view around an item (or from the top when it is gone).
    case focus(Ref?, query: Query = .queue)
    /// Reloads the window from its first item, which kept its place (what changed came after
    /// it), and puts the cursor on `focus`: no count of the items before.
    case reload(from: RankKey, offset: Int, count: Int, focus: Ref, query: Query)
    case act(Act)
    case loadThread(Ref)
    case loadPlatformCounts
    case countTabs([Query])
    case loadStats
    case loadAuthor(Ref)
    /// The author line of the detail pane (the loop runs it once keys pause).
    case loadAuthorLine(Ref)
    /// Counts a view exactly (after the screen is drawn).
    case countQuery(Query)
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
