//! An in-memory keychain for unit tests only: compiled under `cfg(test)`, so no shipped program can ever pick
//! it. It can be told to fail, to test what the profile code does when the keychain misbehaves.

use std::collections::BTreeMap;
use std::sync::Mutex;

use super::{validate_account, validate_secret, SecretStore};
use crate::error::{ErrorCode, PsaError};
use crate::secret::Secret;

#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<BTreeMap<String, Secret>>,
    /// When set, every operation fails with this code.
    fail_with: Mutex<Option<ErrorCode>>,
    /// When set, reading an entry fails with this code (writes and deletes still work).
    fail_reads_with: Mutex<Option<ErrorCode>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn fail_with(&self, code: Option<ErrorCode>) {
        *self.fail_with.lock().unwrap() = code;
    }

    pub fn fail_reads_with(&self, code: Option<ErrorCode>) {
        *self.fail_reads_with.lock().unwrap() = code;
    }

    pub fn accounts(&self) -> Vec<String> {
        self.entries.lock().unwrap().keys().cloned().collect()
    }

    fn check_failure(&self) -> Result<(), PsaError> {
        match *self.fail_with.lock().unwrap() {
            Some(code) => Err(PsaError::new(code, "memory store told to fail", "test")),
            None => Ok(()),
        }
    }

    fn missing(account: &str) -> PsaError {
        PsaError::new(ErrorCode::KeychainEntryMissing, "no entry", "test").with_details(account.to_string())
    }
}

impl SecretStore for MemoryStore {
    fn set(&self, account: &str, secret: &Secret) -> Result<(), PsaError> {
        validate_account(account)?;
        validate_secret(secret)?;
        self.check_failure()?;
        self.entries.lock().unwrap().insert(account.to_string(), secret.clone());
        Ok(())
    }

    fn get(&self, account: &str) -> Result<Secret, PsaError> {
        self.check_failure()?;
        if let Some(code) = *self.fail_reads_with.lock().unwrap() {
            return Err(PsaError::new(code, "memory store told to fail reads", "test"));
        }
        self.entries.lock().unwrap().get(account).cloned().ok_or_else(|| Self::missing(account))
    }

    fn delete(&self, account: &str) -> Result<(), PsaError> {
        self.check_failure()?;
        self.entries.lock().unwrap().remove(account).map(|_| ()).ok_or_else(|| Self::missing(account))
    }

    fn describe(&self) -> String {
        "in-memory test store".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_passes_and_leaves_nothing_behind() {
        let s = MemoryStore::new();
        s.round_trip_check().unwrap();
        assert!(s.accounts().is_empty());
    }

    #[test]
    fn round_trip_names_the_failing_step() {
        let s = MemoryStore::new();
        s.fail_with(Some(ErrorCode::KeychainLocked));
        let e = s.round_trip_check().unwrap_err();
        assert_eq!(e.code, ErrorCode::KeychainLocked);
        assert!(e.details.unwrap().contains("step \"write\""));
    }

    #[test]
    fn too_long_secret_is_refused_before_writing() {
        let s = MemoryStore::new();
        let e = s.set("profile-a", &Secret::new("x".repeat(1281))).unwrap_err();
        assert_eq!(e.code, ErrorCode::SecretTooLong);
        s.set("profile-a", &Secret::new("x".repeat(1280))).unwrap();
        let e = s.set("profile-b", &Secret::new("  ")).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput);
    }
}
