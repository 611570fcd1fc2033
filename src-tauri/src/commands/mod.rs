//! Tauri commands: thin adapters that unpack arguments, call `psa_core` and return its types. The table of
//! commands and their arguments is in notes/ipc.md; `lib.rs` lists them all in `generate_handler!`.

pub mod app;
pub mod autotask;
pub mod connectwise;
pub mod profiles;
pub mod support;
pub mod templates;
pub mod transfer;
