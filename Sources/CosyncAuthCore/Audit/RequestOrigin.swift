/// Where the current request comes from, set by the adapter that received it (the HTTP server, the
/// CLI) for the duration of the request, so that the audit trail can name the client without every
/// flow taking it as a parameter.
public enum RequestOrigin {
    /// The client's network address.
    @TaskLocal public static var address: String?
    /// Who acts for administration: `secret:NAME` over HTTP, `cli` on the database.
    @TaskLocal public static var actor: String?
}
