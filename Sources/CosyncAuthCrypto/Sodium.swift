import CSodium

/// libsodium must be initialised once before use; `sodium_init` is itself thread-safe and idempotent.
enum Sodium {
    static let ready: Bool = sodium_init() >= 0

    static func ensureReady() {
        precondition(ready, "libsodium failed to initialise")
    }
}
