#!/usr/bin/env bash
# Set everything up and run the whole test suite, with the linters and type checks.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
install_debian_packages "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
make_venv test
cd "$KIOSK_ROOT"
say "ruff"
.venv/bin/ruff check kiosk tests benchmarks
.venv/bin/ruff format --check kiosk tests benchmarks
say "mypy (kiosk)"
.venv/bin/mypy
say "pytest"
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
