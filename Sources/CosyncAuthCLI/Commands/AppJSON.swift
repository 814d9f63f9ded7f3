import CosyncAuthCore
import Foundation

/// How the CLI shows an app: the same keys in JSON as the admin API will use.
enum AppJSON {
    static func app(_ app: App) -> [String: JSONValue] {
        let settings = (try? JSONEncoder().encode(app.settings)).flatMap { try? JSONDecoder().decode(JSONValue.self, from: $0) }
        return [
            "appId": .string(app.id.uuidString.lowercased()),
            "name": .string(app.name),
            "status": .string(app.status.rawValue),
            "appToken": .string(app.appToken),
            "publicKey": .string(app.publicKeyPEM),
            "settings": settings ?? .emptyObject,
            "createdAt": .string(date(app.createdAt)),
            "updatedAt": .string(date(app.updatedAt)),
        ]
    }

    static func text(_ app: App) -> String {
        let s = app.settings
        return """
            appId:     \(app.id.uuidString.lowercased())
            name:      \(app.name)
            status:    \(app.status.rawValue)
            appToken:  \(app.appToken)
            signup:    \(s.signupEnabled ? "enabled, flow \(s.signupFlow.rawValue)" : "disabled")
            locales:   \(s.locales.joined(separator: ","))
            JWT:       RS256, \(s.userJWTExpiration) h, aud \(s.realmAppId ?? "none")
            publicKey:
            \(app.publicKeyPEM.trimmingCharacters(in: .whitespacesAndNewlines))
            """
    }

    static func date(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

/// A plain text table for people.
enum Table {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
