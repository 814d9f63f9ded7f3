import ArgumentParser
import CosyncAuthCore
import CosyncAuthHTTP

/// `cosync-auth invite ...`: invitations sent by the operator or by users.
struct InviteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite",
        abstract: "Invite people to an app, list invitations, send one again, withdraw one.",
        discussion: """
            The app must have invitationEnabled. Each invitee gets an email with their own code.
            Examples:
              cosync-auth invite create "My App" ann@example.com bob@example.com --metadata '{"team":"blue"}'
              cosync-auth invite list "My App"
              cosync-auth invite resend "My App" ann@example.com
              cosync-auth invite remove "My App" bob@example.com
            """,
        subcommands: [Create.self, List.self, Resend.self, Remove.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Invite one or more people; those already registered are skipped.")
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The invitees' emails.") var handles: [String]
        @Option(name: .long, help: "Invitation metadata, a JSON object matching the app's invite fields.") var metadata: String?
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            var body: [String: JSONValue] = ["appId": .string(app), "handles": .string(handles.joined(separator: ","))]
            if let metadata { body["metaData"] = .string(metadata) }
            let results = try await admin.withClient { try await $0.call(.post, "/api/app/invite", body: .object(body)) }
            if output.json { return Output.print(json: results) }
            guard case .array(let items) = results else { return }
            for item in items {
                let o = item.objectValue ?? [:]
                let handle = o["handle"]?.stringValue ?? ""
                print(o["status"]?.stringValue == "sent" ? "Invited \(handle)." : "\(handle) is already registered; not invited.")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List invitations, optionally those matching a text.")
        @Argument(help: "The app's id or name.") var app: String
        @OptionGroup var list: ListOptions
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            try await admin.printList(
                "/api/app/searchInvite", query: list.query(app: app), json: output.json, empty: "No invitations.",
                columns: [
                    ("HANDLE", "handle"), ("STATUS", "status"), ("SENT BY", "senderHandle"), ("CREATED", "createdAt"), ("EXPIRES", "expiresAt"),
                ])
        }
    }

    struct Resend: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send an invitation again with a new code and expiry.")
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The invitee's email.") var handle: String
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let invite = try await admin.withClient {
                try await $0.call(.post, "/api/app/resendInvite", body: .object(["appId": .string(app), "handle": .string(handle)]))
            }
            if output.json { return Output.print(json: invite) }
            print("Invitation to \(handle) sent again; it expires at \(invite.objectValue?["expiresAt"]?.stringValue ?? "").")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw an invitation: its code stops working.")
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The invitee's email.") var handle: String
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            _ = try await admin.withClient {
                try await $0.call(.post, "/api/app/removeInvite", body: .object(["appId": .string(app), "handle": .string(handle)]))
            }
            print("Invitation to \(handle) withdrawn.")
        }
    }
}
