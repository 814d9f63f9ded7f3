/// The administration API (`/api/app/...`) as an OpenAPI 3.0 document, served at `GET /openapi.yaml`.
/// `OpenAPIDocumentTests` holds it to the router both ways: every admin route is documented, and every
/// documented operation is served and fails in the documented shape. Keep paths at 2 spaces of indent,
/// methods at 4 and response codes at 8: the test reads the `paths:` section line by line.
public enum OpenAPIDocument {
    public static let yaml = #"""
        openapi: 3.0.3
        info:
          title: CoSync Auth administration API
          version: '1.0'
          description: |
            Administration of a self-hosted CoSync Auth host: its apps, their users, pending signups and
            invitations, email templates, server secrets, outbox and audit log.

            Every call carries a server secret in the `server-secret` header (create one with
            `cosync-auth secret create`); a missing or wrong secret gets 401.

            Parameters: a GET takes them in the query string; a POST takes them in the body, as a JSON object
            or as a form (`application/x-www-form-urlencoded`), and reads the query string too (the body wins).
            Every value is read as text: in JSON, numbers and booleans may be sent as such or as strings, and a
            JSON object or array stands for its JSON text. Bodies are limited to 1 MiB.

            Errors answer `{"status": "Fails", "message": "..."}` with 400 (a parameter missing or invalid),
            401 (server secret), 404 (no such app, user or item), 409 (a conflict such as a name in use),
            413 (an upload too large) or 503 with `Retry-After` (the database cannot be reached).

            Lists answer a JSON array of one page, with the number of matches over all pages in the
            `X-Total-Count` header. `offset` is a page index (from 0), `limit` the page size (1 to 500,
            default 100).

            An app is named in `appId` by its id or by its name. Paths may end with a slash.
        tags:
          - name: apps
            description: Apps and their settings.
          - name: content
            description: Metadata fields, email templates and locales of an app.
          - name: users
            description: The users of an app.
          - name: pending
            description: Pending signups and invitations.
          - name: host
            description: Server secrets, the outbox and the audit log.
          - name: portability
            description: Moving an app between hosts.
        security:
          - serverSecret: []
        paths:
          /api/app:
            post:
              tags: [apps]
              summary: Create an app
              description: Answers the app with its app secret, the only time the secret is shown.
              operationId: createApp
              requestBody:
                $ref: '#/components/requestBodies/CreateApp'
              responses:
                '200':
                  description: The new app, with its secret.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/CreatedApp'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '409':
                  $ref: '#/components/responses/Conflict'
          /api/app/allApps:
            get:
              tags: [apps]
              summary: List every app
              operationId: listApps
              responses:
                '200':
                  description: Every app of the host (not paged).
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/App'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/app/appId/{appId}:
            get:
              tags: [apps]
              summary: Get an app
              operationId: getApp
              parameters:
                - $ref: '#/components/parameters/AppIdPath'
              responses:
                '200':
                  description: The app.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/App'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/search:
            get:
              tags: [apps]
              summary: Search apps by name or id
              operationId: searchApps
              parameters:
                - name: name
                  in: query
                  description: Part of an app's name, or its id; empty or absent for all.
                  schema:
                    type: string
                - name: value
                  in: query
                  description: Read when `name` is absent.
                  schema:
                    type: string
                - $ref: '#/components/parameters/Offset'
                - $ref: '#/components/parameters/Limit'
              responses:
                '200':
                  description: One page of matching apps.
                  headers:
                    X-Total-Count:
                      $ref: '#/components/headers/TotalCount'
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/App'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/app/update:
            post:
              tags: [apps]
              summary: Change an app's settings
              description: All the settings given are applied, or none (the first invalid one answers 400).
              operationId: updateApp
              requestBody:
                $ref: '#/components/requestBodies/UpdateApp'
              responses:
                '200':
                  description: The app as changed.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/App'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
                '409':
                  $ref: '#/components/responses/Conflict'
          /api/app/keys/{appId}:
            get:
              tags: [apps]
              summary: List an app's signing keys
              description: The key that signs new user JWTs (`signing`), then the keys a rotation replaced that stay published in the app's JWKS until `retiresAt` (`retiring`).
              operationId: appKeys
              parameters:
                - $ref: '#/components/parameters/AppIdPath'
              responses:
                '200':
                  description: The keys, the signing one first.
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/SigningKey'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/rotateKey:
            post:
              tags: [apps]
              summary: Rotate an app's key pair
              description: |
                A new RSA key pair signs user JWTs from now on; the old private key is gone at once, and the old
                public key stays in the app's JWKS for `graceHours` (default the app's `userJWTExpiration`), so
                JWTs it signed still verify until they expire.
              operationId: rotateKey
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/RotateKeyParams'
                  application/x-www-form-urlencoded:
                    schema:
                      $ref: '#/components/schemas/RotateKeyParams'
              responses:
                '200':
                  description: The keys after the rotation, the new signing key first.
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/SigningKey'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
                '409':
                  $ref: '#/components/responses/Conflict'
          /api/app/{appId}:
            delete:
              tags: [apps]
              summary: Delete an app
              description: Deletes the app with its users, sessions, pending signups and invitations. There is no undo.
              operationId: deleteApp
              parameters:
                - $ref: '#/components/parameters/AppIdPath'
              responses:
                '200':
                  $ref: '#/components/responses/Done'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/reset:
            post:
              tags: [apps]
              summary: Reset an app
              description: Deletes the app's users, sessions, pending signups, password resets and invitations; keeps its settings.
              operationId: resetApp
              requestBody:
                $ref: '#/components/requestBodies/AppOnly'
              responses:
                '200':
                  description: The app.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/App'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/updateAppMetaData:
            post:
              tags: [content]
              summary: Add or replace a user metadata field
              description: Adds a field to the app's `metaData` list, or replaces the field with the same path.
              operationId: putUserMetadataField
              requestBody:
                $ref: '#/components/requestBodies/PutMetadataField'
              responses:
                '200':
                  description: The app as changed.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/App'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/updateAppInviteMetaData:
            post:
              tags: [content]
              summary: Add or replace an invitation metadata field
              description: Adds a field to the app's `metaDataInvite` list, or replaces the field with the same path.
              operationId: putInviteMetadataField
              requestBody:
                $ref: '#/components/requestBodies/PutMetadataField'
              responses:
                '200':
                  description: The app as changed.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/App'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/deleteMetadata:
            post:
              tags: [content]
              summary: Remove a metadata field
              operationId: deleteMetadataField
              requestBody:
                $ref: '#/components/requestBodies/DeleteMetadataField'
              responses:
                '200':
                  description: The app as changed.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/App'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/emailTemplates:
            get:
              tags: [content]
              summary: List an app's email templates
              description: Every template for every locale of the app (or for `locale`), as it would be sent now.
              operationId: listEmailTemplates
              parameters:
                - $ref: '#/components/parameters/AppId'
                - name: locale
                  in: query
                  description: Only this locale (two-letter ISO 639-1 code).
                  schema:
                    type: string
              responses:
                '200':
                  description: The templates.
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/Template'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/updateEmailTemplate:
            post:
              tags: [content]
              summary: Set one of an app's email templates
              operationId: updateEmailTemplate
              requestBody:
                $ref: '#/components/requestBodies/UpdateEmailTemplate'
              responses:
                '200':
                  $ref: '#/components/responses/Done'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/addLocale:
            post:
              tags: [content]
              summary: Add a locale to an app
              operationId: addLocale
              requestBody:
                $ref: '#/components/requestBodies/Locale'
              responses:
                '200':
                  description: The app as changed.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/App'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
                '409':
                  $ref: '#/components/responses/Conflict'
          /api/app/removeLocale:
            post:
              tags: [content]
              summary: Remove a locale from an app
              description: EN, every app's fallback, cannot be removed.
              operationId: removeLocale
              requestBody:
                $ref: '#/components/requestBodies/Locale'
              responses:
                '200':
                  description: The app as changed.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/App'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/testEmail:
            post:
              tags: [content]
              summary: Send a test email now
              description: Sends one email with the app's sender settings through the host's SMTP server and reports whether the server took it.
              operationId: testEmail
              requestBody:
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/TestEmailParams'
                  application/x-www-form-urlencoded:
                    schema:
                      $ref: '#/components/schemas/TestEmailParams'
              responses:
                '200':
                  description: The SMTP server accepted the email.
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          status:
                            type: string
                            enum: [sent]
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
                '409':
                  description: The host has no SMTP server configured.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Failure'
                '502':
                  description: The SMTP server refused the email; the message says why.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Failure'
          /api/app/testAppTwilio:
            post:
              tags: [content]
              summary: Send a test text message now
              description: Sends one SMS with the app's Twilio-compatible credentials and reports whether the provider took it (the original's name).
              operationId: testAppTwilio
              requestBody:
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/TestSMSParams'
                  application/x-www-form-urlencoded:
                    schema:
                      $ref: '#/components/schemas/TestSMSParams'
              responses:
                '200':
                  description: The provider accepted the message.
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          status:
                            type: string
                            enum: [sent]
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
                '409':
                  description: The host has no SMS provider.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Failure'
                '502':
                  description: The provider refused the message; the message says why.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Failure'
          /api/app/resetUserTwoFactor:
            post:
              tags: [users]
              summary: Turn a user's two-factor login off
              description: For a user who lost their phone; their authenticator secret and recovery codes are deleted.
              operationId: resetUserTwoFactor
              requestBody:
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/UserRefParams'
                  application/x-www-form-urlencoded:
                    schema:
                      $ref: '#/components/schemas/UserRefParams'
              responses:
                '200':
                  description: The user as changed.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/User'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/searchUser:
            get:
              tags: [users]
              summary: Search an app's users
              operationId: searchUsers
              parameters:
                - $ref: '#/components/parameters/AppId'
                - name: value
                  in: query
                  description: Part of a handle or user name; empty or absent for all.
                  schema:
                    type: string
                - name: hideAnonUser
                  in: query
                  description: '`true` leaves anonymous users out.'
                  schema:
                    type: boolean
                    default: false
                - $ref: '#/components/parameters/Offset'
                - $ref: '#/components/parameters/Limit'
              responses:
                '200':
                  description: One page of matching users.
                  headers:
                    X-Total-Count:
                      $ref: '#/components/headers/TotalCount'
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/User'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/user:
            get:
              tags: [users]
              summary: Get a user
              operationId: getUser
              parameters:
                - $ref: '#/components/parameters/AppId'
                - name: userId
                  in: query
                  required: true
                  description: The user's id or handle.
                  schema:
                    type: string
              responses:
                '200':
                  description: The user.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/User'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
            post:
              tags: [users]
              summary: Suspend or reactivate a user
              description: Suspending a user ends their sessions.
              operationId: setUserStatus
              requestBody:
                $ref: '#/components/requestBodies/SetUserStatus'
              responses:
                '200':
                  description: The user as changed.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/User'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/resetUserPassword:
            post:
              tags: [users]
              summary: Set a user's password
              description: The new password is given as its MD5 hex, as the clients send passwords. It is never emailed.
              operationId: resetUserPassword
              requestBody:
                $ref: '#/components/requestBodies/ResetUserPassword'
              responses:
                '200':
                  $ref: '#/components/responses/Done'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/updateAppUserMetaData:
            post:
              tags: [users]
              summary: Replace a user's metadata
              operationId: updateUserMetadata
              requestBody:
                $ref: '#/components/requestBodies/UpdateUserMetadata'
              responses:
                '200':
                  $ref: '#/components/responses/Done'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/addUser:
            post:
              tags: [users]
              summary: Add a user
              operationId: addUser
              requestBody:
                $ref: '#/components/requestBodies/AddUser'
              responses:
                '200':
                  description: The new user.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/User'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
                '409':
                  $ref: '#/components/responses/Conflict'
          /api/app/removeUser:
            post:
              tags: [users]
              summary: Remove a user
              operationId: removeUser
              requestBody:
                $ref: '#/components/requestBodies/UserOnly'
              responses:
                '200':
                  description: The user as they were.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/User'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/stat:
            get:
              tags: [users]
              summary: Count an app's users
              operationId: getUserCounts
              parameters:
                - $ref: '#/components/parameters/AppId'
              responses:
                '200':
                  description: The counts.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/UserCounts'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/searchSingUp:
            get:
              tags: [pending]
              summary: Search pending signups (the original's spelling)
              description: The same as `GET /api/app/searchSignup`, under the path the original host used.
              operationId: searchSignupsOriginalPath
              parameters:
                - $ref: '#/components/parameters/AppId'
                - $ref: '#/components/parameters/HandleText'
                - $ref: '#/components/parameters/Offset'
                - $ref: '#/components/parameters/Limit'
              responses:
                '200':
                  description: One page of matching signups.
                  headers:
                    X-Total-Count:
                      $ref: '#/components/headers/TotalCount'
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/PendingSignup'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/searchSignup:
            get:
              tags: [pending]
              summary: Search pending signups
              operationId: searchSignups
              parameters:
                - $ref: '#/components/parameters/AppId'
                - $ref: '#/components/parameters/HandleText'
                - $ref: '#/components/parameters/Offset'
                - $ref: '#/components/parameters/Limit'
              responses:
                '200':
                  description: One page of matching signups.
                  headers:
                    X-Total-Count:
                      $ref: '#/components/headers/TotalCount'
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/PendingSignup'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/removeSignup:
            post:
              tags: [pending]
              summary: Remove a pending signup
              operationId: removeSignup
              requestBody:
                $ref: '#/components/requestBodies/AppAndHandle'
              responses:
                '200':
                  $ref: '#/components/responses/Done'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/searchInvite:
            get:
              tags: [pending]
              summary: Search invitations
              operationId: searchInvites
              parameters:
                - $ref: '#/components/parameters/AppId'
                - $ref: '#/components/parameters/HandleText'
                - $ref: '#/components/parameters/Offset'
                - $ref: '#/components/parameters/Limit'
              responses:
                '200':
                  description: One page of matching invitations.
                  headers:
                    X-Total-Count:
                      $ref: '#/components/headers/TotalCount'
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/Invite'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/invite:
            post:
              tags: [pending]
              summary: Invite people to an app
              description: The app must take invitations (`invitationEnabled`). Each handle is answered `sent` or `alreadyRegistered`.
              operationId: inviteUsers
              requestBody:
                $ref: '#/components/requestBodies/Invite'
              responses:
                '200':
                  description: What became of each handle.
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/InviteResult'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/resendInvite:
            post:
              tags: [pending]
              summary: Send an invitation again
              description: Sends a new code and extends the invitation.
              operationId: resendInvite
              requestBody:
                $ref: '#/components/requestBodies/AppAndHandle'
              responses:
                '200':
                  description: The invitation as renewed.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Invite'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/removeInvite:
            post:
              tags: [pending]
              summary: Remove an invitation
              operationId: removeInvite
              requestBody:
                $ref: '#/components/requestBodies/AppAndHandle'
              responses:
                '200':
                  $ref: '#/components/responses/Done'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/secrets:
            get:
              tags: [host]
              summary: List the host's server secrets
              description: Their names and creation times; never the secrets.
              operationId: listServerSecrets
              responses:
                '200':
                  description: The secrets.
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/ServerSecret'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
            post:
              tags: [host]
              summary: Create a server secret
              description: Answers the secret in clear, the only time it is shown.
              operationId: createServerSecret
              requestBody:
                $ref: '#/components/requestBodies/CreateServerSecret'
              responses:
                '200':
                  description: The new secret.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/CreatedServerSecret'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '409':
                  $ref: '#/components/responses/Conflict'
          /api/app/secrets/{name}:
            delete:
              tags: [host]
              summary: Revoke a server secret
              description: The secret stops working at once, even for the caller if it is the one used.
              operationId: revokeServerSecret
              parameters:
                - name: name
                  in: path
                  required: true
                  description: The secret's name.
                  schema:
                    type: string
              responses:
                '200':
                  $ref: '#/components/responses/Done'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/outbox:
            get:
              tags: [host]
              summary: List the outbox
              description: Messages queued for delivery, sent or failed, newest first.
              operationId: listOutbox
              parameters:
                - name: status
                  in: query
                  description: Only messages in this state.
                  schema:
                    type: string
                    enum: [pending, sent, failed]
                - name: limit
                  in: query
                  description: How many messages (not a page size; this list is not paged).
                  schema:
                    type: integer
                    minimum: 1
                    maximum: 10000
                    default: 50
              responses:
                '200':
                  description: The messages.
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/OutboxMessage'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
          /api/app/logs:
            get:
              tags: [host]
              summary: Read the audit log
              description: An app's entries, or without `appId` the host's own (such as server secrets); newest first.
              operationId: listAuditLog
              parameters:
                - name: appId
                  in: query
                  description: The app's id or name; absent for the host's own entries.
                  schema:
                    type: string
                - name: event
                  in: query
                  description: Only this event, such as `login` or `app.update`.
                  schema:
                    type: string
                - name: since
                  in: query
                  description: Only entries after this time (ISO 8601).
                  schema:
                    type: string
                    format: date-time
                - $ref: '#/components/parameters/Offset'
                - $ref: '#/components/parameters/Limit'
              responses:
                '200':
                  description: One page of entries.
                  headers:
                    X-Total-Count:
                      $ref: '#/components/headers/TotalCount'
                  content:
                    application/json:
                      schema:
                        type: array
                        items:
                          $ref: '#/components/schemas/AuditEntry'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/export:
            get:
              tags: [portability]
              summary: Export an app
              description: The app as a zip of CSV files, in the original CoSync layout.
              operationId: exportApp
              parameters:
                - $ref: '#/components/parameters/AppId'
                - name: includeSecrets
                  in: query
                  description: '`true` to include the app secret and private key, so that the app keeps its keys on another host.'
                  schema:
                    type: boolean
                    default: false
              responses:
                '200':
                  description: The export.
                  content:
                    application/zip:
                      schema:
                        type: string
                        format: binary
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '404':
                  $ref: '#/components/responses/NotFound'
          /api/app/importDatabase:
            post:
              tags: [portability]
              summary: Import an app
              description: |
                Creates an app from an export zip: either a multipart
                form with the zip in `file` and an optional `appName`, or the zip itself as the body
                (`application/zip`) with `appName` in the query string.
              operationId: importApp
              parameters:
                - name: appName
                  in: query
                  description: The new app's name, when the body is the zip itself; the export's name when absent.
                  schema:
                    type: string
              requestBody:
                required: true
                content:
                  multipart/form-data:
                    schema:
                      type: object
                      required: [file]
                      properties:
                        file:
                          type: string
                          format: binary
                          description: The export, a zip.
                        appName:
                          type: string
                          description: The new app's name; the export's name when absent.
                  application/zip:
                    schema:
                      type: string
                      format: binary
              responses:
                '200':
                  description: The new app with its secret, what was imported and what could not be kept.
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/ImportedApp'
                '400':
                  $ref: '#/components/responses/BadRequest'
                '401':
                  $ref: '#/components/responses/Unauthorized'
                '503':
                  $ref: '#/components/responses/Unavailable'
                '409':
                  $ref: '#/components/responses/Conflict'
                '413':
                  $ref: '#/components/responses/PayloadTooLarge'
        components:
          securitySchemes:
            serverSecret:
              type: apiKey
              in: header
              name: server-secret
              description: One of the host's server secrets.
          parameters:
            AppId:
              name: appId
              in: query
              required: true
              description: The app's id or name.
              schema:
                type: string
            AppIdPath:
              name: appId
              in: path
              required: true
              description: The app's id or name (percent-encoded).
              schema:
                type: string
            HandleText:
              name: value
              in: query
              description: Part of a handle; empty or absent for all.
              schema:
                type: string
            Offset:
              name: offset
              in: query
              description: The page index, from 0.
              schema:
                type: integer
                minimum: 0
                default: 0
            Limit:
              name: limit
              in: query
              description: The page size.
              schema:
                type: integer
                minimum: 1
                maximum: 500
                default: 100
          headers:
            TotalCount:
              description: How many items match, over all pages.
              schema:
                type: integer
            RetryAfter:
              description: Seconds to wait before trying again.
              schema:
                type: integer
          responses:
            Done:
              description: Done; the body is the JSON literal `true`.
              content:
                application/json:
                  schema:
                    type: boolean
                    enum: [true]
            BadRequest:
              description: A parameter is missing or invalid.
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Failure'
            Unauthorized:
              description: The server secret is missing or wrong.
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Failure'
            Unavailable:
              description: The database cannot be reached (or, for calls that hash a password, every core is busy hashing); nothing was done.
              headers:
                Retry-After:
                  $ref: '#/components/headers/RetryAfter'
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Failure'
            NotFound:
              description: No such app, user or item.
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Failure'
            Conflict:
              description: The change conflicts with what exists, such as a name in use.
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Failure'
            PayloadTooLarge:
              description: The upload is too large.
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/Failure'
          requestBodies:
            CreateApp:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/CreateAppParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/CreateAppParams'
            UpdateApp:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/UpdateAppParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/UpdateAppParams'
                  encoding:
                    metaData:
                      contentType: application/json
                    metaDataInvite:
                      contentType: application/json
                    appData:
                      contentType: application/json
            AppOnly:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/AppParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/AppParams'
            PutMetadataField:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/PutMetadataFieldParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/PutMetadataFieldParams'
            DeleteMetadataField:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/DeleteMetadataFieldParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/DeleteMetadataFieldParams'
            UpdateEmailTemplate:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/UpdateEmailTemplateParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/UpdateEmailTemplateParams'
            Locale:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/LocaleParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/LocaleParams'
            SetUserStatus:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/SetUserStatusParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/SetUserStatusParams'
            ResetUserPassword:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/ResetUserPasswordParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/ResetUserPasswordParams'
            UpdateUserMetadata:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/UpdateUserMetadataParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/UpdateUserMetadataParams'
                  encoding:
                    metaData:
                      contentType: application/json
            AddUser:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/AddUserParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/AddUserParams'
                  encoding:
                    metaData:
                      contentType: application/json
            UserOnly:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/UserParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/UserParams'
            AppAndHandle:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/AppAndHandleParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/AppAndHandleParams'
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
            CreateServerSecret:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/CreateServerSecretParams'
                application/x-www-form-urlencoded:
                  schema:
                    $ref: '#/components/schemas/CreateServerSecretParams'
          schemas:
            Failure:
              type: object
              required: [status, message]
              properties:
                status:
                  type: string
                  enum: [Fails]
                message:
                  type: string
                  description: What went wrong, for people.
            SigningKey:
              type: object
              required: [kid, state, publicKey]
              properties:
                kid:
                  type: string
                  description: The key's RFC 7638 thumbprint; the `kid` in the header of the JWTs it signs.
                state:
                  type: string
                  enum: [signing, retiring]
                publicKey:
                  type: string
                  description: PEM.
                retiresAt:
                  type: string
                  format: date-time
                  description: When a retiring key leaves the JWKS.
            RotateKeyParams:
              type: object
              required: [appId]
              additionalProperties: false
              properties:
                appId:
                  type: string
                  description: The app's id or name.
                graceHours:
                  type: integer
                  minimum: 0
                  maximum: 87600
                  description: Hours the old public key stays published; the app's JWT lifetime when absent.
            App:
              type: object
              required: [appId, name, status, appToken, publicKey, settings, createdAt, updatedAt]
              properties:
                appId:
                  type: string
                  format: uuid
                name:
                  type: string
                status:
                  type: string
                  enum: [active, inactive, migrated]
                appToken:
                  type: string
                  description: The token client apps send in the `app-token` header. Not a secret.
                publicKey:
                  type: string
                  description: PEM of the RSA public key that verifies the app's user JWTs.
                settings:
                  $ref: '#/components/schemas/AppSettings'
                createdAt:
                  type: string
                  format: date-time
                updatedAt:
                  type: string
                  format: date-time
            CreatedApp:
              allOf:
                - $ref: '#/components/schemas/App'
                - type: object
                  required: [appSecret]
                  properties:
                    appSecret:
                      type: string
                      description: The app secret, shown only here.
            ImportedApp:
              allOf:
                - $ref: '#/components/schemas/CreatedApp'
                - type: object
                  required: [imported, warnings]
                  properties:
                    imported:
                      type: object
                      required: [users, signups, invites, templates, keptKeyPair, keptAppToken]
                      properties:
                        users:
                          type: integer
                        signups:
                          type: integer
                        invites:
                          type: integer
                        templates:
                          type: integer
                        keptKeyPair:
                          type: boolean
                          description: Whether the app kept its key pair (its users' JWTs stay valid).
                        keptAppToken:
                          type: boolean
                          description: Whether the app kept its app token.
                    warnings:
                      type: array
                      description: What could not be kept, for people.
                      items:
                        type: string
            AppSettings:
              type: object
              properties:
                signupEnabled:
                  type: boolean
                signupFlow:
                  type: string
                  enum: [code, link, none]
                anonymousLoginEnabled:
                  type: boolean
                userNamesEnabled:
                  type: boolean
                invitationEnabled:
                  type: boolean
                googleLoginEnabled:
                  type: boolean
                appleLoginEnabled:
                  type: boolean
                appleBundleId:
                  type: string
                  description: The app's bundle ids, comma-separated; an Apple ID token must be issued to one of them.
                googleClientId:
                  type: string
                  description: The app's OAuth client ids, comma-separated; a Google ID token must be issued to one of them.
                twoFactorVerification:
                  type: string
                  enum: [none, phone, google]
                userJWTExpiration:
                  type: integer
                  description: Lifetime of a user JWT, in hours.
                accessTokenExpiration:
                  type: integer
                  description: Lifetime of an access token, in days.
                realmAppId:
                  type: string
                  description: The JWT `aud` claim; absent when unset.
                metaDataEmail:
                  type: boolean
                locales:
                  type: array
                  items:
                    type: string
                passwordFilter:
                  type: boolean
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
                metaData:
                  type: array
                  items:
                    $ref: '#/components/schemas/MetadataField'
                metaDataInvite:
                  type: array
                  items:
                    $ref: '#/components/schemas/MetadataField'
                appData:
                  type: object
                  additionalProperties: true
                emailFrom:
                  type: string
                emailReplyTo:
                  type: string
                signupCodeExpiration:
                  type: integer
                  description: In hours.
                resetCodeExpiration:
                  type: integer
                  description: In hours.
                inviteCodeExpiration:
                  type: integer
                  description: In hours.
                smsDailyLimit:
                  type: integer
                  description: SMS messages the app may send in a day (setPhone and SMS login codes); 0 sends none.
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
            User:
              type: object
              required: [userId, appId, handle, status, locale, metaData, loginProvider, phoneVerified, twoFactorPhoneVerification, twoFactorGoogleVerification, failedLogins, createdAt, updatedAt]
              properties:
                userId:
                  type: string
                  format: uuid
                appId:
                  type: string
                  format: uuid
                handle:
                  type: string
                  description: The lower-cased email, or `ANON_...` for an anonymous user.
                userName:
                  type: string
                status:
                  type: string
                  enum: [active, suspended]
                locale:
                  type: string
                metaData:
                  type: object
                  additionalProperties: true
                loginProvider:
                  type: string
                  enum: [email, apple, google, anonymous]
                phone:
                  type: string
                phoneVerified:
                  type: boolean
                twoFactorPhoneVerification:
                  type: boolean
                twoFactorGoogleVerification:
                  type: boolean
                failedLogins:
                  type: integer
                  description: Consecutive failed logins.
                lockedUntil:
                  type: string
                  format: date-time
                  description: The end of a lockout, while one runs.
                lastLogin:
                  type: string
                  format: date-time
                createdAt:
                  type: string
                  format: date-time
                updatedAt:
                  type: string
                  format: date-time
            UserCounts:
              type: object
              required: [totalUser, totalAnonUser]
              properties:
                totalUser:
                  type: integer
                totalAnonUser:
                  type: integer
            PendingSignup:
              type: object
              description: A signup waiting for its code; never its code or password.
              required: [handle, locale, metaData, status, createdAt, expiresAt]
              properties:
                handle:
                  type: string
                locale:
                  type: string
                metaData:
                  type: object
                  additionalProperties: true
                status:
                  type: string
                  enum: [pending, expired]
                createdAt:
                  type: string
                  format: date-time
                expiresAt:
                  type: string
                  format: date-time
            Invite:
              type: object
              required: [handle, senderHandle, senderUserId, metaData, status, createdAt, expiresAt]
              properties:
                handle:
                  type: string
                senderHandle:
                  type: string
                senderUserId:
                  type: string
                  format: uuid
                  nullable: true
                  description: Null when the host invited (through this API or the command line).
                metaData:
                  type: object
                  additionalProperties: true
                status:
                  type: string
                  enum: [pending, expired]
                createdAt:
                  type: string
                  format: date-time
                expiresAt:
                  type: string
                  format: date-time
            InviteResult:
              type: object
              required: [handle, status]
              properties:
                handle:
                  type: string
                status:
                  type: string
                  enum: [sent, alreadyRegistered]
            Template:
              type: object
              required: [templateName, locale, subject, replyTo, htmlTemplate, textTemplate, custom]
              properties:
                templateName:
                  $ref: '#/components/schemas/TemplateName'
                locale:
                  type: string
                subject:
                  type: string
                replyTo:
                  type: string
                  nullable: true
                htmlTemplate:
                  type: string
                textTemplate:
                  type: string
                  nullable: true
                  description: The plain-text part; derived from the HTML when null.
                custom:
                  type: boolean
                  description: Whether the app has its own template or uses the default.
            TemplateName:
              type: string
              enum: [signUp, signUpLink, clickThrough, resetPassword, invite, qrCode, sms, signUpSuccess]
            OutboxMessage:
              type: object
              required: [id, recipient, subject, status, attempts, createdAt, nextAttemptAt]
              properties:
                id:
                  type: string
                  format: uuid
                appId:
                  type: string
                  format: uuid
                recipient:
                  type: string
                subject:
                  type: string
                status:
                  type: string
                  enum: [pending, sent, failed]
                attempts:
                  type: integer
                lastError:
                  type: string
                createdAt:
                  type: string
                  format: date-time
                nextAttemptAt:
                  type: string
                  format: date-time
                sentAt:
                  type: string
                  format: date-time
            AuditEntry:
              type: object
              description: Who did what, from where, and how it ended; never a password, code, token or secret.
              required: [id, appId, time, event, actor, address, outcome, detail]
              properties:
                id:
                  type: string
                  format: uuid
                appId:
                  type: string
                  format: uuid
                  nullable: true
                  description: Null for the host's own entries.
                time:
                  type: string
                  format: date-time
                event:
                  type: string
                  description: A dotted name, such as `login` or `app.update`.
                actor:
                  type: string
                  nullable: true
                  description: The user's handle, or `secret:NAME` or `cli` for administration.
                address:
                  type: string
                  nullable: true
                outcome:
                  type: string
                  description: '`success`, or the error the caller got.'
                detail:
                  type: string
                  nullable: true
            ServerSecret:
              type: object
              required: [name, createdAt]
              properties:
                name:
                  type: string
                createdAt:
                  type: string
                  format: date-time
            CreatedServerSecret:
              type: object
              required: [name, serverSecret]
              properties:
                name:
                  type: string
                serverSecret:
                  type: string
                  description: The secret, shown only here.
            CreateAppParams:
              type: object
              required: [name]
              properties:
                name:
                  type: string
                  description: 1 to 100 characters on one line.
            AppParams:
              type: object
              required: [appId]
              properties:
                appId:
                  type: string
                  description: The app's id or name.
            UpdateAppParams:
              type: object
              description: '`appId` and at least one setting. A JSON value may also be sent as its text.'
              required: [appId]
              additionalProperties: false
              properties:
                appId:
                  type: string
                  description: The app's id or name.
                name:
                  type: string
                status:
                  type: string
                  enum: [active, inactive, migrated]
                signupEnabled:
                  type: boolean
                signupFlow:
                  type: string
                  enum: [code, link, none]
                anonymousLoginEnabled:
                  type: boolean
                userNamesEnabled:
                  type: boolean
                invitationEnabled:
                  type: boolean
                googleLoginEnabled:
                  type: boolean
                appleLoginEnabled:
                  type: boolean
                appleBundleId:
                  type: string
                  description: The app's bundle ids, comma-separated; an Apple ID token must be issued to one of them.
                googleClientId:
                  type: string
                  description: The app's OAuth client ids, comma-separated; a Google ID token must be issued to one of them.
                twoFactorVerification:
                  type: string
                  enum: [none, phone, google]
                userJWTExpiration:
                  type: integer
                  minimum: 1
                  maximum: 87600
                accessTokenExpiration:
                  type: integer
                  minimum: 1
                  maximum: 3650
                realmAppId:
                  type: string
                  description: Empty to unset.
                metaDataEmail:
                  type: boolean
                locales:
                  type: string
                  description: Two-letter codes separated by commas, such as `EN,FR`; EN is always kept.
                passwordFilter:
                  type: boolean
                passwordMinLength:
                  type: integer
                  minimum: 1
                  maximum: 256
                passwordMinUpper:
                  type: integer
                  minimum: 0
                  maximum: 256
                passwordMinLower:
                  type: integer
                  minimum: 0
                  maximum: 256
                passwordMinDigit:
                  type: integer
                  minimum: 0
                  maximum: 256
                passwordMinSpecial:
                  type: integer
                  minimum: 0
                  maximum: 256
                maxLoginAttempts:
                  type: integer
                  minimum: 0
                  maximum: 1000
                metaData:
                  type: array
                  items:
                    $ref: '#/components/schemas/MetadataField'
                metaDataInvite:
                  type: array
                  items:
                    $ref: '#/components/schemas/MetadataField'
                appData:
                  type: object
                  additionalProperties: true
                emailFrom:
                  type: string
                  description: An email address; empty for the host's.
                emailReplyTo:
                  type: string
                  description: An email address; empty for none.
                signupCodeExpiration:
                  type: integer
                  minimum: 1
                  maximum: 720
                resetCodeExpiration:
                  type: integer
                  minimum: 1
                  maximum: 72
                inviteCodeExpiration:
                  type: integer
                  minimum: 1
                  maximum: 2160
                smsDailyLimit:
                  type: integer
                  minimum: 0
                  maximum: 1000000
            PutMetadataFieldParams:
              type: object
              required: [appId, path]
              properties:
                appId:
                  type: string
                  description: The app's id or name.
                path:
                  type: string
                  description: A dotted path into the metadata, such as `user_data.name`.
                fieldName:
                  type: string
                  description: The path's last part when absent.
                required:
                  type: boolean
                  default: false
                canEdit:
                  type: boolean
                  default: false
            DeleteMetadataFieldParams:
              type: object
              required: [appId, path]
              properties:
                appId:
                  type: string
                  description: The app's id or name.
                path:
                  type: string
                type:
                  type: string
                  description: Which list; `user` and `invite` are read too.
                  enum: [metaData, metaDataInvite, user, invite]
                  default: metaData
            UpdateEmailTemplateParams:
              type: object
              required: [appId, templateName, htmlTemplate]
              properties:
                appId:
                  type: string
                  description: The app's id or name.
                templateName:
                  $ref: '#/components/schemas/TemplateName'
                locale:
                  type: string
                  description: One of the app's locales.
                  default: EN
                subject:
                  type: string
                  description: Required except for clickThrough.
                replyTo:
                  type: string
                  description: Empty for none.
                htmlTemplate:
                  type: string
                  description: May use the placeholders %HANDLE%, %APP_NAME%, %CODE% and %LINK%.
                textTemplate:
                  type: string
                  description: Empty to derive it from the HTML.
            TestEmailParams:
              type: object
              required: [appId, to]
              properties:
                appId:
                  type: string
                  description: The app's id or name.
                to:
                  type: string
                  format: email
            TestSMSParams:
              type: object
              required: [appId, phone]
              properties:
                appId:
                  type: string
                  description: The app's id or name.
                phone:
                  type: string
                  description: An E.164 number such as +14155550123.
            UserRefParams:
              type: object
              required: [appId, userId]
              properties:
                appId:
                  type: string
                  description: The app's id or name.
                userId:
                  type: string
                  description: The user's id or handle.
            LocaleParams:
              type: object
              required: [appId, locale]
              properties:
                appId:
                  type: string
                  description: The app's id or name.
                locale:
                  type: string
                  description: A two-letter ISO 639-1 code.
            SetUserStatusParams:
              type: object
              required: [appId, userId, status]
              properties:
                appId:
                  type: string
                  description: The app's id or name.
                userId:
                  type: string
                  description: The user's id or handle.
                status:
                  type: string
                  enum: [active, suspend, suspended]
            ResetUserPasswordParams:
              type: object
              required: [appId, userId, hashValue]
              properties:
                appId:
                  type: string
                  description: The app's id or name.
                userId:
                  type: string
                  description: The user's id or handle.
                hashValue:
                  type: string
                  description: The MD5 of the new password, in lower-case hex.
            UpdateUserMetadataParams:
              type: object
              required: [appId, metaData]
              properties:
                appId:
                  type: string
                  description: The app's id or name.
                userId:
                  type: string
                  description: The user's id or handle; `handle` is read when absent.
                handle:
                  type: string
                metaData:
                  type: object
                  additionalProperties: true
                  description: The new metadata (in JSON, the object or its text).
            AddUserParams:
              type: object
              required: [appId, handle, password]
              properties:
                appId:
                  type: string
                  description: The app's id or name.
                handle:
                  type: string
                  format: email
                password:
                  type: string
                  description: The MD5 of the password, in lower-case hex.
                metaData:
                  type: object
                  additionalProperties: true
                  description: The user's metadata (in JSON, the object or its text).
            UserParams:
              type: object
              required: [appId]
              properties:
                appId:
                  type: string
                  description: The app's id or name.
                userId:
                  type: string
                  description: The user's id or handle; `handle` is read when absent. One of the two is required.
                handle:
                  type: string
            AppAndHandleParams:
              type: object
              required: [appId, handle]
              properties:
                appId:
                  type: string
                  description: The app's id or name.
                handle:
                  type: string
            InviteParams:
              type: object
              required: [appId]
              properties:
                appId:
                  type: string
                  description: The app's id or name.
                handles:
                  type: string
                  description: Email addresses separated by commas or new lines (1 to 1000). Required unless `handle` is given.
                handle:
                  type: string
                  description: One address, read when `handles` is absent.
                metaData:
                  type: object
                  additionalProperties: true
                  description: The invitation's metadata, checked against the app's invitation fields (in JSON, the object or its text).
            CreateServerSecretParams:
              type: object
              required: [name]
              properties:
                name:
                  type: string
                  description: 1 to 64 lower-case letters, digits, - and _.
        """#
}
