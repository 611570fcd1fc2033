//! Operations that touch both the profile file and the keychain, ordered so that a failure half-way leaves
//! nothing a user could mistake for a working profile:
//! - save: the secret is written first (only when given), then the profile; if the profile cannot be
//!   written, the keychain is put back as it was: the entry the save wrote is removed, or the secret it
//!   replaced is written back.
//! - delete: the keychain entry goes first; the profile is removed only when that worked or the entry was
//!   already gone, so a profile never disappears while its secret stays behind unreferenced. If the
//!   profile then cannot be removed, its secret is written back, so it still signs in.
//! - duplicate: **copies the secret** into a new entry of its own, so the copy works at once and deleting
//!   either profile never breaks the other. A source without a stored secret gives a copy without one.
//!
//! Running the connection test before saving (and `--force`) is the caller's business.

use super::ops::{self, ProfileInput, ProfileWarning};
use super::store::{find, ProfileStore};
use super::transfer::{self, ImportOptions, ImportReport};
use super::{new_id, secret_account, LastCheck, Profile};
use crate::error::{ErrorCode, PsaError};
use crate::keychain::SecretStore;
use crate::model::{CheckReport, CheckStatus};
use crate::secret::Secret;

#[derive(Debug, Clone)]
pub struct SaveOutcome {
    pub profile: Profile,
    /// False when an existing profile of that name was updated.
    pub created: bool,
    pub warnings: Vec<ProfileWarning>,
}

/// What a save does when a profile of that name (or id) is already saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfNameTaken {
    /// Update that profile: its connection, secret, template, filters and notes.
    Update,
    /// Refuse with `profile_exists` and change nothing. A caller that checked the name earlier (before a
    /// connection test of several seconds, say) passes this, so a profile another program saved meanwhile
    /// under that name is not overwritten.
    Refuse,
}

/// Creates the profile named `input.name`, or updates it when it exists. With `secret`, the secret is
/// stored in the keychain first and the profile points at it; without, an existing reference is kept.
pub fn save_profile(
    profiles: &ProfileStore,
    input: ProfileInput,
    secret: Option<&Secret>,
    secrets: &dyn SecretStore,
) -> Result<SaveOutcome, PsaError> {
    save_profile_if(profiles, input, secret, secrets, IfNameTaken::Update)
}

/// [`save_profile`], saying what to do with a name already in use. With [`IfNameTaken::Refuse`] the name is
/// checked again under the profile file's lock when the profile is added, so two programs saving one new
/// name at the same moment cannot both succeed; the loser's keychain entry is removed again.
pub fn save_profile_if(
    profiles: &ProfileStore,
    input: ProfileInput,
    secret: Option<&Secret>,
    secrets: &dyn SecretStore,
    if_taken: IfNameTaken,
) -> Result<SaveOutcome, PsaError> {
    let name = ops::validate_name(&input.name)?;
    let existing = find(&profiles.list()?, &name).cloned();
    if let (Some(taken), IfNameTaken::Refuse) = (&existing, if_taken) {
        return Err(ops::exists_error(&taken.name));
    }
    let id = existing.as_ref().map(|p| p.id.clone()).unwrap_or_else(new_id);
    let account = secret_account(&id);
    // What the keychain held for this profile before, to put back if the profile cannot be written.
    let previous = match (secret, &existing) {
        (Some(_), Some(_)) => held_secret(secrets, &account)?,
        _ => Held::Nothing,
    };
    if let Some(secret) = secret {
        secrets.set(&account, secret)?;
    }
    let result = (|| match &existing {
        Some(old) => profiles.modify(|list| {
            let (mut profile, warnings) = ops::update_in(list, &old.id, input)?;
            if secret.is_some() {
                profile.secret_ref = Some(account.clone());
                let slot = list.iter_mut().find(|p| p.id == profile.id).expect("updated above");
                *slot = profile.clone();
            }
            Ok(SaveOutcome { profile, created: false, warnings })
        }),
        None => {
            let mut profile = ops::build(input, id.clone())?;
            profile.secret_ref = secret.map(|_| account.clone());
            let warnings = profiles.modify(|list| {
                if let Some(clash) = find(list, &profile.name) {
                    return Err(ops::exists_error(&clash.name));
                }
                let warnings = ops::warnings_for(list, &profile);
                list.push(profile.clone());
                Ok(warnings)
            })?;
            Ok(SaveOutcome { profile, created: true, warnings })
        }
    })();
    // Put the keychain back only while the file is as it was: a write can fail after its rename landed, and
    // another program may have changed the profile meanwhile; then the new secret is the one that fits.
    if result.is_err() && secret.is_some() {
        let now = profiles.list().ok().map(|list| find(&list, &id).cloned());
        if now.as_ref() == Some(&existing) {
            let _ = match &previous {
                Held::Secret(old) => secrets.set(&account, old),
                Held::Nothing => secrets.delete(&account),
                Held::Unreadable => Ok(()),
            };
        }
    }
    result
}

/// What the keychain holds under an account, read before a change so that a failed change can be undone.
enum Held {
    Secret(Secret),
    Nothing,
    /// There, but not readable (not text, say): a change goes ahead as before, and is not undone.
    Unreadable,
}

/// A locked or absent keychain stops the change before anything is written (writing would fail too).
fn held_secret(secrets: &dyn SecretStore, account: &str) -> Result<Held, PsaError> {
    match secrets.get(account) {
        Ok(secret) => Ok(Held::Secret(secret)),
        Err(e) if e.code == ErrorCode::KeychainEntryMissing => Ok(Held::Nothing),
        Err(e) if matches!(e.code, ErrorCode::KeychainLocked | ErrorCode::KeychainUnavailable) => Err(e),
        Err(_) => Ok(Held::Unreadable),
    }
}

/// The secret of a profile, from the keychain.
pub fn load_secret(profile: &Profile, secrets: &dyn SecretStore) -> Result<Secret, PsaError> {
    match &profile.secret_ref {
        Some(account) => secrets.get(account),
        None => Err(PsaError::new(
            ErrorCode::KeychainEntryMissing,
            format!("No secret has been saved for profile \"{}\" yet.", profile.name),
            "Enter the API secret on the profile's secret step (or run psa-connect profile save with --secret-stdin).",
        )),
    }
}

/// Removes the keychain entry, then the profile.
pub fn delete_profile(
    profiles: &ProfileStore,
    id_or_name: &str,
    secrets: &dyn SecretStore,
) -> Result<Profile, PsaError> {
    let profile = profiles.get(id_or_name)?;
    let removed = match &profile.secret_ref {
        Some(account) => held_secret(secrets, account)?,
        None => Held::Nothing,
    };
    if let Some(account) = &profile.secret_ref {
        match secrets.delete(account) {
            Ok(()) => {}
            Err(e) if e.code == ErrorCode::KeychainEntryMissing => {}
            Err(e) => return Err(e),
        }
    }
    let result = ops::remove(profiles, &profile.id);
    // Written back only for a profile that is still there, so it signs in as before.
    if let (Err(_), Some(account), Held::Secret(secret)) = (&result, &profile.secret_ref, &removed) {
        if profiles.get(&profile.id).is_ok() {
            let _ = secrets.set(account, secret);
        }
    }
    result
}

/// A copy under `new_name` with its own copy of the secret (see the module notes).
pub fn duplicate_profile(
    profiles: &ProfileStore,
    id_or_name: &str,
    new_name: &str,
    secrets: &dyn SecretStore,
) -> Result<Profile, PsaError> {
    let source = profiles.get(id_or_name)?;
    let secret = match load_secret(&source, secrets) {
        Ok(s) => Some(s),
        Err(e) if e.code == ErrorCode::KeychainEntryMissing => None,
        Err(e) => return Err(e),
    };
    let copy = ops::duplicate(profiles, &source.id, new_name)?;
    let Some(secret) = secret else {
        return Ok(copy);
    };
    let account = secret_account(&copy.id);
    let linked =
        secrets.set(&account, &secret).and_then(|_| ops::set_secret_ref(profiles, &copy.id, Some(account.clone())));
    match linked {
        Ok(p) => Ok(p),
        Err(e) => {
            // Undo both halves so no copy without its promised secret (or orphaned entry) stays behind.
            let _ = secrets.delete(&account);
            let _ = ops::remove(profiles, &copy.id);
            Err(e)
        }
    }
}

/// Imports a document, then removes keychain entries that replaced profiles no longer use.
pub fn import_profiles(
    profiles: &ProfileStore,
    text: &str,
    opts: &ImportOptions,
    secrets: &dyn SecretStore,
) -> Result<ImportReport, PsaError> {
    let report = transfer::import(profiles, text, opts)?;
    for account in &report.orphaned_secret_refs {
        let _ = secrets.delete(account);
    }
    Ok(report)
}

/// The one-line record of a connection test, for the profile's health badge.
pub fn last_check_from(report: &CheckReport) -> LastCheck {
    let failing: Vec<String> = report
        .items
        .iter()
        .filter(|i| matches!(i.status, CheckStatus::Failed | CheckStatus::Missing | CheckStatus::Restricted))
        .map(|i| i.id.clone())
        .collect();
    let summary = if let Some(e) = &report.error {
        e.message.clone()
    } else if report.ok {
        let warnings = report.items.iter().filter(|i| i.status == CheckStatus::Warning).count();
        match (warnings, report.items.len()) {
            (0, 1) => "The check passed.".to_string(),
            (0, n) => format!("All {n} checks passed."),
            (1, _) => "Connection works; 1 check needs attention.".to_string(),
            (n, _) => format!("Connection works; {n} checks need attention."),
        }
    } else if failing.is_empty() {
        // Not passed, yet no line failed: the sign-in proved nothing and no line read live data.
        "Nothing could be proven; confirm the warnings by hand.".to_string()
    } else if failing.len() == 1 {
        "1 check failed.".to_string()
    } else {
        format!("{} checks failed.", failing.len())
    };
    LastCheck { at: super::now(), ok: report.ok, summary, failing_checks: failing }
}
