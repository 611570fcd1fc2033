#!/usr/bin/env bash
# Start-up benchmark of the RELEASE app: binary size, launch -> first step interactive under Xvfb, and the
# resident memory of the app with its WebKit processes (see tests/benches/app_startup.rs for what is measured).
# The release build takes several minutes on 2 cores the first time.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

section "UI: build (npm run build)"
(cd ui && npm run build)

section "app: release build"
cargo build --release --locked -p psa-connect-app --features "$(app_custom_protocol_feature)"

section "floor: an empty Tauri window (examples/blank_window.rs), same Tauri and release profile"
# Compiles the package's dev-dependencies in release mode the first time (a few minutes more).
cargo build --release --locked -p psa-connect-app --features "$(app_custom_protocol_feature)" --example blank_window

section "benchmark: compile the measuring program (dev profile, reuses the test build)"
# The measuring program itself needs no optimisation; --profile dev reuses what test.sh compiled.
FEATURES=(--workspace --locked --features "psa-connect-app/$(app_custom_protocol_feature)")
cargo bench "${FEATURES[@]}" --profile dev --bench app_startup --no-run

section "benchmark: run under Xvfb"
PSA_CONNECT_E2E_APP="$REPO_ROOT/target/release/psa-connect-app" WITH_SESSION_XVFB=always \
    bash scripts/with-session.sh cargo bench "${FEATURES[@]}" --profile dev --bench app_startup
print_timings
