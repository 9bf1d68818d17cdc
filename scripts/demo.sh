#!/usr/bin/env bash
# Set everything up and start the kiosk in demo mode, in a window (demo staff PIN: 1234).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
install_debian_packages "${RUNTIME_PACKAGES[@]}"
make_venv ""
exec "$KIOSK_ROOT/.venv/bin/kiosk" run --demo --windowed "$@"
