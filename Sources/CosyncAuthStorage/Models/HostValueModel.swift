import FluentKit
import Foundation

/// Row of `host_values`: small facts about the host itself, such as the master-key check value.
final class HostValueModel: Model, @unchecked Sendable {
    static let schema = "host_values"

    @ID(custom: "name", generatedBy: .user) var id: String?
    @Field(key: "value") var value: String

    init() {}

    init(name: String, value: String) {
        id = name
        self.value = value
    }
}
