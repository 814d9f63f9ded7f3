import Hummingbird

/// The portal's stylesheet and script, built into the binary; cached by browsers for an hour.
struct Assets: Sendable {
    let base: String

    static let css = ByteBuffer(bytes: PackageResources.portal_css)
    static let js = ByteBuffer(bytes: PackageResources.portal_js)

    func add<Context: RequestContext>(to router: some RouterMethods<Context>) {
        router.get("\(base)/assets/portal.css") { _, _ in Self.asset(Self.css, type: "text/css; charset=utf-8") }
        router.get("\(base)/assets/portal.js") { _, _ in Self.asset(Self.js, type: "text/javascript; charset=utf-8") }
    }

    static func asset(_ bytes: ByteBuffer, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"], body: .init(byteBuffer: bytes))
    }
}
