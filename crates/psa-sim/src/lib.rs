//! PSA simulators for tests and demos, served on 127.0.0.1: the real client talks to them over real HTTP,
//! only the base URL differs from production.
//!
//! - [`autotask`]: Datto Autotask REST v1.0.
//! - [`connectwise`]: ConnectWise Manage REST 3.0.
//!
//! `psa-sim` (src/bin) serves both for demos (`scripts/start.sh --demo`) and by hand.

pub mod autotask;
pub mod connectwise;
mod sim_common;
