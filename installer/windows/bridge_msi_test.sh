#!/usr/bin/env bash
# The device bridge's MSI as IT uses it on a thin client, in a fresh Wine prefix: silent
# install, its Start-menu and Startup entries, FrontDeskPayBridge.exe from Program Files
# serving a simulated reader on a loopback port that this checkout pairs with over TLS, a
# major upgrade that keeps the pairing and the bridge's certificate, a downgrade refused, and
# a silent uninstall that leaves nothing under Program Files and keeps the user's data.
#   installer/windows/bridge_msi_test.sh BUNDLE_DIR MSI [WORK_DIR]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bundle=$(cd "${1:?the Windows bridge onedir}" && pwd)
msi=$(cd "$(dirname "${2:?the bridge MSI}")" && pwd)/$(basename "$2")
work=$(mkdir -p "${3:-$(dirname "$msi")/bridge-msi-test}" &&
       cd "${3:-$(dirname "$msi")/bridge-msi-test}" && pwd)
export WINEPREFIX=$work/prefix
# shellcheck source=installer/windows/wine_lib.sh
. "$here/wine_lib.sh"
start=$SECONDS
product="Front Desk Pay device bridge"
program_files=$WINEPREFIX/drive_c/Program\ Files/$product
exe=$program_files/FrontDeskPayBridge.exe
port=$("$root/.venv/bin/python" -c \
    'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$work/serve.log

# FrontDeskPayBridge.exe serve in the background on the loopback port, until stop_bridge;
# waits for its first lines (the pairing code when it shows one).
serve() {
    : >"$log"
    (cd /tmp && run "$exe" serve --listen 127.0.0.1 --port "$port" --sim swipe "$@" >"$log") &
    for _ in $(seq 90); do
        grep -q "hid:" "$log" && { [ "$*" != --pair ] || grep -q "Pairing code:" "$log"; } &&
            break
        sleep 1
    done
    sed 's/Pairing code: \S*/Pairing code: (shown)/' "$log" | indent
}
stop_bridge() { wineserver -k 2>/dev/null; wait; }
# The certificate the bridge shows on its TLS port, and the protocol it settled on.
tls_port() {
    openssl s_client -connect "127.0.0.1:$port" -servername bridge </dev/null 2>/dev/null |
        tee "$work/s_client.out" | openssl x509 -noout -fingerprint -sha256 2>/dev/null
}
hklm_key() { wine reg query "HKLM\\Software\\FrontDeskPay\\Bridge" </dev/null >/dev/null 2>&1; }
shortcut() { find "$WINEPREFIX/drive_c" -name "$1.lnk" | grep -q .; }
table() { msiinfo export "$msi" "$1" | tail -n +4 | tr -d '\r'; }
hklm_only() {  # Registry rows' root: 2 = HKLM; 1 (HKCU) would self-repair in every session
    local roots; roots=$(table Registry | cut -f2 | sort -u)
    [ "$roots" = 2 ]
}

fresh_prefix
shortcuts=$(table Shortcut)
check "the MSI declares the Startup entry: FrontDeskPayBridge.exe serve" contains "$shortcuts" \
    $'^StartupShortcut\tStartupFolder\t.*\t\\[INSTALLDIR\\]FrontDeskPayBridge\\.exe\tserve\t'
check "the MSI declares the Start-menu entry: serve --pair" contains "$shortcuts" \
    $'^PairShortcut\tProgramMenuFolder\t.*\tserve --pair\t'
check "the MSI's key paths are in HKLM only (no per-user self-repair)" hklm_only

check "silent install (msiexec /i /qn)" [ "$(msiexec /i "$msi" /qn /norestart)" = 0 ]
check "FrontDeskPayBridge.exe under Program Files" [ -f "$exe" ]
check "one $product in Add/Remove Programs" [ "$(uninstall_entries "$product")" = 1 ]
check "the Start-menu entry installed" shortcut "Pair the Front Desk Pay device bridge"
check "the Startup entry installed" shortcut "$product"
check "the entries' key paths in HKLM\\Software\\FrontDeskPay\\Bridge" hklm_key
before=$(listing "$program_files")
help=$(cd /tmp && run "$exe" --help)
check "--help from Program Files lists serve, pairings, revoke" \
    contains "$help" "bridge serve" "bridge pairings" "bridge revoke"
check "pairings from Program Files: none yet" \
    contains "$(cd /tmp && run "$exe" pairings)" "No workstation is paired"

serve --pair
code=$(sed -n -E 's/.*Pairing code: (\S+).*/\1/p' "$log" | head -1)
check "serve shows TLS 1.2+, the simulated reader and a pairing code" \
    contains "$(cat "$log")" "TLS 1\.2\+" "hid:0801:2020:B0SIMDF1" "Pairing code: [^ (]"
fingerprint=$(tls_port)
check "its TLS port answers with TLS 1.2 or 1.3 and a certificate" \
    contains "$fingerprint $(cat "$work/s_client.out")" "Fingerprint=" "TLSv1\.[23]"
rm -rf "$work/workstation"  # a new workstation each run: its own certificate and pins
client=$(cd "$root" && FRONTDESK_PAY_HOME=$work/workstation \
    .venv/bin/python "$here/bridge_client.py" 127.0.0.1 "$port" "$code" 2>&1)
indent <<<"$client"
check "this checkout refused unpaired, then paired and listed the bridge's reader" \
    contains "$client" "not paired" "Paired with the device bridge" "hid:0801:2020:B0SIMDF1"
stop_bridge
paired=$(cd /tmp && run "$exe" pairings)
check "pairings lists this workstation, paired from Linux" \
    contains "$paired" "^$(id -un)@$(hostname) .* paired 20"
check "nothing written under Program Files at run time" [ "$(listing "$program_files")" = "$before" ]
user_data=$(user_data_dir FrontDeskPay)
check "the bridge's certificate and pairings in the user's own AppData" \
    contains "$(find "${user_data:-/nonexistent}" -name '*.json' -o -name '*.pem' 2>/dev/null)" \
    "/pins\.json$" "\.pem$"

newer=$work/FrontDeskPayBridge-upgrade.msi
"$here/../build_msi.sh" "$bundle" "$newer" 0.1.99 FrontDeskPayBridge.wxs >/dev/null
check "major upgrade (a newer MSI over it)" [ "$(msiexec /i "$newer" /qn /norestart)" = 0 ]
check "one product after the upgrade, version 0.1.99" \
    [ "$(uninstall_entries "$product")/$(installed_version "$product")" = 1/0.1.99 ]
serve
check "after the upgrade: still paired (no code shown)" not grep -q "Pairing code" "$log"
check "after the upgrade: the same certificate on its TLS port" [ "$(tls_port)" = "$fingerprint" ]
stop_bridge
check "downgrade refused" [ "$(msiexec /i "$msi" /qn /norestart)" != 0 ]
revoked=$(cd /tmp && run "$exe" revoke --all)
check "revoke --all forgets the workstation" \
    contains "$revoked $(cd /tmp && run "$exe" pairings)" "^Revoked: " "No workstation is paired"
check "silent uninstall (msiexec /x /qn)" [ "$(msiexec /x "$newer" /qn /norestart)" = 0 ]
# Wine's msiexec keeps the emptied folder (Windows removes it: windows.yml checks that)
check "no file left under Program Files" [ -z "$(find "$program_files" -type f 2>/dev/null)" ]
check "no product left" [ "$(uninstall_entries "$product")" = 0 ]
check "the Start-menu and Startup entries removed" \
    not contains "$(find "$WINEPREFIX/drive_c" -name '*.lnk')" "Front Desk Pay device bridge"
check "HKLM\\Software\\FrontDeskPay\\Bridge removed" not hklm_key
check "the user's data kept" [ -d "$user_data" ]
wineserver -k 2>/dev/null
echo "bridge-msi-test: $failures failed, $((SECONDS - start)) s"
[ $failures -eq 0 ]
