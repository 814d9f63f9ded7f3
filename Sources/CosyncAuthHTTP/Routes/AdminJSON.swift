public import CosyncAuthCore
public import Foundation

/// How administration shows an app, in the admin API and in the CLI's `--json` alike (the CLI prints
/// what the API answers, whether it runs offline or against a host).
public enum AppJSON {
    public static func app(_ app: App) -> [String: JSONValue] {
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

    /// A user as the operator sees them: what getUser shows, plus the id and the lockout state.
    public static func user(_ user: User) -> [String: JSONValue] {
        var json = PublicJSON.user(user).objectValue ?? [:]
        json["userId"] = .string(user.id.uuidString.lowercased())
        json["failedLogins"] = .number(Double(user.failedLogins))
        if let lockedUntil = user.lockedUntil { json["lockedUntil"] = .string(date(lockedUntil)) }
        return json
    }

    public static func date(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

/// A plain text table for people.
public enum Table {
    public static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
