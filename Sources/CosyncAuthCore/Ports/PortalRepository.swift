public import Foundation

/// The portal's records as stored: operators, their sessions, and the hosts they manage. Counters and
/// single-use changes are single conditional statements, so they hold under parallel requests.
public protocol PortalRepository: Sendable {
    func portalOperators() async throws -> [PortalOperator]
    func portalOperator(email: String) async throws -> PortalOperator?
    func portalOperator(id: UUID) async throws -> PortalOperator?
    /// Throws `StoreConflict.operatorEmail` when the address is taken.
    func insert(_ operator: PortalOperator) async throws
    func deletePortalOperator(id: UUID) async throws
    /// Counts one failed login and, on reaching `lockAfter`, locks until `lockUntil` and starts the count
    /// again; answers whether this failure locked the account.
    func recordOperatorFailure(id: UUID, lockAfter: Int, lockUntil: Date) async throws -> Bool
    func clearOperatorFailures(id: UUID) async throws
    /// Moves the operator's last used authenticator step forward to `step` when it is later; answers
    /// whether it moved (a code is good once).
    func advanceOperatorTOTPStep(id: UUID, to step: Int64) async throws -> Bool

    func insert(_ session: PortalSession) async throws
    func portalSession(digest: String) async throws -> PortalSession?
    func touchPortalSession(digest: String, at time: Date) async throws
    func deletePortalSession(digest: String) async throws
    func deletePortalSessions(operatorId: UUID) async throws

    func registeredHosts() async throws -> [RegisteredHost]
    func registeredHost(id: UUID) async throws -> RegisteredHost?
    /// Throws `StoreConflict.hostName` when the name is taken.
    func insert(_ host: RegisteredHost) async throws
    func update(_ host: RegisteredHost) async throws
    func deleteRegisteredHost(id: UUID) async throws
}
