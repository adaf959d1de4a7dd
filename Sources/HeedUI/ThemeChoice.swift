/// The theme the screen is drawn in: its name (the one asked for, or what heed fell back to),
/// every theme there is (T goes to the next), and what was wrong with the one asked for. The
/// terminal layer draws with the theme of this name whenever it changes.
public struct ThemeChoice: Sendable, Equatable {
    public var name: String
    public var names: [String]
    public var problems: [String]

    public init(name: String, names: [String], problems: [String] = []) {
        self.name = name
        self.names = names
        self.problems = problems
    }

    /// The theme after this one, in the order of `names`, round to the first.
    public var next: String? {
        guard !names.isEmpty else { return nil }
        return names[((names.firstIndex(of: name) ?? -1) + 1) % names.count]
    }
}

extension Reducer {
    /// A theme read: the first one (at start) speaks only of its problems; a switch says which
    /// theme is on, or why another is used.
    static func themeLoaded(_ state: inout AppState, _ choice: ThemeChoice) {
        let switched = state.theme != nil
        state.theme = choice
        if let problem = choice.problems.first {
            let more = !switched && choice.problems.count > 1 ? " (+\(choice.problems.count - 1) more)" : ""
            let line = "Theme: \(problem)\(more); using \(choice.name)"
            // At start, a problem already said (config.toml's) keeps its place in front.
            let before = !switched && state.status?.isError == true ? state.status.map { $0.text + " · " } ?? "" : ""
            state.status = .init(text: before + line, isError: true)
        } else if switched {
            state.status = .init(text: "Theme: \(choice.name) (T for the next; --theme or theme = in config.toml keeps it)", isError: false)
        }
    }
}
