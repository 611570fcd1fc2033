//! Commands reject with `psa_core::PsaError`, which serialises as `{code, message, fix, details?}`; the UI
//! branches on `code`. This module holds the few errors that belong to the app layer rather than the engine.

use psa_core::{ErrorCode, PsaError};

pub type CmdResult<T> = Result<T, PsaError>;

/// What a cancelled detect, check or preview rejects with.
pub fn cancelled() -> PsaError {
    PsaError::new(ErrorCode::Cancelled, "The operation was cancelled.", "Start it again when you are ready.")
}

/// A check or preview was asked for before the username and secret were entered.
pub fn no_credentials() -> PsaError {
    PsaError::invalid_input(
        "PSA Connect does not have the API user's username and secret for this session.",
        "Go back to the Username and Secret steps and enter them again.",
    )
}

/// An Autotask preview was asked for before the session learnt the zone.
pub fn zone_unknown() -> PsaError {
    PsaError::invalid_input(
        "PSA Connect does not know the Autotask zone yet.",
        "Run the connection test first: it finds the zone the preview needs.",
    )
}

/// A ConnectWise test or preview was asked for before the session learnt the site.
pub fn site_unknown() -> PsaError {
    PsaError::invalid_input(
        "PSA Connect does not know the ConnectWise site yet.",
        "Open the Site check step: it asks your site for the address the test and preview need.",
    )
}

/// A failure inside Tauri or a plugin. The text goes to `details` for support staff; it never holds a secret
/// because no secret is ever handed to Tauri.
pub fn internal(context: &str, err: impl std::fmt::Display) -> PsaError {
    PsaError::internal(format!("{context}: {err}"))
}
