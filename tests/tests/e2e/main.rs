//! End-to-end: the real app window (target/debug/psa-connect-app, UI embedded) driven through tauri-driver and
//! WebKitWebDriver under Xvfb, against the simulators on 127.0.0.1. One test binary for every window test, with
//! the shared driver in `harness`. Every test is `#[ignore]`d for a plain `cargo test` (it needs a display and
//! the built app); scripts/test.sh runs them. By hand, one area at a time:
//!   cargo build -p psa-connect-app --features custom-protocol
//!   xvfb-run -a cargo test -p psa-tests --test e2e -- --ignored --test-threads=1 wizard::

mod harness;

mod connectwise;
mod handoff;
mod keyboard;
mod platform;
mod profiles;
mod templates;
mod vendor;
mod wizard;

/// Every file beside this one is one of its modules (see `psa_tests::modules`).
#[test]
fn every_file_here_is_compiled() {
    psa_tests::modules::assert_every_file_is_a_module(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e"),
    );
}
