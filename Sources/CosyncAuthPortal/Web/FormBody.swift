import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body as its fields, in order (`+` is a space).
struct FormBody: Sendable {
    let fields: [(name: String, value: String)]

    init(_ text: String) {
        fields = text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    subscript(_ name: String) -> String? {
        fields.first { $0.name == name }?.value
    }

    /// Every value of a repeated field (checkboxes).
    func all(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }
}

extension FormBody {
    /// The form a request carries, read up to `limit` bytes (a larger one is refused as too large).
    static func read(_ request: Request, limit: Int = 64 << 10) async throws -> FormBody {
        var request = request
        return FormBody(String(buffer: try await request.collectBody(upTo: limit)))
    }
}
