//! The real keychain. Each entry is built with the platform's own credential type rather than keyring's
//! default builder, so nothing (not even a stray `set_default_credential_builder`) can swap in keyring's
//! in-memory mock, and an OS without a supported keychain fails to compile instead of "saving" to nowhere.

#[cfg(not(any(
    target_os = "linux",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "macos",
    target_os = "windows"
)))]
compile_error!("PSA Connect keeps secrets only in a real OS keychain; this target has none it supports.");

use keyring::Entry;

use super::errors::{keychain_name, map_keyring_error, KeychainOp};
use super::namespace::KeychainNamespace;
use super::{validate_account, validate_secret, SecretStore};
use crate::error::PsaError;
use crate::secret::Secret;

#[derive(Debug, Clone)]
pub struct KeyringStore {
    service: String,
}

impl KeyringStore {
    pub fn new(namespace: &KeychainNamespace) -> Self {
        KeyringStore { service: namespace.service_name() }
    }

    /// The namespace forced by `PSA_CONNECT_KEYCHAIN_NAMESPACE`, else the one of this build.
    pub fn from_env() -> Result<Self, PsaError> {
        Ok(Self::new(&KeychainNamespace::from_env()?))
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    fn entry(&self, account: &str, op: KeychainOp) -> Result<Entry, PsaError> {
        validate_account(account)?;
        platform_entry(&self.service, account).map_err(|e| map_keyring_error(e, op, account))
    }
}

#[cfg(any(target_os = "linux", target_os = "freebsd", target_os = "openbsd"))]
fn platform_entry(service: &str, account: &str) -> keyring::Result<Entry> {
    let cred = keyring::secret_service::SsCredential::new_with_target(None, service, account)?;
    Ok(Entry::new_with_credential(Box::new(cred)))
}

#[cfg(target_os = "macos")]
fn platform_entry(service: &str, account: &str) -> keyring::Result<Entry> {
    let cred = keyring::macos::MacCredential::new_with_target(None, service, account)?;
    Ok(Entry::new_with_credential(Box::new(cred)))
}

#[cfg(target_os = "windows")]
fn platform_entry(service: &str, account: &str) -> keyring::Result<Entry> {
    let cred = keyring::windows::WinCredential::new_with_target(None, service, account)?;
    Ok(Entry::new_with_credential(Box::new(cred)))
}

impl SecretStore for KeyringStore {
    fn set(&self, account: &str, secret: &Secret) -> Result<(), PsaError> {
        validate_secret(secret)?;
        let entry = self.entry(account, KeychainOp::Write)?;
        entry.set_password(secret.expose()).map_err(|e| map_keyring_error(e, KeychainOp::Write, account))
    }

    fn get(&self, account: &str) -> Result<Secret, PsaError> {
        let entry = self.entry(account, KeychainOp::Read)?;
        entry.get_password().map(Secret::new).map_err(|e| map_keyring_error(e, KeychainOp::Read, account))
    }

    fn delete(&self, account: &str) -> Result<(), PsaError> {
        let entry = self.entry(account, KeychainOp::Delete)?;
        entry.delete_credential().map_err(|e| map_keyring_error(e, KeychainOp::Delete, account))
    }

    fn describe(&self) -> String {
        format!("{}, service \"{}\"", keychain_name(), self.service)
    }
}
