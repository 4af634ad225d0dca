#!/usr/bin/env bash
# The MSI from a onedir bundle: wixl-heat lists its files, wixl builds a per-machine x64 MSI
# (msitools; `-a x64 -D Win64=yes`, no Platform attribute, paths relative: measured in
# ../shared/reference/windows-build-notes.md). Signs it when SIGN_CERT/SIGN_KEY are set.
#   installer/build_msi.sh DIST_DIR OUTPUT.msi [VERSION] [WXS]
# WXS: FrontDeskPay.wxs (the app, default) or FrontDeskPayBridge.wxs (the device bridge).
set -euo pipefail
dist=${1:?onedir bundle, e.g. dist/FrontDeskPay}
out=${2:?output .msi}
version=${3:-$(python3 -c 'import re,sys; print(re.search(r"__version__ = \"(.+)\"", open(sys.argv[1]).read())[1])' "$(dirname "$0")/../desktop_app/__init__.py")}
here=$(cd "$(dirname "$0")" && pwd)
wxs=$here/${4:-FrontDeskPay.wxs}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
parent=$(cd "$(dirname "$dist")" && pwd)
name=$(basename "$dist")
(cd "$parent" && find "$name" -type f | sort | wixl-heat --prefix "$name/" \
    --component-group AppFiles --var var.SourceDir --directory-ref INSTALLDIR --win64) \
    > "$work/files.wxs"
(cd "$parent/$name" && wixl -a x64 -D Win64=yes -D SourceDir=. -D Version="$version" \
    -o "$work/unsigned.msi" "$wxs" "$work/files.wxs")
if [ -n "${SIGN_CERT:-}" ]; then
    osslsigncode sign -certs "$SIGN_CERT" -key "${SIGN_KEY:?SIGN_KEY with SIGN_CERT}" \
        -n "Front Desk Pay" -h sha256 -in "$work/unsigned.msi" -out "$out"
else
    mv "$work/unsigned.msi" "$out"
fi
echo "$out: $(du -h "$out" | cut -f1)"
