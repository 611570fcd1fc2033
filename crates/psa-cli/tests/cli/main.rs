//! The `psa-connect` binary run as support staff and scripts run it, against the simulators on 127.0.0.1:
//! one test binary, so its dependencies are linked once rather than once per file (CI's disk, 7 Dec 2026).
//! One area per module; `cargo test -p psa-cli --test cli -- profile::` runs one of them.

mod common;

mod autotask;
mod autotask_inputs;
mod connectwise;
mod connectwise_handoff;
mod connectwise_preview;
mod pack;
mod profile;
mod profile_connectwise;
mod secret_tty;
mod support;

/// Every file beside this one is one of its modules (see `psa_tests::modules`).
#[test]
fn every_file_here_is_compiled() {
    psa_tests::modules::assert_every_file_is_a_module(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli"),
    );
}
