//! Tauri commands: thin adapters that unpack arguments, call `psa_core` and return its types. `lib.rs` lists
//! them all in `generate_handler!`. The UI calls them only through `ui/src/commands.gen.ts`, which
//! `tests/commands_ts/` generates from the `#[tauri::command]` functions of these modules (names, arguments,
//! answers; data types come from `ui/src/bindings.gen.ts`), so a signature changed here without refreshing it
//! fails the tests. Keep signatures to what that generator maps: plain arguments, `Option`, `Vec`, `Channel`,
//! named types, and `CmdResult<T>` or a plain answer.

pub mod app;
pub mod autotask;
pub mod connection;
pub mod connectwise;
pub mod handoff;
pub mod portal;
pub mod profiles;
pub mod support;
pub mod templates;
pub mod transfer;
