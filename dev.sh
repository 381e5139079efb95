#!/usr/bin/env bash
# Kaika developer entry point: `./dev.sh run` (demo till) and `./dev.sh test` (lint, types, tests).
# Each command prepares everything it needs on a fresh clone: system libraries, a virtual
# environment in .venv, the project and its pinned dependencies, compiled translations.
set -euo pipefail
cd "$(dirname "$0")"

# Shared libraries the Python wheels load at run time (zbar and libusb through ctypes, Qt's offscreen and
# xcb platforms), and a small CJK font so Qt can draw Chinese. The xcb list is what `ldd` shows
# Qt >= 6.5's libqxcb.so and libQt6XcbQpa.so need beyond a minimal Debian: without any one of
# them `xvfb-run -a ./dev.sh run` aborts with "could not load the Qt platform plugin xcb".
SYSTEM_PACKAGES=(libzbar0 libusb-1.0-0 fonts-wqy-microhei libegl1 libgl1 libxkbcommon0 libfontconfig1
  libdbus-1-3 libglib2.0-0
  libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1
  libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0)
# Only the tests need: the PDF font's character map, to check every glyph a report draws;
# makensis, to build the Windows installer script (tests/integration/test_windows_installer.py);
# PgBouncer, to run the sync tests through transaction pooling (tests/sync/pgbouncer.py);
# Chromium and its driver, for the head-office console's browser tests (Selenium).
TEST_PACKAGES=(poppler-data nsis pgbouncer chromium chromium-driver)

need_system_packages() {
  # Only Debian-family systems can be checked and fixed here; elsewhere the README lists them.
  command -v dpkg >/dev/null || return 0
  local missing=()
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "kaika: installing system packages: ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "kaika: these system packages are missing: ${missing[*]}" >&2
    echo "kaika: install them (Debian/Ubuntu: sudo apt-get install ${missing[*]}) and run again." >&2
    exit 1
  fi
}

setup_venv() {
  local py=${PYTHON:-python3}
  if ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "kaika: Python 3.11 or newer is needed (tried '$py'); set PYTHON=/path/to/python3.11" >&2
    exit 1
  fi
  [ -x .venv/bin/python ] || "$py" -m venv .venv
  # Reinstall only when the dependency list changed: keeps repeated runs fast.
  local stamp=.venv/.kaika-installed
  local want; want=$(cat pyproject.toml requirements.lock 2>/dev/null | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -c requirements.lock -e '.[dev]'
    echo "$want" > "$stamp"
  fi
  .venv/bin/python -m scripts.build_translations
}

postgres_up() {
  # The head-office tests need PostgreSQL on 127.0.0.1:5432; start the local cluster if stopped.
  command -v pg_isready >/dev/null || return 0
  pg_isready -q -h 127.0.0.1 -p 5432 && return 0
  if command -v pg_ctlcluster >/dev/null && [ "$(id -u)" = 0 ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
}

case "${1:-}" in
  run)
    shift
    need_system_packages
    setup_venv
    exec .venv/bin/kaika run --demo "$@"
    ;;
  test)
    shift
    SYSTEM_PACKAGES+=("${TEST_PACKAGES[@]}")
    need_system_packages
    setup_venv
    postgres_up
    .venv/bin/ruff check .
    .venv/bin/mypy
    QT_QPA_PLATFORM=offscreen exec .venv/bin/pytest "$@"
    ;;
  *)
    echo "usage: ./dev.sh run | ./dev.sh test [pytest args]" >&2
    exit 2
    ;;
esac
