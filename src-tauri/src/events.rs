//! Every event the app sends to the window, declared once: its name and payload type. Emitting goes through
//! [`emit`], so a payload of the wrong type does not compile, and `tests/commands_ts/` turns [`ALL`] into
//! the typed `listen` helpers of `ui/src/commands.gen.ts`, so the page cannot listen under a misspelt name.

use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime};

/// An event of the window: its name on the wire and what it carries.
pub trait Event {
    const NAME: &'static str;
    type Payload: Serialize;
}

/// What the TypeScript generator needs to know about one event.
#[derive(Debug, Clone, Copy)]
pub struct EventInfo {
    /// The name `emit` and `listen` use.
    pub name: &'static str,
    /// The payload's Rust type as written in the declaration; the generator maps it like a command's answer.
    pub payload: &'static str,
    /// The declaration's doc comment, repeated on the generated helper.
    pub doc: &'static str,
}

/// Declares each event as a type implementing [`Event`] and lists it in [`ALL`], from one line per event.
macro_rules! events {
    ($( #[doc = $doc:literal] $ty:ident = $name:literal: $payload:ty; )*) => {
        $(
            #[doc = $doc]
            pub struct $ty;
            impl Event for $ty {
                const NAME: &'static str = $name;
                type Payload = $payload;
            }
        )*
        /// Every event, in declaration order.
        pub const ALL: &[EventInfo] = &[$( EventInfo { name: $name, payload: stringify!($payload), doc: $doc } ),*];
    };
}

use psa_core::support::handoff::HandoffOpened;

events! {
    /// A psa-connect:// link or hand-off file opened while the app runs, checked: a draft or the reason it was refused.
    HandoffOpenedEvent = "handoff-opened": HandoffOpened;
}

/// Sends `payload` to every window under `E`'s name.
pub fn emit<E: Event, R: Runtime>(app: &AppHandle<R>, payload: &E::Payload) -> tauri::Result<()> {
    app.emit(E::NAME, payload)
}
