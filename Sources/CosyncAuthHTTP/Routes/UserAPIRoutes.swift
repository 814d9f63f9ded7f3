import CosyncAuthCore
import Hummingbird

/// `/api/appuser/...`: each route reads its parameters, calls the flow of the same name in
/// `AccountService`, and renders the answer. No logic of the protocol lives here.
struct UserAPIRoutes: Sendable {
    let accounts: AccountService

    func add(to router: RouterGroup<AuthRequestContext>) {
        router.post("login", use: login)
        router.post("loginAnonymous", use: loginAnonymous)
        router.post("socialLogin", use: socialLogin)
        router.post("socialSignup", use: socialSignup)
        router.post("signup", use: signup)
        router.post("completeSignup", use: completeSignup)
        router.get("completeSignup", use: completeSignupLink)
        router.post("forgotPassword", use: forgotPassword)
        router.post("invite", use: invite)
        router.post("register", use: register)
        router.post("resetPassword", use: resetPassword)
        router.get("getUser", use: getUser)
        router.get("getApplication", use: getApplication)
        router.get("jwks", use: jwks)
        router.post("setLocale", use: setLocale)
        router.post("setUserMetadata", use: setUserMetadata)
        router.post("setUserName", use: setUserName)
        router.get("userNameAvailable", use: userNameAvailable)
        router.post("changePassword", use: changePassword)
        router.post("deleteAccount", use: deleteAccount)
        router.post("loginComplete", use: loginComplete)
        router.post("setPhone", use: setPhone)
        router.post("verifyPhone", use: verifyPhone)
        router.post("setTwoFactorPhoneVerification", use: setTwoFactorPhone)
        router.post("setTwoFactorGoogleVerification", use: setTwoFactorGoogle)
        router.post("regenerateRecoveryCodes", use: regenerateRecoveryCodes)
    }

    // MARK: With an app token

    @Sendable func login(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let outcome = try await accounts.login(
            appToken: appToken(request, params), accessToken: request.headers[.accessToken], handle: params["handle"], password: params["password"])
        switch outcome {
        case .session(let session): return JSONResponse.session(session)
        case .secondFactor(let loginToken): return JSONResponse.json(.object(["login-token": .string(loginToken)]))
        }
    }

    /// `loginToken` from login and `code`: the authenticator's, the SMS's, or a recovery code.
    @Sendable func loginComplete(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let session = try await accounts.loginComplete(
            appToken: appToken(request, params), loginToken: try params.required("loginToken"), code: try params.required("code"))
        return JSONResponse.session(session)
    }

    @Sendable func loginAnonymous(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let app = try await app(request, params)
        return JSONResponse.session(try await accounts.loginAnonymous(app: app, handle: try params.required("handle")))
    }

    /// `token`: the provider's ID token; `provider`: apple or google.
    @Sendable func socialLogin(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let app = try await app(request, params)
        return JSONResponse.session(
            try await accounts.socialLogin(
                app: app, idToken: try params.required("token"), provider: try params.required("provider")))
    }

    @Sendable func socialSignup(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let app = try await app(request, params)
        return JSONResponse.session(
            try await accounts.socialSignup(
                app: app, idToken: try params.required("token"), provider: try params.required("provider"),
                handle: try params.required("handle"), metadata: params["metaData"], locale: params["locale"]))
    }

    @Sendable func signup(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let app = try await app(request, params)
        let result = try await accounts.signup(
            app: app, handle: try params.required("handle"), password: try params.required("password"),
            metadata: params["metaData"], locale: params["locale"])
        switch result {
        case .created(let session, let code):
            return JSONResponse.session(session, extra: ["code": .number(Double(code))])
        case .pending:
            return JSONResponse.true
        }
    }

    @Sendable func completeSignup(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        if params[HTMLResponse.confirmationMarker] != nil { return try await confirmSignupFromPage(params, request: request) }
        let app = try await app(request, params)
        let code = try params.required("code")
        let (session, user) = try await accounts.completeSignup(app: app, handle: try params.required("handle"), code: code)
        let signed = try await accounts.signedUserToken(app: app, user: user, code: code)
        return JSONResponse.session(session, extra: ["signed-user-token": .string(signed)])
    }

    @Sendable func register(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let app = try await app(request, params)
        let code = try params.required("code")
        let (session, user) = try await accounts.register(
            app: app, handle: try params.required("handle"), password: try params.required("password"), code: code,
            metadata: params["metaData"], locale: params["locale"])
        let signed = try await accounts.signedUserToken(app: app, user: user, code: code)
        return JSONResponse.session(session, extra: ["signed-user-token": .string(signed)])
    }

    /// The link in the signup email opens a page whose button confirms: opening a link completes
    /// nothing, so a mail scanner that follows every link cannot confirm an account for its owner.
    @Sendable func completeSignupLink(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        guard let appToken = appToken(request, params), let handle = params["handle"], let code = params["code"] else {
            return HTMLResponse.problem(AuthError.missingParameter)
        }
        return HTMLResponse.signupConfirmation(appToken: appToken, handle: handle, code: code)
    }

    /// The confirmation page's button: answers the app's `clickThrough` page on success.
    private func confirmSignupFromPage(_ params: RequestParameters, request: Request) async throws -> Response {
        do {
            let app = try await app(request, params)
            let (_, user) = try await accounts.completeSignup(
                app: app, handle: try params.required("handle"), code: try params.required("code"))
            return HTMLResponse.page(try await accounts.clickThroughPage(app: app, user: user))
        } catch let error as AuthError {
            return HTMLResponse.problem(error)
        }
    }

    @Sendable func forgotPassword(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let app = try await app(request, params)
        try await accounts.forgotPassword(app: app, handle: try params.required("handle"))
        return JSONResponse.true
    }

    @Sendable func resetPassword(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let app = try await app(request, params)
        try await accounts.resetPassword(
            app: app, handle: try params.required("handle"), password: try params.required("password"),
            code: try params.required("code"))
        return JSONResponse.true
    }

    @Sendable func getApplication(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        return JSONResponse.json(PublicJSON.application(try await app(request, params)))
    }

    // MARK: With an access token

    @Sendable func getUser(_ request: Request, context: AuthRequestContext) async throws -> Response {
        let caller = try await accounts.authenticateUser(accessToken: request.headers[.accessToken])
        return JSONResponse.json(PublicJSON.user(caller.user))
    }

    @Sendable func setLocale(_ request: Request, context: AuthRequestContext) async throws -> Response {
        try await withUser(request) { caller, params in
            try await accounts.setLocale(caller, locale: try params.required("locale"))
        }
    }

    @Sendable func setUserMetadata(_ request: Request, context: AuthRequestContext) async throws -> Response {
        try await withUser(request) { caller, params in
            try await accounts.setUserMetadata(caller, metadata: try params.required("metaData"))
        }
    }

    @Sendable func setUserName(_ request: Request, context: AuthRequestContext) async throws -> Response {
        try await withUser(request) { caller, params in
            try await accounts.setUserName(caller, userName: try params.required("userName"))
        }
    }

    @Sendable func userNameAvailable(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let caller = try await accounts.authenticateUser(accessToken: request.headers[.accessToken])
        let available = try await accounts.userNameAvailable(caller, userName: try params.required("userName"))
        return JSONResponse.json(.object(["available": .bool(available)]))
    }

    @Sendable func invite(_ request: Request, context: AuthRequestContext) async throws -> Response {
        try await withUser(request) { caller, params in
            try await accounts.invite(caller, handle: try params.required("handle"), metadata: params["metaData"])
        }
    }

    @Sendable func changePassword(_ request: Request, context: AuthRequestContext) async throws -> Response {
        try await withUser(request) { caller, params in
            try await accounts.changePassword(
                caller, password: try params.required("password"), newPassword: try params.required("newPassword"))
        }
    }

    @Sendable func deleteAccount(_ request: Request, context: AuthRequestContext) async throws -> Response {
        try await withUser(request) { caller, params in
            try await accounts.deleteAccount(caller, handle: params["handle"], password: params["password"], token: params["token"])
        }
    }

    /// `?appId=`: the app's public keys, for backends. Cached by them for five minutes, so a rotated key
    /// is picked up soon and a retired one dropped.
    @Sendable func jwks(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        return Self.keySetResponse(try await accounts.publicKeySet(appId: try params.required("appId")))
    }

    /// `/.well-known/jwks/{appId}.json`: the same key set at an address JWT libraries can be given alone.
    func addWellKnown(to router: RouterGroup<AuthRequestContext>) {
        router.get("jwks/:file") { _, context -> Response in
            let file = try context.parameters.require("file")
            guard file.hasSuffix(".json") else { return JSONResponse.notFound("key sets are at /.well-known/jwks/{appId}.json") }
            return Self.keySetResponse(try await accounts.publicKeySet(appId: String(file.dropLast(5))))
        }
    }

    static func keySetResponse(_ set: JSONValue) -> Response {
        var response = JSONResponse.json(set)
        response.headers[.cacheControl] = "public, max-age=300"
        return response
    }

    // MARK: Helpers

    /// Authenticates the access token, then runs a flow that answers `true`. The token is checked
    /// before the parameters, so an unauthenticated caller learns nothing about what it sent.
    private func withUser(
        _ request: Request, _ flow: (AuthenticatedUser, RequestParameters) async throws -> Void
    ) async throws -> Response {
        var request = request
        let caller = try await accounts.authenticateUser(accessToken: request.headers[.accessToken])
        let params = try await RequestParameters.read(&request)
        try await flow(caller, params)
        return JSONResponse.true
    }

    /// The app of an app-token call: its `app-token`, or the app named by the access token a client sent
    /// in its place (the React Native client's habit).
    private func app(_ request: Request, _ params: RequestParameters) async throws -> App {
        try await accounts.appOfCall(appToken: appToken(request, params), accessToken: request.headers[.accessToken])
    }

    /// The `app-token` header, or the `appToken` parameter that email links carry.
    private func appToken(_ request: Request, _ params: RequestParameters) -> String? {
        request.headers[.appToken] ?? params["appToken"]
    }
}
