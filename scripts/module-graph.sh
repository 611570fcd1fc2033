#!/usr/bin/env bash
# Prints psa-core's module graph: each top-level module of crates/psa-core/src with its layer and
# the modules it imports, and any import cycle (the run fails on one). The reading and the cycle check are
# the test crates/psa-core/tests/module_graph.rs, which `scripts/test.sh` runs with the rest;
# this runs it alone, with test.sh's cargo flags so nothing is compiled twice.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
cargo test --workspace --features "psa-connect-app/$(app_custom_protocol_feature)" --test module_graph -- \
    --nocapture top_level_modules_import_each_other_without_a_cycle
