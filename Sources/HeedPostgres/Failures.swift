import Foundation
import HeedStorage
import NIOCore
import PostgresNIO

/// The server's and the connection's errors in one line that names the store (its URL without
/// a password) and says what to do.
extension PostgresFailure {
    /// The SQLSTATE of a server error, when it is one.
    static func state(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// A deadlock or a serialization failure: the transaction can be run again.
    static func isRetryable(_ error: any Error) -> Bool {
        ["40001", "40P01"].contains(state(error) ?? "")
    }

    /// Why connecting to `location` failed.
    static func connecting(_ error: any Error, to location: PostgresLocation) -> PostgresFailure {
        if let failure = error as? PostgresFailure { return failure }
        let words = explanation(error)
        switch state(error) {
        case "28P01", "28000":
            return PostgresFailure("the team store \(location) refused the login: \(words); give the password in PGPASSWORD, a line of ~/.pgpass, or password_command in [team] of config.toml")
        case "3D000":
            return PostgresFailure("the team store \(location) does not exist: \(words); create it (createdb) or name another database")
        default:
            break
        }
        if let psql = error as? PSQLError, psql.code == .sslUnsupported {
            return PostgresFailure("the server of \(location) does not offer TLS, which sslmode=\(location.sslMode.rawValue) requires; ask for TLS on the server, or write sslmode=prefer")
        }
        return PostgresFailure("cannot reach the team store \(location): \(words); is the server running, and the URL right?")
    }

    /// A failure of the store at `location` in one line.
    static func explaining(_ error: any Error, store location: PostgresLocation) -> StoreError {
        if let known = error as? StoreError { return known }
        if let failure = error as? PostgresFailure { return StoreError(failure.description) }
        switch state(error) {
        case "53100":
            return StoreError("the team store \(location) is out of disk space: \(explanation(error)); nothing was written: ask whoever runs the server")
        case "42501":
            return StoreError("the team store \(location) refused: \(explanation(error)); the user needs rights on heed's tables")
        default:
            return StoreError("the team store \(location) failed: \(explanation(error))")
        }
    }

    /// What an error says, in words (postgres-nio keeps a server error's message out of its
    /// description: it is read here, with its SQLSTATE).
    static func explanation(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] {
                return message + (psql.serverInfo?[.sqlState].map { " (\($0))" } ?? "")
            }
            if let underlying = psql.underlying { return describe(underlying) }
            switch psql.code {
            case .serverClosedConnection, .uncleanShutdown: return "the server closed the connection"
            case .connectionError: return "the connection failed"
            default: return "\(psql.code)"
            }
        }
        if let transaction = error as? PostgresTransactionError {
            if let inner = transaction.closureError ?? transaction.commitError ?? transaction.beginError { return explanation(inner) }
        }
        return describe(error)
    }

    /// Any other error, as it describes itself.
    private static func describe(_ error: any Error) -> String {
        if let io = error as? IOError { return String(cString: strerror(io.errnoCode)) }
        return "\(error)"
    }
}

extension PostgresStore {
    /// A failure of the team store at `location` in one line naming it, never with a password.
    public static func explain(_ error: any Error, at location: PostgresLocation) -> StoreError {
        PostgresFailure.explaining(error, store: location)
    }
}
