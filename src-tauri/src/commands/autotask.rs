//! Autotask commands. The secret arrives once, through `autotask_set_credentials`, and is kept in the
//! session; every later command reads it from there, so it never has to cross the IPC bridge again. The zone
//! is the session's too: detecting or parsing one stores it, and the test and preview read it from there.

use std::future::Future;

use psa_core::autotask::{self, CheckOptions};
use psa_core::model::{AutotaskCredentials, AutotaskZone, CheckItem, CheckReport, FilterSet, Preview};
use psa_core::PsaError;
use tauri::ipc::Channel;
use tauri::State;
use tokio_util::sync::CancellationToken;

use crate::commands::templates::{extras_for_template, needs_for_template};
use crate::error::{cancelled, no_credentials, CmdResult};
use crate::state::{Credentials, Location, Session, SessionCheck};

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

/// Tests the session's credentials in the session's zone (none known yet: the test detects it from the
/// username), streaming each line; the result is the session's last verdict.
#[tauri::command]
pub async fn autotask_check(
    session: State<'_, Session>,
    template_id: Option<String>,
    op_id: String,
    on_item: Channel<CheckItem>,
) -> CmdResult<CheckReport> {
    check_streaming(&session, template_id.as_deref(), &op_id, &on_item).await
}

/// The body of `autotask_check`, callable from tests with a channel made in Rust.
pub async fn check_streaming(
    session: &Session,
    template_id: Option<&str>,
    op_id: &str,
    on_item: &Channel<CheckItem>,
) -> CmdResult<CheckReport> {
    let creds = session.autotask_credentials().ok_or_else(no_credentials)?;
    let report = check_with(session, &creds, session.zone(), template_id, op_id, on_item).await?;
    session.record_check(SessionCheck {
        username: creds.username.clone(),
        integration_code: creds.integration_code.clone(),
        report: report.clone(),
    });
    Ok(report)
}

/// A streamed connection test with the given credentials (the session's, or a saved profile's).
pub async fn check_with(
    session: &Session,
    creds: &AutotaskCredentials,
    zone: Option<AutotaskZone>,
    template_id: Option<&str>,
    op_id: &str,
    on_item: &Channel<CheckItem>,
) -> CmdResult<CheckReport> {
    let needs = needs_for_template(template_id)?;
    let extras = extras_for_template(template_id)?;
    let op = session.begin(op_id);
    let mut opts = CheckOptions::new(session.endpoints().clone());
    opts.zone = zone;
    opts.needs = needs;
    opts.extras = extras;
    opts.cancel = op.token().clone();
    let forward = |item: &CheckItem| {
        // A failed send means the window went away; the check finishes and its result is dropped.
        let _ = on_item.send(item.clone());
    };
    let report = until_cancelled(op.token(), async { Ok(autotask::run_check(creds, &opts, &forward).await) }).await?;
    if op.token().is_cancelled() {
        return Err(cancelled());
    }
    Ok(report)
}

/// Counts what the filters select, in the session's zone (where the last check ended, when one ran: it
/// follows a move Autotask reported).
#[tauri::command]
pub async fn autotask_preview(session: State<'_, Session>, filters: FilterSet, op_id: String) -> CmdResult<Preview> {
    let creds = session.autotask_credentials().ok_or_else(no_credentials)?;
    let zone = session.zone().ok_or_else(|| {
        PsaError::invalid_input(
            "PSA Connect does not know the Autotask zone yet.",
            "Run the connection test first: it finds the zone the preview needs.",
        )
    })?;
    let op = session.begin(&op_id);
    until_cancelled(op.token(), autotask::preview(&creds, &zone, &filters, op.token())).await
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
    let secret = if c.secret.expose().trim() == c.secret.expose() {
        c.secret
    } else {
        psa_core::Secret::new(c.secret.expose().trim())
    };
    Ok(AutotaskCredentials { username, integration_code: c.integration_code.trim().to_string(), secret })
}

/// Ends the operation as soon as it is cancelled, even if the engine is waiting on the network.
pub(crate) async fn until_cancelled<T>(
    token: &CancellationToken,
    work: impl Future<Output = CmdResult<T>>,
) -> CmdResult<T> {
    tokio::select! {
        biased;
        _ = token.cancelled() => Err(cancelled()),
        r = work => r,
    }
}
