public import CosyncAuthCore

/// The operator a request comes from, set by `PortalSessionMiddleware` for the rest of the request.
public struct SignedIn: Sendable {
    public var session: PortalSession
    public var `operator`: PortalOperator

    @TaskLocal public static var current: SignedIn?
}
