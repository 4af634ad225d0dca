#!/usr/bin/env bash
# Compiles the stand-ins (README.md) into a Wine prefix's system32 and makes Wine prefer them.
#   installer/wine/standins.sh PREFIX
set -euo pipefail
prefix=${1:?wine prefix}
here=$(cd "$(dirname "$0")" && pwd)
sys32=$prefix/drive_c/windows/system32
mkdir -p "$sys32"
cc=x86_64-w64-mingw32-gcc
$cc -shared -O2 -o "$sys32/icuuc.dll" "$here/icuuc.c"
$cc -shared -O2 -o "$sys32/bcryptprimitives.dll" "$here/bcryptprimitives.c" -lbcrypt
$cc -shared -O2 -o "$sys32/mscms.dll" "$here/mscms.c"
# native (ours) before Wine's builtin for these three only
WINEPREFIX=$prefix wine reg add 'HKCU\Software\Wine\DllOverrides' /v icuuc /d native /f \
    </dev/null 2>&1 | cat >/dev/null
WINEPREFIX=$prefix wine reg add 'HKCU\Software\Wine\DllOverrides' /v bcryptprimitives \
    /d native /f </dev/null 2>&1 | cat >/dev/null
WINEPREFIX=$prefix wine reg add 'HKCU\Software\Wine\DllOverrides' /v mscms /d native /f \
    </dev/null 2>&1 | cat >/dev/null
