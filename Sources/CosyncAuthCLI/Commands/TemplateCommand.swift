import ArgumentParser
import CosyncAuthCore
import Foundation

/// `cosync-auth app template ...`: an app's email templates per locale.
struct TemplateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Show or replace an app's email templates.",
        discussion: "Templates: \(EmailTemplate.Name.allCases.map(\.rawValue).joined(separator: ", ")). Placeholders: %HANDLE%, %APP_NAME%, %CODE%, %LINK%.",
        subcommands: [Show.self, Set.self])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the template an app uses for a locale (its own, its English one, or the default).",
            discussion: "Example: cosync-auth app template show \"My App\" signUp --locale FR")
        @Argument(help: "The app's id or name.") var app: String
        @Argument(help: "The template's name.") var name: String
        @Option(name: .long, help: "The locale (default EN).") var locale = "EN"
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let templateName = try TemplateCommand.parseName(name)
            let template = try await AppCommand.withHost(db) { host in
                let found = try await host.apps.findApp(app)
                return try await Mailer(templates: host.storage.store).template(
                    templateName, app: found, locale: Locales.normalized(locale) ?? Locales.fallback)
            }
            if output.json {
                var o: [String: JSONValue] = [
                    "name": .string(template.name.rawValue), "locale": .string(template.locale),
                    "subject": .string(template.subject), "html": .string(template.html),
                ]
                if let text = template.text { o["text"] = .string(text) }
                if let replyTo = template.replyTo { o["replyTo"] = .string(replyTo) }
                Output.print(json: .object(o))
            } else {
                print("subject: \(template.subject)\nlocale:  \(template.locale)\n\n\(template.html)")
                if let text = template.text { print("\n--- text ---\n\(text)") }
            }
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
        @OptionGroup var db: DatabaseOptions

        func run() async throws {
            let template = EmailTemplate(
                name: try TemplateCommand.parseName(name), locale: locale, subject: subject, replyTo: replyTo,
                html: try TemplateCommand.read(htmlFile), text: try textFile.map(TemplateCommand.read))
            try await AppCommand.withHost(db) { try await $0.apps.saveTemplate(app: app, template) }
            print("\(name) (\(locale.uppercased())) saved.")
        }
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
