import CosyncAuthArchive
import CosyncAuthCore
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// `/api/app/export` and `/api/app/importDatabase`: an app as a zip of CSV files in the original
/// CoSync layout, out and in. Both stream through temporary files, so neither holds a large app in memory.
struct AdminPortabilityRoutes: Sendable {
    let exporter: AppExporter
    let importer: AppImporter
    /// The largest zip an import accepts.
    static let maxUploadBytes = 2 * 1024 * 1024 * 1024

    func add(to router: RouterGroup<AuthRequestContext>) {
        router.get("export", use: export)
        router.post("importDatabase", use: importDatabase)
    }

    /// `appId`, `includeSecrets` (`true` to include the app secret and private key). Answers the zip.
    @Sendable func export(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var request = request
        let params = try await RequestParameters.read(&request)
        let includeSecrets = try AdminContentRoutes.flag(params, "includeSecrets")
        let sink = try ZipExportSink()
        let folder = try PrivateFiles.folder("cosync-export-zip")
        let zip = folder.appendingPathComponent("export.zip")
        let app: App
        do {
            app = try await exporter.export(app: try params.required("appId"), includeSecrets: includeSecrets, to: sink)
            try sink.finish(to: zip)
            sink.discard()
        } catch {
            sink.discard()
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: zip.path)[.size] as? Int) ?? 0
        var headers = HTTPFields()
        headers[.contentType] = "application/zip"
        headers[.contentDisposition] = "attachment; filename=\"\(Self.fileName(app.name)).zip\""
        headers[.contentLength] = "\(size)"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                defer { try? FileManager.default.removeItem(at: folder) }
                let handle = try FileHandle(forReadingFrom: zip)
                defer { try? handle.close() }
                while let data = try handle.read(upToCount: 256 * 1024), !data.isEmpty {
                    try await writer.write(ByteBuffer(bytes: data))
                }
                try await writer.finish(nil)
            })
    }

    /// The zip as the body (`application/zip`) with `appName` in the query, or as the original's portal
    /// sends it: `multipart/form-data` with a `file` part and an `appName` field. `appName` is optional
    /// (the name in the zip). Answers the new app with its app secret, what was imported and what could
    /// not be kept.
    @Sendable func importDatabase(_ request: Request, context: AuthRequestContext) async throws -> Response {
        var name = request.uri.queryParameters["appName"].map(String.init)
        let folder = try PrivateFiles.folder("cosync-upload")
        defer { try? FileManager.default.removeItem(at: folder) }
        let upload = folder.appendingPathComponent("upload.zip")
        try PrivateFiles.create(upload)
        let handle = try FileHandle(forWritingTo: upload)
        let multipart = MultipartUpload.boundary(contentType: request.headers[.contentType] ?? "").map {
            MultipartUpload(boundary: $0, file: handle)
        }
        var received = 0
        do {
            for try await var part in request.body {
                received += part.readableBytes
                guard received <= Self.maxUploadBytes else {
                    throw HTTPError(.contentTooLarge, message: "the zip is larger than \(Self.maxUploadBytes) bytes")
                }
                if let multipart {
                    do { try multipart.feed(part) } catch is MultipartUpload.Malformed {
                        throw HTTPError(.badRequest, message: "the multipart body is malformed")
                    }
                } else {
                    try handle.write(contentsOf: part.readBytes(length: part.readableBytes) ?? [])
                }
            }
            try handle.close()
        } catch {
            try? handle.close()
            throw error
        }
        if let multipart {
            received = multipart.fileBytes
            name = multipart.fields["appName"] ?? name
        }
        name = name.flatMap { $0.isEmpty ? nil : $0 }
        guard received > 0 else { throw AuthError.missing("the zip, as the request body") }
        let source: ZipImportSource
        do { source = try ZipImportSource(zip: upload) } catch let failure as ArchiveFailure {
            throw HTTPError(.badRequest, message: failure.description)
        }
        defer { source.discard() }
        let result = try await importer.importApp(from: source, name: name)
        var json = AppJSON.app(result.app)
        json["appSecret"] = .string(result.appSecret)
        json["imported"] = .object([
            "users": .number(Double(result.users)), "signups": .number(Double(result.signups)),
            "invites": .number(Double(result.invites)), "templates": .number(Double(result.templates)),
            "keptKeyPair": .bool(result.keptKeyPair), "keptAppToken": .bool(result.keptAppToken),
        ])
        json["warnings"] = .array(result.warnings.map(JSONValue.string))
        return JSONResponse.json(.object(json))
    }

    /// An app name as a file name: letters, digits, `-` and `_`.
    static func fileName(_ name: String) -> String {
        let kept = name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }
        return String(kept.prefix(64)).isEmpty ? "app" : String(kept.prefix(64))
    }
}
