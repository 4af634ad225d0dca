#!/usr/bin/env bash
# The MSI as IT uses it, in a fresh Wine prefix: silent install, the self-test and the demo
# from Program Files, nothing written under Program Files while they run, a major upgrade
# leaving one product, a downgrade refused, a silent uninstall that keeps the user's data.
#   installer/windows/msi_test.sh BUNDLE_DIR MSI [WORK_DIR]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bundle=$(cd "${1:?the Windows onedir}" && pwd)
msi=$(cd "$(dirname "${2:?the MSI}")" && pwd)/$(basename "$2")
work=$(mkdir -p "${3:-$(dirname "$msi")/msi-test}" && cd "${3:-$(dirname "$msi")/msi-test}" && pwd)
export WINEPREFIX=$work/prefix WINEARCH=win64 WINEDEBUG=-all
failures=0
start=$SECONDS
check() { if "${@:2}"; then echo "OK   $1"; else echo "FAIL $1"; failures=$((failures + 1)); fi; }
run() { wine "$@" </dev/null 2>&1 | { grep -v -E '^[0-9a-f]{4}:(fixme|err|warn)' || true; }; }
msiexec() { wine msiexec "$@" </dev/null >/dev/null 2>&1; echo $?; }  # 1603 reads as 67
program_files=$WINEPREFIX/drive_c/Program\ Files/Front\ Desk\ Pay
uninstall_entries() {
    run reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s |
        grep -c 'DisplayName.*Front Desk Pay'
}

rm -rf "$WINEPREFIX"
run wineboot -i >/dev/null
"$here/../wine/standins.sh" "$WINEPREFIX"

check "silent install (msiexec /i /qn)" [ "$(msiexec /i "$msi" /qn /norestart)" = 0 ]
check "programs under Program Files" [ -f "$program_files/FrontDeskPayCli.exe" ]
listing() { (cd "$program_files" && find . -printf '%P %s %T@\n' | sort | md5sum); }
before=$(listing)
report=$(cd /tmp && run "$program_files/FrontDeskPayCli.exe" --self-test)
echo "$report" | sed 's/^/     /'
check "self-test from Program Files, nothing failed" \
    bash -c '! grep -q "^FAIL" <<<"$1" && grep -q "^OK   sandbox sale over soap12" <<<"$1"' _ "$report"
check "the web engine check says why it is skipped under Wine" \
    grep -q "^SKIP web engine renders a page: Wine" <<<"$report"
demo=$(cd /tmp && run "$program_files/FrontDeskPayCli.exe" app --demo)
echo "$demo" | tail -3 | sed 's/^/     /'
check "the demo's sale and void from Program Files" grep -qi "void" <<<"$demo"
check "nothing written under Program Files at run time" [ "$(listing)" = "$before" ]
user_data=$(find "$WINEPREFIX/drive_c/users" -maxdepth 5 -type d -name FrontDeskPay | head -1)
check "the user's data in their own AppData" [ -n "$user_data" ]

newer=$work/FrontDeskPay-upgrade.msi
"$here/../build_msi.sh" "$bundle" "$newer" 0.1.99 >/dev/null
check "major upgrade (a newer MSI over it)" [ "$(msiexec /i "$newer" /qn /norestart)" = 0 ]
check "one product after the upgrade" [ "$(uninstall_entries)" = 1 ]
check "downgrade refused" [ "$(msiexec /i "$msi" /qn /norestart)" != 0 ]
check "silent uninstall (msiexec /x /qn)" [ "$(msiexec /x "$newer" /qn /norestart)" = 0 ]
check "Program Files cleaned" [ ! -e "$program_files/FrontDeskPayCli.exe" ]
check "no product left" [ "$(uninstall_entries)" = 0 ]
check "the user's data kept" [ -d "$user_data" ]
echo "msi-test: $failures failed, $((SECONDS - start)) s"
[ $failures -eq 0 ]
