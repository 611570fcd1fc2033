#!/usr/bin/env bash
# test-deb.sh [PACKAGE.deb]
# Smoke test of the Debian package built by scripts/package.sh (default: the newest .deb under the target
# directory): installs it with `apt-get install ./….deb`, checks the files it put in place (program, desktop
# entry with the psa-connect:// handler, icons), starts the INSTALLED program under Xvfb with its own D-Bus
# session and keyring, checks that it stays up and shows its window (plus a screenshot), opens a hand-off
# link in a second launch and checks the running instance received it, then removes the package again.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

DEB="${1:-}"
if [[ -z "$DEB" ]]; then
    TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
    DEB=$(ls -t "$TARGET_DIR"/release/bundle/deb/*.deb 2>/dev/null | head -n1 || true)
fi
[[ -n "$DEB" && -f "$DEB" ]] || die "no .deb to test" "build one first: bash scripts/package.sh (or pass its path)"
DEB=$(realpath "$DEB")
PKG=$(dpkg-deb --field "$DEB" Package)
OUT="$REPO_ROOT/target/test-deb"
rm -rf "$OUT" && mkdir -p "$OUT"

section "test-deb: tools (Xvfb, xwininfo, ImageMagick, D-Bus, keyring)"
need=()
for pair in Xvfb:xvfb xwininfo:x11-utils import:imagemagick dbus-run-session:dbus-daemon gnome-keyring-daemon:gnome-keyring; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair#*:}")
done
if [[ ${#need[@]} -gt 0 ]]; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

section "test-deb: apt-get install $DEB"
installed=0
cleanup() {
    if [[ $installed -eq 1 ]]; then
        echo "test-deb: removing $PKG"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$PKG" >/dev/null || true
    fi
}
trap cleanup EXIT
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$DEB"
installed=1
BIN=$(dpkg -L "$PKG" | grep -E '^/usr/bin/[^/]+$' | head -n1)
[[ -x "$BIN" ]] || die "the package installed no program in /usr/bin" "check bundle settings in src-tauri/tauri.conf.json"
DESKTOP=$(dpkg -L "$PKG" | grep -E '^/usr/share/applications/.*\.desktop$' | head -n1)
[[ -n "$DESKTOP" ]] || die "the package has no desktop entry" "check the deb bundle settings"
grep -q 'x-scheme-handler/psa-connect' "$DESKTOP" ||
    die "the desktop entry does not register psa-connect:// links" "check plugins.deep-link.desktop.schemes in tauri.conf.json"
dpkg -L "$PKG" | grep -q '^/usr/share/icons/hicolor/.*/apps/.*\.png$' || die "the package installed no icons" "check bundle.icon"
grep -q 'application/x-psa-connect-handoff' "$DESKTOP" ||
    die "the desktop entry does not open hand-off files" "check bundle.fileAssociations in tauri.conf.json"
[[ -f /usr/share/mime/packages/com.psaconnect.desktop.xml ]] ||
    die "the package did not install the hand-off file type" "check bundle.linux.deb.files in tauri.conf.json"
echo "program $BIN, desktop entry $DESKTOP (handles psa-connect:// and *.psaconnect), icons installed"

section "test-deb: start the installed program under Xvfb"
# A fresh data, log and keychain namespace: the test never touches a real user's profiles.
export PSA_CONNECT_DATA_DIR="$OUT/data" PSA_CONNECT_LOG_DIR="$OUT/logs" PSA_CONNECT_KEYCHAIN_NAMESPACE="test:deb"
# A hand-off link as `psa-connect handoff create --link` writes it (compact JSON, base64url).
HANDOFF_JSON=$(node -e 'console.log(JSON.stringify({ kind: "psa-connect-handoff", version: 1, openStep: "secret",
    name: "Deb file test", psa: "autotask", template: "custom", username: "api.user@example.com", integrationCode: "",
    filters: {}, settings: {}, notes: "" }))')
# The desktop's MIME database (rebuilt by shared-mime-info's trigger) must map the extension to our type; GIO
# reads it the way file managers do. (xdg-mime outside a desktop session sniffs the content instead: JSON.)
grep -q '\*\.psaconnect' /usr/share/mime/globs2 ||
    die "the MIME database has no *.psaconnect pattern" "check src-tauri/linux/psa-connect-handoff.xml and bundle.linux.deb.files"
if command -v gio >/dev/null 2>&1; then
    printf "%s" "$HANDOFF_JSON" >"$OUT/probe.psaconnect"
    got=$(gio info -a standard::content-type "$OUT/probe.psaconnect" | sed -n 's/.*content-type: //p')
    [[ "$got" == application/x-psa-connect-handoff ]] || die "*.psaconnect is seen as '$got'" "check src-tauri/linux/psa-connect-handoff.xml"
    echo "*.psaconnect files are $got"
fi
LINK=$(node -e 'const d = { kind: "psa-connect-handoff", version: 1, openStep: "secret", name: "Deb smoke test",
    psa: "autotask", template: "custom", username: "api.user@example.com", integrationCode: "", filters: {},
    settings: {}, notes: "from scripts/test-deb.sh" };
  console.log("psa-connect://setup?d=" + Buffer.from(JSON.stringify(d)).toString("base64url"))')
export BIN OUT LINK HANDOFF_JSON
WITH_SESSION_XVFB=always bash scripts/with-session.sh bash -c '
    set -euo pipefail
    "$BIN" >"$OUT/app.out" 2>&1 &
    pid=$!
    shown=0
    for _ in $(seq 60); do
        kill -0 "$pid" 2>/dev/null || { echo "!!! the app exited at start:"; cat "$OUT/app.out"; exit 1; }
        if xwininfo -root -tree | grep -q "\"PSA Connect\""; then shown=1; break; fi
        sleep 0.5
    done
    [[ $shown -eq 1 ]] || { echo "!!! no window titled PSA Connect within 30 s"; xwininfo -root -tree | head -n 30; kill "$pid"; exit 1; }
    sleep 5   # let WebKit render, and prove it stays up
    kill -0 "$pid" 2>/dev/null || { echo "!!! the app died after showing its window:"; cat "$OUT/app.out"; exit 1; }
    xwininfo -root -tree | grep "\"PSA Connect\"" | head -n 3
    import -window root "$OUT/window.png"
    echo "window shown and still running after 5 s; screenshot $OUT/window.png"
    # A second launch with a hand-off link must hand it to the running instance and exit.
    timeout 20 "$BIN" "$LINK" >"$OUT/second.out" 2>&1 || { echo "!!! the second launch did not exit"; exit 1; }
    for _ in $(seq 40); do grep -q "hand-off opened" "$OUT"/logs/*.log 2>/dev/null && break; sleep 0.25; done
    grep -q "hand-off opened" "$OUT"/logs/*.log || { echo "!!! the running instance did not receive the link"; cat "$OUT"/logs/*.log; exit 1; }
    echo "a second launch with a psa-connect:// link reached the running instance"
    import -window root "$OUT/after-link.png"
    # A double-clicked hand-off file arrives the same way, as a path on the command line of a second launch.
    printf "%s" "$HANDOFF_JSON" >"$OUT/contoso.psaconnect"
    timeout 20 "$BIN" "$OUT/contoso.psaconnect" >"$OUT/third.out" 2>&1 || { echo "!!! the launch with a file did not exit"; exit 1; }
    for _ in $(seq 40); do [[ $(grep -c "hand-off opened" "$OUT"/logs/*.log) -ge 2 ]] && break; sleep 0.25; done
    [[ $(grep -c "hand-off opened" "$OUT"/logs/*.log) -ge 2 ]] || { echo "!!! the running instance did not receive the file"; exit 1; }
    echo "a second launch with a .psaconnect file reached the running instance"
    sleep 1
    import -window root "$OUT/after-file.png"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
'
grep -q "PSA Connect started" "$OUT"/logs/*.log || die "the app wrote no log to PSA_CONNECT_LOG_DIR" "see $OUT/app.out"
print_timings
echo "test-deb: OK ($PKG from $(basename "$DEB")); screenshots in $OUT"
