//! Where saved profiles and their secrets live for the running app: the profile file in the data directory
//! and the OS keychain. Both are opened once at start-up; when either cannot be opened the error is kept and
//! returned by every command that needs it, so the wizard still works and nothing is written elsewhere.
//!
//! The app only ever builds this with [`Vault::from_env`] (the real keychain); [`Vault::new`] exists so the
//! command tests can hand in a store of their own.

use std::sync::Arc;

use psa_core::keychain::{KeyringStore, SecretStore};
use psa_core::profiles::ProfileStore;
use psa_core::PsaError;

use crate::error::CmdResult;

pub struct Vault {
    secrets: Result<Arc<dyn SecretStore>, PsaError>,
    profiles: Result<ProfileStore, PsaError>,
}

impl Vault {
    pub fn new(secrets: Arc<dyn SecretStore>, profiles: ProfileStore) -> Self {
        Vault { secrets: Ok(secrets), profiles: Ok(profiles) }
    }

    /// The keychain namespace from `PSA_CONNECT_KEYCHAIN_NAMESPACE` (else this build's) and the profile
    /// store in `PSA_CONNECT_DATA_DIR` (else the OS app-data directory).
    pub fn from_env() -> Self {
        let secrets = KeyringStore::from_env().map(|k| Arc::new(k) as Arc<dyn SecretStore>);
        Vault { secrets, profiles: ProfileStore::from_env() }
    }

    pub fn secrets(&self) -> CmdResult<Arc<dyn SecretStore>> {
        self.secrets.clone()
    }

    pub fn profiles(&self) -> CmdResult<ProfileStore> {
        self.profiles.clone()
    }
}
