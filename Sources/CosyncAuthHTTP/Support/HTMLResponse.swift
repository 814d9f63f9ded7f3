import CosyncAuthCore
import Hummingbird

/// Pages for people who open a link from an email.
enum HTMLResponse {
    static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The form field that marks a completeSignup POST as coming from the confirmation page, which wants
    /// a page back rather than the clients' JSON.
    static let confirmationMarker = "confirm"

    /// What a signup link opens: a button that posts the confirmation.
    static func signupConfirmation(appToken: String, handle: String, code: String) -> Response {
        func hidden(_ name: String, _ value: String) -> String {
            #"<input type="hidden" name="\#(name)" value="\#(HTMLText.escape(value))">"#
        }
        return page(
            """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\
            <meta name="robots" content="noindex"><title>Confirm your account</title></head>
            <body style="font-family:sans-serif;max-width:560px;margin:40px auto;padding:0 16px;line-height:1.5">
            <h1>Confirm your account</h1><p>\(HTMLText.escape(handle))</p>
            <form method="post" action="completeSignup">\(hidden("appToken", appToken))\(hidden("handle", handle))\
            \(hidden("code", code))\(hidden(confirmationMarker, "1"))
            <button type="submit" style="font-size:1.1em;padding:8px 20px">Confirm</button></form></body></html>
            """)
    }

    /// A plain page saying why the link did not work.
    static func problem(_ error: AuthError) -> Response {
        let reason =
            switch error.code {
            case 429, 503: "Too many attempts right now. The link still works: please try again in a few minutes."
            case AuthError.expiredSignupCode.code: "This link has expired. Please sign up again in the app."
            case AuthError.handleAlreadyRegistered.code: "This account is already confirmed. You can log in from the app."
            case AuthError.invalidAppToken.code: "This link is not valid."
            default: "This link is not valid any more. Please sign up again in the app."
            }
        let status: HTTPResponse.Status =
            switch error.code {
            case 429: .tooManyRequests
            case 503: .serviceUnavailable
            default: .badRequest
            }
        var response = page(
            """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\
            <title>Link not valid</title></head>
            <body style="font-family:sans-serif;max-width:560px;margin:40px auto;padding:0 16px;line-height:1.5">
            <h1>We could not confirm your account</h1><p>\(HTMLText.escape(reason))</p></body></html>
            """, status: status)
        if let seconds = error.retryAfter { response.headers[.retryAfter] = "\(seconds)" }
        return response
    }
}
