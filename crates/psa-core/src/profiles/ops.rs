//! Edits to the profile list. Each public function is one locked read-modify-write of the store; none of
//! them touches the keychain (see `service` for the operations that must).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::store::{find, not_found, ProfileStore};
use super::{names_equal, new_id, now, LastCheck, Profile};
use crate::connection::Connection;
use crate::error::{ErrorCode, PsaError};
use crate::model::{AutotaskZone, CheckReport, FilterSet, Psa, ZoneSource};

const MAX_NAME_CHARS: usize = 100;

/// The fields a person edits; ids, timestamps, the last check and the keychain reference are managed here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileInput {
    pub name: String,
    pub template: String,
    pub connection: Connection,
    #[serde(default)]
    pub filters: FilterSet,
    #[serde(default)]
    #[ts(type = "Record<string, unknown>")]
    pub settings: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    pub notes: String,
}

/// Not an error: something the user should look at before relying on the profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileWarning {
    /// Stable: `same_tenant_and_user`.
    pub code: String,
    pub message: String,
    /// The other profile concerned.
    pub other_profile: String,
}

/// Trims and checks a profile name.
pub fn validate_name(name: &str) -> Result<String, PsaError> {
    let name = name.trim();
    let bad = |why: &str| {
        PsaError::invalid_input(
            format!("The profile name {why}."),
            format!("Use a short name such as the customer or PSA instance, up to {MAX_NAME_CHARS} characters."),
        )
    };
    if name.is_empty() {
        return Err(bad("is empty"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(bad("is too long"));
    }
    if name.chars().any(char::is_control) {
        return Err(bad("contains control characters"));
    }
    Ok(name.to_string())
}

pub(crate) fn exists_error(name: &str) -> PsaError {
    PsaError::new(
        ErrorCode::ProfileExists,
        format!("A profile called \"{name}\" already exists."),
        "Choose another name, or open the existing profile and edit it.",
    )
}

fn ensure_name_free(profiles: &[Profile], name: &str, except_id: Option<&str>) -> Result<(), PsaError> {
    match profiles.iter().find(|p| names_equal(&p.name, name) && Some(p.id.as_str()) != except_id) {
        Some(p) => Err(exists_error(&p.name)),
        None => Ok(()),
    }
}

/// Warnings for `profile` against every other profile in the list.
pub fn warnings_for(profiles: &[Profile], profile: &Profile) -> Vec<ProfileWarning> {
    profiles
        .iter()
        .filter(|other| other.id != profile.id && other.same_tenant_and_user(profile))
        .map(|other| ProfileWarning {
            code: "same_tenant_and_user".to_string(),
            message: match profile.psa() {
                Psa::Autotask => format!(
                    "Profile \"{}\" already connects to the same Autotask database with the same API user ({}).",
                    other.name,
                    profile.connection.login()
                ),
                Psa::Connectwise => format!(
                    "Profile \"{}\" already connects to the same ConnectWise company with the same API key ({}).",
                    other.name,
                    profile.connection.login()
                ),
            },
            other_profile: other.name.clone(),
        })
        .collect()
}

pub(crate) fn build(input: ProfileInput, id: String) -> Result<Profile, PsaError> {
    let at = now();
    Ok(Profile {
        id,
        details: ProfileInput { name: validate_name(&input.name)?, connection: input.connection.trimmed(), ..input },
        created_at: at,
        updated_at: at,
        last_check: None,
        secret_ref: None,
    })
}

/// Adds a profile. A name already in use is an error; the same tenant and user twice is a warning.
pub fn create(store: &ProfileStore, input: ProfileInput) -> Result<(Profile, Vec<ProfileWarning>), PsaError> {
    let profile = build(input, new_id())?;
    store.modify(|profiles| {
        ensure_name_free(profiles, &profile.name, None)?;
        let warnings = warnings_for(profiles, &profile);
        profiles.push(profile.clone());
        Ok((profile, warnings))
    })
}

/// Replaces the editable fields of a profile. The last check is dropped when the connection details
/// changed, since it no longer says anything about them.
pub fn update(
    store: &ProfileStore,
    id_or_name: &str,
    input: ProfileInput,
) -> Result<(Profile, Vec<ProfileWarning>), PsaError> {
    store.modify(|profiles| update_in(profiles, id_or_name, input))
}

pub(crate) fn update_in(
    profiles: &mut [Profile],
    id_or_name: &str,
    input: ProfileInput,
) -> Result<(Profile, Vec<ProfileWarning>), PsaError> {
    {
        let id = find(profiles, id_or_name).ok_or_else(|| not_found(id_or_name))?.id.clone();
        let fresh = build(input, id.clone())?;
        ensure_name_free(profiles, &fresh.name, Some(&id))?;
        let slot = profiles.iter_mut().find(|p| p.id == id).expect("found above");
        let connection_changed = slot.connection != fresh.connection;
        let updated = Profile {
            created_at: slot.created_at,
            last_check: if connection_changed { None } else { slot.last_check.clone() },
            secret_ref: slot.secret_ref.clone(),
            ..fresh
        };
        *slot = updated.clone();
        let warnings = warnings_for(profiles, &updated);
        Ok((updated, warnings))
    }
}

pub fn rename(store: &ProfileStore, id_or_name: &str, new_name: &str) -> Result<Profile, PsaError> {
    let new_name = validate_name(new_name)?;
    store.modify(|profiles| {
        let id = find(profiles, id_or_name).ok_or_else(|| not_found(id_or_name))?.id.clone();
        ensure_name_free(profiles, &new_name, Some(&id))?;
        let slot = profiles.iter_mut().find(|p| p.id == id).expect("found above");
        slot.name = new_name;
        slot.updated_at = now();
        Ok(slot.clone())
    })
}

/// A copy under a new name and id, without a keychain reference (the service layer copies the secret).
pub fn duplicate(store: &ProfileStore, id_or_name: &str, new_name: &str) -> Result<Profile, PsaError> {
    let new_name = validate_name(new_name)?;
    store.modify(|profiles| {
        let source = find(profiles, id_or_name).ok_or_else(|| not_found(id_or_name))?.clone();
        ensure_name_free(profiles, &new_name, None)?;
        let at = now();
        let mut copy = Profile { id: new_id(), created_at: at, updated_at: at, secret_ref: None, ..source };
        copy.name = new_name;
        profiles.push(copy.clone());
        Ok(copy)
    })
}

/// Stores a test result. Not an edit, so `updatedAt` stays.
pub fn record_check(store: &ProfileStore, id_or_name: &str, check: LastCheck) -> Result<Profile, PsaError> {
    edit(store, id_or_name, false, |p| p.last_check = Some(check))
}

/// Records a re-check of the saved profile `tested`: its `lastCheck`, and the new zone when Autotask's lookup
/// found the tenant moved ([`ZoneMove::found`]), so the next re-check goes straight there.
pub fn record_recheck(store: &ProfileStore, tested: &Profile, report: &CheckReport) -> Result<Profile, PsaError> {
    let check = super::service::last_check_from(report);
    let moved = ZoneMove::found(tested, report);
    edit(store, &tested.id, false, |p| {
        p.last_check = Some(check);
        if let Some(m) = &moved {
            m.apply(p);
        }
    })
}

/// A saved, detected zone and the one Autotask's lookup named instead during a re-check.
#[derive(Debug, Clone, PartialEq)]
pub struct ZoneMove {
    pub from: AutotaskZone,
    pub to: AutotaskZone,
}

impl ZoneMove {
    /// The move a re-check of `tested` found, when it may replace the saved zone: that zone was detected (a
    /// zone typed by hand is the partner's word and is never replaced) and the lookup named the new one.
    pub fn found(tested: &Profile, report: &CheckReport) -> Option<ZoneMove> {
        let moved = report.items.iter().any(|i| i.code == Some(ErrorCode::AuthZoneMoved));
        let from = tested.connection.zone().filter(|z| z.source == ZoneSource::Detected)?;
        let to = report.zone.as_ref().filter(|z| moved && z.source == ZoneSource::Detected)?;
        Some(ZoneMove { from: from.clone(), to: to.clone() })
    }

    /// Puts the new zone into `profile` when it still holds the zone that was tested: a profile edited
    /// while the re-check ran (another username, a zone typed by hand) keeps its edit. `true` when it did.
    pub fn apply(&self, profile: &mut Profile) -> bool {
        match &mut profile.details.connection {
            Connection::Autotask(a) if a.zone.as_ref() == Some(&self.from) => {
                a.zone = Some(self.to.clone());
                true
            }
            _ => false,
        }
    }
}

pub fn set_secret_ref(store: &ProfileStore, id_or_name: &str, secret_ref: Option<String>) -> Result<Profile, PsaError> {
    edit(store, id_or_name, true, |p| p.secret_ref = secret_ref)
}

fn edit(
    store: &ProfileStore,
    id_or_name: &str,
    touch: bool,
    f: impl FnOnce(&mut Profile),
) -> Result<Profile, PsaError> {
    store.modify(|profiles| {
        let id = find(profiles, id_or_name).ok_or_else(|| not_found(id_or_name))?.id.clone();
        let slot = profiles.iter_mut().find(|p| p.id == id).expect("found above");
        f(slot);
        if touch {
            slot.updated_at = now();
        }
        Ok(slot.clone())
    })
}

/// Removes the profile with this exact id and returns it. Keychain clean-up is the caller's job.
pub fn remove(store: &ProfileStore, id: &str) -> Result<Profile, PsaError> {
    store.modify(|profiles| {
        let pos = profiles.iter().position(|p| p.id == id).ok_or_else(|| not_found(id))?;
        Ok(profiles.remove(pos))
    })
}
