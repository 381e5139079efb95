#!/usr/bin/env bash
# Build Kaika's wheel (and with --install PREFIX, a self-contained install with a desktop entry).
# The wheel carries the rule packs, translations and migrations as package data; the test
# suite builds it and checks they are inside (tests/integration/test_packaging.py).
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-python3}
out=${OUT:-dist}
"$py" -m pip wheel --quiet --no-deps . -w "$out"
wheel=$(ls -t "$out"/kaika-*.whl | head -n1)
echo "built $wheel"
if [ "${1:-}" = "--install" ]; then
  prefix=${2:?usage: installer/build.sh --install PREFIX}
  "$py" -m venv "$prefix"
  "$prefix/bin/python" -m pip install --quiet "$wheel"
  apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
  mkdir -p "$apps"
  sed "s|^Exec=kaika|Exec=$prefix/bin/kaika|" installer/kaika.desktop > "$apps/kaika.desktop"
  echo "installed into $prefix; desktop entry $apps/kaika.desktop"
fi
