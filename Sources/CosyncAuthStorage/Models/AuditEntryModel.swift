import CosyncAuthCore
import FluentKit
import Foundation

/// Row of `audit_log`.
final class AuditEntryModel: Model, @unchecked Sendable {
    static let schema = "audit_log"

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "app_id") var appId: UUID?
    @Field(key: "time") var time: Date
    @Field(key: "event") var event: String
    @OptionalField(key: "actor") var actor: String?
    @OptionalField(key: "address") var address: String?
    @Field(key: "outcome") var outcome: String
    @OptionalField(key: "detail") var detail: String?

    init() {}

    init(_ e: AuditEntry) {
        id = e.id
        appId = e.appId
        time = e.time
        event = e.event.rawValue
        actor = e.actor
        address = e.address
        outcome = e.outcome
        detail = e.detail
    }

    func domain() throws -> AuditEntry {
        AuditEntry(
            id: try requireID(), appId: appId, time: time, event: AuditEvent(rawValue: event), actor: actor,
            address: address, outcome: outcome, detail: detail)
    }
}
