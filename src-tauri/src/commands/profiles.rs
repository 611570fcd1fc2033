//! Saved connection profiles and the keychain. The secret crosses the IPC bridge only once, through
//! `autotask_set_credentials` or `connectwise_set_credentials`: saving takes it from the session, opening a profile puts the keychain's copy
//! into the session, and neither ever returns it.
//!
//! Store and keychain calls block (file lock, D-Bus), so each runs on the blocking pool, not the UI thread.

use psa_core::model::{CheckItem, CheckReport};
use psa_core::profiles::recheck_all::{self, KeychainRecheck, RecheckEnv, RecheckEvent, RecheckLimits, RecheckSummary};
use psa_core::profiles::service::IfNameTaken;
use psa_core::profiles::{ops, recheck, service, Profile, ProfileInput, ProfileWarning};
use psa_core::{ErrorCode, PsaError};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;
use ts_rs::TS;

use crate::commands::connection::Planned;
use crate::error::{internal, no_credentials, CmdResult};
use crate::state::{Credentials, Location, Session};
use crate::vault::Vault;

/// What `profile_save` answers: the saved profile and anything the user should look at (same tenant and
/// API user as another profile).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileSaved {
    pub profile: Profile,
    pub warnings: Vec<ProfileWarning>,
}

/// What `profile_recheck` answers: the full report for the screen and the profile with its new `lastCheck`.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileRechecked {
    pub profile: Profile,
    pub report: CheckReport,
}

async fn blocking<T: Send + 'static>(work: impl FnOnce() -> CmdResult<T> + Send + 'static) -> CmdResult<T> {
    tauri::async_runtime::spawn_blocking(work).await.map_err(|e| internal("profile task", e))?
}

/// Write, read back and delete a probe entry: proves the keychain works before anything relies on it.
#[tauri::command]
pub async fn keychain_status(vault: State<'_, Vault>) -> CmdResult<()> {
    let secrets = vault.secrets()?;
    blocking(move || secrets.round_trip_check()).await
}

#[tauri::command]
pub async fn profiles_list(vault: State<'_, Vault>) -> CmdResult<Vec<Profile>> {
    let store = vault.profiles()?;
    blocking(move || store.list()).await
}

#[tauri::command]
pub async fn profile_get(vault: State<'_, Vault>, id_or_name: String) -> CmdResult<Profile> {
    let store = vault.profiles()?;
    blocking(move || store.get(&id_or_name)).await
}

/// Saves the wizard's result as a new profile with the session's secret. Refused unless the last test of
/// this session, with these credentials, passed (`force` saves anyway), and refused when the name is taken
/// (`overwrite` replaces that profile: only for an explicit "replace" choice in the UI).
#[tauri::command]
pub async fn profile_save(
    session: State<'_, Session>,
    vault: State<'_, Vault>,
    profile: ProfileInput,
    force: Option<bool>,
    overwrite: Option<bool>,
) -> CmdResult<ProfileSaved> {
    let creds = session.credentials().ok_or_else(no_credentials)?;
    if !creds.describe(&profile.connection) {
        return Err(PsaError::invalid_input(
            "The login details changed after the secret was entered.",
            "Go back to the Secret step, enter the secret again for these details and re-run the connection test.",
        ));
    }
    let check =
        session.last_check().filter(|c| c.username == creds.login() && c.integration_code == creds.integration());
    let passed = check.as_ref().is_some_and(|c| c.report.passed());
    if !passed && !force.unwrap_or(false) {
        return Err(PsaError::invalid_input(
            "The connection test has not passed with these details, so nothing was saved.",
            "Open the Connection test step, fix what it reports and run it again, then save.",
        ));
    }
    let mut input = profile;
    *input.connection.login_mut() = creds.login().to_string();
    // Where the PSA lives is the session's (detected, typed, opened, or where the last test ended, which
    // follows a zone or codebase move), never what the page sent.
    session.place(&mut input.connection);
    let (store, secrets) = (vault.profiles()?, vault.secrets()?);
    let overwrite = overwrite.unwrap_or(false);
    // Without `overwrite` the name is checked under the profile file's lock as the profile is added: a
    // connection saved meanwhile by psa-connect or a second window is never replaced.
    let if_taken = if overwrite { IfNameTaken::Update } else { IfNameTaken::Refuse };
    blocking(move || {
        let name = ops::validate_name(&input.name)?;
        let saved = service::save_profile_if(&store, input, Some(creds.secret()), &*secrets, if_taken).map_err(|e| {
            match e.code {
                ErrorCode::ProfileExists => PsaError::new(
                    ErrorCode::ProfileExists,
                    format!("A connection called \"{}\" is already saved.", store.get(&name).map_or(name.clone(), |p| p.name.clone())),
                    "Type another name for this connection, or go back to the home screen and delete or rename the old one.",
                ),
                _ => e,
            }
        })?;
        let profile = match check {
            Some(c) => ops::record_check(&store, &saved.profile.id, service::last_check_from(&c.report))?,
            None => saved.profile,
        };
        Ok(ProfileSaved { profile, warnings: saved.warnings })
    })
    .await
}

/// Removes the keychain entry, then the profile; returns what was deleted.
#[tauri::command]
pub async fn profile_delete(vault: State<'_, Vault>, id: String) -> CmdResult<Profile> {
    let (store, secrets) = (vault.profiles()?, vault.secrets()?);
    blocking(move || service::delete_profile(&store, &id, &*secrets)).await
}

/// A copy with its own keychain entry holding a copy of the secret.
#[tauri::command]
pub async fn profile_duplicate(vault: State<'_, Vault>, id: String, new_name: String) -> CmdResult<Profile> {
    let (store, secrets) = (vault.profiles()?, vault.secrets()?);
    blocking(move || service::duplicate_profile(&store, &id, &new_name, &*secrets)).await
}

#[tauri::command]
pub async fn profile_rename(vault: State<'_, Vault>, id: String, new_name: String) -> CmdResult<Profile> {
    let store = vault.profiles()?;
    blocking(move || ops::rename(&store, &id, &new_name)).await
}

/// Loads a profile and puts its location and credentials (secret from the keychain) into the session, so the
/// wizard's test, preview and save work on it. The secret is not returned. Without a secret in the keychain
/// (an imported profile) the location is still taken: the wizard then asks for the secret and tests there.
#[tauri::command]
pub async fn profile_open(session: State<'_, Session>, vault: State<'_, Vault>, id: String) -> CmdResult<Profile> {
    let store = vault.profiles()?;
    let profile = blocking(move || store.get(&id)).await?;
    // Before the secret is read: a profile whose secret is not in the keychain (an imported one) still opens
    // on the secret step, and its test must then connect where the profile says (tests/profiles.rs).
    session.set_location(Location::of(&profile.connection));
    let creds = saved_credentials(&vault, profile.clone()).await?;
    session.set_credentials(creds);
    Ok(profile)
}

/// Re-runs the connection test of a saved profile with its secret from the keychain, streaming each line,
/// and records the result on the profile. The session's own credentials are left alone.
#[tauri::command]
pub async fn profile_recheck(
    session: State<'_, Session>,
    vault: State<'_, Vault>,
    id: String,
    op_id: String,
    on_item: Channel<CheckItem>,
) -> CmdResult<ProfileRechecked> {
    recheck(&session, &vault, id, &op_id, &on_item).await
}

/// The body of `profile_recheck`, callable from tests with a channel made in Rust. The test itself is psa-core's
/// re-check service (`profiles::recheck`), the same one the command line uses.
pub async fn recheck(
    session: &Session,
    vault: &Vault,
    id: String,
    op_id: &str,
    on_item: &Channel<CheckItem>,
) -> CmdResult<ProfileRechecked> {
    let (store, secrets) = (vault.profiles()?, vault.secrets()?);
    let (profile, creds) = blocking(move || {
        let profile = store.get(&id)?;
        let creds = recheck::credentials(&profile, &*secrets)?;
        Ok((profile, creds))
    })
    .await?;
    let report = Planned::of_profile(session, &profile, &creds).stream(session, op_id, on_item).await?;
    let store = vault.profiles()?;
    let recorded = report.clone();
    let profile = blocking(move || ops::record_recheck(&store, &profile, &recorded)).await?;
    Ok(ProfileRechecked { profile, report })
}

/// "Re-test all": every saved profile re-tested at once within psa-core's bounds (3 per PSA host and
/// tracking identifier, 24 in all), each result sent as it comes, the summary last; `cancel_operation`
/// with `op_id` stops it (profiles not started yet say "Not run: cancelled."). Results are recorded on the
/// profiles in one write at the end. Answers the summary too.
#[tauri::command]
pub async fn profiles_recheck_all(
    session: State<'_, Session>,
    vault: State<'_, Vault>,
    op_id: String,
    on_event: Channel<RecheckEvent>,
) -> CmdResult<RecheckSummary> {
    recheck_all_with(&session, &vault, &op_id, &|e| {
        // A failed send means the window went away; the re-tests finish and are still recorded.
        let _ = on_event.send(e);
    })
    .await
}

/// The body of `profiles_recheck_all`, callable from tests without a window.
pub async fn recheck_all_with(
    session: &Session,
    vault: &Vault,
    op_id: &str,
    send: &(dyn Fn(RecheckEvent) + Send + Sync),
) -> CmdResult<RecheckSummary> {
    let store = vault.profiles()?;
    let list = {
        let store = store.clone();
        blocking(move || store.list()).await?
    };
    let env = RecheckEnv::new(session.endpoints().clone(), session.cw_endpoints().clone());
    let one = KeychainRecheck { secrets: vault.secrets()?, env };
    let op = session.begin(op_id);
    let (results, summary) = recheck_all::recheck_all(list, RecheckLimits::default(), &one, op.token(), &|r| {
        send(RecheckEvent::Result(r.clone()))
    })
    .await;
    blocking(move || recheck_all::record_all(&store, &results)).await?;
    send(RecheckEvent::Done(summary.clone()));
    Ok(summary)
}

/// A profile's credentials with its secret from the keychain.
async fn saved_credentials(vault: &Vault, profile: Profile) -> CmdResult<Credentials> {
    let secrets = vault.secrets()?;
    blocking(move || recheck::credentials(&profile, &*secrets)).await
}
