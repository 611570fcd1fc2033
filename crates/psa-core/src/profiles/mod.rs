//! Connection profiles: what a finished wizard run saved, so it can be reopened, re-tested, copied and
//! shared. A profile names its keychain entry (`secretRef`) but never holds the secret.
//!
//! Layers: [`store`] owns the file (`profiles.json`: versioned, atomic writes, lock, corrupt files kept
//! aside); [`ops`] edits the list inside one locked read-modify-write; [`transfer`] exports and imports
//! secret-free documents; [`service`] ties profile edits to keychain writes and deletes.

mod fsutil;
pub mod ops;
pub mod paths;
pub mod recheck;
pub mod recheck_all;
pub mod service;
pub mod store;
pub mod transfer;

#[cfg(test)]
mod ops_tests;
#[cfg(test)]
mod service_tests;
#[cfg(test)]
mod store_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod transfer_tests;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use ts_rs::TS;

use crate::model::Psa;

pub use crate::ids::new_id;
pub use ops::{ProfileInput, ProfileWarning};
pub use paths::{default_data_dir, resolve_data_dir, APP_IDENTIFIER, DATA_DIR_ENV};
pub use store::{ProfileStore, PROFILES_FILE, STORE_VERSION};
pub use transfer::{ClashChoice, ExportDocument, ExportedProfile, ImportOptions, ImportReport, ImportedProfile};

/// The result of the last connection test run on a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LastCheck {
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub at: OffsetDateTime,
    pub ok: bool,
    /// One line, e.g. "All 6 checks passed" or the blocking error's message.
    pub summary: String,
    /// Ids of the check lines that failed (`auth`, `probe.companies`, ...).
    pub failing_checks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    /// Stable, never shown to partners; also names the keychain entry.
    pub id: String,
    /// What a person edits (name, template, connection, filters, settings, notes), at the top level on the
    /// wire; reachable as `profile.name` etc. through `Deref`.
    #[serde(flatten)]
    #[ts(flatten)]
    pub details: ProfileInput,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub updated_at: OffsetDateTime,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_check: Option<LastCheck>,
    /// The keychain account holding this profile's secret; `None` until a secret was saved.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret_ref: Option<String>,
}

/// A profile is its editable details plus bookkeeping; reading `profile.name` reads the details' name.
impl std::ops::Deref for Profile {
    type Target = ProfileInput;
    fn deref(&self) -> &ProfileInput {
        &self.details
    }
}

impl std::ops::DerefMut for Profile {
    fn deref_mut(&mut self) -> &mut ProfileInput {
        &mut self.details
    }
}

impl Profile {
    pub fn psa(&self) -> Psa {
        self.connection.psa()
    }

    /// Same tenant and same login as `other`, which usually means a duplicate by mistake.
    pub fn same_tenant_and_user(&self, other: &Profile) -> bool {
        self.connection.same_tenant_and_login(&other.connection)
    }

    /// Matches an id exactly or a name case-insensitively.
    pub fn matches(&self, id_or_name: &str) -> bool {
        self.id == id_or_name || names_equal(&self.name, id_or_name)
    }
}

/// Whether two profile names are the same name (case and surrounding spaces aside).
pub(crate) fn names_equal(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The keychain account for a profile's secret.
pub fn secret_account(profile_id: &str) -> String {
    format!("profile-{profile_id}")
}

pub(crate) fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}
