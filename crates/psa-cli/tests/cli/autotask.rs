//! `psa-connect autotask zone|check` end to end: the real binary against the Autotask simulator on
//! 127.0.0.1, the secret piped on stdin, assertions on the JSON document and the exit status. Every run also
//! checks that no fixture secret shows up in stdout or stderr (`common::autotask::run`).

use crate::common;

use common::autotask::{line, looked_up, run, sim};
use common::{item, EXIT_CHECK_FAILED, EXIT_REMOTE};
use psa_tests::autotask::fixtures as fx;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zone_is_detected_through_the_flag_and_the_environment() {
    let sim = sim().await;
    let lookup = sim.zone_lookup_url();
    let r = run(&["autotask", "zone", fx::GOOD_USER, "--zone-lookup-url", &lookup, "--json"], None, &[]).await;
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.json["ok"], true);
    assert_eq!(r.json["zone"]["zoneName"], fx::ZONE14_NAME);
    assert_eq!(r.json["zone"]["ci"], fx::CONTOSO_CI);
    assert_eq!(r.json["zone"]["apiUrl"], sim.zone_api_url(14));
    assert_eq!(r.json["zone"]["source"], "detected");

    let r =
        run(&["autotask", "zone", fx::FABRIKAM_USER, "--json"], None, &[("PSA_CONNECT_AUTOTASK_ZONE_URL", &lookup)])
            .await;
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.json["zone"]["ci"], fx::FABRIKAM_CI);
    assert_eq!(r.json["lookupUrl"], lookup);

    let r = run(&["autotask", "zone", fx::GOOD_USER, "--zone-lookup-url", &lookup], None, &[]).await;
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains(fx::ZONE14_NAME) && r.stdout.contains("100014"), "{}", r.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_user_is_its_own_error() {
    let sim = sim().await;
    let lookup = sim.zone_lookup_url();
    let r = run(&["autotask", "zone", fx::UNKNOWN_USER, "--zone-lookup-url", &lookup, "--json"], None, &[]).await;
    assert_eq!(r.code, EXIT_REMOTE);
    assert_eq!(r.json["ok"], false);
    assert_eq!(r.json["error"]["code"], "zone_unknown_user");
    assert!(!r.json["error"]["fix"].as_str().unwrap().is_empty());

    let args = looked_up("check", fx::UNKNOWN_USER, &lookup);
    let r = run(&args, Some(&line(fx::GOOD_SECRET)), &[]).await;
    assert_eq!(r.code, EXIT_REMOTE);
    assert_eq!(r.json["error"]["code"], "zone_unknown_user");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_passes_for_the_good_user() {
    let sim = sim().await;
    let lookup = sim.zone_lookup_url();
    let mut args = looked_up("check", fx::GOOD_USER, &lookup);
    args.push("-vv");
    let r = run(&args, Some(&line(fx::GOOD_SECRET)), &[]).await;
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.json["ok"], true);
    assert!(r.json.get("error").is_none());
    assert_eq!(r.json["zone"]["zoneName"], fx::ZONE14_NAME);
    for id in ["zone", "auth", "threshold", "probe.companies", "probe.contacts", "picklists"] {
        assert_eq!(item(&r.json, id)["status"], "ok", "{id}: {:#}", item(&r.json, id));
    }
    assert_eq!(r.json["threshold"]["limit"], fx::DEFAULT_REQUEST_THRESHOLD);
    let types = r.json["picklists"]["companyTypes"].as_array().unwrap();
    let customer = fx::TYPE_CUSTOMER.to_string();
    assert!(types.iter().any(|t| t["value"] == customer.as_str() && t["label"] == "Customer"));
    assert!(types.iter().any(|t| t["isActive"] == false), "inactive values are kept");

    // The same check for people: aligned lines with marks, the budget and the filter values.
    let human_args: Vec<&str> = args.iter().copied().filter(|a| *a != "--json").collect();
    let r = run(&human_args, Some(&line(fx::GOOD_SECRET)), &[]).await;
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("✓ Sign-in"), "{}", r.stdout);
    assert!(r.stdout.contains("API budget") && r.stdout.contains("--company-type"), "{}", r.stdout);
    assert!(r.stdout.contains("✓ Ready"));
    assert!(!r.stdout.contains('\x1b'), "no colour when not a terminal");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_secret_is_reported_and_not_retried() {
    let sim = sim().await;
    let lookup = sim.zone_lookup_url();
    let args = looked_up("check", fx::GOOD_USER, &lookup);
    let r = run(&args, Some(&line("Not-The-Secret-77")), &[]).await;
    assert_eq!(r.code, EXIT_REMOTE, "{}", r.stdout);
    assert_eq!(r.json["ok"], false);
    assert_eq!(r.json["error"]["code"], "auth_wrong_secret");
    assert_eq!(item(&r.json, "auth")["status"], "failed");
    // One wave, each call once: the secret is never re-sent after a 401.
    let authed: Vec<_> = sim.stats().requests.into_iter().filter(|q| q.status == 401).collect();
    let paths: std::collections::BTreeSet<&str> = authed.iter().map(|q| q.path.as_str()).collect();
    assert_eq!(paths.len(), authed.len(), "never retried: {authed:?}");
    assert!(authed.len() <= psa_core::autotask::check::WAVE_BUDGET, "{authed:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_permission_fails_its_probe_line_with_a_fix() {
    let sim = sim().await;
    let lookup = sim.zone_lookup_url();
    let args = looked_up("check", fx::NO_CONTACTS_USER, &lookup);
    let r = run(&args, Some(&line(fx::NO_CONTACTS_SECRET)), &[]).await;
    assert_eq!(r.code, EXIT_CHECK_FAILED, "{}", r.stdout);
    assert_eq!(r.json["ok"], false);
    assert!(r.json.get("error").is_none(), "sign-in worked: no blocking error");
    assert_eq!(item(&r.json, "probe.companies")["status"], "ok");
    let contacts = item(&r.json, "probe.contacts");
    assert_eq!(contacts["status"], "missing", "{contacts:#}");
    assert!(!contacts["fix"].as_str().unwrap_or("").is_empty(), "{contacts:#}");

    let human_args: Vec<&str> = args.iter().copied().filter(|a| *a != "--json").collect();
    let r = run(&human_args, Some(&line(fx::NO_CONTACTS_SECRET)), &[]).await;
    assert_eq!(r.code, EXIT_CHECK_FAILED);
    assert!(r.stdout.contains("✗ Contacts"), "{}", r.stdout);
    assert!(r.stdout.contains("fix:") && r.stdout.contains("Not ready"), "{}", r.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn manual_zone_skips_the_lookup() {
    let sim = sim().await;
    let api = sim.zone_api_url(14);
    // A lookup base that refuses connections: proves --api-url needs no lookup.
    let args = [
        "autotask",
        "check",
        "--username",
        fx::GOOD_USER,
        "--integration-code",
        fx::INTEGRATION_CODE,
        "--secret-stdin",
        "--api-url",
        &api,
        "--json",
    ];
    let r = run(
        &args,
        Some(&line(fx::GOOD_SECRET)),
        &[("PSA_CONNECT_AUTOTASK_ZONE_URL", "http://127.0.0.1:9/ATServicesRest/")],
    )
    .await;
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.json["zone"]["source"], "manual");
    assert_eq!(r.json["zone"]["apiUrl"], api);
    assert!(sim.stats().requests.iter().all(|q| !q.path.to_ascii_lowercase().contains("zoneinformation")));
}
