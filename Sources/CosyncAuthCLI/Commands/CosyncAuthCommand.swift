public import ArgumentParser
import CosyncAuthCore

/// `cosync-auth`: the host and its management commands.
public struct CosyncAuthCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "cosync-auth",
        abstract: "A self-hosted CoSync Auth server: user sign-up, login and JWTs for your apps.",
        discussion: """
            Every option can also be set by an environment variable COSYNC_<NAME>, e.g. COSYNC_DATABASE_URL.
            Start with `cosync-auth init`, then `cosync-auth app create NAME`, then `cosync-auth serve`.
            """,
        version: HostVersion.current,
        subcommands: [
            ServeCommand.self, InitCommand.self, AppCommand.self, UserCommand.self, SignupCommand.self, InviteCommand.self, LogCommand.self,
            ExportCommand.self, ImportCommand.self, SecretCommand.self, OutboxCommand.self, PortalCommand.self,
        ])

    public init() {}
}
