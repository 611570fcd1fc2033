//! ConnectWise commands: the same flow as Autotask's (detect, enter the keys once, test, preview), so the
//! wizard and profiles treat both PSAs alike. The private key arrives once, through
//! `connectwise_set_credentials`, and stays in the session. So does the site: the partner's choice (a cloud
//! region or a self-hosted address) goes to `connectwise_detect_site`, which checks it against ConnectWise's
//! hosts and stores what the site answered; the test and preview read it from the session.

use psa_core::connectwise::{self, CwCheckOptions};
use psa_core::model::{CheckItem, CheckReport, ConnectwiseCredentials, ConnectwiseSite, FilterSet, Preview};
use psa_core::templates;
use psa_core::PsaError;
use tauri::ipc::Channel;
use tauri::State;

use crate::commands::autotask::until_cancelled;
use crate::error::{cancelled, no_credentials, CmdResult};
use crate::state::{Credentials, Location, Session, SessionCheck};

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

/// Tests the session's keys on the session's site, streaming each line; the result is the session's last
/// verdict.
#[tauri::command]
pub async fn connectwise_check(
    session: State<'_, Session>,
    template_id: Option<String>,
    op_id: String,
    on_item: Channel<CheckItem>,
) -> CmdResult<CheckReport> {
    check_streaming(&session, template_id.as_deref(), &op_id, &on_item).await
}

/// The body of `connectwise_check`, callable from tests with a channel made in Rust.
pub async fn check_streaming(
    session: &Session,
    template_id: Option<&str>,
    op_id: &str,
    on_item: &Channel<CheckItem>,
) -> CmdResult<CheckReport> {
    let creds = session.connectwise_credentials().ok_or_else(no_credentials)?;
    let site = session.site().ok_or_else(site_unknown)?;
    let report = check_with(session, &creds, site, template_id, op_id, on_item).await?;
    session.record_check(SessionCheck {
        username: creds.public_key.clone(),
        integration_code: creds.client_id.clone(),
        report: report.clone(),
    });
    Ok(report)
}

/// A streamed ConnectWise test with the given credentials (the session's, or a saved profile's).
pub async fn check_with(
    session: &Session,
    creds: &ConnectwiseCredentials,
    site: ConnectwiseSite,
    template_id: Option<&str>,
    op_id: &str,
    on_item: &Channel<CheckItem>,
) -> CmdResult<CheckReport> {
    let template = template_id.map(templates::get).transpose()?;
    let op = session.begin(op_id);
    let mut opts = CwCheckOptions::new(session.cw_endpoints().clone(), site.site.clone());
    opts.site_known = Some(site);
    if let Some(t) = &template {
        opts.needs = t.connectwise_needs();
        opts.extras = t.connectwise_extras();
    }
    opts.cancel = op.token().clone();
    let forward = |item: &CheckItem| {
        let _ = on_item.send(item.clone());
    };
    let report =
        until_cancelled(op.token(), async { Ok(connectwise::run_check(creds, &opts, &forward).await) }).await?;
    if op.token().is_cancelled() {
        return Err(cancelled());
    }
    Ok(report)
}

/// Counts what the filters select, on the session's site (where the last check ended, when one ran: it
/// follows a codebase move).
#[tauri::command]
pub async fn connectwise_preview(session: State<'_, Session>, filters: FilterSet, op_id: String) -> CmdResult<Preview> {
    let creds = session.connectwise_credentials().ok_or_else(no_credentials)?;
    let site = session.site().ok_or_else(site_unknown)?;
    let op = session.begin(&op_id);
    let http = Default::default();
    until_cancelled(op.token(), connectwise::preview_with(&creds, &site, &filters, &http, op.token())).await
}

fn site_unknown() -> PsaError {
    PsaError::invalid_input(
        "PSA Connect does not know the ConnectWise site yet.",
        "Open the Site check step: it asks your site for the address the test and preview need.",
    )
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
    let private_key = if c.private_key.expose().trim() == c.private_key.expose() {
        c.private_key
    } else {
        psa_core::Secret::new(c.private_key.expose().trim())
    };
    let client_id = c.client_id.trim().to_string();
    Ok(ConnectwiseCredentials { company_id, public_key, private_key, client_id })
}
