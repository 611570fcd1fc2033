//! Turns what the `keyring` crate reports into errors a partner can act on. Only the error's text goes into
//! `details`, never a stored value (keyring's `BadEncoding` carries the raw bytes, so it is not printed).

use crate::error::{ErrorCode, PsaError};

/// What was being done when the keychain failed; it shapes the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeychainOp {
    Write,
    Read,
    Delete,
}

impl KeychainOp {
    fn verb(self) -> &'static str {
        match self {
            KeychainOp::Write => "save the secret in",
            KeychainOp::Read => "read the secret from",
            KeychainOp::Delete => "remove the secret from",
        }
    }
}

/// The name of this OS's keychain, as its users know it.
pub fn keychain_name() -> &'static str {
    if cfg!(target_os = "macos") {
        "the macOS Keychain"
    } else if cfg!(target_os = "windows") {
        "Windows Credential Manager"
    } else {
        "the system keyring (Secret Service)"
    }
}

fn unavailable_fix() -> &'static str {
    if cfg!(target_os = "macos") {
        "Log in to the Mac's desktop session so the login keychain is available (Keychain Access must open it), \
         then try again."
    } else if cfg!(target_os = "windows") {
        "Sign in to Windows with a normal user account (Credential Manager is not available to service or \
         restricted accounts), then try again."
    } else {
        "PSA Connect needs a running Secret Service. In a desktop session, make sure GNOME Keyring or KWallet is \
         installed and running (Debian/Ubuntu: sudo apt install gnome-keyring, then log out and back in). Over SSH \
         or on a server, start a session bus and an unlocked keyring first, e.g. dbus-run-session with \
         gnome-keyring-daemon --unlock."
    }
}

fn locked_fix() -> &'static str {
    if cfg!(target_os = "macos") {
        "Unlock your login keychain (Keychain Access > File > Unlock Keychain \"login\") and allow PSA Connect \
         access when macOS asks, then try again."
    } else if cfg!(target_os = "windows") {
        "Make sure you are signed in to Windows as yourself and allowed to use Credential Manager, then try again."
    } else {
        "Unlock your keyring (GNOME: open Passwords and Keys and unlock the \"Login\" keyring; KDE: open KWallet \
         Manager and open the wallet), then try again."
    }
}

/// Words in a platform failure that mean "there is no keychain service to talk to at all".
fn looks_unavailable(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    [
        "dbus",
        "d-bus",
        "secret service provider",
        "org.freedesktop.secrets",
        "autolaunch",
        "no such file or directory",
        "connection refused",
    ]
    .iter()
    .any(|needle| t.contains(needle))
}

/// Maps one keyring error. `account` only goes into `details`.
pub fn map_keyring_error(err: keyring::Error, op: KeychainOp, account: &str) -> PsaError {
    let where_ = format!("{} (account {account})", keychain_name());
    match err {
        keyring::Error::NoEntry => PsaError::new(
            ErrorCode::KeychainEntryMissing,
            format!("No secret is stored in {} for this profile.", keychain_name()),
            "Enter the API secret again on the profile's secret step (or run psa-connect profile save with \
             --secret-stdin).",
        )
        .with_details(where_),
        keyring::Error::NoStorageAccess(e) => PsaError::new(
            ErrorCode::KeychainLocked,
            format!("PSA Connect could not {} {}: it is locked or access was refused.", op.verb(), keychain_name()),
            locked_fix(),
        )
        .with_details(format!("{where_}: {e}")),
        keyring::Error::PlatformFailure(e) if cfg!(target_os = "linux") && looks_unavailable(&e.to_string()) => {
            unavailable(format!("{where_}: {e}"))
        }
        keyring::Error::TooLong(attr, limit) => PsaError::new(
            ErrorCode::SecretTooLong,
            format!("The keychain refused the {attr}: it is longer than {limit} allowed."),
            "Check that only the secret was pasted (no extra text or line breaks).",
        )
        .with_details(where_),
        keyring::Error::BadEncoding(_) => failed(op, format!("{where_}: stored value is not UTF-8 text")),
        keyring::Error::Ambiguous(items) => {
            failed(op, format!("{where_}: {} entries match; remove the duplicates in the keychain", items.len()))
        }
        other => failed(op, format!("{where_}: {other}")),
    }
}

/// There is no keychain service at all (no D-Bus session, no Secret Service provider).
pub(crate) fn unavailable(details: String) -> PsaError {
    PsaError::new(
        ErrorCode::KeychainUnavailable,
        format!(
            "PSA Connect cannot reach {}, so it cannot keep the API secret safely. Nothing was saved.",
            keychain_name()
        ),
        unavailable_fix(),
    )
    .with_details(details)
}

fn failed(op: KeychainOp, details: String) -> PsaError {
    PsaError::new(
        ErrorCode::KeychainFailed,
        format!("PSA Connect could not {} {}.", op.verb(), keychain_name()),
        "Try again. If it keeps failing, restart your session (log out and back in) and send the diagnostic \
         report to support.",
    )
    .with_details(details)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn boxed(text: &str) -> Box<dyn std::error::Error + Send + Sync> {
        text.to_string().into()
    }

    #[test]
    fn each_keyring_error_gets_its_own_code() {
        let m = |e| map_keyring_error(e, KeychainOp::Write, "profile-x").code;
        assert_eq!(m(keyring::Error::NoEntry), ErrorCode::KeychainEntryMissing);
        assert_eq!(
            m(keyring::Error::NoStorageAccess(boxed("Secret Service: no result found"))),
            ErrorCode::KeychainLocked
        );
        assert_eq!(m(keyring::Error::TooLong("password".into(), 2560)), ErrorCode::SecretTooLong);
        assert_eq!(m(keyring::Error::BadEncoding(vec![0xff])), ErrorCode::KeychainFailed);
        assert_eq!(m(keyring::Error::PlatformFailure(boxed("something odd"))), ErrorCode::KeychainFailed);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn missing_dbus_or_provider_is_unavailable_with_an_install_hint() {
        for text in [
            "No DBus session or Secret Service provider found",
            "DBus error: Unable to autolaunch a dbus-daemon without a $DISPLAY for X11",
            "DBus error: The name org.freedesktop.secrets was not provided by any .service files",
        ] {
            let e = map_keyring_error(keyring::Error::PlatformFailure(boxed(text)), KeychainOp::Write, "a");
            assert_eq!(e.code, ErrorCode::KeychainUnavailable, "{text}");
            assert!(e.fix.contains("gnome-keyring"), "{}", e.fix);
            assert!(e.details.unwrap().contains(text));
        }
    }

    #[test]
    fn bad_encoding_never_prints_the_stored_bytes() {
        let e = map_keyring_error(keyring::Error::BadEncoding(b"s3cr3t\xff".to_vec()), KeychainOp::Read, "a");
        let all = format!("{} {} {:?}", e.message, e.fix, e.details);
        assert!(!all.contains("s3cr3t") && !all.contains("115, 51"), "{all}");
    }
}
