import CosyncAuthCore
import FluentKit
import Foundation
import SQLKit

/// Housekeeping and rate-limit counters.
extension FluentAuthStore {
    func pruneExpired(now: Date, cutoff: Date) async throws -> Int {
        var removed = 0
        func gone<M: Model>(_ query: QueryBuilder<M>) async throws {
            removed += try await query.count()
            try await query.delete()
        }
        try await gone(LoginChallengeModel.query(on: database).filter(\.$expiresAt < now))
        try await gone(PhoneVerificationModel.query(on: database).filter(\.$expiresAt < now))
        try await gone(AccessTokenModel.query(on: database).filter(\.$expiresAt < now))
        // Portal sessions past their absolute end (an idle one ends sooner, at its next use, or here).
        try await gone(PortalSessionModel.query(on: database).filter(\.$expiresAt < now))
        try await gone(PendingSignupModel.query(on: database).filter(\.$expiresAt < cutoff))
        try await gone(PasswordResetModel.query(on: database).filter(\.$expiresAt < cutoff))
        try await gone(InviteModel.query(on: database).filter(\.$expiresAt < cutoff))
        try await gone(OutboxModel.query(on: database).filter(\.$status != OutboxMessage.Status.pending.rawValue).filter(\.$createdAt < cutoff))
        // Public keys past their grace period.
        removed += try await sql.raw("DELETE FROM app_retiring_keys WHERE retires_at < \(bind: now) RETURNING id").all().count
        // Counters of windows long over.
        let oldWindows = Int64(now.timeIntervalSince1970) - 86_400
        let stale = try await sql.raw("DELETE FROM rate_limits WHERE window_start < \(bind: oldWindows) RETURNING key").all()
        removed += stale.count
        return removed
    }

    func failUndelivered(channel: OutboxMessage.Channel, createdBefore: Date, reason: String) async throws -> Int {
        let rows = try await sql.raw(
            """
            UPDATE outbox SET status = \(bind: OutboxMessage.Status.failed.rawValue), last_error = \(bind: reason),
                text_body = '', html_body = NULL, lease_until = NULL
            WHERE status = \(bind: OutboxMessage.Status.pending.rawValue) AND channel = \(bind: channel.rawValue)
              AND created_at < \(bind: createdBefore) AND (lease_until IS NULL OR lease_until < \(bind: Date()))
            RETURNING id
            """
        ).all()
        return rows.count
    }

    func hit(key: String, window: TimeInterval, now: Date) async throws -> (hits: Int, retryAfter: Int) {
        let start = FixedWindow.start(at: now, length: window)
        // An upsert both engines speak: a new window starts the count again.
        let row = try await sql.raw(
            """
            INSERT INTO rate_limits (key, window_start, hits) VALUES (\(bind: key), \(bind: start), 1)
            ON CONFLICT (key) DO UPDATE SET
                hits = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.hits + 1 ELSE 1 END,
                window_start = excluded.window_start
            RETURNING hits
            """
        ).first()
        let hits = try row?.decode(column: "hits", as: Int.self) ?? 1
        return (hits, FixedWindow.secondsLeft(at: now, length: window))
    }
}
