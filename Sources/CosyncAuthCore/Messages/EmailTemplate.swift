import Foundation

/// An email (or page) an app sends, per locale, with the protocol's placeholders: `%HANDLE%`,
/// `%APP_NAME%`, `%CODE%`, `%LINK%`.
public struct EmailTemplate: Sendable, Equatable {
    public enum Name: String, Sendable, CaseIterable, Codable {
        case signUp, signUpLink, clickThrough, resetPassword, invite, qrCode, sms, signUpSuccess
    }

    public var name: Name
    public var locale: String
    public var subject: String
    public var replyTo: String?
    public var html: String
    /// The plain-text part; derived from the HTML when absent.
    public var text: String?

    public init(name: Name, locale: String, subject: String, replyTo: String? = nil, html: String, text: String? = nil) {
        self.name = name
        self.locale = locale
        self.subject = subject
        self.replyTo = replyTo
        self.html = html
        self.text = text
    }

    public static let placeholders: Set<String> = ["HANDLE", "APP_NAME", "CODE", "LINK"]
    /// Never in a subject: subjects show on lock screens and in mail server logs and listings.
    public static let secretPlaceholders: Set<String> = ["CODE", "LINK"]

    /// Refuses a template that could not render: an unknown `%NAME%` placeholder (a typo would otherwise
    /// reach users as literal text), or an empty subject or body.
    public func validate() throws(AuthError) {
        guard !subject.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || name == .clickThrough,
            !html.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else { throw AuthError.invalid("a template needs a subject and a body") }
        for part in [subject, html, text ?? ""] {
            for token in Self.tokens(in: part) where !Self.placeholders.contains(token) {
                throw AuthError.invalid("unknown placeholder %\(token)%; use %HANDLE%, %APP_NAME%, %CODE% or %LINK%")
            }
        }

    }

    /// Upper-case words between two `%`: what looks like a placeholder.
    static func tokens(in text: String) -> [String] {
        text.matches(of: /%([A-Z][A-Z_]*)%/).map { String($0.output.1) }
    }
}

/// A template filled in for one recipient.
public struct RenderedEmail: Sendable, Equatable {
    public var subject: String
    public var html: String
    public var text: String
    public var replyTo: String?
}

extension EmailTemplate {
    /// Fills the placeholders: as they are in the subject and text, HTML-escaped in the HTML.
    public func render(_ values: [String: String]) -> RenderedEmail {
        func fill(_ text: String, escape: Bool) -> String {
            var result = text
            for (name, value) in values {
                result = result.replacingOccurrences(of: "%\(name)%", with: escape ? HTMLText.escape(value) : value)
            }
            return result
        }
        let html = fill(self.html, escape: true)
        // Templates written for the original host put codes in subjects; they still render, without it.
        var subjectValues = values
        for name in Self.secretPlaceholders { subjectValues[name] = "" }
        var subject = self.subject
        for (name, value) in subjectValues { subject = subject.replacingOccurrences(of: "%\(name)%", with: value) }
        return RenderedEmail(
            subject: subject.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces),
            html: html,
            text: text.map { fill($0, escape: false) } ?? HTMLText.plain(html),
            replyTo: replyTo)
    }
}

/// HTML escaping, and a readable plain-text rendering of simple HTML.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Block ends become line breaks, links keep their address, tags go, entities are decoded.
    public static func plain(_ html: String) -> String {
        var text =
            html
            .replacing(/<a\s[^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/.dotMatchesNewlines()) { match in
                match.output.2 == match.output.1 ? String(match.output.1) : "\(match.output.2) (\(match.output.1))"
            }
            .replacing(/<(br|\/p|\/h[1-6]|\/li|\/div|\/tr)\s*\/?>/.ignoresCase(), with: "\n")
            .replacing(/<[^>]+>/, with: "")
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " "), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        return lines.joined(separator: "\n").replacing(/\n{3,}/, with: "\n\n").trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    }
}
