import Foundation
import HeedCore

/// Work the reducer asks for; the runner does it and sends the result back as an action.
public enum Effect: Sendable, Equatable {
    case loadSummary(Query = .queue)
    case load(PageRequest, query: Query = .queue)
    /// Reloads the window of a query around an item (or from the top when it is gone).
    case focus(Ref?, query: Query = .queue)
    /// Reloads the window from its first item, which kept its place (what changed came after
    /// it), and puts the cursor on `focus`: no count of the items before.
    case reload(from: RankKey, offset: Int, count: Int, focus: Ref, query: Query)
    case act(Act)
    case loadThread(Ref)
    case loadPlatformCounts
    /// The tags in use with their counts (for the tag prompt).
    case loadTags
    /// Counts the queries of the tabs (after the screen is drawn).
    case countTabs([Query])
    case loadStats
    case loadAuthor(Ref)
    /// The author line of the detail pane (once keys pause).
    case loadAuthorLine(Ref)
    /// Counts a query exactly (after the screen is drawn).
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
    /// Loads the people items can be assigned to.
    case loadTeammates
    /// Tells the others that this composer is open on an item (nil: closed).
    case composing(Ref?)
    /// Reads a theme by name (what it falls back to, and what is wrong with it).
    case loadTheme(String)
    /// Hands the composer's text to $VISUAL / $EDITOR; the loop suspends the screen for it.
    case openEditor(String)
    /// Opens a web link in the user's browser, started without a shell.
    case openLink(String)
    /// Puts text on the clipboard (the terminal's, by OSC 52, or a clipboard tool); `what`
    /// names it in the message ("the link", "the ref").
    case copy(String, what: String)
    /// Starts fetching every account in the background (after the frame that says so).
    case startFetch
    /// Asks how the running fetch goes.
    case pollFetch
    /// Starts posting one draft in the background (after the frame that says so).
    case startSend(draft: String)
    /// Asks how the running send goes.
    case pollSend
    /// Reads where a draft went (the detail pane's line for a replied item).
    case loadDelivery(Ref, draft: String)

    /// When the effect runs: declared here, carried out by the `Scheduler`.
    public var timing: Timing {
        switch self {
        case .countTabs: .afterFrame(.tabCounts)
        case .countQuery: .afterFrame(.queryCount)
        case .startFetch: .afterFrame(.fetch)
        case .startSend: .afterFrame(.send)
        case .loadAuthorLine: .whenIdle
        case .openEditor, .copy: .byLoop
        default: .now
        }
    }
}

/// When an effect runs. Most run at once, their results reduced before the next frame; what
/// may be slow and can wait runs after the frame is drawn, or once keys pause, so moving
/// through the queue never waits for it; what needs the terminal is done by the loop.
public enum Timing: Sendable, Equatable {
    /// At once, in order with the other effects of the same action.
    case now
    /// After the frame is drawn; a later effect of the same kind replaces one not yet run.
    case afterFrame(FrameWork)
    /// Once no key has come for `Runtime.pause` milliseconds; a later one replaces it.
    case whenIdle
    /// By the loop itself, which owns the terminal (the editor suspends the screen).
    case byLoop

    /// The kinds of work done after the frame, each kept only at its latest.
    public enum FrameWork: Sendable, Equatable {
        case tabCounts
        case queryCount
        case fetch
        case send
    }
}
