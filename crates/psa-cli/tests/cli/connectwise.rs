//! `psa-connect connectwise site|check` end to end: the real binary against the ConnectWise simulator on
//! 127.0.0.1, the private key piped on stdin, assertions on the JSON document, the report and the exit
//! status. Every run also checks that no fixture private key shows up in stdout or stderr
//! (`common::connectwise::run`).

use crate::common;

use common::connectwise::{cw, error_code, run, WRONG_PRIVATE_KEY};
use common::{item, EXIT_CHECK_FAILED, EXIT_REMOTE, EXIT_USAGE};
use psa_tests::connectwise::fixtures::{self as fx, CwKeys};
use psa_tests::connectwise::{ClientIdError, CwSim, CwSimConfig};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zone_finds_the_site_through_the_flag_and_the_environment() {
    let sim = CwSim::start(CwSimConfig::standard()).await.unwrap();
    let r = cw(&sim, "site", "na", &fx::GOOD, "", &["--json"]).await;
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let site = &r.json["site"];
    assert_eq!((site["codebase"].as_str(), site["isCloud"].as_bool()), (Some(fx::CONTOSO_CODEBASE), Some(true)));
    assert_eq!(site["apiUrl"].as_str(), sim.api_url(fx::CONTOSO).as_deref());
    assert_eq!((site["companyName"].as_str(), site["source"].as_str()), (Some(fx::CONTOSO_NAME), Some("detected")));

    // `zone`, the command's first name, still works for scripts written against it.
    let args =
        ["connectwise", "zone", "--site", "eu", "--company-id", fx::FABRIKAM, "--json"].map(String::from).to_vec();
    let r = run(args, None, vec![("PSA_CONNECT_CONNECTWISE_CLOUD_URL".into(), sim.cloud_url())]).await;
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.json["site"]["codebase"], fx::FABRIKAM_CODEBASE);

    let r = cw(&sim, "site", "na", &fx::GOOD, "", &[]).await;
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains(fx::CONTOSO_CODEBASE) && r.stdout.contains("ConnectWise cloud"), "{}", r.stdout);
    assert!(sim.stats().requests.iter().all(|q| !q.had_auth), "zone sends no keys");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_company_is_its_own_error() {
    let sim = CwSim::start(CwSimConfig::standard()).await.unwrap();
    let nobody = CwKeys { company_id: "nosuchco", ..fx::GOOD };
    let r = cw(&sim, "site", "na", &nobody, "", &["--json"]).await;
    assert_eq!((r.code, error_code(&r)), (EXIT_REMOTE, "cw_unknown_company"));
    assert!(!r.json["error"]["fix"].as_str().unwrap().is_empty());
    let r = cw(&sim, "check", "na", &nobody, fx::GOOD.private_key, &["--json"]).await;
    assert_eq!((r.code, error_code(&r)), (EXIT_REMOTE, "cw_unknown_company"));
    let r = cw(&sim, "check", "na", &nobody, fx::GOOD.private_key, &[]).await;
    assert!(r.stdout.contains("Stopped") && r.stdout.contains("cw_unknown_company"), "{}", r.stdout);
    assert!(sim.stats().requests.iter().all(|q| !q.had_auth), "no keys were sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_passes_for_the_good_member_in_json_and_for_people() {
    let sim = CwSim::start(CwSimConfig::standard()).await.unwrap();
    let r = cw(&sim, "check", "na", &fx::GOOD, fx::GOOD.private_key, &["--json"]).await;
    assert_eq!(r.code, 0, "{:#}", r.json);
    assert_eq!((r.json["ok"].as_bool(), r.json["psa"].as_str()), (Some(true), Some("connectwise")));
    assert_eq!(r.json["site"]["codebase"], fx::CONTOSO_CODEBASE);
    for id in ["auth", "role.companies.company_maintenance", "role.companies.contacts"] {
        assert_eq!(item(&r.json, id)["status"], "ok", "{id}");
    }
    assert!(r.json["picklists"]["companyTypes"].as_array().is_some_and(|a| a.len() == 4));
    let sent = sim.stats();
    assert!(sent.requests.iter().filter(|q| q.had_auth).all(|q| q.client_id.as_deref() == Some(fx::CLIENT_ID)));

    let r = cw(&sim, "check", "na", &fx::GOOD, fx::GOOD.private_key, &["--client-id", fx::OTHER_CLIENT_ID]).await;
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("✓ Ready"), "{}", r.stdout);
    assert!(r.stdout.contains("Contoso MSP (contoso)") && r.stdout.contains(fx::CONTOSO_CODEBASE));
    assert!(r.stdout.contains("--company-status") && r.stdout.contains("Not-Approved"), "{}", r.stdout);
    assert!(sim.stats().requests.iter().any(|q| q.client_id.as_deref() == Some(fx::OTHER_CLIENT_ID)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_keys_and_an_unregistered_client_id_are_told_apart() {
    let sim = CwSim::start(CwSimConfig::standard()).await.unwrap();
    let r = cw(&sim, "check", "na", &fx::GOOD, WRONG_PRIVATE_KEY, &["--json"]).await;
    assert_eq!((r.code, error_code(&r)), (EXIT_REMOTE, "cw_bad_keys"));
    assert_eq!(item(&r.json, "auth")["status"], "failed");

    let r = cw(
        &sim,
        "check",
        "na",
        &fx::GOOD,
        fx::GOOD.private_key,
        &["--client-id", fx::UNREGISTERED_CLIENT_ID, "--json"],
    )
    .await;
    assert_eq!((r.code, error_code(&r)), (EXIT_REMOTE, "cw_client_id_missing"));
    assert!(r.json["error"]["fix"].as_str().unwrap().contains("developer.connectwise.com"));

    let r = cw(&sim, "check", "na", &fx::GOOD, fx::GOOD.private_key, &["--client-id", "not-a-guid"]).await;
    assert_eq!(r.code, EXIT_REMOTE, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("cw_client_id_missing") || r.stderr.contains("cw_client_id_missing"),
        "{}{}",
        r.stdout,
        r.stderr
    );
}

/// A clientId refused with a 403 that names neither it nor the role (how ConnectWise refuses one is not
/// documented): the sign-in is a warning, not a pass, and with nothing read the check is not ready.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unworded_refusal_is_a_warning_and_not_ready() {
    let sim =
        CwSim::start(CwSimConfig::standard().with_client_id_error(ClientIdError::Forbidden403Unworded)).await.unwrap();
    let extra = ["--client-id", fx::UNREGISTERED_CLIENT_ID];
    let r = cw(&sim, "check", "na", &fx::GOOD, fx::GOOD.private_key, &[&extra[..], &["--json"]].concat()).await;
    assert_eq!(r.code, EXIT_CHECK_FAILED, "{}{}", r.stdout, r.stderr);
    assert_eq!((r.json["ok"].as_bool(), item(&r.json, "auth")["status"].as_str()), (Some(false), Some("warning")));
    assert_eq!(item(&r.json, "auth")["code"], "cw_refused_unclear");
    let r = cw(&sim, "check", "na", &fx::GOOD, fx::GOOD.private_key, &extra).await;
    assert!(r.stdout.contains("! Sign-in") && r.stdout.contains("✗ Not ready"), "{}", r.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_role_permission_fails_the_check_with_the_fix() {
    let sim = CwSim::start(CwSimConfig::standard()).await.unwrap();
    let r = cw(&sim, "check", "na", &fx::NO_CONTACTS, fx::NO_CONTACTS.private_key, &["--json"]).await;
    assert_eq!(r.code, EXIT_CHECK_FAILED, "{:#}", r.json);
    assert!(r.json["error"].is_null());
    let c = item(&r.json, "role.companies.contacts");
    assert_eq!((c["status"].as_str(), c["code"].as_str()), (Some("missing"), Some("permission_denied")));
    assert!(c["fix"].as_str().unwrap().contains("System > Security Roles"));

    let r =
        cw(&sim, "check", "na", &fx::READ_ONLY, fx::READ_ONLY.private_key, &["--template", "sync365-license"]).await;
    assert_eq!(r.code, EXIT_CHECK_FAILED, "{}", r.stdout);
    assert!(r.stdout.contains("template: sync365-license") && r.stdout.contains("Not ready"), "{}", r.stdout);
    assert!(r.stdout.contains("Finance > Agreements"), "{}", r.stdout);
    let r =
        cw(&sim, "check", "na", &fx::GOOD, fx::GOOD.private_key, &["--template", "no-such-template", "--json"]).await;
    assert_eq!((r.code, error_code(&r)), (EXIT_USAGE, "template_unknown"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn self_hosted_over_http_only_on_loopback() {
    let sim = CwSim::start(CwSimConfig::standard()).await.unwrap();
    let site = sim.self_hosted_site();
    let r = cw(&sim, "check", &site, &fx::NORTHWIND_GOOD, fx::NORTHWIND_GOOD.private_key, &["--json"]).await;
    assert_eq!(r.code, 0, "{:#}", r.json);
    assert_eq!(
        (r.json["site"]["isCloud"].as_bool(), r.json["site"]["codebase"].as_str()),
        (Some(false), Some(fx::SELFHOSTED_CODEBASE))
    );
    let r = cw(&sim, "site", &site, &fx::NORTHWIND_GOOD, "", &[]).await;
    assert!(r.stdout.contains("(self-hosted)"), "{}", r.stdout);

    sim.reset_stats();
    for remote in ["http://cw.example.com", "http://10.1.2.3:8080/cw"] {
        let r = cw(&sim, "check", remote, &fx::NORTHWIND_GOOD, fx::NORTHWIND_GOOD.private_key, &["--json"]).await;
        assert_eq!((r.code, error_code(&r)), (EXIT_USAGE, "insecure_url"), "{remote}");
        let r = cw(&sim, "site", remote, &fx::NORTHWIND_GOOD, "", &["--json"]).await;
        assert_eq!(error_code(&r), "insecure_url", "{remote}");
    }
    assert_eq!(sim.stats().total_requests, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_private_key_is_never_an_argument() {
    let sim = CwSim::start(CwSimConfig::standard()).await.unwrap();
    let cloud = sim.cloud_url();
    let base = [
        "connectwise",
        "check",
        "--site",
        "na",
        "--company-id",
        fx::CONTOSO,
        "--cloud-url",
        &cloud,
        "--public-key",
        fx::GOOD.public_key,
    ];
    let mut args: Vec<String> = base.iter().map(|s| s.to_string()).collect();
    args.extend(["--private-key".into(), fx::GOOD.private_key.into(), "--json".into()]);
    let r = run(args, None, vec![]).await;
    assert_eq!((r.code, error_code(&r)), (EXIT_USAGE, "invalid_input"));
    assert!(r.json["error"]["fix"].as_str().unwrap().contains("--private-key-stdin"));

    let mut args: Vec<String> = base.iter().map(|s| s.to_string()).collect();
    args.extend(["--private-key-stdin".into(), "--json".into()]);
    let r = run(args, Some("\n".into()), vec![]).await;
    assert_eq!((r.code, error_code(&r)), (EXIT_USAGE, "invalid_input"));
    assert!(r.json["error"]["message"].as_str().unwrap().contains("No private key"), "{:#}", r.json);
    assert_eq!(sim.stats().total_requests, 0);
}

/// `--private-key-stdin` takes no value: given one with `=`, the refusal names the flag and not the key
/// (`run` fails the test if the key shows up in either stream), and nothing is sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_given_to_the_stdin_flag_is_refused_without_repeating_it() {
    let sim = CwSim::start(CwSimConfig::standard()).await.unwrap();
    let with_value = format!("--private-key-stdin={}", fx::GOOD.private_key);
    for json in [true, false] {
        let mut extra = vec![with_value.as_str()];
        if json {
            extra.push("--json");
        }
        let r = cw(&sim, "check", "na", &fx::GOOD, fx::GOOD.private_key, &extra).await;
        assert_eq!(r.code, EXIT_USAGE, "{}{}", r.stdout, r.stderr);
        if json {
            assert_eq!(error_code(&r), "invalid_input");
        }
    }
    assert_eq!(sim.stats().requests.len(), 0, "nothing is sent when the input is refused");
}
