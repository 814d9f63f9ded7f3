/// A metadata field an app defines: `path` is a dotted path into the user's metadata object.
public struct MetadataField: Sendable, Equatable, Codable {
    public var path: String
    public var fieldName: String
    public var required: Bool
    public var canEdit: Bool

    public init(path: String, fieldName: String, required: Bool = false, canEdit: Bool = false) {
        self.path = path
        self.fieldName = fieldName
        self.required = required
        self.canEdit = canEdit
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(String.self, forKey: .path)
        fieldName = try c.decodeIfPresent(String.self, forKey: .fieldName) ?? path
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
        canEdit = try c.decodeIfPresent(Bool.self, forKey: .canEdit) ?? false
    }

    /// A path is dot-separated non-empty keys of letters, digits, `_` and `-`.
    public var isValid: Bool {
        guard !path.isEmpty, !fieldName.isEmpty else { return false }
        return path.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { key in
            !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
        }
    }
}
