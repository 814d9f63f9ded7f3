/// The administration API (`/api/app/...`) as an OpenAPI 3.0 document, served at `GET /openapi.yaml`.
/// The text is `Resources/admin-api.yaml`, embedded into the binary when it is built, so the host stays
/// one file to copy. `OpenAPIDocumentTests` parses it and holds it to the router both ways: every admin
/// route is documented, and every documented operation is served and fails in the documented shape.
public enum OpenAPIDocument {
    public static let yaml = String(decoding: PackageResources.admin_api_yaml, as: UTF8.self)
}

/// The end-user API (`/api/appuser/...`) as an OpenAPI 3.0 document, served at `GET /openapi-user.yaml`,
/// from `Resources/user-api.yaml`. Response schemas are exactly as strict as what the routes answer, no
/// more and no less: the document is what a contract tester (Schemathesis) checks every response against.
public enum UserAPIDocument {
    public static let yaml = String(decoding: PackageResources.user_api_yaml, as: UTF8.self)
}
