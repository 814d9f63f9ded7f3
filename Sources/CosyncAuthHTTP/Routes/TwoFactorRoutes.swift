import CosyncAuthCore
import Hummingbird

/// setPhone, verifyPhone and the two 2FA toggles. The toggles act on the app's 2FA mode rather than on
/// which of the two was called (clients call either), as the original does.
extension UserAPIRoutes {
    @Sendable func setPhone(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let caller = try await accounts.authenticateUser(accessToken: request.headers[.accessToken])
        let params = try await RequestParameters.read(&request)
        try await accounts.setPhone(caller, phone: try params.required("phone"))
        return JSONResponse.true
    }

    @Sendable func verifyPhone(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let caller = try await accounts.authenticateUser(accessToken: request.headers[.accessToken])
        let params = try await RequestParameters.read(&request)
        try await accounts.verifyPhone(caller, code: try params.required("code"))
        return JSONResponse.true
    }

    @Sendable func setTwoFactorPhone(_ request: Request, context: AuthRequestContext) async throws -> Response {
        try await setTwoFactor(request, unsupported: .phoneNotSupported)
    }

    @Sendable func setTwoFactorGoogle(_ request: Request, context: AuthRequestContext) async throws -> Response {
        try await setTwoFactor(request, unsupported: .authenticatorNotSupported)
    }

    /// `twoFactor` is `true` or `false`; absent, it is `false`, as the original read it. Enabling the authenticator answers `googleSecretKey`,
    /// `QRDataImage` and `recoveryCodes` (old clients ignore the extra key). The phone toggle answers
    /// `true`, as the original did: the Kotlin client reads that body as a boolean, so an object would
    /// read as false; phone users get their recovery codes from regenerateRecoveryCodes.
    private func setTwoFactor(_ request: Request, unsupported: AuthError) async throws -> Response {
        var request = request
        let caller = try await accounts.authenticateUser(accessToken: request.headers[.accessToken])
        let params = try await RequestParameters.read(&request)
        let enabled: Bool =
            switch (params["twoFactor"] ?? "false").lowercased() {
            case "true", "1": true
            case "false", "0", "": false
            default: throw AuthError.invalid("twoFactor is true or false")
            }
        switch caller.app.settings.twoFactorVerification {
        case .none:
            throw unsupported
        case .google:
            guard let setup = try await accounts.setAuthenticator(caller, enabled: enabled) else { return JSONResponse.true }
            return JSONResponse.json(
                .object([
                    "googleSecretKey": .string(setup.secretBase32), "QRDataImage": .string(setup.qrDataImage),
                    "recoveryCodes": .array(setup.recoveryCodes.map(JSONValue.string)),
                ]))
        case .phone:
            try await accounts.setPhoneTwoFactor(caller, enabled: enabled)
            return JSONResponse.true
        }
    }

    /// A new set of ten recovery codes; the old set stops working.
    @Sendable func regenerateRecoveryCodes(_ request: Request, context: AuthRequestContext) async throws -> Response {
        let caller = try await accounts.authenticateUser(accessToken: request.headers[.accessToken])
        let codes = try await accounts.regenerateRecoveryCodes(caller)
        return JSONResponse.json(.object(["recoveryCodes": .array(codes.map(JSONValue.string))]))
    }
}
