# Shared by the scripts: run a command as root (directly, or through sudo).
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian/Ubuntu packages named, if any is missing.
apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "Installing ${missing[*]}..."
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

# The newest release archive in dist/ for this machine: sets $archive, $name (its file name without
# .tar.gz) and $version; fails without one.
newest_release_archive() {
    archive=$(ls -t dist/cosync-auth-*-linux-"$(uname -m)".tar.gz 2>/dev/null | head -1)
    [ -n "$archive" ] || { echo "no release archive in dist/: run scripts/release first" >&2; return 1; }
    name=$(basename "$archive" .tar.gz)
    version=${name#cosync-auth-}
    version=${version%-linux-*}
}

# A loopback TCP port free at this moment.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits up to 10 s for the host at URL to answer /health.
wait_until_healthy() {
    for _ in $(seq 1 100); do curl -sf "$1/health" >/dev/null && return 0; sleep 0.1; done
    return 1
}

# A new user's life on the host at URL for the app whose token is TOKEN: signs HANDLE up, logs them in,
# checks the answer carries a user JWT, and prints their access token.
signup_and_login() {
    local url="$1" token="$2" handle="$3" password answer
    password=$(printf '%s password' "$handle" | md5sum | cut -d' ' -f1)
    curl -sf -X POST "$url/api/appuser/signup" -H "app-token: $token" --data-urlencode "handle=$handle" --data "password=$password" >/dev/null \
        || { echo "signup of $handle failed" >&2; return 1; }
    answer=$(curl -sf -X POST "$url/api/appuser/login" -H "app-token: $token" --data-urlencode "handle=$handle" --data "password=$password") \
        || { echo "login of $handle failed" >&2; return 1; }
    python3 -c 'import json,sys; answer = json.load(sys.stdin); assert answer["jwt"].count(".") == 2; print(answer["access-token"])' <<<"$answer" \
        || { echo "login of $handle answered $answer" >&2; return 1; }
}
