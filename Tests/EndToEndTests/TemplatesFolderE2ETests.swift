import Foundation
import XCTest

/// The templates folder holding what heed must not read (a FIFO, a 100 MiB file) beside a
/// template whose placeholder brings in text that looks like another placeholder: the list
/// opens at once, says why each odd file is left out, and fills once.
final class TemplatesFolderE2ETests: CommandTestCase {
    func testOddFilesAreListedWithWhyAndValuesAreNotFilledAgain() throws {
        try importObjects([item("1", handle: "{name}", name: "{author}", text: "hi there", age: 3_600)])
        let folder = configFolder + "/templates"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "Thanks {author}, {name}!\n".write(toFile: folder + "/thanks.txt", atomically: true, encoding: .utf8)
        XCTAssertEqual(mkfifo(folder + "/pipe.txt", 0o600), 0)
        let fd = open(folder + "/huge.txt", O_WRONLY | O_CREAT, 0o600)
        XCTAssertEqual(ftruncate(fd, 100 << 20), 0)
        close(fd)
        let command = "env -i PATH=/usr/bin:/bin HOME=\(quoted(directory.path)) TZ=UTC LANG=C.UTF-8 XDG_CONFIG_HOME=\(quoted(directory.appendingPathComponent("config").path)) "
            + "XDG_DATA_HOME=\(quoted(directory.appendingPathComponent("data").path)) HEED_STORE=\(quoted(storePath)) HEED_OUTBOX=\(quoted(outboxPath)) TERM=xterm-256color \(quoted(heed))"
        try tmux.start(command, width: 100, height: 24)
        try tmux.waitForText("q quit")
        try tmux.press("r")
        try tmux.waitForText("your reply")
        try tmux.press("C-t")
        let screen = try tmux.waitForText("Saved replies", "(is a FIFO, not a file: heed reads only plain files here)",
                                          "(is 100.0 MiB, over the 64.0 KiB heed reads: left unread)", "Thanks @{name}, {author}!")
        XCTAssertTrue(screen.contains("  huge ") && screen.contains("  pipe ") && screen.contains("  thanks "), screen)
        try tmux.press("Enter")
        try tmux.waitForText("Saved reply huge is 100.0 MiB")
        try tmux.press("j", "j", "Enter")
        try tmux.waitForText("Thanks @{name}, {author}!")
        try tmux.press("Escape", "y")
        try tmux.press("q")
    }
}
