#!/usr/bin/env bash
# Build Kaika for a store PC (docs/installing.md):
#   installer/build.sh                   the wheel, in dist/ (or $OUT)
#   installer/build.sh --install PREFIX  a virtual environment at PREFIX with the wheel and the
#                                        versions of requirements.lock, and a desktop entry
#   installer/build.sh --bundle          the PyInstaller onedir bundle dist/kaika/ (kaika.spec)
#                                        and the optional camera part dist/kaika-camera/
# The wheel and the bundle carry the compiled .qm translations, rule packs, migrations, style
# and scenarios; tests/integration/test_packaging.py and test_bundle.py check them.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-python3}
out=${OUT:-dist}

# Pins of the packages the camera part holds (OpenCV and its numpy), from requirements.lock.
lock_pins() {
  grep -iE "^($(IFS='|'; echo "$*"))==" requirements.lock
}

# The .qm files are built from the .ts sources here, never at run time in an install folder.
"$py" -m scripts.build_translations

case "${1:-}" in
  --bundle)
    work=${WORK:-build/pyinstaller}
    "$py" -m PyInstaller --noconfirm --clean --log-level WARN \
      --distpath "$out" --workpath "$work" installer/kaika.spec
    camera="$out/kaika-camera"
    rm -rf "$camera"
    # The same pinned OpenCV and numpy as the developer's venv, for the bundle's Python.
    mapfile -t pins < <(lock_pins opencv-python-headless numpy)
    "$py" -m pip install --quiet --no-deps --only-binary=:all: --target "$camera" "${pins[@]}"
    echo "built $out/kaika ($(du -sh "$out/kaika" | cut -f1)); camera part $camera" \
         "($(du -sh "$camera" | cut -f1)): copy it to $out/kaika/camera to scan with a camera"
    ;;
  ""|--install)
    "$py" -m pip wheel --quiet --no-deps . -w "$out"
    wheel=$(ls -t "$out"/kaika-*.whl | head -n1)
    echo "built $wheel"
    if [ "${1:-}" = "--install" ]; then
      prefix=${2:?usage: installer/build.sh --install PREFIX}
      "$py" -m venv "$prefix"
      # -c requirements.lock: the versions the tests passed with, not whatever is newest
      "$prefix/bin/python" -m pip install --quiet -c requirements.lock "$wheel"
      apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
      mkdir -p "$apps"
      sed "s|^Exec=kaika|Exec=$prefix/bin/kaika|" installer/kaika.desktop > "$apps/kaika.desktop"
      echo "installed into $prefix; desktop entry $apps/kaika.desktop"
    fi
    ;;
  *)
    echo "usage: installer/build.sh [--install PREFIX | --bundle]" >&2
    exit 2
    ;;
esac
