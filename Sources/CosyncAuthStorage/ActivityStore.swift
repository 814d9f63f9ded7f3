import CosyncAuthCore
import FluentKit
import Foundation
import SQLKit

/// Daily counts for an app's overview, grouped in the database: an app with a million logins a month
/// sends back thirty rows per kind, not a million.
extension FluentAuthStore {
    func dailyActivity(appId: UUID, since: Date) async throws -> [DailyActivity] {
        // Days since 1970 in UTC: SQLite keeps times as seconds since 1970, PostgreSQL as timestamps.
        let postgres = sql.dialect.name == "postgresql"
        func dayOf(_ column: String) -> SQLQueryString {
            postgres ? "FLOOR(EXTRACT(EPOCH FROM \(ident: column)) / 86400)::bigint" : "CAST(\(ident: column) / 86400 AS INTEGER)"
        }
        var days: [Int: DailyActivity] = [:]
        func add(_ number: Int, _ change: (inout DailyActivity) -> Void) {
            var activity = days[number] ?? DailyActivity(day: DailyActivity.date(dayNumber: number))
            change(&activity)
            days[number] = activity
        }
        let users = try await sql.raw(
            "SELECT \(dayOf("created_at")) AS day, COUNT(*) AS n FROM users WHERE app_id = \(bind: appId) AND created_at >= \(bind: since) GROUP BY 1"
        ).all()
        for row in users {
            let count = try row.decode(column: "n", as: Int.self)
            add(try row.decode(column: "day", as: Int.self)) { $0.signups = count }
        }
        let logins = DailyActivity.loginEvents.map(\.rawValue)
        let events = try await sql.raw(
            """
            SELECT \(dayOf("time")) AS day, event, outcome = \(bind: AuditEntry.success) AS ok, COUNT(*) AS n FROM audit_log
            WHERE app_id = \(bind: appId) AND time >= \(bind: since) AND event IN (\(binds: logins + [AuditEvent.lockout.rawValue]))
            GROUP BY 1, 2, 3
            """
        ).all()
        for row in events {
            let count = try row.decode(column: "n", as: Int.self)
            let event = try row.decode(column: "event", as: String.self)
            let ok = try row.decode(column: "ok", as: Bool.self)
            add(try row.decode(column: "day", as: Int.self)) { activity in
                if event == AuditEvent.lockout.rawValue {
                    activity.lockouts += count
                } else if ok {
                    activity.logins += count
                } else {
                    activity.failedLogins += count
                }
            }
        }
        return days.values.sorted { $0.day < $1.day }
    }
}
