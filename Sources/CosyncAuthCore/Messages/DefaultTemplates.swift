/// The English templates every app starts with. Plain and accessible: one column, real text (no text in
/// images), a visible code and a link that also works when copied.
public enum DefaultTemplates {
    public static func template(_ name: EmailTemplate.Name) -> EmailTemplate {
        switch name {
        case .signUp:
            return email(
                name, subject: "Your %APP_NAME% verification code",
                heading: "Confirm your email address",
                body:
                    "<p>Hello,</p><p>Enter this code in %APP_NAME% to finish creating your account for %HANDLE%:</p>\(code)<p>The code expires in 48 hours. If you did not sign up, you can ignore this email.</p>",
                text:
                    "Hello,\n\nEnter this code in %APP_NAME% to finish creating your account for %HANDLE%:\n\n%CODE%\n\nThe code expires in 48 hours. If you did not sign up, you can ignore this email.\n"
            )
        case .signUpLink:
            return email(
                name, subject: "Confirm your %APP_NAME% account",
                heading: "Confirm your email address",
                body:
                    "<p>Hello,</p><p>Open this link to finish creating your %APP_NAME% account for %HANDLE%:</p>\(button("Confirm my account"))<p>The link expires in 48 hours. If you did not sign up, you can ignore this email.</p>",
                text:
                    "Hello,\n\nOpen this link to finish creating your %APP_NAME% account for %HANDLE%:\n\n%LINK%\n\nThe link expires in 48 hours. If you did not sign up, you can ignore this email.\n"
            )
        case .clickThrough:
            return EmailTemplate(
                name: name, locale: Locales.fallback, subject: "",
                html: page(
                    title: "Account confirmed",
                    body: "<h1>Your account is ready</h1><p>%HANDLE% is confirmed for %APP_NAME%. You can return to the app and log in.</p>"))
        case .resetPassword:
            return email(
                name, subject: "Your %APP_NAME% password reset code",
                heading: "Reset your password",
                body:
                    "<p>Hello,</p><p>Someone asked to reset the %APP_NAME% password for %HANDLE%. Enter this code in the app to choose a new password:</p>\(code)<p>The code expires in 1 hour. If it was not you, ignore this email: your password stays as it is.</p>",
                text:
                    "Hello,\n\nSomeone asked to reset the %APP_NAME% password for %HANDLE%. Enter this code in the app to choose a new password:\n\n%CODE%\n\nThe code expires in 1 hour. If it was not you, ignore this email: your password stays as it is.\n"
            )
        case .invite:
            return email(
                name, subject: "You are invited to %APP_NAME%",
                heading: "You are invited",
                body:
                    "<p>Hello,</p><p>You have been invited to join %APP_NAME% as %HANDLE%. Install the app and register with this invitation code:</p>\(code)<p>The invitation expires in 7 days.</p>",
                text:
                    "Hello,\n\nYou have been invited to join %APP_NAME% as %HANDLE%. Install the app and register with this invitation code:\n\n%CODE%\n\nThe invitation expires in 7 days.\n"
            )
        case .qrCode:
            return email(
                name, subject: "Your %APP_NAME% authenticator setup",
                heading: "Two-step verification is on",
                body:
                    "<p>Hello,</p><p>Two-step verification with an authenticator app is now on for %HANDLE% in %APP_NAME%. If you did not turn it on, contact us right away.</p>",
                text:
                    "Hello,\n\nTwo-step verification with an authenticator app is now on for %HANDLE% in %APP_NAME%. If you did not turn it on, contact us right away.\n"
            )
        case .sms:
            return EmailTemplate(
                name: name, locale: Locales.fallback, subject: "%APP_NAME%",
                html: "Your %APP_NAME% code is %CODE%", text: "Your %APP_NAME% code is %CODE%")
        case .signUpSuccess:
            return email(
                name, subject: "Welcome to %APP_NAME%",
                heading: "Welcome to %APP_NAME%",
                body: "<p>Hello,</p><p>Your %APP_NAME% account for %HANDLE% is ready. We are glad to have you.</p>",
                text: "Hello,\n\nYour %APP_NAME% account for %HANDLE% is ready. We are glad to have you.\n")
        }
    }

    private static let code = #"<p style="font-size:28px;font-family:monospace;letter-spacing:4px;margin:24px 0"><strong>%CODE%</strong></p>"#

    private static func button(_ label: String) -> String {
        #"<p style="margin:24px 0"><a href="%LINK%" style="background:#1a56db;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">"#
            + label
            + #"</a></p><p style="font-size:13px;color:#555555">Or copy this address into your browser: %LINK%</p>"#
    }

    private static func email(_ name: EmailTemplate.Name, subject: String, heading: String, body: String, text: String) -> EmailTemplate {
        EmailTemplate(
            name: name, locale: Locales.fallback, subject: subject,
            html: page(title: heading, body: "<h1 style=\"font-size:22px\">\(heading)</h1>\(body)"), text: text)
    }

    private static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\
        <title>\(title)</title></head>
        <body style="margin:0;padding:24px;background:#f6f7f9;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1f2328;line-height:1.5">
        <main style="max-width:560px;margin:0 auto;background:#ffffff;padding:32px;border-radius:8px">\(body)</main>
        </body></html>
        """
    }
}
