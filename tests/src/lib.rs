//! PSA Connect's integration and end-to-end tests (in `tests/`), and what they share.
//!
//! The simulators live in their own crate, `psa-sim` (`crates/psa-sim`); they are re-exported here so a
//! test says `psa_tests::autotask` as before. [`harness`] holds what the tests here and the CLI's own tests
//! share around child processes and the real keychain.

pub use psa_sim::{autotask, connectwise};

pub mod harness;
pub mod modules;
