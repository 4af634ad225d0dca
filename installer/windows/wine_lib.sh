# shellcheck shell=bash
# Sourced by msi_test.sh and bridge_msi_test.sh: the MSI tests' one-line checks and the Wine
# quirks they share (../shared/reference/windows-build-notes.md). Console output must go
# through a pipe ("Invalid handle" into a file), exit codes keep their low 8 bits (1603
# reads as 67), and Wine's fixme/err/warn lines are noise here. winemenubuilder is off: it
# would copy the MSIs' shortcuts into this Linux user's own desktop menu.
export WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES=winemenubuilder.exe=d
failures=0
check() { if "${@:2}"; then echo "OK   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi; }
run() { wine "$@" </dev/null 2>&1 | { grep --line-buffered -v -E '^[0-9a-f]{4}:(fixme|err|warn)' || true; }; }
msiexec() { wine msiexec "$@" </dev/null >/dev/null 2>&1; echo $?; }
not() { ! "$@"; }
# contains TEXT ERE...: every pattern matches a line of TEXT.
contains() {
    local text=$1 pattern
    shift
    for pattern; do grep -q -E -- "$pattern" <<<"$text" || return 1; done
}
indent() { sed 's/^/     /'; }

# A new prefix for WINEPREFIX, with the test-only stand-in DLLs (../wine/README.md).
fresh_prefix() {
    wineserver -k 2>/dev/null || true
    rm -rf "$WINEPREFIX"
    run wineboot -i >/dev/null
    "$(dirname "${BASH_SOURCE[0]}")/../wine/standins.sh" "$WINEPREFIX"
}

# The Add/Remove Programs list as "NAME<TAB>VERSION" lines, one per installed product.
products() {
    run reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s | tr -d '\r' |
        awk '/^HKEY/ { if (n != "") print n "\t" v; n = ""; v = "" }
             / DisplayName +REG_SZ / { sub(/.* REG_SZ +/, ""); n = $0 }
             / DisplayVersion +REG_SZ / { sub(/.* REG_SZ +/, ""); v = $0 }
             END { if (n != "") print n "\t" v }'
}
# How many products named exactly $1 are installed, and the version of the one that is.
uninstall_entries() { products | awk -F '\t' -v name="$1" '$1 == name' | wc -l; }
installed_version() { products | awk -F '\t' -v name="$1" '$1 == name { print $2 }'; }

# Every file under a folder with its size and time: equal before and after = nothing written.
listing() { (cd "$1" && find . -printf '%P %s %T@\n' | sort | md5sum); }

# The folder named $1 the program made in this Wine user's AppData.
user_data_dir() { find "$WINEPREFIX/drive_c/users" -maxdepth 5 -type d -name "$1" | head -1; }
