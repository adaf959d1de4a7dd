import HeedStore

/// A fetched page is taken by `Intake` like a file: its mentions, skips and answers.
extension FetchSink: IntakeSink {}
