/// The release this host is: printed by `cosync-auth --version`, answered by `GET /version` and
/// `GET /health`, and reported by the admin API (`GET /api/app/host`) so that a portal can show which
/// release each host runs. The one place the version is written; `scripts/release` sets it from the
/// release's git tag in the copy of the sources it builds.
public enum HostVersion {
    public static let current = "0.9.0-dev"
}
