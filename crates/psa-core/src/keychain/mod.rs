//! Secrets live only in the OS keychain: Secret Service on Linux, Keychain on macOS, Credential Manager on
//! Windows. Everything goes through [`SecretStore`] so the profile code can be unit-tested with an in-memory
//! fake, while the running programs only ever get [`KeyringStore`]. There is no plaintext fallback: when the
//! keychain does not work the caller gets a `keychain_*` error and writes nothing.

mod errors;
mod keyring_store;
#[cfg(test)]
mod memory;
mod namespace;

pub use errors::{map_keyring_error, KeychainOp};
pub use keyring_store::KeyringStore;
#[cfg(test)]
pub use memory::MemoryStore;
pub use namespace::{KeychainNamespace, KEYCHAIN_NAMESPACE_ENV, SERVICE_BASE};

use crate::error::{ErrorCode, PsaError};
use crate::secret::Secret;

/// Windows Credential Manager refuses blobs over 2560 bytes, and keyring stores the secret there as UTF-16.
/// The limit is enforced on every OS so a profile made on Linux also works on Windows.
pub const MAX_SECRET_BLOB_BYTES: usize = 2560;

/// Account names are short, printable identifiers such as `profile-1a2b3c`.
const MAX_ACCOUNT_LEN: usize = 200;

/// A place that keeps secrets by account name, inside one service namespace.
pub trait SecretStore: Send + Sync {
    /// Stores (or replaces) the secret of `account`.
    fn set(&self, account: &str, secret: &Secret) -> Result<(), PsaError>;
    /// Reads the secret of `account`; `keychain_entry_missing` when there is none.
    fn get(&self, account: &str) -> Result<Secret, PsaError>;
    /// Removes the secret of `account`; `keychain_entry_missing` when there was none.
    fn delete(&self, account: &str) -> Result<(), PsaError>;
    /// Human-readable description for diagnostics, e.g. `Secret Service, service "PSA Connect (dev)"`.
    fn describe(&self) -> String;

    /// Proves the keychain works: write a probe entry, read it back, delete it, and confirm it is gone.
    /// The error says which of those steps failed.
    fn round_trip_check(&self) -> Result<(), PsaError> {
        round_trip(self)
    }
}

fn round_trip<S: SecretStore + ?Sized>(store: &S) -> Result<(), PsaError> {
    let account = format!("self-test-{}-{}", std::process::id(), crate::ids::new_id());
    let probe = Secret::new(format!("probe-{}", crate::ids::new_id()));
    let step = |step: &str, e: PsaError| {
        let details = match &e.details {
            Some(d) => format!("keychain self-test, step \"{step}\": {d}"),
            None => format!("keychain self-test, step \"{step}\""),
        };
        e.with_details(details)
    };
    store.set(&account, &probe).map_err(|e| step("write", e))?;
    let read = store.get(&account);
    let outcome = match read {
        Ok(value) if value == probe => Ok(()),
        Ok(_) => Err(PsaError::new(
            ErrorCode::KeychainFailed,
            "The keychain returned a different value than PSA Connect stored in it.",
            "Restart the keychain service (or log out and back in) and try again. If it persists, send the \
             diagnostic report to support.",
        )
        .with_details("keychain self-test, step \"read back\": value mismatch")),
        Err(e) => Err(step("read back", e)),
    };
    // Clean up even when the read failed, so a half-working keychain does not collect probe entries.
    let deleted = store.delete(&account);
    outcome?;
    deleted.map_err(|e| step("delete", e))?;
    match store.get(&account) {
        Err(e) if e.code == ErrorCode::KeychainEntryMissing => Ok(()),
        Ok(_) => Err(PsaError::new(
            ErrorCode::KeychainFailed,
            "The keychain still returned an entry after PSA Connect deleted it.",
            "Restart the keychain service (or log out and back in) and try again.",
        )
        .with_details("keychain self-test, step \"confirm delete\": entry still present")),
        Err(e) => Err(step("confirm delete", e)),
    }
}

/// Refuses account names the keychains would mangle or that could not have come from us.
pub fn validate_account(account: &str) -> Result<(), PsaError> {
    let ok = !account.is_empty()
        && account.len() <= MAX_ACCOUNT_LEN
        && account.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'));
    if ok {
        Ok(())
    } else {
        Err(PsaError::internal(format!("invalid keychain account name ({} bytes)", account.len())))
    }
}

/// Checks a secret before anything is written: not empty, and within the smallest keychain's limit.
pub fn validate_secret(secret: &Secret) -> Result<(), PsaError> {
    if secret.is_empty() {
        return Err(PsaError::invalid_input(
            "The secret is empty.",
            "Paste the API secret shown when the API user was created (Autotask: Admin > Resources (Users) > \
             the API user > Generate Key).",
        ));
    }
    let blob = secret.expose().encode_utf16().count() * 2;
    if blob > MAX_SECRET_BLOB_BYTES {
        return Err(PsaError::new(
            ErrorCode::SecretTooLong,
            "The secret is too long to keep in the system keychain.",
            "Check that only the secret was pasted (no extra text or line breaks). API secrets are well under \
             1,000 characters.",
        )
        .with_details(format!("{blob} bytes as UTF-16, limit {MAX_SECRET_BLOB_BYTES}")));
    }
    Ok(())
}
