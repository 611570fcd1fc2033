//! ConnectWise commands: the same flow as Autotask's (detect, enter the keys once, test, preview), so the
//! wizard and profiles treat both PSAs alike. The private key arrives once, through
//! `connectwise_set_credentials`, and stays in the session. So does the site: the partner's choice (a cloud
//! region or a self-hosted address) goes to `connectwise_detect_site`, which checks it against ConnectWise's
//! hosts and stores what the site answered; the test and preview (`commands::connection`) read it from the
//! session.

use psa_core::connectwise;
use psa_core::model::{ConnectwiseCredentials, ConnectwiseSite};
use psa_core::PsaError;
use tauri::State;

use crate::commands::connection::{trimmed_secret, until_cancelled};
use crate::error::CmdResult;
use crate::state::{Credentials, Location, Session};

/// Asks the chosen site (`site`: a cloud region such as `na`, or a self-hosted address) for the company's
/// codebase and API address; what it answers becomes the session's site (and is returned to be shown).
#[tauri::command]
pub async fn connectwise_detect_site(
    session: State<'_, Session>,
    site: String,
    company_id: String,
    op_id: String,
) -> CmdResult<ConnectwiseSite> {
    let op = session.begin(&op_id);
    let http = Default::default();
    let found = until_cancelled(
        op.token(),
        connectwise::detect_site_with(session.cw_endpoints(), &site, &company_id, &http, op.token()),
    )
    .await?;
    session.set_location(Some(Location::Connectwise(found.clone())));
    Ok(found)
}

#[tauri::command]
pub fn connectwise_set_credentials(session: State<'_, Session>, credentials: ConnectwiseCredentials) -> CmdResult<()> {
    session.set_credentials(Credentials::Connectwise(checked_credentials(credentials)?));
    Ok(())
}

/// Trims what was pasted and refuses empty keys. An empty clientId stays empty: the check then uses the one a
/// build embedded, or stops before sending anything (PSA Connect has no clientId of its own).
fn checked_credentials(c: ConnectwiseCredentials) -> CmdResult<ConnectwiseCredentials> {
    let company_id = c.company_id.trim().to_string();
    let public_key = c.public_key.trim().to_string();
    if company_id.is_empty() {
        return Err(PsaError::invalid_input(
            "The company ID is empty.",
            "Type the company ID you enter on the ConnectWise login screen (Site step).",
        ));
    }
    if public_key.is_empty() {
        return Err(PsaError::invalid_input(
            "The public key is empty.",
            "Copy the public key from System > Members > API Members > (the API member) > API Keys.",
        ));
    }
    if c.private_key.expose().trim().is_empty() {
        return Err(PsaError::invalid_input(
            "The private key is empty.",
            "Paste the private key shown when the API key was created. It is shown only once: if it is lost, create a new key on the API member's API Keys tab.",
        ));
    }
    let client_id = c.client_id.trim().to_string();
    Ok(ConnectwiseCredentials { company_id, public_key, private_key: trimmed_secret(c.private_key), client_id })
}
