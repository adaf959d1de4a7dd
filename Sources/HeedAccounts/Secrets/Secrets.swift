import Foundation
import HeedConfig

/// A secret that could not be read, said without the secret.
public struct SecretFailure: Error, CustomStringConvertible, Sendable {
    public let description: String
    /// A failure said in `description`.
    public init(_ description: String) { self.description = description }
}

/// Reads secrets from where config.toml says they are: the first line a command prints
/// (run by the user's shell, bounded in size and time) or an environment variable. Every
/// secret read is handed to the redactor before anyone else sees it.
public struct Secrets: Sendable {
    /// The environment commands run in and variables are read from.
    public var environment: [String: String]
    /// Takes the secrets out of every message.
    public let redactor: Redactor
    /// How long a secret's command may run.
    public var timeout: TimeInterval = 30
    /// The most a secret's command may print.
    public static let limit = 65_536
    /// Secrets already read, kept in memory by an open queue (nil: each fetch reads them again).
    public var cache: SecretCache?

    /// Secrets read from `environment`, hidden by `redactor`.
    public init(environment: [String: String], redactor: Redactor) {
        self.environment = environment
        self.redactor = redactor
    }

    /// The secret `name` (`token`, `password`) of `account`: nil when the account has none;
    /// throws, without the secret, when it cannot be read.
    public func read(_ name: String, of account: AccountConfig) throws -> Secret? {
        guard let source = account.secrets[name] else { return nil }
        if let kept = cache?.secret(name, of: account.key) {
            redactor.hide(kept)
            return kept
        }
        let secret = try read(source, name: name)
        cache?.keep(secret, name, of: account.key)
        return secret
    }

    /// The secret `name` the account must have (config.toml checked that it names one, or that
    /// it may go without): throws, naming the keys to give, when it has none.
    public func required(_ name: String, of account: AccountConfig) throws -> Secret {
        guard let secret = try read(name, of: account) else {
            throw SecretFailure("\(account.label) has no \(name)_command or \(name)_env in config.toml")
        }
        return secret
    }

    private func read(_ source: SecretSource, name: String) throws -> Secret {
        switch source {
        case .environment(let variable):
            guard let value = environment[variable]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
                throw SecretFailure("\(name)_env: the environment variable \(variable) is not set (or empty)")
            }
            let secret = Secret(value)
            redactor.hide(secret)
            return secret
        case .command(let command):
            return try run(command, key: "\(name)_command")
        }
    }

    /// Runs a secret's command and takes its output, trimmed, as the secret.
    func run(_ command: String, key: String) throws -> Secret {
        let outcome = try ShellCommand(command, environment: environment, limit: Self.limit, timeout: timeout).run()
        let text = String(decoding: outcome.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        // Whatever it printed is hidden before its errors are shown: a command may fail after
        // printing the secret, or print it to standard error too.
        if !text.isEmpty { redactor.hide(text) }
        if outcome.timedOut {
            throw SecretFailure("\(key) did not finish within \(Int(timeout)) s and was stopped (heed runs it without a terminal: it must not ask for anything)")
        }
        if outcome.overflowed {
            throw SecretFailure("\(key) printed more than \(Self.limit / 1024) KiB: it must print the secret alone")
        }
        guard outcome.status == 0 else {
            throw SecretFailure("\(key) failed (exit \(outcome.status))\(said(outcome.errors))")
        }
        // The first line, as `pass` keeps the password first and notes after it.
        guard let first = text.split(whereSeparator: \.isNewline).first?.trimmingCharacters(in: .whitespaces), !first.isEmpty else {
            throw SecretFailure("\(key) printed nothing\(said(outcome.errors))")
        }
        redactor.hide(first)
        return Secret(first)
    }

    /// ": what it said on standard error", on one line, redacted (sanitised where it is shown).
    func said(_ errors: String) -> String {
        let line = errors.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " / ")
        guard !line.isEmpty else { return "" }
        let cut = line.count > 300 ? String(line.prefix(300)) + "…" : line
        return ": " + redactor.clean(cut)
    }
}

/// Secrets read during an open queue, kept in memory only (never written), so a fetch every
/// ten minutes does not run `pass` (and ask gpg-agent) every ten minutes; an account that
/// fails forgets its own, so a renewed token is read again.
public final class SecretCache: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [String: Secret] = [:]

    /// An empty cache.
    public init() {}

    func secret(_ name: String, of account: String) -> Secret? { lock.withLock { kept[account + "\u{0}" + name] } }

    func keep(_ secret: Secret, _ name: String, of account: String) { lock.withLock { kept[account + "\u{0}" + name] = secret } }

    /// Forgets an account's secrets.
    public func forget(account: String) { lock.withLock { kept = kept.filter { !$0.key.hasPrefix(account + "\u{0}") } } }
}
