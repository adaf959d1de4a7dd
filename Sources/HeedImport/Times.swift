import Foundation
import HeedCore

/// The times platforms write, read from JSON values.
public enum Times {
    /// ISO 8601 with a zone (`Z`, `+01:00`, `+0000`), with or without a fraction.
    public static func iso(_ value: JSON?) -> Date? {
        value?.string.flatMap { Timestamp.parseISO($0) }
    }

    /// ISO 8601 that may lack a zone, taken as UTC (WordPress `date_gmt`).
    public static func isoUTC(_ value: JSON?) -> Date? {
        value?.string.flatMap { Timestamp.parseISO($0, assumeUTC: true) }
    }

    /// Epoch seconds as an integer, a float or a numeric string.
    public static func epoch(_ value: JSON?) -> Date? {
        guard let seconds = value?.double, seconds.isFinite, seconds >= 0, seconds < 1e11 else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    /// Epoch milliseconds (LinkedIn `created.time`).
    public static func epochMilliseconds(_ value: JSON?) -> Date? {
        guard let millis = value?.double, millis.isFinite, millis >= 0, millis < 1e14 else { return nil }
        return Date(timeIntervalSince1970: millis / 1000)
    }

    /// The X archive's and API v1.1's form: "Sat Aug 12 16:10:37 +0000 2023".
    public static func twitter(_ value: JSON?) -> Date? {
        guard let text = value?.string else { return nil }
        let parts = text.split(separator: " ")
        guard parts.count == 6, let day = Int(parts[2]), let year = Int(parts[5]) else { return nil }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard let month = months.firstIndex(of: String(parts[1])) else { return nil }
        let iso = String(format: "%04d-%02d-%02dT%@%@", year, month + 1, day, String(parts[3]), String(parts[4]))
        return Timestamp.parseISO(iso)
    }

    /// The time inside an X (Twitter) Snowflake id: milliseconds since 2010-11-04T01:42:54.657Z
    /// in the bits above 22. Nil for ids from before Snowflake or not numeric.
    public static func snowflake(_ id: String) -> Date? {
        guard let value = UInt64(id), value > (1 << 22) * 1000 else { return nil }
        let millis = (value >> 22) + 1_288_834_974_657
        return Date(timeIntervalSince1970: Double(millis) / 1000)
    }
}
