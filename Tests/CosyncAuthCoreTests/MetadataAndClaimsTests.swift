import CosyncAuthCore
import Foundation
import Testing

@Suite("metadata and JWT claims")
struct MetadataAndClaimsTests {
    let fields = [
        MetadataField(path: "user_data.name.first", fieldName: "first", required: true, canEdit: true),
        MetadataField(path: "plan", fieldName: "plan"),
    ]

    @Test func signupKeepsDeclaredFieldsOnly() throws {
        let stored = try MetadataPolicy.forSignup(#"{"user_data":{"name":{"first":"Ann","last":"B"}},"plan":"free","admin":true}"#, fields: fields)
        #expect(
            stored
                == .object([
                    "user_data": .object(["name": .object(["first": .string("Ann")])]),
                    "plan": .string("free"),
                ]))
    }

    @Test func signupRefusesMissingRequiredFieldsAndNonObjects() {
        #expect(throws: AuthError.self) { try MetadataPolicy.forSignup(#"{"plan":"x"}"#, fields: fields) }
        #expect(throws: AuthError.self) { try MetadataPolicy.forSignup("[1,2]", fields: fields) }
        #expect(throws: AuthError.self) { try MetadataPolicy.forSignup("{oops", fields: fields) }
        #expect(throws: AuthError.self) { try MetadataPolicy.forSignup(nil, fields: fields) }
        #expect((try? MetadataPolicy.forSignup(nil, fields: [])) == .emptyObject)
    }

    @Test func updateTouchesEditableFieldsOnly() throws {
        let current = try MetadataPolicy.forSignup(#"{"user_data":{"name":{"first":"Ann"}},"plan":"free"}"#, fields: fields)
        let updated = try MetadataPolicy.forUpdate(#"{"user_data":{"name":{"first":"Bo"}},"plan":"pro"}"#, current: current, fields: fields)
        #expect(updated.value(atPath: "user_data.name.first") == .string("Bo"))
        #expect(updated.value(atPath: "plan") == .string("free"))
    }

    @Test func claimsNeverLetMetadataReplaceRegisteredOnes() {
        var app = App(id: UUID(), name: "A", appToken: "t", publicKeyPEM: "k", createdAt: Date(), updatedAt: Date())
        app.settings.userNamesEnabled = true
        app.settings.userJWTExpiration = 2
        let user = User(
            appId: app.id, handle: "ann@example.com", userName: "ann", passwordHash: nil,
            metadata: .object(["sub": .string("root"), "exp": .number(9_999_999_999), "plan": .string("free")]),
            createdAt: Date(), updatedAt: Date())
        let now = Date(timeIntervalSince1970: 1_800_000_000.7)
        let claims = UserJWTClaims.make(app: app, user: user, now: now)
        #expect(claims["sub"] == .string("ann@example.com"))
        #expect(claims["aud"] == .string("none"))
        #expect(claims["iat"] == .number(1_800_000_000))
        #expect(claims["exp"] == .number(1_800_000_000 + 7200))
        #expect(claims["email"] == .string("ann@example.com"))
        #expect(claims["userName"] == .string("ann"))
        #expect(claims["plan"] == .string("free"))
    }

    @Test func jsonPathsAndText() {
        var value = JSONValue.emptyObject
        value.setValue(.number(3), atPath: "a.b.c")
        #expect(value.jsonText == #"{"a":{"b":{"c":3}}}"#)
        #expect(value.value(atPath: "a.b") == .object(["c": .number(3)]))
        #expect(value.value(atPath: "a.x") == nil)
        #expect(JSONValue(jsonText: "not json") == nil)
    }
}
