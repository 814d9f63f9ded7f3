public import Foundation

/// Times as the protocol writes them everywhere (JSON answers, exports, the admin API): ISO 8601 in UTC
/// with milliseconds, e.g. `2026-11-27T15:49:53.123Z`.
public enum ProtocolDate {
    public static func text(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// An ISO 8601 time, with or without fractional seconds.
    public static func parse(_ text: String) -> Date? {
        (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text))
    }
}
