import Foundation

/// Sign-ups and logins per day as an SVG bar chart, drawn on the server: no script, nothing fetched,
/// and allowed by the portal's strict content policy (attributes only, no inline style).
struct ActivityChart {
    struct Day {
        var date: String
        var signups: Int
        var logins: Int
    }

    let days: [Day]

    static let width = 720.0
    static let height = 180.0
    static let bottom = 24.0
    static let signupColour = "#2456d6"
    static let loginColour = "#127a3a"
    static let inkColour = "#5b6478"

    var svg: String {
        let peak = max(1, days.map { max($0.signups, $0.logins) }.max() ?? 1)
        let slot = Self.width / Double(max(days.count, 1))
        let bar = max(1, slot / 2 - 1)
        let plot = Self.height - Self.bottom
        var parts = [
            element(
                "svg",
                [
                    ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(Int(Self.width)) \(Int(Self.height))"), ("role", "img"),
                    ("aria-label", "Sign-ups and logins per day"), ("id", "activity-chart"),
                ], open: true),
            element("line", [("x1", "0"), ("y1", number(plot)), ("x2", number(Self.width)), ("y2", number(plot)), ("stroke", "#d9dee8")]),
        ]
        for (index, day) in days.enumerated() {
            let x = Double(index) * slot
            for (offset, value, colour, label) in [
                (0.0, day.signups, Self.signupColour, "sign-ups"), (bar + 1, day.logins, Self.loginColour, "logins"),
            ] {
                let height = plot * Double(value) / Double(peak)
                parts.append(
                    element(
                        "rect",
                        [
                            ("x", number(x + offset)), ("y", number(plot - height)), ("width", number(bar)), ("height", number(height)),
                            ("fill", colour),
                        ], open: true)
                        + "<title>\(day.date): \(value) \(label)</title></rect>")
            }
        }
        let text: [(String, String)] = [("font-size", "11"), ("fill", Self.inkColour)]
        if let first = days.first, let last = days.last {
            parts.append(element("text", [("x", "0"), ("y", number(Self.height - 6))] + text, open: true) + first.date + "</text>")
            parts.append(
                element("text", [("x", number(Self.width)), ("y", number(Self.height - 6)), ("text-anchor", "end")] + text, open: true) + last.date
                    + "</text>")
        }
        parts.append(element("text", [("x", "2"), ("y", "12")] + text, open: true) + "\(peak)</text>")
        parts.append("</svg>")
        return parts.joined()
    }

    /// `<name a="v" ...>` (or self-closed); values here are numbers, dates and fixed words.
    private func element(_ name: String, _ attributes: [(String, String)], open: Bool = false) -> String {
        "<\(name)" + attributes.map { " \($0.0)=\"\($0.1)\"" }.joined() + (open ? ">" : "/>")
    }

    private func number(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
