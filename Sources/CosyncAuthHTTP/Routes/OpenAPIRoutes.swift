import Hummingbird

/// `GET /openapi.yaml` and `GET /openapi-user.yaml`: the OpenAPI documents of the administration API and
/// of the end-user API. Open to all, like the source: they say what the APIs are, and every call they
/// describe still needs its credential.
struct OpenAPIRoutes: Sendable {
    func add(to router: Router<AuthRequestContext>) {
        router.get("/openapi.yaml") { _, _ -> Response in
            Self.yaml(OpenAPIDocument.yaml)
        }
        router.get("/openapi-user.yaml") { _, _ -> Response in
            Self.yaml(UserAPIDocument.yaml)
        }
    }

    private static func yaml(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
