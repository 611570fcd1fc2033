//! The one error shape that leaves the engine: a stable machine code, a sentence for a person, and what to
//! do about it. It crosses the IPC boundary and the CLI's `--json` output unchanged, so the UI and scripts
//! branch on `code`, never on message text.

use serde::Serialize;
use ts_rs::TS;

/// Stable codes. Add new ones at the end of a group; never rename one (scripts and the UI depend on them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // Input the user gave us.
    InvalidInput,
    InvalidUsername,
    InvalidZoneOverride,
    // Transport.
    NetworkTimeout,
    NetworkRefused,
    NetworkDns,
    NetworkTls,
    NetworkOther,
    InsecureUrl,
    RedirectRefused,
    ResponseMalformed,
    ResponseTooLarge,
    ServerError,
    Throttled,
    Cancelled,
    // Autotask zone and authentication.
    ZoneUnknownUser,
    ZoneLookupFailed,
    AuthWrongSecret,
    AuthIntegrationCodeInvalid,
    AuthNotApiUser,
    AuthLocked,
    AuthInactive,
    AuthZoneMoved,
    PermissionDenied,
    /// Autotask refused the sign-in check in a way that proves neither a sign-in nor a cause (a 403 without
    /// the documented permission text, psa-api.md §A2).
    AuthUnclear,
    // ConnectWise.
    CwUnknownCompany,
    CwBadKeys,
    CwClientIdMissing,
    CwWrongHost,
    /// A 403 without ConnectWise's documented role wording: it may be an unregistered clientId or a role
    /// refusal (psa-api.md §B1 "Errors": the clientId refusal is UNCONFIRMED), so it proves neither.
    CwRefusedUnclear,
    // Keychain.
    KeychainUnavailable,
    KeychainLocked,
    KeychainEntryMissing,
    KeychainFailed,
    SecretTooLong,
    // Profiles, import and export, templates.
    ProfileNotFound,
    ProfileExists,
    ProfileStoreCorrupt,
    ProfileStoreNewer,
    ProfileStoreLocked,
    ProfileStoreIo,
    ImportInvalid,
    ImportContainsSecret,
    TemplateUnknown,
    TemplateInvalid,
    /// A vendor pack (`*.psapack.toml`) that cannot be used: too big, malformed, or breaking a rule.
    PackInvalid,
    // The vendor-portal step: copying values to the clipboard.
    SecretNotHeld,
    ClipboardFailed,
    Internal,
}

impl ErrorCode {
    /// The snake_case name scripts see; serde's rename is the one source of truth.
    pub fn name(&self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => s,
            _ => "internal".to_string(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{message}")]
pub struct PsaError {
    pub code: ErrorCode,
    /// What went wrong, in words a partner understands.
    pub message: String,
    /// What to do about it: names the step of the guide or the screen in the PSA.
    pub fix: String,
    /// Technical detail for support staff (status code, host, raw error text). Never contains a secret.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

/// The name the UI and CLI know the error shape by.
pub type ApiError = PsaError;

impl PsaError {
    pub fn new(code: ErrorCode, message: impl Into<String>, fix: impl Into<String>) -> Self {
        PsaError { code, message: message.into(), fix: fix.into(), details: None }
    }

    pub fn with_details(mut self, details: impl Into<String>) -> Self {
        self.details = Some(details.into());
        self
    }

    pub fn invalid_input(message: impl Into<String>, fix: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message, fix)
    }

    pub fn internal(details: impl Into<String>) -> Self {
        Self::new(
            ErrorCode::Internal,
            "PSA Connect hit an unexpected problem.",
            "Try again. If it keeps happening, send the diagnostic report to support.",
        )
        .with_details(details)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_message_fix() {
        let e = PsaError::new(ErrorCode::AuthWrongSecret, "m", "f");
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "auth_wrong_secret");
        assert_eq!(v["message"], "m");
        assert_eq!(v["fix"], "f");
        assert!(v.get("details").is_none());
        assert_eq!(ErrorCode::ZoneUnknownUser.name(), "zone_unknown_user");
    }
}
