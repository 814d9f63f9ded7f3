public import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's core storage plus the caller's address, which the
/// audit log and rate limits key on.
public struct AuthRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// No request of this API needs more; a larger body is refused before it is read.
    public var maxUploadSize: Int { RequestParameters.maxBodySize }
}
