import FluentKit

/// One versioned step of the schema. Versions only grow; a step, once released, never changes.
struct SchemaMigration: Sendable {
    let version: Int
    let name: String
    let apply: @Sendable (any Database) async throws -> Void
}

enum SchemaMigrations {
    /// Every step, in order. Append new steps; never edit or reorder released ones. A step only adds
    /// (tables, nullable or defaulted columns, indexes): during a fleet's upgrade the previous release's
    /// instances keep running on the migrated database (README, "Upgrading").
    static let all: [SchemaMigration] = [
        SchemaMigration(version: 1, name: "initial schema", apply: InitialSchema.apply),
        SchemaMigration(version: 2, name: "outbox", apply: OutboxSchema.apply),
        SchemaMigration(version: 3, name: "email templates and password resets", apply: EmailFlowsSchema.apply),
        SchemaMigration(version: 4, name: "invites and login lockout", apply: InvitesAndLockoutSchema.apply),
        SchemaMigration(version: 5, name: "audit log and imported app tokens", apply: AuditLogSchema.apply),
        SchemaMigration(version: 6, name: "two-factor login and SMS", apply: TwoFactorSchema.apply),
        SchemaMigration(version: 7, name: "rate limits", apply: RateLimitSchema.apply),
        SchemaMigration(version: 8, name: "hardening: sealed codes, verified phones unique", apply: HardeningSchema.apply),
        SchemaMigration(version: 9, name: "sign in with Apple and Google", apply: SocialSignInSchema.apply),
        SchemaMigration(version: 10, name: "key rotation", apply: SigningKeySchema.apply),
        SchemaMigration(version: 11, name: "portal: operators, sessions, hosts", apply: PortalSchema.apply),
        SchemaMigration(version: 12, name: "indexes for users at scale", apply: ScaleIndexes.apply),
        SchemaMigration(version: 13, name: "byte-order handles for prefix search", apply: ByteOrderHandles.apply),
    ]
}
