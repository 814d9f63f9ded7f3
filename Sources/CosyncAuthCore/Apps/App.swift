public import Foundation

/// An application served by the host: its identity, its credentials as clients see them, and its settings.
/// The app secret and private key are not here: they stay sealed in storage until a flow needs them.
public struct App: Sendable, Equatable {
    public var id: UUID
    public var name: String
    /// The token compiled into client apps (`app-token` header). Not a secret: it ships inside apps.
    public var appToken: String
    /// The token of the app on the host it was imported from, still accepted because it is compiled into
    /// apps already in users' hands.
    public var legacyAppToken: String?
    /// PEM of the RSA public key that verifies this app's user JWTs.
    public var publicKeyPEM: String
    public var status: AppStatus
    public var settings: AppSettings
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, name: String, appToken: String, publicKeyPEM: String, status: AppStatus = .active,
        settings: AppSettings = AppSettings(), createdAt: Date, updatedAt: Date, legacyAppToken: String? = nil
    ) {
        self.legacyAppToken = legacyAppToken
        self.id = id
        self.name = name
        self.appToken = appToken
        self.publicKeyPEM = publicKeyPEM
        self.status = status
        self.settings = settings
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

public enum AppStatus: String, Sendable, Codable, CaseIterable {
    case active
    case inactive
    case migrated
}

/// An app's credentials that must never be stored or shown in clear, sealed by a `SecretSealer`.
public struct SealedAppSecrets: Sendable, Equatable {
    public var appSecret: String
    public var privateKeyPEM: String
    /// The auth token of the app's SMS provider account, when set.
    public var smsToken: String?

    public init(appSecret: String, privateKeyPEM: String, smsToken: String? = nil) {
        self.appSecret = appSecret
        self.privateKeyPEM = privateKeyPEM
        self.smsToken = smsToken
    }
}
