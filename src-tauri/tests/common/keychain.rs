//! An in-memory keychain for the command tests (test code only; the app itself only builds the real one).

use std::collections::HashMap;
use std::sync::Mutex;

use psa_core::keychain::SecretStore;
use psa_core::{ErrorCode, PsaError, Secret};

/// A keychain that keeps entries in memory (test code only), or one that is "not installed".
#[derive(Default)]
pub struct TestKeychain {
    pub entries: Mutex<HashMap<String, String>>,
    pub broken: bool,
}

impl TestKeychain {
    fn unavailable() -> PsaError {
        PsaError::new(ErrorCode::KeychainUnavailable, "No keychain.", "Install one.")
    }
    pub fn stored(&self, account: &str) -> Option<String> {
        self.entries.lock().unwrap().get(account).cloned()
    }
    pub fn len(&self) -> usize {
        self.entries.lock().unwrap().len()
    }
}

impl SecretStore for TestKeychain {
    fn set(&self, account: &str, secret: &Secret) -> Result<(), PsaError> {
        if self.broken {
            return Err(Self::unavailable());
        }
        self.entries.lock().unwrap().insert(account.to_string(), secret.expose().to_string());
        Ok(())
    }
    fn get(&self, account: &str) -> Result<Secret, PsaError> {
        if self.broken {
            return Err(Self::unavailable());
        }
        self.stored(account)
            .map(Secret::new)
            .ok_or_else(|| PsaError::new(ErrorCode::KeychainEntryMissing, "missing", "enter it"))
    }
    fn delete(&self, account: &str) -> Result<(), PsaError> {
        if self.broken {
            return Err(Self::unavailable());
        }
        match self.entries.lock().unwrap().remove(account) {
            Some(_) => Ok(()),
            None => Err(PsaError::new(ErrorCode::KeychainEntryMissing, "missing", "enter it")),
        }
    }
    fn describe(&self) -> String {
        "test keychain".into()
    }
}
