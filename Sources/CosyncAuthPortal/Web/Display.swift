import CosyncAuthCore
import Foundation

/// Values as people read them in the portal's tables.
enum Display {
    /// "2026-12-02 06:14" (UTC) from the API's ISO 8601 text; "—" for none.
    static func date(_ json: JSONValue?) -> String {
        guard let text = json?.stringValue, let date = ProtocolDate.parse(text) else { return "—" }
        let style = Date.ISO8601FormatStyle(timeZone: .gmt).year().month().day().dateTimeSeparator(.space).time(includingFractionalSeconds: false)
        return String(date.formatted(style).dropLast(3))
    }

    /// Any JSON value as text: strings as they are, numbers without a needless ".0".
    static func text(_ json: JSONValue?) -> String {
        switch json {
        case .string(let s)?: s
        case .number(let n)?: n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .bool(let b)?: b ? "true" : "false"
        case nil, .null?: ""
        case let other?: other.jsonText
        }
    }
}
