//! `psa-connect profile save-connectwise|check` and `diagnose` on a ConnectWise profile (issue 13: both ran an
//! Autotask check on it, and `profile save` could not save a ConnectWise connection). The real binary, the
//! ConnectWise simulator in its live-like mode and the real OS keychain; run like profile.rs:
//!
//! ```text
//! KR=$(mktemp -d); dbus-run-session -- env XDG_DATA_HOME=$KR PSA_CONNECT_KEYCHAIN_REQUIRED=1 bash -c \
//!   'printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null;
//!    cargo test -p psa-cli --test cli -- --include-ignored --test-threads=1 profile_connectwise::'
//! ```

use crate::common;

use common::{Run, Sandbox};
use psa_core::keychain::{KeychainNamespace, SecretStore};
use psa_tests::connectwise::fixtures::{self as fx, CwKeys};
use psa_tests::connectwise::{CwSim, CwSimConfig};
use psa_tests::harness::{assert_secret_in_no_file, real_keychain};

fn save_args<'a>(sim_url: &'a str, name: &'a str, keys: &'a CwKeys) -> Vec<&'a str> {
    vec![
        "profile",
        "save-connectwise",
        name,
        "--site",
        "na",
        "--company-id",
        keys.company_id,
        "--cloud-url",
        sim_url,
        "--public-key",
        keys.public_key,
        // Custom: the partner's own registered clientId (the simulator's); PSA Connect has none of its own.
        "--client-id",
        fx::CLIENT_ID,
        "--private-key-stdin",
    ]
}

fn run(env: &Sandbox, cloud: &str, args: &[&str], stdin: Option<&str>) -> Run {
    env.run_with(args, stdin, &[("PSA_CONNECT_CONNECTWISE_CLOUD_URL", cloud)], &["RUST_LOG"])
}

fn ids(check: &serde_json::Value) -> Vec<String> {
    check["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a Secret Service: run under dbus-run-session with gnome-keyring (see the file's header)"]
async fn connectwise_profile_save_check_and_diagnose_with_the_real_keychain() {
    let sim = CwSim::start(CwSimConfig::live_like().with_max_page_size(25)).await.unwrap();
    let cloud = sim.cloud_url();
    let tmp = tempfile::tempdir().unwrap();
    // The Autotask lookup points nowhere: nothing here may reach for Autotask.
    let env = Sandbox::new(tmp.path(), "cw-profile", "http://127.0.0.1:9/ATServicesRest/").with_json();
    let Some(probe) = real_keychain(&KeychainNamespace::parse(&env.namespace).unwrap()) else {
        return;
    };
    let mut outputs = Vec::new();

    let r = run(&env, &cloud, &save_args(&cloud, "Contoso CW", &fx::GOOD), Some(fx::GOOD.private_key));
    assert_eq!((r.code, r.json["saved"].as_bool()), (0, Some(true)), "{}", r.all_output);
    let profile = &r.json["profile"];
    let connection = &profile["connection"];
    assert_eq!(connection["psa"], "connectwise");
    assert_eq!(connection["publicKey"], fx::GOOD.public_key);
    assert_eq!(connection["companyId"].as_str().map(str::to_lowercase), Some(fx::CONTOSO.to_lowercase()));
    assert_eq!(connection["site"]["companyId"].as_str().map(str::to_lowercase), Some(fx::CONTOSO.to_lowercase()));
    assert_eq!(connection["site"]["codebase"], fx::CONTOSO_CODEBASE);
    let secret_ref = profile["secretRef"].as_str().unwrap().to_string();
    assert_eq!(probe.get(&secret_ref).unwrap().expose(), fx::GOOD.private_key);
    outputs.push(r.all_output);

    // A name in use is refused before anything is checked (the app, too, asks before it overwrites).
    let again = run(&env, &cloud, &save_args(&cloud, "contoso cw", &fx::GOOD), Some(fx::GOOD.private_key));
    assert_eq!((again.code, again.json["error"]["code"].as_str()), (2, Some("profile_exists")), "{}", again.all_output);

    // A failing check saves nothing unless --force.
    let r = run(&env, &cloud, &save_args(&cloud, "No contacts", &fx::NO_CONTACTS), Some(fx::NO_CONTACTS.private_key));
    assert_eq!((r.code, r.json["saved"].as_bool()), (1, Some(false)), "{}", r.all_output);
    let mut forced = save_args(&cloud, "No contacts", &fx::NO_CONTACTS);
    forced.push("--force");
    let r = run(&env, &cloud, &forced, Some(fx::NO_CONTACTS.private_key));
    assert_eq!((r.code, r.json["saved"].as_bool()), (1, Some(true)), "{}", r.all_output);
    outputs.push(r.all_output);

    // Re-test: the ConnectWise check (role lines, not Autotask probes), with the key from the keychain.
    let before = sim.stats().total_requests;
    let r = run(&env, &cloud, &["profile", "check", "contoso cw"], None);
    assert_eq!((r.code, r.json["ok"].as_bool()), (0, Some(true)), "{}", r.all_output);
    let lines = ids(&r.json["check"]);
    assert!(lines.contains(&"role.companies.company_maintenance".to_string()), "{lines:?}");
    assert!(!lines.iter().any(|l| l.starts_with("probe.")), "an Autotask check ran: {lines:?}");
    assert!(sim.stats().total_requests > before, "the check reached the ConnectWise simulator");
    outputs.push(r.all_output);

    let r = run(&env, &cloud, &["diagnose", "No contacts"], None);
    assert_eq!(r.code, 1, "{}", r.all_output);
    let failing = r.json["report"]["failingChecks"].as_array().unwrap();
    assert!(failing.iter().any(|f| f == "role.companies.contacts"), "{failing:?}");
    outputs.push(r.all_output);
    let r = run(&env, &cloud, &["diagnose", "Contoso CW"], None);
    assert_eq!((r.code, r.json["ok"].as_bool()), (0, Some(true)), "{}", r.all_output);
    outputs.push(r.all_output);

    for name in ["Contoso CW", "No contacts"] {
        assert_eq!(run(&env, &cloud, &["profile", "delete", name, "--yes"], None).code, 0);
    }
    for key in [fx::GOOD.private_key, fx::NO_CONTACTS.private_key] {
        for out in &outputs {
            assert!(!out.contains(key), "private key in CLI output: {out}");
        }
        assert_secret_in_no_file(tmp.path(), key);
    }
}
