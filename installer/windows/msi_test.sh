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
export WINEPREFIX=$work/prefix
# shellcheck source=installer/windows/wine_lib.sh
. "$here/wine_lib.sh"
start=$SECONDS
product="Front Desk Pay"
program_files=$WINEPREFIX/drive_c/Program\ Files/$product

fresh_prefix
check "silent install (msiexec /i /qn)" [ "$(msiexec /i "$msi" /qn /norestart)" = 0 ]
check "programs under Program Files" [ -f "$program_files/FrontDeskPayCli.exe" ]
before=$(listing "$program_files")
report=$(cd /tmp && run "$program_files/FrontDeskPayCli.exe" --self-test)
indent <<<"$report"
check "self-test from Program Files, nothing failed" \
    bash -c '! grep -q "^FAIL" <<<"$1" && grep -q "^OK   sandbox sale over soap12" <<<"$1"' _ "$report"
check "the web engine check says why it is skipped under Wine" \
    contains "$report" "^SKIP web engine renders a page: Wine"
demo=$(cd /tmp && run "$program_files/FrontDeskPayCli.exe" app --demo)
tail -3 <<<"$demo" | indent
check "the demo's sale and void from Program Files" grep -qi "void" <<<"$demo"
check "nothing written under Program Files at run time" [ "$(listing "$program_files")" = "$before" ]
user_data=$(user_data_dir FrontDeskPay)
check "the user's data in their own AppData" [ -n "$user_data" ]

newer=$work/FrontDeskPay-upgrade.msi
"$here/../build_msi.sh" "$bundle" "$newer" 0.1.99 >/dev/null
check "major upgrade (a newer MSI over it)" [ "$(msiexec /i "$newer" /qn /norestart)" = 0 ]
check "one product after the upgrade, version 0.1.99" \
    [ "$(uninstall_entries "$product")/$(installed_version "$product")" = 1/0.1.99 ]
check "downgrade refused" [ "$(msiexec /i "$msi" /qn /norestart)" != 0 ]
check "silent uninstall (msiexec /x /qn)" [ "$(msiexec /x "$newer" /qn /norestart)" = 0 ]
check "Program Files cleaned" [ ! -e "$program_files/FrontDeskPayCli.exe" ]
check "no product left" [ "$(uninstall_entries "$product")" = 0 ]
check "the user's data kept" [ -d "$user_data" ]
wineserver -k 2>/dev/null
echo "msi-test: $failures failed, $((SECONDS - start)) s"
[ $failures -eq 0 ]
