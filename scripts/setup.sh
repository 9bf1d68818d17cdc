# Shared set-up steps for scripts/demo.sh and scripts/test.sh (sourced, not run).
# Installs the Debian packages Qt and speech need, then a virtual environment in .venv.

KIOSK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"

# Libraries Qt's xcb/offscreen platforms load, the speech engine, and venv support.
RUNTIME_PACKAGES=(
    libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
    libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
    libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0
    libxcb-xkb1 libxrender1 libxi6 libsm6 libice6 espeak-ng alsa-utils
)
# Tools the tests use: QR decoding, PDF text and rendering, the sqlite3 CLI baseline,
# and PostgreSQL (a throwaway server for the warehouse test).
TEST_PACKAGES=(zbar-tools poppler-utils sqlite3 postgresql)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_debian_packages() {
    local missing=()
    if ! command -v dpkg-query >/dev/null 2>&1; then
        say "Not a Debian-based system: install the equivalents of these yourself: $*"
        return 0
    fi
    for package in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "Installing system packages: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
            say "Please install as root: apt-get install ${missing[*]}"; return 1
        fi
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_venv_support() {
    # Debian's python3 needs python3-venv (ensurepip) to create virtual environments.
    if ! "$PYTHON" -c "import ensurepip, venv" >/dev/null 2>&1; then
        local version
        version="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
        install_debian_packages "python${version}-venv" || install_debian_packages python3-venv
    fi
}

make_venv() {
    # $1: the extras to install: "" for the kiosk alone, or e.g. "test".
    # An install with the test extras also serves the demo (it is a superset).
    local extras="$1" hash spec
    ensure_venv_support
    if [ ! -x "$KIOSK_ROOT/.venv/bin/python" ]; then
        say "Creating the virtual environment in .venv"
        "$PYTHON" -m venv "$KIOSK_ROOT/.venv"
    fi
    hash="$(sha256sum <"$KIOSK_ROOT/pyproject.toml" | cut -c1-16)"
    case "$(cat "$KIOSK_ROOT/.venv/.kiosk-installed" 2>/dev/null)" in
        "$hash-$extras" | "$hash-test") return 0 ;;
    esac
    spec="$KIOSK_ROOT"
    [ -n "$extras" ] && spec="$KIOSK_ROOT[$extras]"
    say "Installing the kiosk and its Python packages"
    "$KIOSK_ROOT/.venv/bin/python" -m pip install -q --upgrade pip
    "$KIOSK_ROOT/.venv/bin/python" -m pip install -q -e "$spec"
    echo "$hash-$extras" >"$KIOSK_ROOT/.venv/.kiosk-installed"
}
