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
        try await replacing("totp_enrollments:\(enrollment.userId)") { tx in
            try await TOTPEnrollmentModel.query(on: tx).filter(\.$id == enrollment.userId).delete()
            try await TOTPEnrollmentModel(enrollment).create(on: tx)
        }
    }

    func deleteTOTPEnrollment(userId: UUID) async throws {
        try await TOTPEnrollmentModel.query(on: database).filter(\.$id == userId).delete()
    }

    func advanceTOTPStep(userId: UUID, to step: Int64) async throws -> Bool {
        let rows = try await sql.raw(
            """
            UPDATE totp_enrollments SET last_used_step = \(bind: step)
            WHERE user_id = \(bind: userId) AND (last_used_step IS NULL OR last_used_step < \(bind: step))
            RETURNING user_id
            """
        ).all()
        return !rows.isEmpty
    }

    func replaceRecoveryCodes(userId: UUID, digests: [String]) async throws {
        try await replacing("recovery_codes:\(userId)") { tx in
            try await RecoveryCodeModel.query(on: tx).filter(\.$userId == userId).delete()
            try await digests.map { RecoveryCodeModel(userId: userId, digest: $0) }.create(on: tx)
        }
    }

    func consumeRecoveryCode(userId: UUID, digest: String) async throws -> Bool {
        let rows = try await sql.raw(
            """
            DELETE FROM recovery_codes WHERE user_id = \(bind: userId) AND digest = \(bind: digest) RETURNING id
            """
        ).all()
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

    func save(_ verification: PhoneVerification) async throws {
        try await replacing("phone_verifications:\(verification.userId)") { tx in
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
}
