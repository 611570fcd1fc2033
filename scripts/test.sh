#!/usr/bin/env bash
# Runs EVERY test of PSA Connect: UI unit tests, the drift checks of the generated TypeScript (psa-core's
# `bindings`, the app's `commands_ts`: both are cargo tests of the workspace), Rust unit and integration tests,
# keychain tests against a real Secret Service, and the end-to-end tests that drive the real app window.
# On a fresh Debian 12 / Ubuntu machine it installs what is missing first (scripts/setup.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$REPO_ROOT/scripts/setup.sh"
cd "$REPO_ROOT"

LOG_DIR="$REPO_ROOT/target/test-logs"
mkdir -p "$LOG_DIR"
FEATURE="psa-connect-app/$(app_custom_protocol_feature)"
# The same feature list for every cargo command below, so each crate is compiled once.
CARGO_FLAGS=(--workspace --locked --features "$FEATURE")

section "UI: build (npm run build)"
# The app embeds ui/dist at compile time, so it has to exist before cargo runs.
(cd ui && npm run build)

section "UI: unit tests (npm test)"
(cd ui && CI=1 npm test)

section "UI: every screen in headless Chromium (ui/e2e/screens.mjs: screenshots, axe-core, layout, 800x600, 200 %)"
# IPC answered from ui/e2e/recorded-ipc.json (kept true by the ipc_recording test below). Its layouts are
# compared with the real WebKit window's by tests/tests/e2e/platform.rs in the Rust pass. No Chromium is a
# failure here, never a skip.
(cd ui && PSA_CONNECT_E2E_REQUIRED=1 node e2e/screens.mjs) ||
    die "a screen failed in headless Chromium (above; screenshots in target/e2e-screenshots/chromium/)" \
        "fix the UI, or if the engine's answers changed on purpose: UPDATE_RECORDING=1 cargo test --workspace --features psa-connect-app/custom-protocol --test ipc_recording"

section "Rust: formatting (cargo fmt --check, settings in rustfmt.toml)"
cargo fmt --all --check ||
    die "some Rust files are not formatted" "run: cargo fmt --all (then commit the result)"

section "Rust: lints (cargo clippy, warnings are errors)"
# Checks every crate and target with the same features as the tests below. Its check-only build shares
# little with theirs but build scripts and macros, so it gets a folder of its own, removed when done: the
# disk then holds one build at a time (clippy's is ~1.1 GB; CI once ran out of disk holding both).
CLIPPY_DIR="$REPO_ROOT/target/clippy"
CARGO_TARGET_DIR="$CLIPPY_DIR" cargo clippy "${CARGO_FLAGS[@]}" --all-targets -- -D warnings ||
    die "clippy found problems (above)" "fix them, or run: cargo clippy --workspace --all-targets --fix"
rm -rf "$CLIPPY_DIR"

section "Rust: compile all crates and tests once"
cargo test "${CARGO_FLAGS[@]}" --no-run
# The end-to-end tests launch target/debug/psa-connect-app, and `cargo test` builds a package's binaries
# only when that package has integration tests. `--tests` keeps dev-dependency features switched on (as in
# `cargo test`), so this reuses every crate above and at most links the app binary.
cargo build "${CARGO_FLAGS[@]}" --bins --tests
echo "target/ now holds $(du -sh target 2>/dev/null | cut -f1)."
[[ -x target/debug/psa-connect-app ]] ||
    die "target/debug/psa-connect-app was not built" "check src-tauri builds: cargo build -p psa-connect-app"

section "Rust: all tests (real keychain + real window under Xvfb)"
# REQUIRED=1 turns 'no keychain / no display here' into a failure instead of a silent skip.
export PSA_CONNECT_KEYCHAIN_REQUIRED=1 PSA_CONNECT_E2E_REQUIRED=1
export RUST_BACKTRACE=1
rc=0
WITH_SESSION_XVFB=always bash scripts/with-session.sh \
    cargo test "${CARGO_FLAGS[@]}" -- --include-ignored --test-threads=1 2>&1 | tee "$LOG_DIR/cargo-test.log" ||
    rc=$?

print_timings
# Totals over every test binary (lines like "test result: ok. 12 passed; 0 failed; 0 ignored; ...").
# Doc-tests are left out of the skipped count: `ignore` code blocks are examples, not tests.
read -r passed failed ignored < <(awk '/^ *Running / {doc = 0} /^ *Doc-tests / {doc = 1} /^test result:/ {
    for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i; if ($(i+1) ~ /^ignored/ && !doc) g += $i }
} END { print p+0, f+0, g+0 }' "$LOG_DIR/cargo-test.log")
# Passed count of the end-to-end test binary (tests/tests/e2e/main.rs), to prove the real-window tests did run;
# its one test that opens no window (every file is a module) is not counted.
e2e_ran=$(awk '/^ *Running / {e = ($0 ~ /tests\/e2e\/main\.rs/)}
    e && /^test every_file_here_is_compiled \.\.\. ok/ {g++}
    e && /^test result:/ {n += $4; e = 0} END {print n - g}' "$LOG_DIR/cargo-test.log")
e2e_ran=${e2e_ran:-0}

echo
if [[ $rc -ne 0 || $failed -ne 0 ]]; then
    echo "test.sh: FAILED: Rust tests: $passed passed, $failed failed (log: target/test-logs/cargo-test.log)."
    echo "test.sh: look for 'panicked at' or 'FAILED' above; screenshots of end-to-end steps are in target/e2e-screenshots/."
    exit 1
fi
if [[ $ignored -ne 0 || $e2e_ran -eq 0 ]]; then
    echo "test.sh: FAILED: $ignored tests were skipped and $e2e_ran end-to-end tests ran; every test must run here."
    exit 1
fi
echo "test.sh: ALL TESTS PASSED: UI unit tests, and $passed Rust tests (of which $e2e_ran end-to-end in the real window), 0 failed, 0 skipped."
