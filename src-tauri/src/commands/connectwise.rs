//! ConnectWise commands: the same flow as Autotask's (detect, enter the keys once, test, preview), so the
//! wizard and profiles treat both PSAs alike. The private key arrives once, through
//! `connectwise_set_credentials`, and stays in the session.

use psa_core::connectwise::{self, CwCheckOptions};
use psa_core::model::{CheckItem, CheckReport, ConnectwiseCredentials, ConnectwiseSite, FilterSet, Preview};
use psa_core::templates;
use psa_core::PsaError;
use tauri::ipc::Channel;
use tauri::State;

use crate::commands::autotask::until_cancelled;
use crate::error::{cancelled, no_credentials, CmdResult};
use crate::state::{Credentials, Session, SessionCheck};

#[tauri::command]
pub async fn connectwise_detect_site(
    session: State<'_, Session>,
    site: String,
    company_id: String,
    op_id: String,
) -> CmdResult<ConnectwiseSite> {
    let op = session.begin(&op_id);
    let http = Default::default();
    until_cancelled(
        op.token(),
        connectwise::detect_site_with(session.cw_endpoints(), &site, &company_id, &http, op.token()),
    )
    .await
}

#[tauri::command]
pub fn connectwise_set_credentials(session: State<'_, Session>, credentials: ConnectwiseCredentials) -> CmdResult<()> {
    session.set_credentials(Credentials::Connectwise(checked_credentials(credentials)?));
    Ok(())
}

#[tauri::command]
pub async fn connectwise_check(
    session: State<'_, Session>,
    site: String,
    site_known: Option<ConnectwiseSite>,
    template_id: Option<String>,
    op_id: String,
    on_item: Channel<CheckItem>,
) -> CmdResult<CheckReport> {
    check_streaming(&session, site, site_known, template_id.as_deref(), &op_id, &on_item).await
}

/// The body of `connectwise_check`, callable from tests with a channel made in Rust.
pub async fn check_streaming(
    session: &Session,
    site: String,
    site_known: Option<ConnectwiseSite>,
    template_id: Option<&str>,
    op_id: &str,
    on_item: &Channel<CheckItem>,
) -> CmdResult<CheckReport> {
    let creds = session.connectwise_credentials().ok_or_else(no_credentials)?;
    let report = check_with(session, &creds, site, site_known, template_id, op_id, on_item).await?;
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
    site: String,
    site_known: Option<ConnectwiseSite>,
    template_id: Option<&str>,
    op_id: &str,
    on_item: &Channel<CheckItem>,
) -> CmdResult<CheckReport> {
    let template = template_id.map(templates::get).transpose()?;
    let op = session.begin(op_id);
    let mut opts = CwCheckOptions::new(session.cw_endpoints().clone(), site);
    opts.site_known = site_known;
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

/// Counts what the filters select, on the site the last check of this session ended on (it follows a
/// codebase move); `site` from the window is used only when no check has run yet.
#[tauri::command]
pub async fn connectwise_preview(
    session: State<'_, Session>,
    site: Option<ConnectwiseSite>,
    filters: FilterSet,
    op_id: String,
) -> CmdResult<Preview> {
    let creds = session.connectwise_credentials().ok_or_else(no_credentials)?;
    let site = session.checked_site().or(site).ok_or_else(|| {
        PsaError::invalid_input(
            "PSA Connect does not know the ConnectWise site yet.",
            "Run the connection test first: it finds the site the preview needs.",
        )
    })?;
    let op = session.begin(&op_id);
    let http = Default::default();
    until_cancelled(op.token(), connectwise::preview_with(&creds, &site, &filters, &http, op.token())).await
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
