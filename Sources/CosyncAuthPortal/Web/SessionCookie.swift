import Foundation
import Hummingbird

/// The portal's session cookie: read from a request, written at login, cleared at logout.
enum SessionCookie {
    static let name = "cosync_portal"

    static func token(in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0] == name { return String(parts[1]) }
            }
        }
        return nil
    }

    /// The session cookie: unreadable by scripts, sent only to this site, `Secure` over https. No
    /// `Max-Age`: it ends with the browser, and the server ends it sooner.
    static func cookie(_ token: String, services: PortalServices) -> String {
        "\(name)=\(token); Path=\(services.base.isEmpty ? "/" : services.base); HttpOnly; SameSite=Strict"
            + (services.secureCookies ? "; Secure" : "")
    }

    static func expiredCookie(services: PortalServices) -> String {
        "\(name)=; Path=\(services.base.isEmpty ? "/" : services.base); HttpOnly; SameSite=Strict; Max-Age=0"
            + (services.secureCookies ? "; Secure" : "")
    }
}
