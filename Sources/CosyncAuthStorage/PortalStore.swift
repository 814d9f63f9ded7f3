import CosyncAuthCore
import FluentKit
import Foundation
import SQLKit

/// `PortalRepository` over Fluent.
extension FluentAuthStore {
    func portalOperators() async throws -> [PortalOperator] {
        try await PortalOperatorModel.query(on: database).all().map { try $0.domain() }
    }

    func portalOperator(email: String) async throws -> PortalOperator? {
        try await PortalOperatorModel.query(on: database).filter(\.$email == email).first()?.domain()
    }

    func portalOperator(id: UUID) async throws -> PortalOperator? {
        try await PortalOperatorModel.find(id, on: database)?.domain()
    }

    func insert(_ operator: PortalOperator) async throws {
        try await conflicts([("portal_operators", .operatorEmail)]) {
            try await PortalOperatorModel(`operator`).create(on: database)
        }
    }

    func deletePortalOperator(id: UUID) async throws {
        try await PortalOperatorModel.query(on: database).filter(\.$id == id).delete()
    }

    func recordOperatorFailure(id: UUID, lockAfter: Int, lockUntil: Date) async throws -> Bool {
        try await countFailedLogin(table: "portal_operators", id: id, lockAfter: lockAfter, lockUntil: lockUntil)
    }

    func clearOperatorFailures(id: UUID) async throws {
        try await sql.raw("UPDATE portal_operators SET failed_logins = 0, locked_until = NULL WHERE id = \(bind: id)").run()
    }

    func advanceOperatorTOTPStep(id: UUID, to step: Int64) async throws -> Bool {
        let rows = try await sql.raw(
            """
            UPDATE portal_operators SET totp_last_step = \(bind: step)
            WHERE id = \(bind: id) AND (totp_last_step IS NULL OR totp_last_step < \(bind: step))
            RETURNING id
            """
        ).all()
        return !rows.isEmpty
    }

    func insert(_ session: PortalSession) async throws {
        try await PortalSessionModel(session).create(on: database)
    }

    func portalSession(digest: String) async throws -> PortalSession? {
        try await PortalSessionModel.find(digest, on: database)?.domain()
    }

    func touchPortalSession(digest: String, at time: Date) async throws {
        try await PortalSessionModel.query(on: database).filter(\.$id == digest).set(\.$lastSeenAt, to: time).update()
    }

    func deletePortalSession(digest: String) async throws {
        try await PortalSessionModel.query(on: database).filter(\.$id == digest).delete()
    }

    func deletePortalSessions(operatorId: UUID) async throws {
        try await PortalSessionModel.query(on: database).filter(\.$operatorId == operatorId).delete()
    }

    func registeredHosts() async throws -> [RegisteredHost] {
        try await RegisteredHostModel.query(on: database).all().map { try $0.domain() }
    }

    func registeredHost(id: UUID) async throws -> RegisteredHost? {
        try await RegisteredHostModel.find(id, on: database)?.domain()
    }

    func insert(_ host: RegisteredHost) async throws {
        try await conflicts([("portal_hosts", .hostName)]) {
            try await RegisteredHostModel(host).create(on: database)
        }
    }

    func update(_ host: RegisteredHost) async throws {
        try await conflicts([("portal_hosts", .hostName)]) {
            try await RegisteredHostModel.query(on: database).filter(\.$id == host.id)
                .set(\.$name, to: host.name).set(\.$url, to: host.url).set(\.$sealedSecret, to: host.sealedSecret).update()
        }
    }

    func deleteRegisteredHost(id: UUID) async throws {
        try await RegisteredHostModel.query(on: database).filter(\.$id == id).delete()
    }
}
