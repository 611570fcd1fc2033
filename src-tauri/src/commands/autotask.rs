//! Autotask commands. The secret arrives once, through `autotask_set_credentials`, and is kept in the
//! session; every later command reads it from there, so it never has to cross the IPC bridge again. The zone
//! is the session's too: detecting or parsing one stores it, and the test and preview
//! (`commands::connection`) read it from there.

use psa_core::autotask;
use psa_core::model::{AutotaskCredentials, AutotaskZone};
use psa_core::PsaError;
use tauri::State;

use crate::commands::connection::{trimmed_secret, until_cancelled};
use crate::error::CmdResult;
use crate::state::{Credentials, Location, Session};

/// Asks Autotask which zone `username` lives in; the zone found becomes the session's (and is returned to be
/// shown). A failed or cancelled detection leaves the session's zone as it was.
#[tauri::command]
pub async fn autotask_detect_zone(
    session: State<'_, Session>,
    username: String,
    op_id: String,
) -> CmdResult<AutotaskZone> {
    let username = autotask::validate_username(&username)?;
    let op = session.begin(&op_id);
    let zone = until_cancelled(op.token(), autotask::detect_zone(session.endpoints(), &username)).await?;
    session.set_location(Some(Location::Autotask(zone.clone())));
    Ok(zone)
}

/// "Not my zone?": the address the partner pasted, parsed and checked against Autotask's hosts here, becomes
/// the session's zone (returned to be shown).
#[tauri::command]
pub fn autotask_parse_zone(session: State<'_, Session>, input: String) -> CmdResult<AutotaskZone> {
    let zone = autotask::parse_zone_override(&input)?;
    session.set_location(Some(Location::Autotask(zone.clone())));
    Ok(zone)
}

#[tauri::command]
pub fn autotask_set_credentials(session: State<'_, Session>, credentials: AutotaskCredentials) -> CmdResult<()> {
    session.set_credentials(Credentials::Autotask(checked_credentials(credentials)?));
    Ok(())
}

/// Trims what was pasted and refuses an empty secret before anything is stored.
fn checked_credentials(c: AutotaskCredentials) -> CmdResult<AutotaskCredentials> {
    let username = autotask::validate_username(&c.username)?;
    if c.secret.is_empty() {
        return Err(PsaError::invalid_input(
            "The secret is empty.",
            "Paste the secret shown when the API user was created (Secret step). If it is lost, generate a new one on the API user's page in Autotask.",
        ));
    }
    Ok(AutotaskCredentials {
        username,
        integration_code: c.integration_code.trim().to_string(),
        secret: trimmed_secret(c.secret),
    })
}
