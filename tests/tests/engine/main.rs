//! The engine against the simulators over real HTTP on 127.0.0.1, the keychain and the profile store: one test
//! binary, so CI links the engine, the simulators and their dependencies once instead of once per file (each
//! link is ~30 MB of test program: one per file, they and the rest of the build filled CI's disk).
//! One area per module; `cargo test -p psa-tests --test engine -- autotask_check::` runs one of them.

mod autotask_support;
mod connectwise_support;

mod answers;
mod autotask_check;
mod autotask_faults;
mod autotask_preview;
mod autotask_recheck_zone;
mod autotask_refusals;
mod autotask_templates;
mod autotask_zone;
mod conformance;
mod connectwise_check;
mod connectwise_faults;
mod connectwise_preview;
mod connectwise_site;
mod connectwise_unproven;
mod cw_sim_smoke;
mod keychain;
mod profile_crash;
mod profile_recheck;
mod recheck_all;
mod sim_smoke;

/// Every file beside this one is one of its modules (see `psa_tests::modules`).
#[test]
fn every_file_here_is_compiled() {
    psa_tests::modules::assert_every_file_is_a_module(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/engine"),
    );
}
