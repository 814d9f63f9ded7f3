import CosyncAuthCore
import FluentKit
import Foundation
import SQLKit

/// `TwoFactorRepository` over Fluent. The single-use steps are single statements whose affected row
/// count decides, so that concurrent requests on several instances cannot both succeed.
extension FluentAuthStore {
    func totpEnrollment(userId: UUID) async throws -> TOTPEnrollment? {
        try await TOTPEnrollmentModel.find(userId, on: database)?.domain()
    }

    func save(_ enrollment: TOTPEnrollment) async throws {
        try await database.transaction { tx in
            try await TOTPEnrollmentModel.query(on: tx).filter(\.$id == enrollment.userId).delete()
            try await TOTPEnrollmentModel(enrollment).create(on: tx)
        }
    }

    func deleteTOTPEnrollment(userId: UUID) async throws {
        try await TOTPEnrollmentModel.query(on: database).filter(\.$id == userId).delete()
    }

    func advanceTOTPStep(userId: UUID, to step: Int64) async throws -> Bool {
        let rows = try await sql.raw("""
            UPDATE totp_enrollments SET last_used_step = \(bind: step)
            WHERE user_id = \(bind: userId) AND (last_used_step IS NULL OR last_used_step < \(bind: step))
            RETURNING user_id
            """).all()
        return !rows.isEmpty
    }

    func replaceRecoveryCodes(userId: UUID, digests: [String]) async throws {
        try await database.transaction { tx in
            try await RecoveryCodeModel.query(on: tx).filter(\.$userId == userId).delete()
            try await digests.map { RecoveryCodeModel(userId: userId, digest: $0) }.create(on: tx)
        }
    }

    func consumeRecoveryCode(userId: UUID, digest: String) async throws -> Bool {
        let rows = try await sql.raw("""
            DELETE FROM recovery_codes WHERE user_id = \(bind: userId) AND digest = \(bind: digest) RETURNING id
            """).all()
        return !rows.isEmpty
    }

    func recoveryCodeCount(userId: UUID) async throws -> Int {
        try await RecoveryCodeModel.query(on: database).filter(\.$userId == userId).count()
    }

    func save(_ challenge: LoginChallenge) async throws {
        try await LoginChallengeModel(challenge).create(on: database)
    }

    func loginChallenge(digest: String) async throws -> LoginChallenge? {
        try await LoginChallengeModel.find(digest, on: database)?.domain()
    }

    func consumeLoginChallenge(digest: String) async throws -> Bool {
        let rows = try await sql.raw("DELETE FROM login_challenges WHERE digest = \(bind: digest) RETURNING digest").all()
        return !rows.isEmpty
    }

    func countChallengeFailure(digest: String) async throws -> Int {
        let row = try await sql.raw("""
            UPDATE login_challenges SET failed_attempts = failed_attempts + 1 WHERE digest = \(bind: digest)
            RETURNING failed_attempts
            """).first()
        return try row?.decode(column: "failed_attempts", as: Int.self) ?? 0
    }

    func save(_ verification: PhoneVerification) async throws {
        try await database.transaction { tx in
            try await PhoneVerificationModel.query(on: tx).filter(\.$id == verification.userId).delete()
            try await PhoneVerificationModel(verification).create(on: tx)
        }
    }

    func phoneVerification(userId: UUID) async throws -> PhoneVerification? {
        try await PhoneVerificationModel.find(userId, on: database)?.domain()
    }

    func deletePhoneVerification(userId: UUID) async throws {
        try await PhoneVerificationModel.query(on: database).filter(\.$id == userId).delete()
    }

    /// The SQL side of the database, for the statements Fluent's query builder cannot say.
    var sql: any SQLDatabase {
        // Both drivers are SQL databases; a non-SQL one is not a configuration this host supports.
        database as! any SQLDatabase
    }
}

extension FluentAuthStore {
    func pruneExpired(now: Date, cutoff: Date) async throws -> Int {
        var removed = 0
        func gone<M: Model>(_ query: QueryBuilder<M>) async throws {
            removed += try await query.count()
            try await query.delete()
        }
        try await gone(LoginChallengeModel.query(on: database).filter(\.$expiresAt < now))
        try await gone(PhoneVerificationModel.query(on: database).filter(\.$expiresAt < now))
        try await gone(PendingSignupModel.query(on: database).filter(\.$expiresAt < cutoff))
        try await gone(PasswordResetModel.query(on: database).filter(\.$expiresAt < cutoff))
        try await gone(InviteModel.query(on: database).filter(\.$expiresAt < cutoff))
        try await gone(OutboxModel.query(on: database).filter(\.$status != OutboxMessage.Status.pending.rawValue).filter(\.$createdAt < cutoff))
        // Counters of windows long over.
        let oldWindows = Int64(now.timeIntervalSince1970) - 86_400
        let stale = try await sql.raw("DELETE FROM rate_limits WHERE window_start < \(bind: oldWindows) RETURNING key").all()
        removed += stale.count
        return removed
    }
}

extension FluentAuthStore {
    func hit(key: String, window: TimeInterval, now: Date) async throws -> (hits: Int, retryAfter: Int) {
        let length = max(1, Int64(window))
        let start = Int64(now.timeIntervalSince1970) / length * length
        // An upsert both engines speak: a new window starts the count again.
        let row = try await sql.raw("""
            INSERT INTO rate_limits (key, window_start, hits) VALUES (\(bind: key), \(bind: start), 1)
            ON CONFLICT (key) DO UPDATE SET
                hits = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.hits + 1 ELSE 1 END,
                window_start = excluded.window_start
            RETURNING hits
            """).first()
        let hits = try row?.decode(column: "hits", as: Int.self) ?? 1
        return (hits, Int(start + length - Int64(now.timeIntervalSince1970)))
    }
}
