import CosyncAuthCore
import FluentKit
import Foundation
import SQLKit

/// `CodeAttemptRepository`: each step is one statement whose returned rows decide, so that neither
/// parallel guesses nor a late wrong-code write can get past the limit or bring a used record back.
extension FluentAuthStore {
    func takeCodeAttempt(_ record: CodeRecord, maxAttempts: Int, now: Date) async throws -> Bool {
        let (table, column, key) = Self.location(of: record)
        let rows = try await sql.raw(
            """
            UPDATE \(ident: table) SET failed_attempts = failed_attempts + 1
            WHERE \(ident: column) = \(key) AND failed_attempts < \(bind: maxAttempts) AND expires_at > \(bind: now)
            RETURNING \(ident: column)
            """
        ).all()
        return !rows.isEmpty
    }

    func consumeCodeRecord(_ record: CodeRecord) async throws -> Bool {
        let (table, column, key) = Self.location(of: record)
        let rows = try await sql.raw("DELETE FROM \(ident: table) WHERE \(ident: column) = \(key) RETURNING \(ident: column)").all()
        return !rows.isEmpty
    }

    private static func location(of record: CodeRecord) -> (table: String, column: String, key: SQLQueryString) {
        switch record {
        case .pendingSignup(let id): ("pending_signups", "id", "\(bind: id)")
        case .passwordReset(let userId): ("password_resets", "user_id", "\(bind: userId)")
        case .invite(let id): ("invites", "id", "\(bind: id)")
        case .phoneVerification(let userId): ("phone_verifications", "user_id", "\(bind: userId)")
        case .loginChallenge(let digest): ("login_challenges", "digest", "\(bind: digest)")
        }
    }
}
