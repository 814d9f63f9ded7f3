import CosyncAuthCore
import Hummingbird

/// `GET/POST /login` and `POST /logout`.
struct LoginPages: Sendable {
    let services: PortalServices
    let pages: PortalPages

    func add<Context: RequestContext>(to router: some RouterMethods<Context>) {
        router.get("\(services.base)/login") { _, _ in pages.page("login", title: "Log in") }
        router.post("\(services.base)/login") { request, _ in try await login(request) }
        router.post("\(services.base)/logout") { request, _ in try await logout(request) }
    }

    func login(_ request: Request) async throws -> Response {
        let form = try await FormBody.read(request)
        let email = form["email"] ?? ""
        do {
            let code = form["code"].flatMap { $0.isEmpty ? nil : $0 }
            let new = try await services.operators.login(email: email, password: form["password"] ?? "", code: code)
            return PortalPages.redirect(
                services.base + "/", cookie: SessionCookie.cookie(new.token, services: services))
        } catch let failure as PortalFailure {
            return pages.page("login", title: "Log in", status: .unauthorized, ["error": failure.message, "email": email])
        }
    }

    func logout(_ request: Request) async throws -> Response {
        if let token = SessionCookie.token(in: request) {
            try await services.operators.logout(token: token)
        }
        return PortalPages.redirect(
            services.base + "/login", cookie: SessionCookie.expiredCookie(services: services))
    }
}
