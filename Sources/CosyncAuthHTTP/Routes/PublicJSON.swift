import CosyncAuthCore

/// What clients may see of an app and a user, in the protocol's key names. Absent values are left out, as
/// the original did, rather than sent as null.
enum PublicJSON {
    static func user(_ user: User) -> JSONValue {
        var o: [String: JSONValue] = [
            "status": .string(user.status.rawValue),
            "createdAt": JSONResponse.date(user.createdAt),
            "updatedAt": JSONResponse.date(user.updatedAt),
            "handle": .string(user.handle),
            "locale": .string(user.locale),
            "twoFactorPhoneVerification": .bool(user.twoFactorPhoneVerification),
            "twoFactorGoogleVerification": .bool(user.twoFactorGoogleVerification),
            "appId": .string(user.appId.uuidString.lowercased()),
            "phoneVerified": .bool(user.phoneVerified),
            "metaData": user.metadata,
            "loginProvider": .string(user.loginProvider.rawValue),
        ]
        if let userName = user.userName { o["userName"] = .string(userName) }
        if let phone = user.phone { o["phone"] = .string(phone) }
        if let lastLogin = user.lastLogin { o["lastLogin"] = JSONResponse.date(lastLogin) }
        return .object(o)
    }

    /// The app's public settings: never its id, tokens, keys, secret or SMS credentials.
    static func application(_ app: App) -> JSONValue {
        let s = app.settings
        func fields(_ list: [MetadataField]) -> JSONValue {
            .array(
                list.map {
                    .object([
                        "path": .string($0.path), "fieldName": .string($0.fieldName),
                        "required": .bool($0.required), "canEdit": .bool($0.canEdit),
                    ])
                })
        }
        return .object([
            "name": .string(app.name),
            "status": .string(app.status.rawValue),
            "signupEnabled": .bool(s.signupEnabled),
            "invitationEnabled": .bool(s.invitationEnabled),
            "signupFlow": .string(s.signupFlow.rawValue),
            "anonymousLoginEnabled": .bool(s.anonymousLoginEnabled),
            "userNamesEnabled": .bool(s.userNamesEnabled),
            "googleLoginEnabled": .bool(s.googleLoginEnabled),
            "appleLoginEnabled": .bool(s.appleLoginEnabled),
            "twoFactorVerification": .string(s.twoFactorVerification.rawValue),
            "passwordFilter": .bool(s.passwordFilter),
            "passwordMinLength": .number(Double(s.passwordMinLength)),
            "passwordMinUpper": .number(Double(s.passwordMinUpper)),
            "passwordMinLower": .number(Double(s.passwordMinLower)),
            "passwordMinDigit": .number(Double(s.passwordMinDigit)),
            "passwordMinSpecial": .number(Double(s.passwordMinSpecial)),
            "maxLoginAttempts": .number(Double(s.maxLoginAttempts)),
            "userJWTExpiration": .number(Double(s.userJWTExpiration)),
            "locales": .array(s.locales.map(JSONValue.string)),
            "metaData": fields(s.metaData),
            "metaDataInvite": fields(s.metaDataInvite),
            "metaDataEmail": .bool(s.metaDataEmail),
            "appData": s.appData,
            "createdAt": JSONResponse.date(app.createdAt),
            "updatedAt": JSONResponse.date(app.updatedAt),
        ])
    }
}
