/// The end-user API (`/api/appuser/...`) as an OpenAPI 3.0 document, served at `GET /openapi-user.yaml`.
/// `UserAPIDocumentTests` holds it to the router both ways. Response schemas are exactly as strict as
/// what the routes answer, no more and no less: the document is what a contract tester (Schemathesis)
/// checks every response against. Keep paths at 2 spaces of indent, methods at 4 and response codes
/// at 8: the test reads the `paths:` section line by line.
public enum UserAPIDocument {
    public static let yaml = #"""
        openapi: 3.0.3
        info:
          title: CoSync Auth end-user API
          version: '1.0'
          description: |
            The calls apps make for their users: signing up, logging in (with a second factor when the app
            asks for one), passwords, the user's own profile and the app's public settings. This is the
            CoSync Auth wire protocol that the Swift, Kotlin and React Native clients speak.

            Credentials: a call names the app by its app token in the `app-token` header, or a logged-in user
            by an access token in the `access-token` header; each operation says which. Where the `app-token`
            header is absent, an `appToken` parameter is read in its place (the links in signup emails carry
            one). Logins answer an access token with a user JWT; access tokens expire, and a password change
            or reset, a suspension or deleteAccount revokes them.

            Parameters: a GET takes them in the query string; a POST takes them in the body, as a JSON object
            or as a form (`application/x-www-form-urlencoded`; a body without Content-Type is read as a form),
            and reads the query string too (the body wins). Every value is read as text: in JSON, numbers and
            booleans may be sent as such or as strings, a JSON null counts as absent, and an object such as
            `metaData` may be sent as the object or as its JSON text. A required parameter sent empty counts
            as absent. Bodies are limited to 1 MiB.

            Passwords never travel in clear: clients send the MD5 of the password as 32 lower-case hex digits
            (upper-case hex is read as lower-case); signup, register, resetPassword and changePassword refuse
            any other shape with code 602. Codes from emails and text messages are 6 digits, sent as text: a
            code sent as a JSON number loses its leading zeros and no longer matches.

            Errors: every failure of the protocol answers HTTP 400 with `{"code": N, "message": "..."}`, and
            clients switch on `code` (see the `Failure` schema); a missing parameter is code 403 with its name
            in `message`. Every call with an app token answers code 400 when the token is missing or unknown,
            402 when the app is inactive and 413 when it has migrated; every call with an access token answers
            405 when the token is missing, unknown, expired or revoked and 404 when the user is suspended.
            Rate limits answer HTTP 429, and a host whose password hashing is saturated answers HTTP 503, both
            with the same body (`code` 429 or 503) and a `Retry-After` header, having changed nothing. A fault
            of the host answers HTTP 500 with code 500.

            Dates are ISO 8601 in UTC with milliseconds. Repeated slashes in a path are collapsed.
        tags:
          - name: login
            description: Logging in and the second factor.
          - name: signup
            description: Signups and invitations.
          - name: password
            description: Forgotten and changed passwords.
          - name: profile
            description: The user's own record, and the app's public settings.
          - name: two-factor
            description: The phone number and two-factor login.
        paths:
          /api/appuser/login:
            post:
              tags: [login]
              summary: Log in with a handle or user name and a password
              description: |
                Answers a session, or a login token when the user has two-factor login on; in phone mode the
                code is then sent by text message. Failures: 600 wrong credentials (also while locked out),
                606 a user name while the app has them off, 608 a signup not completed, 404 suspended.
              operationId: login
              security:
                - appToken: []
              requestBody:
                $ref: '#/components/requestBodies/Login'
              responses:
                '200':
                  description: A session, or a login token for loginComplete.
                  content:
                    application/json:
                      schema:
                        oneOf:
                          - $ref: '#/components/schemas/Session'
                          - $ref: '#/components/schemas/LoginToken'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/loginAnonymous:
            post:
              tags: [login]
              summary: Log in as an anonymous user
              description: 'The user is created on first use. Failures: 414 anonymous login off, 600 a handle without `ANON_`.'
              operationId: loginAnonymous
              security:
                - appToken: []
              requestBody:
                $ref: '#/components/requestBodies/LoginAnonymous'
              responses:
                '200':
                  description: A session.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Session'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/socialLogin:
            post:
              tags: [login]
              summary: Log in with an Apple or Google ID token
              description: |
                The token is verified against the provider's published keys (RS256), its issuer, its audience
                (one of the app's `appleBundleId` or `googleClientId`), expiry and issue time. The user is found
                by the provider's subject, else by the token's verified email. Failures: 415/416 the provider
                is off or has no id set, 602 an unknown provider, 603 no such user, 610/611/612 the address
                signs in with a password, Apple or Google, 613 an invalid token, 404 a suspended user.
              operationId: socialLogin
              security:
                - appToken: []
              requestBody:
                $ref: '#/components/requestBodies/SocialLogin'
              responses:
                '200':
                  description: A session.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Session'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/socialSignup:
            post:
              tags: [signup]
              summary: Sign a user up with an Apple or Google ID token
              description: |
                The handle must be the email the token vouches for (compared without case; a `+` that arrived
                as a space is accepted). The user has no password and is welcomed by email. Failures: 407
                signup off, 415/416 the provider is off or has no id set, 602 an unknown provider or a bad
                locale, 604 metadata, 610/611/612 the handle or the provider account is registered already,
                613 an invalid token or a handle that is not the token's.
              operationId: socialSignup
              security:
                - appToken: []
              requestBody:
                $ref: '#/components/requestBodies/SocialSignup'
              responses:
                '200':
                  description: A session.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Session'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/signup:
            post:
              tags: [signup]
              summary: Sign a user up
              description: |
                In the app's `none` flow the user exists at once and the answer is a session with `code`. In
                the `code` and `link` flows the answer is `true` and a code or a link is emailed; while a signup
                of the handle waits, the same code is emailed again and the first signup stays as it was.
                Failures: 407 signup off, 601 handle registered, 602 malformed handle, password or locale,
                604 metadata.
              operationId: signup
              security:
                - appToken: []
              requestBody:
                $ref: '#/components/requestBodies/Signup'
              responses:
                '200':
                  description: A session with `code` (flow `none`), or `true` (flows `code` and `link`).
                  content:
                    application/json:
                      schema:
                        oneOf:
                          - $ref: '#/components/schemas/SignupSession'
                          - $ref: '#/components/schemas/TrueLiteral'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/completeSignup:
            post:
              tags: [signup]
              summary: Complete a signup with the emailed code
              description: |
                The user is created and logged in, and a welcome email follows. Failures: 602 a wrong, unknown
                or spent code (five wrong codes end the signup), 411 expired, 601 already registered.

                The confirmation page that the emailed link opens posts here with `confirm`; the answer is
                then a page for people: the app's `clickThrough` page, or a page saying why not (400).
              operationId: completeSignup
              security:
                - appToken: []
                - {}
              requestBody:
                $ref: '#/components/requestBodies/CompleteSignup'
              responses:
                '200':
                  description: A session with the signed user token; with `confirm`, the app's `clickThrough` page.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/SignedSession'
                    text/html:
                      schema:
                        type: string
                '400':
                  description: The failure; with `confirm`, a page saying why the account was not confirmed.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Failure'
                    text/html:
                      schema:
                        type: string
                '429':
                  description: A rate limit; with `confirm`, a page saying to try the link again later.
                  headers:
                    Retry-After:
                      $ref: '#/components/headers/RetryAfter'
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Failure'
                    text/html:
                      schema:
                        type: string
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
            get:
              tags: [signup]
              summary: Open the link from a signup email
              description: |
                Answers a page with a Confirm button that posts the same values, with `confirm`, to
                `POST /api/appuser/completeSignup`. Opening the link confirms nothing (mail scanners open links)
                and checks nothing: the post does.
              operationId: completeSignupLink
              security:
                - appToken: []
                - {}
              parameters:
                - name: appToken
                  in: query
                  description: The app token; required unless the `app-token` header is sent.
                  schema:
                    type: string
                - name: handle
                  in: query
                  required: true
                  schema:
                    type: string
                - name: code
                  in: query
                  required: true
                  description: The code from the email.
                  schema:
                    type: string
              responses:
                '200':
                  description: The confirmation page.
                  content:
                    text/html:
                      schema:
                        type: string
                '400':
                  description: A page saying the link is not valid (a value is missing); a body over 1 MiB gets the JSON failure.
                  content:
                    text/html:
                      schema:
                        type: string
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Failure'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/forgotPassword:
            post:
              tags: [password]
              summary: Email a password reset code
              description: 'Failures: 603 no such account, 606 a user name while the app has them off, 602 a user of Apple or Google (no password to reset).'
              operationId: forgotPassword
              security:
                - appToken: []
              requestBody:
                $ref: '#/components/requestBodies/ForgotPassword'
              responses:
                '200':
                  $ref: '#/components/responses/Done'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/invite:
            post:
              tags: [signup]
              summary: Invite someone to the app
              description: |
                The invitee is emailed a code for register; inviting the same handle again with the same
                metadata sends the same code. Failures: 406 invitations off, 601 already registered, 602 a
                malformed handle or an invitation from another sender or with other metadata is waiting,
                604 metadata.
              operationId: invite
              security:
                - accessToken: []
              requestBody:
                $ref: '#/components/requestBodies/Invite'
              responses:
                '200':
                  $ref: '#/components/responses/Done'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/register:
            post:
              tags: [signup]
              summary: Create an invited account
              description: |
                The invitation's metadata joins the user's. Failures: 406 invitations off, 602 a wrong code, no
                invitation or a malformed password or locale, 601 already registered, 604 metadata.
              operationId: register
              security:
                - appToken: []
              requestBody:
                $ref: '#/components/requestBodies/Register'
              responses:
                '200':
                  description: A session with the signed user token.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/SignedSession'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/resetPassword:
            post:
              tags: [password]
              summary: Set a new password with the emailed reset code
              description: |
                Every session of the user is revoked, two-factor login is turned off and a lockout is lifted.
                Failures: 602 a wrong or spent code, no reset waiting, or a malformed password.
              operationId: resetPassword
              security:
                - appToken: []
              requestBody:
                $ref: '#/components/requestBodies/ResetPassword'
              responses:
                '200':
                  $ref: '#/components/responses/Done'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/getUser:
            get:
              tags: [profile]
              summary: Get the logged-in user
              operationId: getUser
              security:
                - accessToken: []
              responses:
                '200':
                  description: The user.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/User'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/getApplication:
            get:
              tags: [profile]
              summary: Get the app's public settings
              description: Never the app's id, tokens, keys or secrets. With an app token that is sent but unknown, the access token is not tried.
              operationId: getApplication
              security:
                - appToken: []
                - accessToken: []
              responses:
                '200':
                  description: The app's public settings.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Application'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/jwks:
            get:
              tags: [profile]
              summary: Get the app's public keys as a JWK Set
              description: |
                For backends that verify user JWTs with a standard library: the key that signs now and the keys
                a rotation replaced, until they retire, each with the `kid` that JWT headers name. Also served
                at `/.well-known/jwks/{appId}.json`. Cached for five minutes. Failures: 602 no such app.
              operationId: jwks
              parameters:
                - name: appId
                  in: query
                  required: true
                  description: The app's id (getUser's `appId`).
                  schema:
                    type: string
              responses:
                '200':
                  description: A JWK Set.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/JWKSet'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/setLocale:
            post:
              tags: [profile]
              summary: Set the user's locale
              description: 'Failures: 602 not a two-letter code or not one of the app''s locales (as the original; 609 is never used).'
              operationId: setLocale
              security:
                - accessToken: []
              requestBody:
                $ref: '#/components/requestBodies/Locale'
              responses:
                '200':
                  $ref: '#/components/responses/Done'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/setUserMetadata:
            post:
              tags: [profile]
              summary: Change the user's metadata
              description: 'Replaces the values of the app''s fields marked `canEdit` and ignores the others. Failures: 604.'
              operationId: setUserMetadata
              security:
                - accessToken: []
              requestBody:
                $ref: '#/components/requestBodies/UserMetadata'
              responses:
                '200':
                  $ref: '#/components/responses/Done'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/setUserName:
            post:
              tags: [profile]
              summary: Set the user's user name
              description: 'A user name is set once: 1 to 64 characters without `@`, line breaks or invisible characters, unique without regard to case. Failures: 606 user names off, 602 malformed or already set, 605 taken.'
              operationId: setUserName
              security:
                - accessToken: []
              requestBody:
                $ref: '#/components/requestBodies/UserName'
              responses:
                '200':
                  $ref: '#/components/responses/Done'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/userNameAvailable:
            get:
              tags: [profile]
              summary: Tell whether a user name is free
              description: 'Failures: 606 user names off, 602 malformed.'
              operationId: userNameAvailable
              security:
                - accessToken: []
              parameters:
                - name: userName
                  in: query
                  required: true
                  description: 3 to 64 ASCII letters, digits and `_`, starting with a letter; compared lower-cased.
                  schema:
                    type: string
              responses:
                '200':
                  description: Whether no user of the app has the name.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [available]
                        properties:
                          available:
                            type: boolean
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/changePassword:
            post:
              tags: [password]
              summary: Change the user's password
              description: 'The user''s other sessions are revoked; this one stays. Failures: 602 a malformed password, a wrong current password (as the original), or a user of Apple or Google, who has none.'
              operationId: changePassword
              security:
                - accessToken: []
              requestBody:
                $ref: '#/components/requestBodies/ChangePassword'
              responses:
                '200':
                  $ref: '#/components/responses/Done'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/deleteAccount:
            post:
              tags: [profile]
              summary: Delete the user's account
              description: 'The user and all their sessions are gone. Failures: 600 a handle that is not the caller''s, or a wrong password; 602 a password call on a user of Apple or Google, or a token from a password user; 613 a token that is not of the caller''s provider account.'
              operationId: deleteAccount
              security:
                - accessToken: []
              requestBody:
                $ref: '#/components/requestBodies/DeleteAccount'
              responses:
                '200':
                  $ref: '#/components/responses/Done'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/loginComplete:
            post:
              tags: [login]
              summary: Complete a two-factor login
              description: |
                Takes the login token from login with the authenticator's code, the text message's code or a
                recovery code. The login token names its app, so the app token may be left out; when sent it
                must be that app's. A login token works once, for five minutes. Failures: 602 an unknown, used
                or expired login token, or another app's; 600 a wrong code (counted toward the lockout).
              operationId: loginComplete
              security:
                - appToken: []
                - {}
              requestBody:
                $ref: '#/components/requestBodies/LoginComplete'
              responses:
                '200':
                  description: A session.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Session'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/setPhone:
            post:
              tags: [two-factor]
              summary: Set the user's phone number and text it a code
              description: |
                The number is stored unverified and a 6-digit code (valid 10 minutes) is sent to it; the answer
                is the same whether or not another user holds the number. Failures: 409 the app is not in phone
                mode, 602 not an E.164 number.
              operationId: setPhone
              security:
                - accessToken: []
              requestBody:
                $ref: '#/components/requestBodies/Phone'
              responses:
                '200':
                  $ref: '#/components/responses/Done'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/verifyPhone:
            post:
              tags: [two-factor]
              summary: Verify the user's phone number with the texted code
              description: 'Failures: 602 a wrong or spent code, 412 another user of the app has verified this number.'
              operationId: verifyPhone
              security:
                - accessToken: []
              requestBody:
                $ref: '#/components/requestBodies/Code'
              responses:
                '200':
                  $ref: '#/components/responses/Done'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/setTwoFactorPhoneVerification:
            post:
              tags: [two-factor]
              summary: Turn two-factor login on or off
              description: |
                Acts on the app's two-factor mode, not on the name called (clients call either; this one is the
                phone's name). Failures: 409 the app has no two-factor login, 410 no verified phone number,
                602 `twoFactor` is neither true nor false.
              operationId: setTwoFactorPhoneVerification
              security:
                - accessToken: []
              requestBody:
                $ref: '#/components/requestBodies/TwoFactor'
              responses:
                '200':
                  $ref: '#/components/responses/TwoFactorChanged'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/setTwoFactorGoogleVerification:
            post:
              tags: [two-factor]
              summary: Turn two-factor login on or off (the authenticator's name)
              description: |
                The same as setTwoFactorPhoneVerification, under the authenticator's name. Failures: 408 the
                app has no two-factor login, 410 no verified phone number, 602 `twoFactor` is neither true nor
                false.
              operationId: setTwoFactorGoogleVerification
              security:
                - accessToken: []
              requestBody:
                $ref: '#/components/requestBodies/TwoFactor'
              responses:
                '200':
                  $ref: '#/components/responses/TwoFactorChanged'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/appuser/regenerateRecoveryCodes:
            post:
              tags: [two-factor]
              summary: Replace the user's recovery codes
              description: 'Ten new single-use codes; the old ones stop working. Failures: 602 two-factor login is off.'
              operationId: regenerateRecoveryCodes
              security:
                - accessToken: []
              responses:
                '200':
                  description: The new codes, shown only here.
                  content:
                    application/json:
                      schema:
                        type: object
                        required: [recoveryCodes]
                        properties:
                          recoveryCodes:
                            $ref: '#/components/schemas/RecoveryCodes'
                '400':
                  $ref: '#/components/responses/Failed'
                '429':
                  $ref: '#/components/responses/TooManyRequests'
                '500':
                  $ref: '#/components/responses/InternalError'
                '503':
                  $ref: '#/components/responses/Unavailable'
        components:
          securitySchemes:
            appToken:
              type: apiKey
              in: header
              name: app-token
              description: The app's token (not a secret); an `appToken` parameter is read when the header is absent.
            accessToken:
              type: apiKey
              in: header
              name: access-token
              description: A user's access token, from a login.
          headers:
            RetryAfter:
              description: How many seconds to wait before trying again.
              required: true
              schema:
                type: integer
                minimum: 1
          responses:
            Done:
              description: Done; the body is the JSON literal `true`.
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/TrueLiteral'
            TwoFactorChanged:
              description: |
                The authenticator's secret, QR code and recovery codes when the app's mode is `google` and the
                call turns it on; otherwise `true`.
              content:
                application/json:
                  schema:
                    oneOf:
                      - $ref: '#/components/schemas/TrueLiteral'
                      - $ref: '#/components/schemas/AuthenticatorSetup'
            Failed:
              description: The call failed; `code` says why.
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Failure'
            TooManyRequests:
              description: A rate limit; `code` is 429.
              headers:
                Retry-After:
                  $ref: '#/components/headers/RetryAfter'
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Failure'
            Unavailable:
              description: The database cannot be reached, or every core is hashing passwords and the line behind them is full; nothing was done; `code` is 503.
              headers:
                Retry-After:
                  $ref: '#/components/headers/RetryAfter'
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Failure'
            InternalError:
              description: A fault of the host; `code` is 500.
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Failure'
          requestBodies:
            Login:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/LoginParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/LoginParams'
            LoginComplete:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/LoginCompleteParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/LoginCompleteParams'
            LoginAnonymous:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/LoginAnonymousParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/LoginAnonymousParams'
            SocialLogin:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/SocialLoginParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/SocialLoginParams'
            SocialSignup:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/SocialSignupParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/SocialSignupParams'
                  encoding:
                    metaData:
                      contentType: application/json
            Signup:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/SignupParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/SignupParams'
                  encoding:
                    metaData:
                      contentType: application/json
            CompleteSignup:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/CompleteSignupParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/CompleteSignupParams'
            ForgotPassword:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/ForgotPasswordParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/ForgotPasswordParams'
            Invite:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/InviteParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/InviteParams'
                  encoding:
                    metaData:
                      contentType: application/json
            Register:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/RegisterParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/RegisterParams'
                  encoding:
                    metaData:
                      contentType: application/json
            ResetPassword:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/ResetPasswordParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/ResetPasswordParams'
            Locale:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/LocaleParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/LocaleParams'
            UserMetadata:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/UserMetadataParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/UserMetadataParams'
                  encoding:
                    metaData:
                      contentType: application/json
            UserName:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/UserNameParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/UserNameParams'
            ChangePassword:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/ChangePasswordParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/ChangePasswordParams'
            DeleteAccount:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/DeleteAccountParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/DeleteAccountParams'
            Phone:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/PhoneParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/PhoneParams'
            Code:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/CodeParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/CodeParams'
            TwoFactor:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/TwoFactorParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/TwoFactorParams'
          schemas:
            Failure:
              type: object
              required: [code, message]
              properties:
                code:
                  type: integer
                  description: |
                    What went wrong, for the client: 400 invalid app token, 401 app no longer exists, 402 app
                    suspended, 403 missing parameter, 404 user suspended, 405 invalid access token, 406
                    invitations off, 407 signup off, 408 no authenticator two-factor login, 409 no phone
                    two-factor login, 410 no verified phone number, 411 expired signup code, 412 phone number
                    in use, 413 app migrated, 414 anonymous login off, 429 too many requests, 500 internal
                    error, 503 unavailable, 600 invalid credentials, 601 handle already registered, 602
                    invalid data, 603 no such account, 604 invalid metadata, 605 user name taken, 606 user
                    names off, 607 no such user name, 608 signup not completed, 609 invalid locale.
                message:
                  type: string
                  description: What went wrong, for people.
            TrueLiteral:
              type: boolean
              enum: [true]
              description: The JSON literal `true`.
            Session:
              type: object
              description: A logged-in session.
              required: [jwt, access-token]
              properties:
                jwt:
                  type: string
                  description: The user JWT, signed RS256 with the app's key, for the app's backend.
                access-token:
                  type: string
                  description: The credential for the `access-token` header.
            SignupSession:
              allOf:
                - $ref: '#/components/schemas/Session'
                - type: object
                  required: [code]
                  properties:
                    code:
                      type: integer
                      minimum: 100000
                      maximum: 999999
                      description: A number the original host answered here; clients ignore it.
            SignedSession:
              allOf:
                - $ref: '#/components/schemas/Session'
                - type: object
                  required: [signed-user-token]
                  properties:
                    signed-user-token:
                      type: string
                      description: A JWT signed with the app's key naming the new user (`handle`, `uid`, `appId`, `code`, `metaData`, `iat`).
            LoginToken:
              type: object
              description: The first half of a two-factor login.
              required: [login-token]
              properties:
                login-token:
                  type: string
                  description: For loginComplete, within five minutes.
            User:
              type: object
              description: The user as the clients see it; a value that is not set is left out, never null.
              required: [status, createdAt, updatedAt, handle, locale, twoFactorPhoneVerification, twoFactorGoogleVerification, appId, phoneVerified, metaData, loginProvider]
              properties:
                status:
                  type: string
                  enum: [active, suspended]
                createdAt:
                  type: string
                  format: date-time
                updatedAt:
                  type: string
                  format: date-time
                handle:
                  type: string
                  description: The lower-cased email, or `ANON_...` for an anonymous user.
                locale:
                  type: string
                  description: A two-letter upper-case code.
                userName:
                  type: string
                  description: Present once set.
                twoFactorPhoneVerification:
                  type: boolean
                twoFactorGoogleVerification:
                  type: boolean
                appId:
                  type: string
                  format: uuid
                phone:
                  type: string
                  description: An E.164 number; present once set.
                phoneVerified:
                  type: boolean
                metaData:
                  type: object
                  additionalProperties: true
                loginProvider:
                  type: string
                  enum: [email, apple, google, anonymous]
                lastLogin:
                  type: string
                  format: date-time
                  description: Present once the user has logged in.
            Application:
              type: object
              description: The app's public settings.
              required: [name, status, signupEnabled, invitationEnabled, signupFlow, anonymousLoginEnabled, userNamesEnabled, googleLoginEnabled, appleLoginEnabled, twoFactorVerification, passwordFilter, passwordMinLength, passwordMinUpper, passwordMinLower, passwordMinDigit, passwordMinSpecial, maxLoginAttempts, userJWTExpiration, locales, metaData, metaDataInvite, metaDataEmail, appData, createdAt, updatedAt]
              properties:
                name:
                  type: string
                status:
                  type: string
                  enum: [active, inactive, migrated]
                signupEnabled:
                  type: boolean
                invitationEnabled:
                  type: boolean
                signupFlow:
                  type: string
                  enum: [code, link, none]
                anonymousLoginEnabled:
                  type: boolean
                userNamesEnabled:
                  type: boolean
                googleLoginEnabled:
                  type: boolean
                appleLoginEnabled:
                  type: boolean
                twoFactorVerification:
                  type: string
                  enum: [none, phone, google]
                passwordFilter:
                  type: boolean
                  description: Whether clients should hold passwords to the rules below (the host sees only their MD5).
                passwordMinLength:
                  type: integer
                passwordMinUpper:
                  type: integer
                passwordMinLower:
                  type: integer
                passwordMinDigit:
                  type: integer
                passwordMinSpecial:
                  type: integer
                maxLoginAttempts:
                  type: integer
                  description: Consecutive failed logins before a lockout; 0 for none.
                userJWTExpiration:
                  type: integer
                  description: Lifetime of a user JWT, in hours.
                locales:
                  type: array
                  description: Two-letter upper-case codes.
                  items:
                    type: string
                metaData:
                  type: array
                  description: The user metadata fields.
                  items:
                    $ref: '#/components/schemas/MetadataField'
                metaDataInvite:
                  type: array
                  description: The invitation metadata fields.
                  items:
                    $ref: '#/components/schemas/MetadataField'
                metaDataEmail:
                  type: boolean
                  description: Whether the user JWT carries the handle as an `email` claim.
                appData:
                  type: object
                  additionalProperties: true
                  description: Free-form data the app shows its clients.
                createdAt:
                  type: string
                  format: date-time
                updatedAt:
                  type: string
                  format: date-time
            MetadataField:
              type: object
              required: [path, fieldName, required, canEdit]
              properties:
                path:
                  type: string
                  description: A dotted path into the user's metadata, such as `user_data.name`.
                fieldName:
                  type: string
                required:
                  type: boolean
                canEdit:
                  type: boolean
            AuthenticatorSetup:
              type: object
              description: What an authenticator app needs, shown only here.
              required: [googleSecretKey, QRDataImage, recoveryCodes]
              properties:
                googleSecretKey:
                  type: string
                  pattern: '^[A-Z2-7]{32}$'
                  description: The TOTP secret (160 bits), in base32.
                QRDataImage:
                  type: string
                  pattern: '^data:image/png;base64,'
                  description: A QR code of the `otpauth://totp/...` URI (SHA1, 6 digits, 30 s).
                recoveryCodes:
                  $ref: '#/components/schemas/RecoveryCodes'
            RecoveryCodes:
              type: array
              description: Ten single-use codes that loginComplete takes in place of the second factor.
              minItems: 10
              maxItems: 10
              items:
                type: string
                pattern: '^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$'
            Password:
              type: string
              pattern: '^[0-9a-f]{32}$'
              description: The MD5 of the password, in hex.
            Code:
              type: string
              pattern: '^[0-9]{6}$'
              description: The 6-digit code, as text.
            MetaData:
              type: object
              additionalProperties: true
              description: A JSON object (in JSON, the object or its text), checked against the app's fields.
            LoginParams:
              type: object
              required: [handle, password]
              properties:
                handle:
                  type: string
                  description: The email, or the user name when the app enables them.
                password:
                  $ref: '#/components/schemas/Password'
            LoginCompleteParams:
              type: object
              required: [loginToken, code]
              properties:
                loginToken:
                  type: string
                  description: The `login-token` that login answered.
                code:
                  type: string
                  description: The authenticator's or the text message's 6 digits, or a recovery code (`xxxx-xxxx`).
            LoginAnonymousParams:
              type: object
              required: [handle]
              properties:
                handle:
                  type: string
                  pattern: ANON_
                  description: The client's own id for the user, containing `ANON_`; kept as sent.
            JWKSet:
              type: object
              required: [keys]
              properties:
                keys:
                  type: array
                  items:
                    type: object
                    required: [kty, kid, n, e]
                    properties:
                      kty:
                        type: string
                        enum: [RSA]
                      use:
                        type: string
                      alg:
                        type: string
                      kid:
                        type: string
                      n:
                        type: string
                      e:
                        type: string
            SocialLoginParams:
              type: object
              required: [token, provider]
              properties:
                token:
                  type: string
                  description: The ID token the provider gave the app (a JWT).
                provider:
                  type: string
                  enum: [apple, google]
            SocialSignupParams:
              type: object
              required: [token, provider, handle]
              properties:
                token:
                  type: string
                  description: The ID token the provider gave the app (a JWT).
                provider:
                  type: string
                  enum: [apple, google]
                handle:
                  type: string
                  format: email
                  description: The email the token vouches for.
                metaData:
                  $ref: '#/components/schemas/MetaData'
                locale:
                  type: string
                  description: One of the app's locales, a two-letter code.
                  default: EN
            SignupParams:
              type: object
              required: [handle, password]
              properties:
                handle:
                  type: string
                  format: email
                password:
                  $ref: '#/components/schemas/Password'
                metaData:
                  $ref: '#/components/schemas/MetaData'
                locale:
                  type: string
                  description: One of the app's locales, a two-letter code.
                  default: EN
            CompleteSignupParams:
              type: object
              required: [handle, code]
              properties:
                handle:
                  type: string
                code:
                  $ref: '#/components/schemas/Code'
                appToken:
                  type: string
                  description: The app token, when the `app-token` header is not sent (the confirmation page sends it so).
                confirm:
                  type: string
                  description: Sent by the confirmation page; its presence, whatever its value, makes the answer a page.
            ForgotPasswordParams:
              type: object
              required: [handle]
              properties:
                handle:
                  type: string
                  description: The email, or the user name when the app enables them.
            InviteParams:
              type: object
              required: [handle]
              properties:
                handle:
                  type: string
                  format: email
                  description: The invitee's email.
                metaData:
                  $ref: '#/components/schemas/MetaData'
                senderUserId:
                  type: string
                  description: Ignored; the caller is the sender.
            RegisterParams:
              type: object
              required: [handle, password, code]
              properties:
                handle:
                  type: string
                  description: The invited email.
                password:
                  $ref: '#/components/schemas/Password'
                code:
                  $ref: '#/components/schemas/Code'
                metaData:
                  $ref: '#/components/schemas/MetaData'
                locale:
                  type: string
                  description: One of the app's locales, a two-letter code.
                  default: EN
            ResetPasswordParams:
              type: object
              required: [handle, password, code]
              properties:
                handle:
                  type: string
                password:
                  $ref: '#/components/schemas/Password'
                code:
                  $ref: '#/components/schemas/Code'
            LocaleParams:
              type: object
              required: [locale]
              properties:
                locale:
                  type: string
                  description: A two-letter code, EN or one of the app's locales.
            UserMetadataParams:
              type: object
              required: [metaData]
              properties:
                metaData:
                  $ref: '#/components/schemas/MetaData'
            UserNameParams:
              type: object
              required: [userName]
              properties:
                userName:
                  type: string
                  description: 1 to 64 characters without `@`, line breaks or invisible characters; stored lower-cased.
            ChangePasswordParams:
              type: object
              required: [password, newPassword]
              properties:
                password:
                  $ref: '#/components/schemas/Password'
                newPassword:
                  $ref: '#/components/schemas/Password'
            DeleteAccountParams:
              type: object
              description: Handle and password; or, for a user of Apple or Google, `token` alone.
              properties:
                handle:
                  type: string
                  description: The caller's own handle, or user name where the app has user names.
                password:
                  $ref: '#/components/schemas/Password'
                token:
                  type: string
                  description: A fresh ID token of the caller's provider account (users of Apple or Google).
            PhoneParams:
              type: object
              required: [phone]
              properties:
                phone:
                  type: string
                  description: An E.164 number such as +14155550123 (spaces, dashes, dots and brackets are dropped).
            CodeParams:
              type: object
              required: [code]
              properties:
                code:
                  $ref: '#/components/schemas/Code'
            TwoFactorParams:
              type: object
              required: [twoFactor]
              properties:
                twoFactor:
                  type: string
                  description: '`true` or `false` (`1` or `0`, in any case) to turn two-factor login on or off.'
                  enum: ['true', 'false', '1', '0']
        """#
}
