/// Where each part of the queue screen goes at a given size.
public struct QueueLayout: Equatable {
    public var width: Int
    public var height: Int
    /// Rows of the list, from row 1 (row 0 is the header).
    public var listHeight: Int
    /// The detail pane's first row (its title bar) and how many rows it has, title included.
    public var detailTop: Int
    public var detailHeight: Int
    public var statusRow: Int { height - 2 }
    public var keyBarRow: Int { height - 1 }

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        let body = max(2, height - 3)
        listHeight = max(1, (body + 1) / 2)
        detailTop = 1 + listHeight
        detailHeight = max(0, body - listHeight)
    }
}
