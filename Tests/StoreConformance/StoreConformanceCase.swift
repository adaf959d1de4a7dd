import Foundation
import HeedCore
import HeedStorage
import XCTest

/// The checks every `MentionStore` must pass, each on a fresh store and a small hand-made
/// fixture (Given/When/Then). A store's tests subclass it, say how to make an empty store and
/// how to open the same data again, and call `checkEverything()` from one test method: XCTest
/// on Linux runs only the test methods a test module declares itself, so the checks are not
/// test methods; a failure is reported with the name of its check.
open class StoreConformanceCase: XCTestCase {
    /// A new, empty store of the implementation under test.
    open func makeStore() throws -> any MentionStore {
        throw StoreError("\(Self.self) must say how to make a store (override makeStore)")
    }

    /// Another store on the same data as `store`: what another heed, or this one after a
    /// restart, opens.
    open func openAgain(_ store: any MentionStore) throws -> any MentionStore {
        throw StoreError("\(Self.self) must say how to open a store again (override openAgain)")
    }

    /// Another store on the same data as `store`, used by `person`: a teammate.
    open func openAgain(_ store: any MentionStore, as person: String) throws -> any MentionStore {
        throw StoreError("\(Self.self) must say how to open a store as another person (override openAgain(_:as:))")
    }

    /// The store of the check being run.
    public var store: (any MentionStore)!
    /// When the fixtures of most checks are dated from: 2025-11-22 08:26:40 UTC.
    public let now = Date(timeIntervalSince1970: 1_763_800_000)
    /// The check being run, named in its failures.
    private var current: String?

    /// One check: what it shows, and the method that shows it.
    struct Check {
        let name: String
        let run: (StoreConformanceCase) -> () throws -> Void

        init(_ name: String, _ run: @escaping (StoreConformanceCase) -> () throws -> Void) {
            self.name = name
            self.run = run
        }
    }

    /// Every check, by concern (each in the file named); a check runs only when listed here.
    static var checks: [Check] { [
        // Pages by rank key, summaries and counts, items by ref (Conformance+Pages.swift)
        Check("the rank is longest wait first, paged by key", { $0.checkRankIsLongestWaitFirstAndPagesByKey }),
        Check("the summary follows every change", { $0.checkSummaryIsMaintainedThroughEveryChange }),
        Check("queries page by key and locate their items", { $0.checkQueriesPageByKeyAndLocateTheirItems }),
        Check("counts of queries, exact and per platform", { $0.checkCountsOfQueries }),
        Check("every item in rank order, or the waiting ones", { $0.checkForEachListsInRankOrder }),
        Check("an item by its ref", { $0.checkItemByRef }),
        // Actions and their undo (Conformance+Actions.swift)
        Check("acknowledging twice gives one result", { $0.checkAcknowledgeTwiceGivesOneResult }),
        Check("undo goes back in order and survives reopening", { $0.checkUndoRestoresInReverseOrderAndSurvivesReopening }),
        Check("acknowledging what is older than a time", { $0.checkAcknowledgeOlderThan }),
        Check("snoozed items leave and come back at their place", { $0.checkSnoozedItemsLeaveAndComeBackAtTheirPlace }),
        Check("undoing a snooze", { $0.checkUndoOfASnooze }),
        Check("a thread is acknowledged and undone as one", { $0.checkAThreadIsAcknowledgedAsOneActionAndUndoneAsOne }),
        Check("a reply to a thread answers every open item", { $0.checkAReplyToAThreadAnswersEveryOpenItem }),
        Check("a query acknowledged whole comes back with one undo after reopening", { $0.checkAQueryIsAcknowledgedWholeAndComesBackWithOneUndoAfterReopening }),
        Check("a search is acted on as searched", { $0.checkASearchIsActedOnAsSearched }),
        Check("undo leaves items someone changed since", { $0.checkUndoLeavesItemsSomeoneChangedSince }),
        Check("a discarded reply reopens its item, and undo puts it back", { $0.checkADiscardReopensTheItemAndIsUndone }),
        Check("a bulk action names a thousand items and counts them all", { $0.checkABulkActionCountsEveryItem }),
        // Search (Conformance+Search.swift)
        Check("words match as prefixes in texts and authors", { $0.checkWordsMatchAsPrefixesInTextAndAuthors }),
        Check("phrases match word for word", { $0.checkPhrasesMatchWordForWord }),
        Check("Chinese, Japanese, emoji and accents", { $0.checkChineseJapaneseEmojiAndAccents }),
        Check("runs of CJK, Thai and Hangul are found piece by piece", { $0.checkRunsOfCJKThaiAndHangulAreFoundPieceByPiece }),
        Check("authors, facets and ages", { $0.checkAuthorsFacetsAndAges }),
        Check("answered items leave waiting queries; search follows changes", { $0.checkAnsweredItemsLeaveWaitingQueriesAndSearchFollowsChanges }),
        Check("an everyday import is searchable at once", { $0.checkAnEverydayImportIsSearchableAtOnce }),
        // Imports (Conformance+Import.swift)
        Check("an import counts new, changed and unchanged items", { $0.checkImportCountsNewChangedAndUnchanged }),
        Check("a re-import never resets a state", { $0.checkReimportNeverResetsState }),
        Check("the same id on two platforms is two items", { $0.checkSameIdOnTwoPlatformsIsTwoItems }),
        Check("an imported state is honoured for new items only", { $0.checkImportedStateIsHonouredForNewItemsOnly }),
        Check("a failed import leaves nothing", { $0.checkFailedImportLeavesNothing }),
        Check("counts inside one import, duplicates included", { $0.checkCountsInsideOneImport }),
        Check("a backlog is stored as if one by one", { $0.checkABacklogIsStoredAsOneByOne }),
        Check("a failed backlog leaves the store as it was", { $0.checkAFailedBacklogLeavesTheStoreAsItWas }),
        Check("a reply made elsewhere answers its item, before or after it arrives", { $0.checkRepliesMadeElsewhere }),
        Check("new activity in a thread wakes a snooze early", { $0.checkNewActivityInTheThreadWakesASnoozeEarly }),
        // Fetched pages (Conformance+Fetch.swift)
        Check("a fetched page keeps its cursors with its items", { $0.checkAFetchedPageKeepsItsCursorsWithItsItems }),
        Check("answers given elsewhere answer items and conversations", { $0.checkAnswersGivenElsewhereAnswerItemsAndConversations }),
        // Stats (Conformance+Stats.swift)
        Check("stats per platform and for all", { $0.checkStatsPerPlatformAndAll }),
        Check("the queue by age is the whole queue without snoozed items", { $0.checkQueueByAgeIsTheWholeQueueWithoutSnoozed }),
        Check("items received and answers given per day", { $0.checkPerDayReceivedAndAnswersGiven }),
        Check("stats since a time", { $0.checkStatsSinceWindow }),
        Check("answers given to older items agree with the trend", { $0.checkAnswersGivenToOlderItemsAgreeWithTheTrend }),
        Check("an undone answer counts as waiting again", { $0.checkAnUndoneAnswerCountsAsWaitingAgain }),
        Check("an imported answer without a time is answered but untimed", { $0.checkAnImportedAnswerWithoutATimeIsAnsweredButUntimed }),
        Check("the stats of an empty store", { $0.checkStatsOfAnEmptyStore }),
        // Threads and authors (Conformance+People.swift)
        Check("a thread lists its conversation and counts open items", { $0.checkThreadsListTheConversationAndCountOpenItems }),
        Check("linked accounts of an author together", { $0.checkLinkedAccountsTogether }),
        Check("recent items are cut, the last answer still found", { $0.checkRecentIsCutButTheLastAnswerIsStillFound }),
        Check("one account alone, and the same account twice", { $0.checkOneAccountAloneAndTheSameAccountTwice }),
        // Tags (Conformance+Tags.swift)
        Check("tags are added, found, counted and undone", { $0.checkTagsAreAddedFoundCountedAndUndone }),
        Check("tags of a view, of answered items and of unknown ones", { $0.checkTagsOfAViewOfAnsweredItemsAndOfUnknownOnes }),
        Check("imported tags and points are honoured for new items only", { $0.checkImportedTagsAndPointsAreHonouredForNewItemsOnly }),
        // Rules at import (Conformance+Rules.swift)
        Check("rule actions are journaled and undone last rule first", { $0.checkRuleActionsAreJournaledAndUndoneLastRuleFirst }),
        Check("rules act on arrivals only", { $0.checkRulesActOnArrivalsOnly }),
        Check("every item a rule changed is journaled, whatever its place in the import", { $0.checkEveryItemARuleChangedIsJournaledWhateverItsPlace }),
        Check("a failed import leaves no rule in the journal", { $0.checkAFailedImportLeavesNoRuleInTheJournal }),
        // Response targets and ranking by priority (Conformance+Targets.swift, Conformance+Priority.swift)
        Check("due terms follow the shortest target", { $0.checkDueTermsFollowTheShortestTarget }),
        Check("due terms in business hours", { $0.checkDueTermsInBusinessHours }),
        Check("breaches are claimed once", { $0.checkBreachesAreClaimedOnce }),
        Check("stats count answers against targets", { $0.checkStatsCountAnswersAgainstTargets }),
        Check("ranked by priority, pages by key both ways", { $0.checkRankByPriorityPagesByKey }),
        // Others' changes and failures (Conformance+Changes.swift)
        Check("another heed's changes are noticed, this store's own are not", { $0.checkOthersChangesAreNoticed }),
        Check("kept query results are forgotten on request", { $0.checkCachedQueriesAreForgottenOnRequest }),
        Check("failures are explained in one line", { $0.checkFailuresAreExplained }),
        // Working as a team (Conformance+Team.swift)
        Check("assignment is journaled, searched and undone", { $0.checkAssignmentIsJournaledSearchedAndUndone }),
        Check("who answered is recorded and counted", { $0.checkWhoAnsweredIsRecordedAndCounted }),
        Check("undo takes back one's own actions only", { $0.checkUndoTakesBackOnesOwnActionsOnly }),
        Check("a whole store is copied record by record", { $0.checkAWholeStoreIsCopiedRecordByRecord }),
        Check("tags, points and what rules did are copied, and undone in the copy", { $0.checkTagsPointsAndRulesAreCopied }),
    ] }

    /// Runs every check, each on a new store; a check that throws fails with its name and goes
    /// no further, the others still run.
    public func checkEverything() {
        for check in Self.checks {
            current = check.name
            defer {
                store = nil
                current = nil
            }
            do {
                store = try makeStore()
                try check.run(self)()
            } catch {
                XCTFail("threw \(error)")
            }
        }
    }

    /// Every failure says which check it belongs to.
    override open func recordFailure(withDescription description: String, inFile filePath: String, atLine lineNumber: Int, expected: Bool) {
        super.recordFailure(withDescription: (current.map { "[\($0)] " } ?? "") + description, inFile: filePath, atLine: lineNumber, expected: expected)
    }

    // MARK: - Fixtures and shorthands

    /// Seven items on four platforms: a Mastodon conversation of three ("c1"), a YouTube one of
    /// one ("v1"), Japanese text, an emoji and accents, two Alices; 50 h to 30 min old.
    public static func fixture(_ now: Date) -> [Mention] {
        func m(_ id: String, _ platform: Platform, _ kind: MentionKind, _ handle: String, _ name: String?, _ text: String, hours: Double, conversation: String? = nil) -> Mention {
            Mention(platform: platform, id: id, kind: kind, author: Author(handle: handle, name: name), text: text,
                    createdAt: now.addingTimeInterval(-hours * 3_600), conversation: conversation)
        }
        return [
            m("1", .mastodon, .mention, "alice@example.social", "Alice", "Is the meetup on Thursday still on?", hours: 50, conversation: "c1"),
            m("2", .mastodon, .reply, "bob@example.social", "Bob", "The meetup moved to Friday", hours: 30, conversation: "c1"),
            m("3", .x, .mention, "kenji_t", "田中健二", "東京のイベントはいつですか？", hours: 20),
            m("4", .bluesky, .dm, "noor.bsky.social", nil, "Love the new release 😍 café crème", hours: 6),
            m("5", .x, .dm, "alice_x", "Alice", "Private question about pricing", hours: 3),
            m("6", .youtube, .comment, "@MariaSantos", "María Santos", "Great walkthrough, the export step was unclear", hours: 1, conversation: "v1"),
            m("7", .mastodon, .reply, "carol@example.social", "Carol", "Thursday works for me", hours: 0.5, conversation: "c1"),
        ]
    }

    /// Stores the fixture.
    public func fill() throws {
        _ = try put(Self.fixture(now))
    }

    /// A Mastodon item (or another platform's) `minutesAgo` old, by "user<id>".
    public func mention(_ id: String, minutesAgo: Double, text: String = "hi", platform: Platform = .mastodon) -> Mention {
        Mention(platform: platform, id: id, author: Author(handle: "user\(id)"), text: text, createdAt: now.addingTimeInterval(-minutesAgo * 60))
    }

    /// Imports `mentions` as one import.
    @discardableResult
    public func put(_ mentions: [Mention]) throws -> ImportCounts {
        try store.importing(now: now) { sink in for m in mentions { try sink.put(m) } }
    }

    /// The ref of an item.
    public func ref(_ platform: Platform, _ id: String) -> Ref { Ref(platform: platform, id: id) }

    /// The ids of the first 100 items of a search line.
    public func ids(_ search: String) throws -> [String] {
        try store.page(QueryParser.parse(search), .first(100), now: now).map(\.mention.id)
    }

    /// The count of a search line.
    public func count(_ search: String) throws -> Int {
        try store.summary(QueryParser.parse(search), now: now).waiting
    }

    /// The ids of the queue's first 100 items.
    public func waiting() throws -> [String] {
        try store.page(.queue, .first(100), now: now).map(\.mention.id)
    }

    /// Opens the store again, as after a restart.
    public func reopen() throws {
        store = try openAgain(store)
    }
}
