//! `psa-connect handoff …` and `psa-connect diagnose …` end to end: the real binary, its log files in
//! `PSA_CONNECT_LOG_DIR`, and (for the `#[ignore]`d test) the Autotask simulator and the real OS keychain.
//! Run the ignored one like `profile.rs` says (scripts/test.sh does, inside a Secret Service session).

use crate::common;

use common::Sandbox;
use psa_core::keychain::KeychainNamespace;
use psa_tests::autotask::fixtures as fx;
use psa_tests::autotask::{AutotaskSim, SimConfig};
use psa_tests::harness::{assert_secret_in_no_file, files_containing, real_keychain};
use serde_json::Value;

#[test]
fn handoff_file_and_link_round_trip_and_secrets_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let env = Sandbox::new(tmp.path(), "support", "http://127.0.0.1:9/ATServicesRest/");
    let file = tmp.path().join("contoso.handoff.json");
    let r = env.run(
        &[
            "handoff",
            "create",
            "--template",
            "custom",
            "--name",
            "Contoso",
            "--username",
            "api@contoso.example",
            "--integration-code",
            "VENDOR1",
            "--zone",
            "https://ww14.autotask.net/Mvc/",
            "--company-type",
            "1,3",
            "--notes",
            "Ticket 4711",
            "-o",
            file.to_str().unwrap(),
            "--json",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.all_output);
    let link = r.json["link"].as_str().unwrap().to_string();
    assert!(link.starts_with("psa-connect://setup?d="), "{link}");
    // A .json name works but will not open with a double-click: the agent is told the name that does.
    assert_eq!(r.json["hint"], "name the file *.psaconnect", "{}", r.all_output);
    let named = tmp.path().join("contoso.psaconnect");
    let r = env.run(&["handoff", "create", "--template", "custom", "-o", named.to_str().unwrap()], None);
    assert_eq!(r.code, 0, "{}", r.all_output);
    assert!(r.all_output.contains("no secret in it") && !r.all_output.contains("Tip:"), "{}", r.all_output);
    let other = tmp.path().join("other.json");
    let r = env.run(&["handoff", "create", "--template", "custom", "-o", other.to_str().unwrap()], None);
    assert!(r.all_output.contains("Tip: name it *.psaconnect"), "{}", r.all_output);

    for source in [file.to_str().unwrap(), link.as_str()] {
        let r = env.run(&["handoff", "show", source, "--json"], None);
        assert_eq!(r.code, 0, "{}", r.all_output);
        let d = &r.json["draft"];
        assert_eq!(d["openStep"], "secret");
        assert_eq!(d["profile"]["connection"]["username"], "api@contoso.example");
        assert_eq!(
            d["profile"]["connection"]["zone"]["apiUrl"],
            "https://webservices14.autotask.net/ATServicesRest/V1.0"
        );
        assert_eq!(d["profile"]["filters"]["companyTypes"], serde_json::json!(["1", "3"]));
        assert_eq!(d["secretHosts"], serde_json::json!(["webservices14.autotask.net"]));
    }
    let human = env.run(&["handoff", "show", &link], None);
    assert!(human.stdout.contains("Secret goes to") && human.stdout.contains("Ticket 4711"), "{}", human.stdout);

    // A file or link with a secret in it is refused (usage error), and the value is never echoed.
    let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    doc["connection"]["zone"]["apiSecret"] = "Leaked-Secret-Value-42".into();
    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, doc.to_string()).unwrap();
    for source in [bad.to_str().unwrap().to_string(), format!("{link}&password=Leaked-Secret-Value-42")] {
        let r = env.run(&["handoff", "show", &source, "--json"], None);
        assert_eq!((r.code, r.json["error"]["code"].as_str()), (2, Some("import_contains_secret")), "{}", r.all_output);
        assert!(r.json["error"]["fix"].as_str().unwrap().contains("Secret step"));
        assert!(!r.stdout.contains("Leaked-Secret-Value-42"));
    }
    // Unknown template, a label instead of a picklist number, a setting named like a secret.
    let r = env.run(&["handoff", "create", "--template", "acme-sync", "--json"], None);
    assert_eq!((r.code, r.json["error"]["code"].as_str()), (2, Some("template_unknown")), "{}", r.all_output);
    let r = env.run(&["handoff", "create", "--template", "custom", "--company-type", "Customer", "--json"], None);
    assert_eq!((r.code, r.json["error"]["code"].as_str()), (2, Some("invalid_input")), "{}", r.all_output);
    let r = env.run(&["handoff", "create", "--template", "custom", "--setting", "api_token=abc", "--json"], None);
    assert_eq!((r.code, r.json["error"]["code"].as_str()), (2, Some("import_contains_secret")), "{}", r.all_output);

    // Every run logged to the log directory, and nothing secret got there.
    let log = std::fs::read_to_string(env.logs().join("psa-connect-cli.log")).unwrap();
    assert!(log.contains("psa-connect started") && log.contains("hand-off created"), "{log}");
    assert!(log.contains("import_contains_secret"), "failures are logged with their code: {log}");
    // The refused input file holds the value; no file the CLI wrote does.
    let hits = files_containing(tmp.path(), "Leaked-Secret-Value-42");
    assert!(hits.len() == 1 && hits[0].ends_with("bad.json"), "{hits:?}");
}

#[test]
fn diagnose_without_a_stored_secret_still_reports_and_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let env = Sandbox::new(tmp.path(), "support", "http://127.0.0.1:9/ATServicesRest/");
    let r = env.run(&["diagnose", "Nobody", "--json"], None);
    assert_eq!((r.code, r.json["error"]["code"].as_str()), (2, Some("profile_not_found")), "{}", r.all_output);

    // An imported profile has no secret yet: the report says so instead of testing.
    let export = serde_json::json!({
        "format": "psa-connect-profiles", "version": 1, "exportedAt": "2026-01-01T00:00:00Z",
        "profiles": [{ "name": "Imported", "psa": "autotask", "template": "custom", "username": fx::GOOD_USER,
            "integrationCode": fx::INTEGRATION_CODE, "createdAt": "2026-01-01T00:00:00Z" }]
    });
    let file = tmp.path().join("export.json");
    std::fs::write(&file, export.to_string()).unwrap();
    assert_eq!(env.run(&["profile", "import", file.to_str().unwrap(), "--json"], None).code, 0);
    let out = tmp.path().join("report.txt");
    let r = env.run(&["diagnose", "Imported", "--json", "-o", out.to_str().unwrap()], None);
    assert_eq!(r.code, 4, "{}", r.all_output);
    let v = &r.json;
    assert_eq!(v["report"]["failingChecks"], serde_json::json!(["keychain"]), "{v}");
    assert!(v["report"]["error"]["code"].as_str().unwrap().starts_with("keychain_"), "{v}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("PSA Connect diagnostic report") && text.contains("Failing:      keychain"), "{text}");
    assert!(text.contains("Last ") && text.contains("psa-connect started"), "the log tail is in the report: {text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs a Secret Service: run under dbus-run-session with gnome-keyring (see profile.rs)"]
async fn diagnose_a_failing_profile_with_the_real_keychain() {
    let sim = AutotaskSim::start(SimConfig::standard()).await.unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let env = Sandbox::new(tmp.path(), "support", &sim.zone_lookup_url());
    if real_keychain(&KeychainNamespace::parse(&env.namespace).unwrap()).is_none() {
        return;
    }
    let save = [
        "profile",
        "save",
        "No contacts",
        "--username",
        fx::NO_CONTACTS_USER,
        "--integration-code",
        fx::INTEGRATION_CODE,
        "--secret-stdin",
        "--force",
        "--json",
    ];
    let r = env.run(&save, Some(fx::NO_CONTACTS_SECRET));
    assert_eq!((r.code, r.json["saved"].as_bool()), (1, Some(true)), "{}", r.all_output);
    let mut outputs = vec![r.all_output];

    let out = tmp.path().join("report.json");
    let r = env.run(&["diagnose", "No contacts", "--json", "-o", out.to_str().unwrap()], None);
    assert_eq!(r.code, 1, "a failing check exits 1 but still reports: {}", r.all_output);
    let report = &r.json["report"];
    assert_eq!(report["failingChecks"], serde_json::json!(["probe.contacts"]), "{report}");
    assert_eq!(report["connection"]["username"], fx::NO_CONTACTS_USER);
    assert!(report["hosts"].as_array().unwrap().iter().any(|h| h.as_str().unwrap().starts_with("127.0.0.1:")));
    assert!(report["threshold"]["limit"].as_i64().is_some());
    assert!(
        report["logLines"].as_array().unwrap().iter().any(|l| l.as_str().unwrap().contains("probe.contacts")),
        "{report}"
    );
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(saved["failingChecks"], report["failingChecks"]);
    outputs.push(r.all_output);
    let r = env.run(&["diagnose", "No contacts"], None);
    assert!(r.stdout.contains("probe.contacts") && r.stdout.contains("[permission_denied]"), "{}", r.stdout);
    outputs.push(r.all_output);

    for o in &outputs {
        assert!(!o.contains(fx::NO_CONTACTS_SECRET), "secret in CLI output: {o}");
    }
    assert_secret_in_no_file(tmp.path(), fx::NO_CONTACTS_SECRET);
    assert_eq!(env.run(&["profile", "delete", "No contacts", "--yes"], None).code, 0);
}
