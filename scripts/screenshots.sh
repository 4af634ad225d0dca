#!/usr/bin/env bash
# Runs the app's screen tour under Xvfb and writes PNGs of every state (English and Spanish,
# 1024x768 and 1366x768) and receipt PDFs rendered to PNG (pdftoppm) to screenshots/.
# Uses a throwaway data folder and the embedded sandbox: only public test cards, no real data.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-screenshots}"
mkdir -p "$out"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export FRONTDESK_PAY_HOME="$home"
export XDG_DATA_HOME="$home/xdg"  # the file keyring too: nothing lands in the user's own
export QTWEBENGINE_CHROMIUM_FLAGS="${QTWEBENGINE_CHROMIUM_FLAGS:---no-sandbox --disable-gpu}"
export QT_QPA_PLATFORM=xcb
unset WAYLAND_DISPLAY
xvfb-run --auto-servernum --server-args="-screen 0 1366x768x24" \
    .venv/bin/python -m desktop_app.tour "$out"
echo "screenshots in $out/"
