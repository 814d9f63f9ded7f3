import Hummingbird

/// Collapses repeated slashes before routing: the Swift client calls `//api/appuser/...`.
struct PathNormalizingResponder<Next: HTTPResponder>: HTTPResponder {
    let next: Next

    func respond(to request: Request, context: Next.Context) async throws -> Response {
        guard let path = request.head.path, path.contains("//") else {
            return try await next.respond(to: request, context: context)
        }
        var head = request.head
        head.path = PathNormalization.collapse(path)
        return try await next.respond(to: Request(head: head, body: request.body), context: context)
    }
}

enum PathNormalization {
    /// Collapses runs of `/` in the path, leaving the query as it is.
    static func collapse(_ path: String) -> String {
        let (route, query) = path.firstIndex(of: "?").map { (path[..<$0], path[$0...]) } ?? (path[...], "")
        var collapsed = ""
        collapsed.reserveCapacity(path.utf8.count)
        var previousWasSlash = false
        for c in route {
            if c == "/" && previousWasSlash { continue }
            previousWasSlash = c == "/"
            collapsed.append(c)
        }
        return collapsed + query
    }
}
