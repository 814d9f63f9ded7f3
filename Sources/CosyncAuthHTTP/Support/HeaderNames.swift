import HTTPTypes

/// The protocol's credential headers.
extension HTTPField.Name {
    static let appToken = Self("app-token")!
    static let accessToken = Self("access-token")!
    static let serverSecret = Self("server-secret")!
    static let xForwardedFor = Self("X-Forwarded-For")!
}
