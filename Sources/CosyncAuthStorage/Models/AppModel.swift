import CosyncAuthCore
import FluentKit
import Foundation

/// Row of `apps`. Settings are one JSON text column, decoded with defaults, so new settings need no
/// migration; secrets are sealed text.
final class AppModel: Model, @unchecked Sendable {
    static let schema = "apps"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "app_token") var appToken: String
    @Field(key: "public_key") var publicKeyPEM: String
    @Field(key: "sealed_app_secret") var sealedAppSecret: String
    @Field(key: "sealed_private_key") var sealedPrivateKey: String
    @Field(key: "status") var status: String
    @Field(key: "settings") var settings: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "updated_at") var updatedAt: Date
    @OptionalField(key: "legacy_app_token") var legacyAppToken: String?
    @OptionalField(key: "sealed_sms_token") var sealedSMSToken: String?

    init() {}

    init(_ app: App, secrets: SealedAppSecrets) throws {
        id = app.id
        sealedAppSecret = secrets.appSecret
        sealedPrivateKey = secrets.privateKeyPEM
        sealedSMSToken = secrets.smsToken
        try copy(app)
    }

    func copy(_ app: App) throws {
        name = app.name
        appToken = app.appToken
        publicKeyPEM = app.publicKeyPEM
        status = app.status.rawValue
        settings = String(decoding: try JSONEncoder().encode(app.settings), as: UTF8.self)
        createdAt = app.createdAt
        updatedAt = app.updatedAt
        legacyAppToken = app.legacyAppToken
    }

    func domain() throws -> App {
        App(
            id: try requireID(), name: name, appToken: appToken, publicKeyPEM: publicKeyPEM,
            status: AppStatus(rawValue: status) ?? .inactive,
            settings: try JSONDecoder().decode(AppSettings.self, from: Data(settings.utf8)),
            createdAt: createdAt, updatedAt: updatedAt, legacyAppToken: legacyAppToken)
    }
}
