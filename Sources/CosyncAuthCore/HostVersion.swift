/// The release this host is, reported by the admin API (`GET /api/app/host`) so that a portal can show
/// which release each host runs. The one place the version is written.
public enum HostVersion {
    public static let current = "0.9.0-dev"
}
