//! Tauri commands: thin adapters that unpack arguments, call `psa_core` and return its types. The UI calls
//! them only through `ui/src/ipc.ts`, with argument and answer types generated into `ui/src/bindings.gen.ts`;
//! `lib.rs` lists them all in `generate_handler!`.

pub mod app;
pub mod autotask;
pub mod connectwise;
pub mod portal;
pub mod profiles;
pub mod support;
pub mod templates;
pub mod transfer;
