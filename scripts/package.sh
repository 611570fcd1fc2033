#!/usr/bin/env bash
# package.sh [BUNDLES]
# Builds PSA Connect's installers with the Tauri bundler (the `tauri` CLI from npm, ui/ devDependencies):
# it builds the UI, compiles the app in release mode and bundles it. BUNDLES is the bundler's list:
#   bash scripts/package.sh                 # deb: the one bundle that builds without internet (default)
#   bash scripts/package.sh deb,appimage    # AppImage: the bundler downloads linuxdeploy, needs internet
#   bash scripts/package.sh msi             # on Windows (WiX);  bash scripts/package.sh dmg  on macOS
# Prints where each package went, its size and how long the build took. Test the .deb: scripts/test-deb.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
BUNDLES="${1:-deb}"

# Build tools, system libraries and the npm packages (the tauri CLI among them); skipped when present.
# Elsewhere (Windows with Git Bash, macOS) the toolchain is yours to install; only the npm packages are.
if command -v apt-get >/dev/null 2>&1; then
    source "$REPO_ROOT/scripts/setup.sh"
else
    (cd "$REPO_ROOT/ui" && npm install --no-audit --no-fund)
fi
cd "$REPO_ROOT"
TAURI="$REPO_ROOT/ui/node_modules/.bin/tauri"
[[ -x "$TAURI" ]] || die "the tauri CLI is not installed in ui/node_modules" "run 'npm install' in ui/ (it is a devDependency)"
command -v dpkg-deb >/dev/null 2>&1 || [[ "$BUNDLES" != *deb* ]] || die "dpkg-deb is missing" "install the dpkg package"

section "package: tauri build --bundles $BUNDLES (UI build, release compile, bundle)"
t0=$(date +%s)
marker=$(mktemp "${TMPDIR:-/tmp}/psa-package.XXXXXX")
trap 'rm -f "$marker"' EXIT
# From src-tauri so the CLI finds tauri.conf.json; its beforeBuildCommand builds ui/. --ci: no prompts.
(cd src-tauri && "$TAURI" build --ci --bundles "$BUNDLES")
took=$(( $(date +%s) - t0 ))

TARGET_DIR=$(cargo metadata --format-version 1 --no-deps | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
BUNDLE_DIR="$TARGET_DIR/release/bundle"
section "package: results"
found=0
while IFS= read -r -d '' pkg; do
    found=1
    size=$(wc -c <"$pkg" | tr -d ' ')
    printf '   %s\n     %s bytes (%s MiB)\n' "$pkg" "$size" "$(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }')"
    if [[ "$pkg" == *.deb ]]; then
        dpkg-deb --field "$pkg" Package Version Architecture Depends | sed 's/^/     /'
        binary=$(dpkg-deb --contents "$pkg" | awk '$6 ~ /usr\/bin\// { print $3 }' | head -n1)
        echo "     installed program: $binary bytes in /usr/bin"
    fi
done < <(find "$BUNDLE_DIR" -maxdepth 2 -type f \( -name '*.deb' -o -name '*.AppImage' -o -name '*.msi' -o -name '*.dmg' -o -name '*.exe' \) -newer "$marker" -print0 2>/dev/null)
[[ $found -eq 1 ]] || die "no package was written under $BUNDLE_DIR" "scroll up to the bundler's first error"
echo "   build time: ${took}s (UI build + release compile + bundling)"
print_timings
echo "package: OK. Install and smoke-test the .deb with: bash scripts/test-deb.sh"
