//! PSA simulators for tests and demos, served on 127.0.0.1.
//!
//! - [`autotask`]: Datto Autotask REST v1.0.
//! - [`connectwise`]: ConnectWise Manage REST 3.0.
//!
//! [`demo`] lists the demo logins per integration template (`psa-sim`, `start.sh --demo`).
//! [`harness`] holds what the tests here and the CLI's own tests share around child processes and the
//! real keychain.

pub mod autotask;
pub mod connectwise;
pub mod demo;
pub mod harness;
mod sim_common;
