#!/usr/bin/env bash
# Installs everything PSA Connect needs to build, run and test on Debian 12 / Ubuntu.
# Safe to run again: each part is skipped when it is already in place.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Build needs the first line; tests (real window, WebDriver, real Secret Service) need the second; the UI's
# screens also run in headless Chromium, the engine of Windows' WebView2 (ui/e2e/screens.mjs).
# dbus-x11 is left out on purpose: with it, GTK apps under Xvfb autolaunch a session bus that outlives the tests.
APT_PACKAGES=(
    libwebkit2gtk-4.1-dev librsvg2-dev libssl-dev libdbus-1-dev pkg-config file
    xvfb xauth webkit2gtk-driver imagemagick gnome-keyring libsecret-tools dbus-daemon fonts-dejavu-core
    # xclip: the end-to-end tests read the X clipboard (the vendor step copies a value and clears it again).
    xclip
    # chromium: the screens run in headless Chromium too (the stand-in for Windows' WebView2).
    chromium
)
TAURI_DRIVER_VERSION="2.1.0"

section "setup: toolchains (Rust, Node)"
command -v cargo >/dev/null 2>&1 || [[ -x "$HOME/.cargo/bin/cargo" ]] ||
    die "Rust (cargo) is not installed" "install Rust with rustup (https://rustup.rs), open a new shell, run this again"
export PATH="$HOME/.cargo/bin:$PATH"
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 ||
    die "Node.js (node and npm) is not installed" "install Node.js 20 or newer (apt-get install nodejs npm, or nodesource), then run this again"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[[ "$node_major" -ge 18 ]] || die "Node.js $(node --version) is too old" "install Node.js 20 or newer"
# test.sh checks formatting and lints; a minimal rustup profile has neither tool.
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
    command -v rustup >/dev/null 2>&1 ||
        die "cargo fmt or cargo clippy is missing" "install the rustfmt and clippy components of your Rust toolchain"
    rustup component add rustfmt clippy
fi
echo "cargo: $(cargo --version)"
echo "node:  $(node --version), npm $(npm --version)"

section "setup: system packages (apt)"
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [[ ${#missing[@]} -eq 0 ]]; then
    echo "all ${#APT_PACKAGES[@]} packages already installed"
else
    command -v apt-get >/dev/null 2>&1 ||
        die "missing packages: ${missing[*]}" "this script knows apt only (Debian/Ubuntu); install those packages by hand"
    echo "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq
    # One command for all of them: webkit2gtk-driver must match libwebkit2gtk-4.1-0 exactly.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}"
fi
if dpkg -s dbus-x11 >/dev/null 2>&1; then
    echo "warning: dbus-x11 is installed; GTK apps under Xvfb may start stray session buses (apt-get remove dbus-x11)"
fi

section "setup: Node packages (npm in ui/)"
cd "$REPO_ROOT/ui"
[[ -f package-lock.json ]] || die "ui/package-lock.json is missing" "run 'npm install' in ui/ once and commit package-lock.json"
# npm ci wipes node_modules and takes a while: skip it when the tree was installed from this very lock file.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -f node_modules/.psa-lock-hash && "$(cat node_modules/.psa-lock-hash)" == "$lock_hash" ]]; then
    echo "node_modules already installed from this package-lock.json"
elif [[ -d node_modules ]] && npm ls --all >/dev/null 2>&1; then
    # Installed by hand (npm install) and consistent: keep it rather than wipe someone's working tree.
    echo "node_modules present and consistent (npm ls); not reinstalling"
else
    # npm 11 writes lock files without the other platforms' optional packages (rollup's native builds), and
    # `npm ci` then refuses them as "out of sync". `npm install` with exact versions in package.json and the
    # committed lock gives the same tree; put the lock back so a run leaves the work tree unchanged.
    cp package-lock.json "${TMPDIR:-/tmp}/psa-ui-package-lock.json"
    npm install --no-audit --no-fund
    cp "${TMPDIR:-/tmp}/psa-ui-package-lock.json" package-lock.json
    echo "$lock_hash" > node_modules/.psa-lock-hash
fi
cd "$REPO_ROOT"

section "setup: tauri-driver $TAURI_DRIVER_VERSION"
if cargo install --list | grep -q "^tauri-driver v$TAURI_DRIVER_VERSION:"; then
    echo "tauri-driver $TAURI_DRIVER_VERSION already installed"
else
    cargo install tauri-driver --locked --version "$TAURI_DRIVER_VERSION"
fi
command -v WebKitWebDriver >/dev/null 2>&1 ||
    die "WebKitWebDriver is not on PATH" "install the webkit2gtk-driver package (same version as libwebkit2gtk-4.1-0)"

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    print_timings
    echo "setup: OK"
fi
