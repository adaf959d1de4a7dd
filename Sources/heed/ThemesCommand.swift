import ArgumentParser
import Foundation
import HeedConfig
import HeedTheme
import Screen
import Terminal

/// `heed themes`: every theme with a preview line drawn in it, and any problem in its file.
struct Themes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the themes, each with a preview line.",
        discussion: "Shipped themes are built in; a file of the same name in $XDG_CONFIG_HOME/heed/themes/ overrides one, new files add themes. Choose with --theme NAME or theme = \"NAME\" in config.toml; T cycles them in the queue."
    )

    @OptionGroup var paths: PathOptions

    func run() throws {
        let console = Console()
        let config = loadConfig(paths)
        let library = ThemeLibrary(userFolder: paths.configFolder + "/themes")
        for problem in library.folderProblems { console.err("themes \(problem)") }
        let chosen = config.theme ?? ThemeLibrary.defaultName
        let styler = StyledText.forStandardOutput()
        for name in library.names {
            let (theme, problems) = library.theme(named: name)
            let marker = name == chosen ? "*" : " "
            try console.out("\(marker) \(Glyphs.padRight(Glyphs.fitted(name, cells: 40), toCells: 14)) \(Glyphs.fitted(theme.description, cells: 200))")
            let sample: [(String, Role)] = [
                ("  ", .normal), (" heed  3 waiting ", .header), (" ", .normal), ("   3d 4h", .ageOverdue), ("  ", .normal),
                ("mastodon", .platform), ("  ", .normal), ("alice", .author), ("  ", .normal), ("is the meetup on?", .normal),
                ("  ", .normal), (" selected ", .selected), ("  ", .normal), ("12/300", .counter), (" ", .normal), ("q", .keyName), (" quit", .keyBar),
            ]
            try console.outStyled(styler.line(sample, theme: theme))
            for problem in problems { console.err("theme \(problem)") }
        }
    }
}
