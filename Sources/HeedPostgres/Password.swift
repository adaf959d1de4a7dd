import Foundation

/// Where the team store's password comes from, first found first: the URL, `PGPASSWORD`, the
/// `password_command` of `[team]` in config.toml, then the password file (`PGPASSFILE`, else
/// `~/.pgpass`) read as libpq reads it. A password is never written into a message.
public struct PasswordSources: Sendable {
    public var environment: [String: String]
    /// A command whose first line of output is the password (run by `/bin/sh -c`).
    public var command: String?
    /// Said once when a source is skipped (a password file others can read).
    public var warn: @Sendable (String) -> Void

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, command: String? = nil, warn: @escaping @Sendable (String) -> Void = { _ in }) {
        self.environment = environment
        self.command = command
        self.warn = warn
    }

    /// The password for `location`, or nil when no source has one (the server may not ask).
    public func password(for location: PostgresLocation) throws -> String? {
        if let password = location.urlPassword { return password }
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        if let command, !command.trimmingCharacters(in: .whitespaces).isEmpty { return try run(command) }
        return passwordFile(for: location)
    }

    /// The password file's path: `PGPASSFILE`, else `~/.pgpass`.
    var passwordFilePath: String {
        if let path = environment["PGPASSFILE"], !path.isEmpty { return path }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.pgpass"
    }

    /// The first line of the password file matching host, port, database and user (`*` matches
    /// anything; `\:` and `\\` escape). A file that group or others can read is ignored, as
    /// libpq ignores it, with a warning.
    func passwordFile(for location: PostgresLocation) -> String? {
        let path = passwordFilePath
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        if info.st_mode & 0o077 != 0 {
            warn("the password file \(path) can be read by others and is ignored: chmod 600 \(path)")
            return nil
        }
        guard info.st_size < 1 << 20, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let host = location.isSocket ? "localhost" : location.host
        let wanted = [host, String(location.port), location.database, location.user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = Self.fields(line)
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// The colon-separated fields of a password file line, with `\:` and `\\` read as escapes.
    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":", fields.count < 4 {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }

    /// Runs `password_command` and takes the first line it prints; a failure names the
    /// command's exit status, never what it printed.
    func run(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw PostgresFailure("password_command of [team] could not be started: \(error.localizedDescription)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PostgresFailure("password_command of [team] failed (exit \(process.terminationStatus)); heed did not connect")
        }
        let text = String(decoding: data.prefix(64 << 10), as: UTF8.self)
        return String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
    }
}
