//! The real OS keychain (issue 4, "Done when"). The `#[ignore]`d tests need a Secret Service; run them as
//! `.ci/run` does:
//!
//! ```text
//! KR=$(mktemp -d); dbus-run-session -- env XDG_DATA_HOME=$KR PSA_CONNECT_KEYCHAIN_REQUIRED=1 bash -c \
//!   'printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null;
//!    cargo test -p psa-tests --test engine -- --include-ignored --test-threads=1 keychain::'
//! ```
//!
//! With `PSA_CONNECT_KEYCHAIN_REQUIRED=1` a missing keychain fails them instead of skipping.

use std::process::Command;

use psa_core::connection::Connection;
use psa_core::keychain::{KeychainNamespace, KeyringStore, SecretStore};
use psa_core::model::FilterSet;
use psa_core::profiles::{new_id, service, ProfileInput, ProfileStore};
use psa_core::{ErrorCode, Secret};
use psa_tests::harness::{assert_secret_in_no_file, real_keychain, run_piped};

const SECRET: &str = "kc-IT-secret-7f3a9c-never-in-a-file";

fn unique_namespace() -> KeychainNamespace {
    KeychainNamespace::Test(format!("it-{}", new_id()))
}

fn input(name: &str) -> ProfileInput {
    ProfileInput {
        name: name.to_string(),
        template: "generic-autotask".to_string(),
        connection: Connection::autotask("api-user@example.com", "TRACKING-1", None),
        filters: FilterSet::default(),
        settings: Default::default(),
        notes: String::new(),
    }
}

#[test]
#[ignore = "needs a Secret Service: run under dbus-run-session with gnome-keyring (see the file's header)"]
fn save_read_back_and_delete_against_the_real_keychain() {
    let ns = unique_namespace();
    let Some(keys) = real_keychain(&ns) else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let profiles = ProfileStore::new(tmp.path().join("data"));

    let saved = service::save_profile(&profiles, input("Acme"), Some(&Secret::new(SECRET)), &keys).unwrap();
    let account = saved.profile.secret_ref.clone().expect("profile points at its keychain entry");

    // A fresh store object (a fresh keyring Entry) sees it: it really is in the keychain, not in memory.
    let reopened = KeyringStore::new(&ns);
    let profile = profiles.get("acme").unwrap();
    assert_eq!(service::load_secret(&profile, &reopened).unwrap().expose(), SECRET);
    #[cfg(target_os = "linux")]
    if let Ok(out) =
        Command::new("secret-tool").args(["lookup", "service", keys.service(), "username", &account]).output()
    {
        assert_eq!(String::from_utf8_lossy(&out.stdout), SECRET, "secret-tool sees the entry under our service name");
    }
    // Other namespaces (release, dev, another test run) do not see it.
    let other = KeyringStore::new(&unique_namespace());
    assert_eq!(other.get(&account).unwrap_err().code, ErrorCode::KeychainEntryMissing);
    assert_secret_in_no_file(tmp.path(), SECRET);

    // Duplicating gives the copy its own entry.
    let copy = service::duplicate_profile(&profiles, "Acme", "Acme copy", &keys).unwrap();
    assert_ne!(copy.secret_ref.as_deref(), Some(account.as_str()));
    assert_eq!(service::load_secret(&copy, &reopened).unwrap().expose(), SECRET);

    service::delete_profile(&profiles, "Acme", &keys).unwrap();
    service::delete_profile(&profiles, "Acme copy", &keys).unwrap();
    assert_eq!(reopened.get(&account).unwrap_err().code, ErrorCode::KeychainEntryMissing);
    assert_eq!(reopened.get(copy.secret_ref.as_deref().unwrap()).unwrap_err().code, ErrorCode::KeychainEntryMissing);
    assert!(profiles.list().unwrap().is_empty());
}

#[test]
#[ignore = "needs a Secret Service: run under dbus-run-session with gnome-keyring (see the file's header)"]
fn deleting_a_profile_whose_entry_vanished_still_works() {
    let ns = unique_namespace();
    let Some(keys) = real_keychain(&ns) else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let profiles = ProfileStore::new(tmp.path().join("data"));
    let saved = service::save_profile(&profiles, input("Gone"), Some(&Secret::new(SECRET)), &keys).unwrap();
    keys.delete(saved.profile.secret_ref.as_deref().unwrap()).unwrap();
    let e = service::load_secret(&saved.profile, &keys).unwrap_err();
    assert_eq!(e.code, ErrorCode::KeychainEntryMissing);
    service::delete_profile(&profiles, "Gone", &keys).unwrap();
    assert!(profiles.list().unwrap().is_empty());
}

/// Runs `profile-writer save` with the given environment changes; returns (success, stdout).
#[cfg(target_os = "linux")]
fn save_in_child(data: &std::path::Path, env: &[(&str, &str)], remove: &[&str]) -> (bool, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_profile-writer"));
    cmd.args(["save", data.to_str().unwrap(), "Acme"]).env("PSA_CONNECT_KEYCHAIN_NAMESPACE", "test:no-dbus");
    let out = run_piped(&mut cmd, remove, env, Some(SECRET.as_bytes()));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!stdout.contains(SECRET) && !String::from_utf8_lossy(&out.stderr).contains(SECRET));
    (out.status.success(), stdout)
}

/// Needs nothing installed, so it always runs on Linux.
#[cfg(target_os = "linux")]
#[test]
fn without_a_dbus_session_the_keychain_is_unavailable_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let runtime = tmp.path().join("runtime"); // no `bus` socket in it
    std::fs::create_dir(&runtime).unwrap();
    let runtime = runtime.to_str().unwrap();
    let cases: [(&str, Vec<(&str, &str)>); 2] = [
        ("no session bus at all", vec![("XDG_RUNTIME_DIR", runtime)]),
        (
            "a bus address nobody listens on",
            vec![("XDG_RUNTIME_DIR", runtime), ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/psa-connect-bus")],
        ),
    ];
    for (what, env) in cases {
        let data = tmp.path().join(format!("data-{}", what.len()));
        let (ok, stdout) = save_in_child(&data, &env, &["DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY"]);
        assert!(!ok, "{what}: saving must fail: {stdout}");
        let v: serde_json::Value =
            serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{what}: {e}: {stdout}"));
        assert_eq!(v["error"]["code"], "keychain_unavailable", "{what}: {stdout}");
        let fix = v["error"]["fix"].as_str().unwrap();
        assert!(fix.contains("gnome-keyring") && fix.contains("KWallet"), "{what}: {fix}");
        assert!(v["error"]["details"].as_str().unwrap().contains("step \"write\""), "{what}: {stdout}");
        assert!(!data.exists(), "{what}: something was written to the data directory");
    }
}
