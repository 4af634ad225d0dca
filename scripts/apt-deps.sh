#!/usr/bin/env bash
# Installs the Debian packages the app and its tests need, only when missing,
# non-interactively. A no-op where apt-get is absent (Windows, macOS dev boxes).
# `apt-deps.sh test` adds what only the tests use (`make test` passes it; CI runs on a fresh
# machine with sudo).
set -euo pipefail
packages=(socat postgresql)
# Qt (PySide6 xcb platform plugin, QtWebEngine's Chromium, QtPrintSupport), headless runs and
# screenshots (Xvfb, xauth, ImageMagick's `import`).
packages+=(libxcb-cursor0 libxkbcommon-x11-0 libxkbcommon0 libxcb-icccm4 libxcb-keysyms1
    libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-shape0 libxcb-randr0
    libxcb-xfixes0 libxcb-sync1 libxcb-xkb1 libx11-xcb1 libegl1 libgl1 libgbm1 libdrm2
    libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxkbfile1 libxshmfence1 libxss1
    libfontconfig1 libdbus-1-3 libcups2 libasound2 fonts-dejavu-core xvfb xauth imagemagick)
# Receipts: pdftoppm renders a receipt PDF to PNG for the screenshots, pdftotext reads it in tests.
packages+=(poppler-utils)
# Posting tests: real OpenSSH sshd (internal-sftp, chroot) and vsftpd (explicit TLS), each
# started by the test on a loopback port from its own config (tests/posting/real_servers.py).
[ "${1:-}" = "test" ] && packages+=(openssh-server openssh-client vsftpd)
# The installer (make test, make bundle-check): wixl builds the MSI, msiinfo reads it back,
# osslsigncode signs it.
[ "${1:-}" = "test" ] && packages+=(wixl msitools osslsigncode)
# The Windows build and its install test under Wine (make msi, make msi-test): Wine, and
# mingw-w64 for the test prefix's stand-in DLLs (installer/wine/README.md).
[ "${1:-}" = "windows" ] && packages+=(wixl msitools osslsigncode wine wine64 gcc-mingw-w64-x86-64
    unzip)
command -v apt-get >/dev/null 2>&1 || exit 0
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
