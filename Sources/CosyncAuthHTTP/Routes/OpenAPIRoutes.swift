import Hummingbird

/// `GET /openapi.yaml`: the administration API's OpenAPI document. Open to all, like the source: it says
/// what the API is, and every call it describes still needs a server secret.
struct OpenAPIRoutes: Sendable {
    func add(to router: Router<AuthRequestContext>) {
        router.get("/openapi.yaml") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "application/yaml"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
    }
}
