//! PSA simulators for tests and demos, served on 127.0.0.1: the real client talks to them over real HTTP,
//! only the base URL differs from production.
//!
//! - [`autotask`]: Datto Autotask REST v1.0.
//! - [`connectwise`]: ConnectWise Manage REST 3.0.
//!
//! [`demo`] lists the demo logins per integration template, which `psa-sim` (src/bin) prints when it serves
//! both simulators for demos (`scripts/start.sh --demo`) and by hand.

pub mod autotask;
pub mod connectwise;
pub mod demo;
mod sim_common;
