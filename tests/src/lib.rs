//! PSA simulators for tests and demos, served on 127.0.0.1.
//!
//! - [`autotask`]: Datto Autotask REST v1.0 (contract: `notes/sim.md`).

pub mod autotask;
