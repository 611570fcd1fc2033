//! `psa-connect profile save` and `save-connectwise`: keychain self-test, the check, then the save.

use psa_core::connection::Connection;
use psa_core::keychain::{KeyringStore, SecretStore};
use psa_core::model::CheckReport;
use psa_core::profiles::service::{self, IfNameTaken};
use psa_core::profiles::{self, ProfileInput, ProfileStore};
use psa_core::{ErrorCode, PsaError, Secret};
use serde_json::json;

use super::autotask::{filter_set, prepare_check, run_prepared_check};
use super::connectwise::{check_plan, credentials as cw_credentials};
use super::connectwise_filters::cw_filter_set;
use super::profile::{to_json, CwSaveArgs, SaveArgs};
use super::psa_common::{check_exit, log_item};
use super::{autotask_report, connectwise_report, profile_report as text, Ctx};
use crate::output::Rendered;

/// Keychain self-test, then the check, then the save: a broken keychain costs no network round trip, and
/// a failed check saves nothing unless `--force`.
pub async fn save(store: &ProfileStore, a: SaveArgs, ctx: &Ctx) -> Result<Rendered, PsaError> {
    profiles::ops::validate_name(&a.name)?;
    refuse_a_name_in_use(store, &a.name, a.replace)?;
    let filters = filter_set(&a.filters)?;
    let keys = KeyringStore::from_env()?;
    keys.round_trip_check()?;
    let prepared = prepare_check(&a.conn, ctx)?;
    let report = run_prepared_check(&prepared).await;
    let mut check_text =
        autotask_report::check_text(&prepared.creds.username, &report, prepared.template.as_deref(), ctx.style);
    if !report.ok && !a.force {
        check_text.push_str(&format!(
            "\n{} Fix the problems above and run it again, or add --force to save anyway.\n",
            ctx.style.red("Not saved.")
        ));
        let json = json!({ "ok": false, "saved": false, "check": to_json(&report)? });
        return Ok(Rendered { json, human: check_text, exit: check_exit(&report) });
    }
    let input = ProfileInput {
        name: a.name.clone(),
        template: prepared.template.clone().unwrap_or_else(|| "custom".to_string()),
        connection: Connection::autotask(
            prepared.creds.username.clone(),
            prepared.creds.integration_code.clone(),
            report.zone.clone().or(prepared.options.zone.clone()),
        ),
        filters,
        settings: Default::default(),
        notes: a.notes.unwrap_or_default(),
    };
    let outcome = save_checked(store, input, &prepared.creds.secret, &keys, a.replace)?;
    saved(store, outcome, &report, check_text, ctx)
}

/// The ConnectWise twin of [`save`]: keychain self-test, check, then save with the site the check found.
pub async fn save_connectwise(store: &ProfileStore, a: CwSaveArgs, ctx: &Ctx) -> Result<Rendered, PsaError> {
    profiles::ops::validate_name(&a.name)?;
    refuse_a_name_in_use(store, &a.name, a.replace)?;
    a.conn.site.validate()?;
    let by_id = if a.filters.has_names() { None } else { Some(cw_filter_set(&a.filters, None)?) };
    let keys = KeyringStore::from_env()?;
    keys.round_trip_check()?;
    let (template, options) = check_plan(&a.conn, ctx)?;
    let creds = cw_credentials(&a.conn, template.as_ref())?;
    let report = psa_core::connectwise::run_check(&creds, &options, &log_item).await;
    let template_id = template.as_ref().map(|t| t.id.clone());
    let mut check_text = connectwise_report::check_text(&creds.company_id, &report, template_id.as_deref(), ctx.style);
    let filters = match (by_id, report.picklists.as_ref()) {
        (Some(f), _) => Some(f),
        (None, Some(lists)) => Some(cw_filter_set(&a.filters, Some(lists))?),
        (None, None) => None,
    };
    let refused = if report.ok || a.force {
        None
    } else {
        Some("Fix the problems above and run it again, or add --force to save anyway.")
    };
    let (Some(filters), None, Some(site)) = (filters, refused, report.site.clone()) else {
        let why = refused.unwrap_or("The check did not reach the company's site, so there is nothing to save.");
        check_text.push_str(&format!("\n{} {why}\n", ctx.style.red("Not saved.")));
        let json = json!({ "ok": false, "saved": false, "check": to_json(&report)? });
        let exit = if report.ok { crate::output::EXIT_CHECK_FAILED } else { check_exit(&report) };
        return Ok(Rendered { json, human: check_text, exit });
    };
    let input = ProfileInput {
        name: a.name.clone(),
        template: template_id.unwrap_or_else(|| "custom".to_string()),
        connection: Connection::connectwise(
            creds.company_id.clone(),
            creds.public_key.clone(),
            creds.client_id.clone(),
            Some(site),
        ),
        filters,
        settings: Default::default(),
        notes: a.notes.unwrap_or_default(),
    };
    let outcome = save_checked(store, input, &creds.private_key, &keys, a.replace)?;
    saved(store, outcome, &report, check_text, ctx)
}

/// Saving under a name in use replaces that profile, secret and all: only with `--replace`, as the app asks
/// before it overwrites. Refused before the keychain or the network is touched.
fn refuse_a_name_in_use(store: &ProfileStore, name: &str, replace: bool) -> Result<(), PsaError> {
    // As the save finds the profile it writes: by id, then by name.
    match store.list()?.iter().find(|p| p.matches(name)) {
        Some(p) if !replace => Err(PsaError::new(
            ErrorCode::ProfileExists,
            format!("A profile called \"{}\" already exists; nothing was checked or changed.", p.name),
            "Choose another name, or add --replace to replace that profile: its connection, secret, template, \
             filters and notes become what this command gives.",
        )),
        _ => Ok(()),
    }
}

/// The save after the check. The name was free before the check, but the check takes seconds: a profile
/// another program saved under the name meanwhile is not replaced without `--replace` either.
fn save_checked(
    store: &ProfileStore,
    input: ProfileInput,
    secret: &Secret,
    keys: &KeyringStore,
    replace: bool,
) -> Result<service::SaveOutcome, PsaError> {
    let if_taken = if replace { IfNameTaken::Update } else { IfNameTaken::Refuse };
    let name = input.name.clone();
    service::save_profile_if(store, input, Some(secret), keys, if_taken).map_err(|e| match e.code {
        ErrorCode::ProfileExists => PsaError::new(
            ErrorCode::ProfileExists,
            format!(
                "A profile called \"{}\" was saved by another program while this one checked; nothing was changed.",
                store.get(&name).map_or(name.clone(), |p| p.name.clone())
            ),
            "Run the command again with another name, or add --replace to replace that profile.",
        ),
        _ => e,
    })
}

/// Both PSAs' last step: the check recorded on the saved profile, and what is printed.
fn saved(
    store: &ProfileStore,
    outcome: service::SaveOutcome,
    report: &CheckReport,
    mut check_text: String,
    ctx: &Ctx,
) -> Result<Rendered, PsaError> {
    let profile = profiles::ops::record_check(store, &outcome.profile.id, service::last_check_from(report))?;
    check_text.push_str(&text::saved_text(&profile, outcome.created, &outcome.warnings, report.ok, ctx.style));
    let json = json!({
        "ok": report.ok,
        "saved": true,
        "created": outcome.created,
        "profile": to_json(&profile)?,
        "warnings": to_json(&outcome.warnings)?,
        "check": to_json(report)?,
    });
    Ok(Rendered { json, human: check_text, exit: check_exit(report) })
}
