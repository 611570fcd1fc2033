//! PSA simulators for tests and demos, served on 127.0.0.1.
//!
//! - [`autotask`]: Datto Autotask REST v1.0 (contract: `notes/sim.md`).
//! - [`connectwise`]: ConnectWise Manage REST 3.0 (contract: `notes/cw-sim.md`).

pub mod autotask;
pub mod connectwise;
mod sim_common;
