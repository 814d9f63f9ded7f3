import CosyncAuthCore
import Hummingbird

/// `/api/app/...` for what an app holds beyond its settings: `reset`, metadata fields
/// (`updateAppMetaData`, `updateAppInviteMetaData`, `deleteMetadata`), templates (`emailTemplates`,
/// `updateEmailTemplate`), locales (`addLocale`, `removeLocale`) and a test of email (`testEmail`).
struct AdminContentRoutes: Sendable {
    let apps: AppAdministration
    let emailSender: (any EmailSender)?
    let smsSender: (any SMSSender)?

    func add(to router: RouterGroup<AuthRequestContext>) {
        router.post("reset", use: reset)
        router.post("updateAppMetaData", use: putUserField)
        router.post("updateAppInviteMetaData", use: putInviteField)
        router.post("deleteMetadata", use: deleteField)
        router.get("emailTemplates", use: templates)
        router.post("updateEmailTemplate", use: updateTemplate)
        router.post("addLocale", use: addLocale)
        router.post("removeLocale", use: removeLocale)
        router.post("testEmail", use: testEmail)
        router.post("testAppTwilio", use: testSMS)
    }

    /// `appId`, `phone` (the original's name for the test of an app's SMS settings).
    @Sendable func testSMS(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let outcome = try await apps.sendTestSMS(app: try params.required("appId"), to: try params.required("phone"), sender: smsSender)
        return Self.answer(outcome, missing: "this host has no SMS provider", refused: "the message was not sent")
    }

    /// `appId`, `to`: sends one email now. 409 when the host has no SMTP server, 502 with the server's
    /// answer when it refused.
    @Sendable func testEmail(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let outcome = try await apps.sendTestEmail(app: try params.required("appId"), to: try params.required("to"), sender: emailSender)
        return Self.answer(outcome, missing: "this host has no SMTP server (serve --smtp-url)", refused: "the email was not sent")
    }

    /// A delivery test as the admin API answers it: sent, 409 when the host cannot send, 502 with the
    /// server's or provider's refusal.
    static func answer(_ outcome: AppAdministration.DeliveryTestOutcome, missing: String, refused: String) -> Response {
        switch outcome {
        case .sent: JSONResponse.json(.object(["status": .string("sent")]))
        case .notConfigured: AdminResponse.failure(.conflict, missing)
        case .refused(let reason): AdminResponse.failure(.badGateway, "\(refused): \(reason)")
        }
    }

    @Sendable func reset(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        return JSONResponse.json(.object(AppJSON.app(try await apps.resetApp(try params.required("appId")))))
    }

    @Sendable func putUserField(_ request: Request, context: AuthRequestContext) async throws -> Response {
        try await putField(request, list: .user)
    }

    @Sendable func putInviteField(_ request: Request, context: AuthRequestContext) async throws -> Response {
        try await putField(request, list: .invite)
    }

    /// `appId`, `path`, `fieldName` (default: the path's last part), `required`, `canEdit`.
    func putField(_ request: Request, list: AppAdministration.FieldList) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let path = try params.required("path")
        let field = MetadataField(
            path: path, fieldName: params["fieldName"] ?? String(path.split(separator: ".").last ?? ""),
            required: try Self.flag(params, "required"), canEdit: try Self.flag(params, "canEdit"))
        return JSONResponse.json(.object(AppJSON.app(try await apps.putField(app: try params.required("appId"), field, list: list))))
    }

    /// `appId`, `path`, and `type`: `metaData` (default) or `metaDataInvite` (`invite` too).
    @Sendable func deleteField(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let list: AppAdministration.FieldList =
            switch params["type"] ?? "metaData" {
            case "metaData", "user": .user
            case "metaDataInvite", "invite": .invite
            default: throw AuthError.invalid("type is metaData or metaDataInvite")
            }
        let app = try await apps.removeField(app: try params.required("appId"), path: try params.required("path"), list: list)
        return JSONResponse.json(.object(AppJSON.app(app)))
    }

    /// Every template for every locale of the app (or `locale`), as it would be sent now; `custom` says
    /// whether the app has its own or uses the default.
    @Sendable func templates(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let views = try await apps.templates(app: try params.required("appId"), locale: params["locale"])
        return JSONResponse.json(.array(views.map { .object(AppJSON.template($0.template, custom: $0.isCustom)) }))
    }

    /// `appId`, `templateName`, `locale` (default EN), `subject`, `replyTo`, `htmlTemplate`, `textTemplate`.
    @Sendable func updateTemplate(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let rawName = try params.required("templateName")
        guard let name = EmailTemplate.Name(rawValue: rawName) else {
            throw AuthError.invalid("templateName is one of \(EmailTemplate.Name.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let replyTo = params["replyTo"].flatMap { $0.isEmpty ? nil : $0 }
        let text = params["textTemplate"].flatMap { $0.isEmpty ? nil : $0 }
        let template = EmailTemplate(
            name: name, locale: params["locale"] ?? Locales.fallback, subject: params["subject"] ?? "", replyTo: replyTo,
            html: try params.required("htmlTemplate"), text: text)
        try await apps.saveTemplate(app: try params.required("appId"), template)
        return JSONResponse.true
    }

    @Sendable func addLocale(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let app = try await apps.addLocale(app: try params.required("appId"), try params.required("locale"))
        return JSONResponse.json(.object(AppJSON.app(app)))
    }

    @Sendable func removeLocale(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let app = try await apps.removeLocale(app: try params.required("appId"), try params.required("locale"))
        return JSONResponse.json(.object(AppJSON.app(app)))
    }

    static func flag(_ params: RequestParameters, _ name: String) throws -> Bool {
        switch params[name] ?? "false" {
        case "true", "1": true
        case "false", "0", "": false
        default: throw AuthError.invalid("\(name) is true or false")
        }
    }
}
