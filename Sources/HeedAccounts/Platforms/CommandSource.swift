import Foundation
import HeedImport

/// A `command = "…"` source: heed runs the user's command (`gh api notifications`, their own
/// script) by their shell and imports what it prints, detected like `heed import -` (or read
/// as `format` says). Its output goes to a private unlinked file, bounded in size, and is
/// imported in one transaction once the command has succeeded.
struct CommandSource {
    let command: String
    let options: FetchOptions

    func fetch(_ session: FetchSession) throws {
        var template = Array((NSTemporaryDirectory() + "/heed-command-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw SecretFailure("cannot make a temporary file in \(NSTemporaryDirectory()): \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        defer { close(fd) }
        let shell = ShellCommand(command, environment: options.environment, limit: options.commandLimit, timeout: options.commandTimeout)
        let outcome = try shell.run(into: fd)
        let said = session.secrets.said(outcome.errors)
        if outcome.timedOut { throw SecretFailure("the command did not finish within \(Int(options.commandTimeout)) s and was stopped\(said)") }
        if outcome.overflowed { throw SecretFailure("the command printed more than \(options.commandLimit / 1_048_576) MiB (or the disk is full); nothing imported") }
        guard outcome.status == 0 else { throw SecretFailure("the command failed (exit \(outcome.status))\(said); nothing imported") }
        lseek(fd, 0, SEEK_SET)
        var format: ImportFormat?
        if let name = session.account.format {
            guard let named = ImportFormat(name: name) else { throw SecretFailure("format = \"\(name)\": \(ImportFormat.unknown(name))") }
            format = named
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return }
        try session.commit(descriptor: fd, name: session.account.label, format: format)
    }
}
