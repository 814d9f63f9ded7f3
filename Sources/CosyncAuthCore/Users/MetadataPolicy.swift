import Foundation

/// How an app's metadata field definitions govern what users may store. Only declared paths are kept:
/// metadata becomes JWT claims that backends trust, so a client must not be able to add claims of its own.
public enum MetadataPolicy {
    /// The metadata to store at signup: the declared fields taken from `raw` (JSON text, or nil when the
    /// client sent none). Throws 604 when it is not a JSON object or a required field is missing.
    public static func forSignup(_ raw: String?, fields: [MetadataField]) throws(AuthError) -> JSONValue {
        let given = try parse(raw)
        var stored = JSONValue.emptyObject
        for field in fields {
            if let value = given.value(atPath: field.path), value != .null {
                stored.setValue(value, atPath: field.path)
            } else if field.required {
                throw AuthError(code: 604, message: "invalid metadata: missing required field \(field.path)")
            }
        }
        return stored
    }

    /// setUserMetadata: replaces the editable fields present in `raw`; everything else stays.
    public static func forUpdate(_ raw: String, current: JSONValue, fields: [MetadataField]) throws(AuthError) -> JSONValue {
        let given = try parse(raw)
        var updated = current
        for field in fields where field.canEdit {
            guard let value = given.value(atPath: field.path) else { continue }
            if value == .null && field.required {
                throw AuthError(code: 604, message: "invalid metadata: \(field.path) is required")
            }
            updated.setValue(value, atPath: field.path)
        }
        return updated
    }

    /// The metadata an anonymous user's JWT carries: `ANON_<fieldName>` in every declared field.
    public static func anonymous(fields: [MetadataField]) -> JSONValue {
        var metadata = JSONValue.emptyObject
        for field in fields {
            metadata.setValue(.string("ANON_\(field.fieldName)"), atPath: field.path)
        }
        return metadata
    }

    private static func parse(_ raw: String?) throws(AuthError) -> JSONValue {
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return .emptyObject }
        guard let value = JSONValue(jsonText: raw), value.objectValue != nil else {
            throw AuthError(code: 604, message: "invalid metadata: metaData must be a JSON object")
        }
        return value
    }
}
