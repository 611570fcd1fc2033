//! `psa-connect profile …` end to end: the real binary, the Autotask simulator on 127.0.0.1 and the real
//! OS keychain. The `#[ignore]`d test needs a Secret Service; run it like the keychain tests:
//!
//! ```text
//! KR=$(mktemp -d); dbus-run-session -- env XDG_DATA_HOME=$KR PSA_CONNECT_KEYCHAIN_REQUIRED=1 bash -c \
//!   'printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null;
//!    cargo test -p psa-cli --test cli -- --include-ignored --test-threads=1 profile::'
//! ```

use crate::common;

use std::path::Path;

use common::Sandbox;
use psa_core::keychain::{KeychainNamespace, SecretStore};
use psa_tests::autotask::fixtures as fx;
use psa_tests::autotask::{AutotaskSim, SimConfig};
use psa_tests::harness::{assert_secret_in_no_file, real_keychain};

/// Every run is `--json`: these tests read the document only.
fn env_for(dir: &Path, zone_url: &str) -> Sandbox {
    Sandbox::new(dir, "cli", zone_url).with_json()
}

fn save_args<'a>(name: &'a str, user: &'a str) -> Vec<&'a str> {
    vec!["profile", "save", name, "--username", user, "--integration-code", fx::INTEGRATION_CODE, "--secret-stdin"]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a Secret Service: run under dbus-run-session with gnome-keyring (see the file's header)"]
async fn save_list_check_export_import_and_delete_with_the_real_keychain() {
    let sim = AutotaskSim::start(SimConfig::standard()).await.unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let env = env_for(tmp.path(), &sim.zone_lookup_url());
    let mut outputs = Vec::new();

    let Some(probe) = real_keychain(&KeychainNamespace::parse(&env.namespace).unwrap()) else {
        return;
    };

    // A passing check saves the profile, with the zone it found and the secret in the keychain.
    let r = env.run(&save_args("Contoso", fx::GOOD_USER), Some(fx::GOOD_SECRET));
    assert_eq!(r.code, 0, "{}", r.all_output);
    assert_eq!((r.json["saved"].as_bool(), r.json["created"].as_bool()), (Some(true), Some(true)));
    let profile = &r.json["profile"];
    assert_eq!(profile["connection"]["zone"]["ci"], fx::CONTOSO_CI);
    assert_eq!(profile["lastCheck"]["ok"], true);
    let secret_ref = profile["secretRef"].as_str().unwrap().to_string();
    let profile_id = profile["id"].as_str().unwrap().to_string();
    assert_eq!(probe.get(&secret_ref).unwrap().expose(), fx::GOOD_SECRET);
    outputs.push(r.all_output);

    // A name in use is refused before anything is checked or written; --replace replaces that profile.
    let sent = sim.stats().total_requests;
    let r = env.run(&save_args("contoso", fx::GOOD_USER), Some("Not-The-Secret-123"));
    assert_eq!((r.code, r.json["error"]["code"].as_str()), (2, Some("profile_exists")), "{}", r.all_output);
    assert!(r.json["error"]["fix"].as_str().unwrap().contains("--replace"));
    assert_eq!(sim.stats().total_requests, sent, "nothing checked");
    assert_eq!(probe.get(&secret_ref).unwrap().expose(), fx::GOOD_SECRET, "the saved secret untouched");
    let mut replace = save_args("Contoso", fx::GOOD_USER);
    replace.push("--replace");
    let r = env.run(&replace, Some(fx::GOOD_SECRET));
    assert_eq!((r.code, r.json["created"].as_bool()), (0, Some(false)), "{}", r.all_output);
    assert_eq!(r.json["profile"]["id"], profile_id.as_str());

    // A failing check saves nothing unless --force.
    let mut bad = save_args("No contacts", fx::NO_CONTACTS_USER);
    let r = env.run(&bad, Some(fx::NO_CONTACTS_SECRET));
    assert_eq!((r.code, r.json["saved"].as_bool()), (1, Some(false)), "{}", r.all_output);
    outputs.push(r.all_output);
    let r = env.run(&save_args("Wrong secret", fx::GOOD_USER), Some("Not-The-Secret-123"));
    assert_eq!((r.code, r.json["saved"].as_bool()), (3, Some(false)), "{}", r.all_output);
    assert_eq!(r.json["check"]["error"]["code"], "auth_wrong_secret");
    assert!(!r.all_output.contains("Not-The-Secret-123"));
    let r = env.run(&["profile", "list"], None);
    let names: Vec<&str> = r.json["profiles"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, vec!["Contoso"]);
    bad.push("--force");
    let r = env.run(&bad, Some(fx::NO_CONTACTS_SECRET));
    assert_eq!(
        (r.code, r.json["saved"].as_bool(), r.json["ok"].as_bool()),
        (1, Some(true), Some(false)),
        "{}",
        r.all_output
    );
    assert_eq!(r.json["profile"]["lastCheck"]["ok"], false);
    outputs.push(r.all_output);

    // Re-test reads the secret from the keychain.
    let r = env.run(&["profile", "check", "contoso"], None);
    assert_eq!((r.code, r.json["ok"].as_bool()), (0, Some(true)), "{}", r.all_output);
    let r = env.run(&["profile", "show", "Contoso"], None);
    assert_eq!(r.json["profile"]["connection"]["username"], fx::GOOD_USER);
    outputs.push(r.all_output);

    // Export has no secret; importing elsewhere asks for each secret; a clash needs a choice.
    let export_file = tmp.path().join("export.json");
    let r = env.run(&["profile", "export", "-o", export_file.to_str().unwrap()], None);
    assert_eq!((r.code, r.json["count"].as_u64()), (0, Some(2)), "{}", r.all_output);
    let other = env_for(&tmp.path().join("other"), &env.zone_url);
    let r = other.run(&["profile", "import", export_file.to_str().unwrap()], None);
    assert_eq!(r.code, 0, "{}", r.all_output);
    assert!(r.json["import"]["imported"].as_array().unwrap().iter().all(|p| p["needsSecret"] == true));
    let r = env.run(&["profile", "import", export_file.to_str().unwrap()], None);
    assert_eq!((r.code, r.json["error"]["code"].as_str()), (2, Some("profile_exists")), "{}", r.all_output);
    let r = env.run(&["profile", "import", export_file.to_str().unwrap(), "--on-clash", "rename"], None);
    assert_eq!(r.json["import"]["imported"][0]["name"], "Contoso (imported)", "{}", r.all_output);
    // One profile named three times (two spellings of its name, and its id) is exported once, so the file
    // imports as it is.
    let twice = tmp.path().join("twice.json");
    let r = env.run(&["profile", "export", "Contoso", "contoso", &profile_id, "-o", twice.to_str().unwrap()], None);
    assert_eq!((r.code, r.json["count"].as_u64()), (0, Some(1)), "{}", r.all_output);
    let third = env_for(&tmp.path().join("third"), &env.zone_url);
    let r = third.run(&["profile", "import", twice.to_str().unwrap()], None);
    assert_eq!(r.code, 0, "{}", r.all_output);

    // Delete needs --yes without a terminal, then removes the keychain entry too.
    let r = env.run(&["profile", "delete", "Contoso"], None);
    assert_eq!(r.code, 2, "{}", r.all_output);
    let r = env.run(&["profile", "delete", "Contoso", "--yes"], None);
    assert_eq!(r.code, 0, "{}", r.all_output);
    assert_eq!(probe.get(&secret_ref).unwrap_err().code, psa_core::ErrorCode::KeychainEntryMissing);
    let r = env.run(&["profile", "check", "Contoso"], None);
    assert_eq!(r.json["error"]["code"], "profile_not_found");
    for name in ["No contacts", "Contoso (imported)"] {
        assert_eq!(env.run(&["profile", "delete", name, "--yes"], None).code, 0);
    }

    // What to type into the vendor's portal (the wizard's last step): the secret only with --include-secret,
    // read from the keychain and printed on stdout only.
    let mut hb = save_args("Helpdesk", fx::FULL_ACCESS_USER);
    hb.extend(["--template", "helpdesk-buttons"]);
    let r = env.run(&hb, Some(fx::FULL_ACCESS_SECRET));
    assert_eq!(r.code, 0, "{}", r.all_output);
    let r = env.run(&["profile", "show", "Helpdesk", "--for-vendor"], None);
    assert_eq!(r.code, 0, "{}", r.all_output);
    let line = |r: &common::Run, value: &str| {
        r.json["lines"].as_array().unwrap().iter().find(|l| l["value"] == value).cloned().unwrap()
    };
    assert_eq!(line(&r, "endpoint_host")["text"], "webservices14.autotask.net");
    let key = line(&r, "key_user_colon_secret");
    assert!(key["text"].as_str().unwrap().starts_with(&format!("{}:••••", fx::FULL_ACCESS_USER)), "{key}");
    assert!(!r.all_output.contains(fx::FULL_ACCESS_SECRET));
    let r = env.run(&["profile", "show", "Helpdesk", "--for-vendor", "--include-secret"], None);
    assert_eq!(r.code, 0, "{}", r.all_output);
    assert_eq!(
        line(&r, "key_user_colon_secret")["text"],
        format!("{}:{}", fx::FULL_ACCESS_USER, fx::FULL_ACCESS_SECRET)
    );
    assert!(!r.stderr.contains(fx::FULL_ACCESS_SECRET), "the secret goes to stdout only");
    assert_eq!(env.run(&["profile", "delete", "Helpdesk", "--yes"], None).code, 0);
    assert_secret_in_no_file(tmp.path(), fx::FULL_ACCESS_SECRET);

    for secret in [fx::GOOD_SECRET, fx::NO_CONTACTS_SECRET] {
        for out in &outputs {
            assert!(!out.contains(secret), "secret in CLI output: {out}");
        }
        assert_secret_in_no_file(tmp.path(), secret);
    }
}

#[cfg(target_os = "linux")]
#[test]
fn save_without_a_keychain_fails_clearly_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let runtime = tmp.path().join("runtime");
    std::fs::create_dir(&runtime).unwrap();
    // No simulator: the keychain self-test comes before any network request.
    let env = env_for(tmp.path(), "http://127.0.0.1:9/ATServicesRest/");
    let r = env.run_with(
        &save_args("Contoso", fx::GOOD_USER),
        Some(fx::GOOD_SECRET),
        &[("XDG_RUNTIME_DIR", runtime.to_str().unwrap()), ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")],
        &["DISPLAY", "WAYLAND_DISPLAY"],
    );
    assert_eq!((r.code, r.json["error"]["code"].as_str()), (4, Some("keychain_unavailable")), "{}", r.all_output);
    assert!(!env.data.exists(), "nothing may be written when the keychain is missing");
    assert!(!r.all_output.contains(fx::GOOD_SECRET));
}

/// The name is checked before the connection test, which takes seconds on a slow link. A profile another
/// program saves under that name meanwhile is not replaced, and its secret stays as it was.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a Secret Service: run under dbus-run-session with gnome-keyring (see the file's header)"]
async fn a_name_taken_during_the_check_is_not_overwritten() {
    use psa_core::profiles::{service, ProfileStore};

    let sim =
        AutotaskSim::start(SimConfig::standard().with_latency(std::time::Duration::from_millis(300))).await.unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let env = env_for(tmp.path(), &sim.zone_lookup_url());
    let Some(probe) = real_keychain(&KeychainNamespace::parse(&env.namespace).unwrap()) else {
        return;
    };
    const THEIRS: &str = "Other-Programs-Secret-41";
    let theirs = std::thread::scope(|s| {
        let cli = s.spawn(|| env.run(&save_args("Contoso", fx::GOOD_USER), Some(fx::GOOD_SECRET)));
        let started = std::time::Instant::now();
        while sim.stats().total_requests == 0 {
            assert!(started.elapsed().as_secs() < 20, "the check never reached the simulator");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        // The CLI is now checking: another program saves "Contoso" with its own secret.
        let input = psa_core::profiles::ProfileInput {
            name: "contoso".into(),
            template: "custom".into(),
            connection: psa_core::Connection::autotask("theirs@example.com", fx::INTEGRATION_CODE, None),
            filters: Default::default(),
            settings: Default::default(),
            notes: "saved by another program".into(),
        };
        let store = ProfileStore::new(&env.data);
        let theirs = service::save_profile(&store, input, Some(&psa_core::Secret::new(THEIRS)), &probe).unwrap();
        let r = cli.join().unwrap();
        assert_eq!((r.code, r.json["error"]["code"].as_str()), (2, Some("profile_exists")), "{}", r.all_output);
        assert!(r.json["error"]["message"].as_str().unwrap().contains("\"contoso\""), "{}", r.all_output);
        assert!(r.json["error"]["fix"].as_str().unwrap().contains("--replace"), "{}", r.all_output);
        assert!(!r.all_output.contains(fx::GOOD_SECRET));
        theirs.profile
    });
    let listed = ProfileStore::new(&env.data).list().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].connection.login(), listed[0].notes.as_str()),
        ("theirs@example.com", "saved by another program")
    );
    let account = theirs.secret_ref.clone().unwrap();
    assert_eq!(probe.get(&account).unwrap().expose(), THEIRS, "their secret untouched");
    assert_eq!(env.run(&["profile", "delete", "contoso", "--yes"], None).code, 0);
    assert_secret_in_no_file(tmp.path(), fx::GOOD_SECRET);
}
