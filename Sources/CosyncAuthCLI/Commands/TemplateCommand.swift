import ArgumentParser
import CosyncAuthCore
import CosyncAuthHTTP
import Foundation

/// `cosync-auth app template ...`: an app's email templates per locale.
struct TemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "List, show or replace an app's email templates.",
        discussion:
            "Templates: \(EmailTemplate.Name.allCases.map(\.rawValue).joined(separator: ", ")). Placeholders: %HANDLE%, %APP_NAME%, %CODE%, %LINK%.",
        subcommands: [List.self, Show.self, Set.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the templates an app sends, per locale, and whether each is its own or the default.",
            discussion: "Example: cosync-auth app template list \"My App\" --locale FR")
        @Argument(help: "The app's id or name.") var app: String
        @Option(name: .long, help: "Only this locale.") var locale: String?
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let templates = try await TemplateCommand.fetch(app: app, locale: locale, admin: admin)
            if output.json { return Output.print(json: .array(templates)) }
            print(
                Table.render(
                    header: ["LOCALE", "TEMPLATE", "SOURCE", "SUBJECT"],
                    rows: templates.map { t in
                        let o = t.objectValue ?? [:]
                        return [
                            o["locale"]?.stringValue ?? "", o["templateName"]?.stringValue ?? "",
                            o["custom"] == .bool(true) ? "own" : "default", String((o["subject"]?.stringValue ?? "").prefix(50)),
                        ]
                    }))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the template an app uses for a locale (its own, its English one, or the default).",
            discussion: "Example: cosync-auth app template show \"My App\" signUp --locale FR")
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The template's name.") var name: String
        @Option(name: .long, help: "The locale (default EN).") var locale = "EN"
        @OptionGroup var admin: AdminOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let templateName = try TemplateCommand.parseName(name)
            let templates = try await TemplateCommand.fetch(app: app, locale: locale, admin: admin)
            guard let template = templates.first(where: { $0.objectValue?["templateName"]?.stringValue == templateName.rawValue })?.objectValue else {
                throw CLIError("the host has no \(name) template")
            }
            if output.json { return Output.print(json: .object(template)) }
            print("subject: \(template["subject"]?.stringValue ?? "")\nlocale:  \(template["locale"]?.stringValue ?? "")\n")
            print(template["htmlTemplate"]?.stringValue ?? "")
            if let text = template["textTemplate"]?.stringValue { print("\n--- text ---\n\(text)") }
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace an app's template for a locale; a template with an unknown placeholder is refused.",
            discussion: """
                Example:
                  cosync-auth app template set "My App" signUp --locale FR --subject "Votre code : %CODE%" --html-file signup-fr.html
                """)
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The template's name.") var name: String
        @Option(name: .long, help: "The locale, one of the app's (default EN).") var locale = "EN"
        @Option(name: .long, help: "The subject.") var subject: String
        @Option(name: .long, help: "A file holding the HTML body.") var htmlFile: String
        @Option(name: .long, help: "A file holding the plain-text body (derived from the HTML when absent).") var textFile: String?
        @Option(name: .long, help: "A reply-to address for this template.") var replyTo: String?
        @OptionGroup var admin: AdminOptions

        func run() async throws {
            var body: [String: JSONValue] = [
                "appId": .string(app), "templateName": .string(try TemplateCommand.parseName(name).rawValue),
                "locale": .string(locale), "subject": .string(subject), "htmlTemplate": .string(try TemplateCommand.read(htmlFile)),
            ]
            if let textFile { body["textTemplate"] = .string(try TemplateCommand.read(textFile)) }
            if let replyTo { body["replyTo"] = .string(replyTo) }
            _ = try await admin.withClient { try await $0.call(.post, "/api/app/updateEmailTemplate", body: .object(body)) }
            print("\(name) (\(locale.uppercased())) saved.")
        }
    }

    static func fetch(app: String, locale: String?, admin: AdminOptions) async throws -> [JSONValue] {
        var query = [("appId", app)]
        if let locale { query.append(("locale", locale)) }
        let answer = try await admin.withClient { try await $0.call(.get, "/api/app/emailTemplates", query: query) }
        guard case .array(let items) = answer else { throw CLIError("the host answered something other than a list") }
        return items
    }

    static func parseName(_ name: String) throws -> EmailTemplate.Name {
        guard let parsed = EmailTemplate.Name(rawValue: name) else {
            throw CLIError("no template '\(name)'; templates are \(EmailTemplate.Name.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return parsed
    }

    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
        return String(decoding: data, as: UTF8.self)
    }
}
