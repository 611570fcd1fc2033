//! The app's commands through Tauri's mock runtime (the engine behind them real, the simulators on
//! 127.0.0.1), and the first-screen layout file: one test program rather than one per file, since each links
//! the whole app (~77 MB of test program; CI's disk, 7 Dec 2026). The app's tests that set process-wide state
//! (the log and export folders in the environment, the loaded vendor pack) stay programs of their own.
//! One area per module: `cargo test -p psa-connect-app --test tauri_commands -- portal::`.

#[path = "../common/mod.rs"]
mod common;

mod commands;
mod commands_sim;
mod connectwise;
mod first_screen_layout;
mod portal;

/// Every file beside this one is one of its modules (see `psa_tests::modules`).
#[test]
fn every_file_here_is_compiled() {
    psa_tests::modules::assert_every_file_is_a_module(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tauri_commands"),
    );
}
