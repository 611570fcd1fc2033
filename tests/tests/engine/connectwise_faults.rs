//! Faults and edge answers: 429 with Retry-After, the "SSL is required" wrong-host answer, a codebase that
//! moved (404 → fresh companyinfo), answers that are never retried, hangs, malformed JSON, partial picklists,
//! and the private key kept out of every report, error and Debug output (issue 6).

use crate::connectwise_support;

use std::time::Duration;

use connectwise_support::*;
use psa_core::connectwise::preview_with;
use psa_core::model::{CheckStatus, ConnectwiseSite, FilterSet, ZoneSource};
use psa_core::ErrorCode;
use psa_tests::connectwise::fixtures as fx;
use psa_tests::connectwise::{CwFault, CwFaultTarget, CwSim};

fn at(sim: &CwSim, path: &str, fault: CwFault) {
    sim.set_fault(CwFaultTarget::Path(path.into()), Some(fault));
}

#[tokio::test]
async fn throttling_is_waited_out_with_retry_after() {
    let sim = sim().await;
    // The role's first page is the sign-in (companyinfo already names the version).
    at(&sim, "system/mysecurity", CwFault::Throttle429 { times: 1, retry_after_secs: 1 });
    let mut o = opts(&sim, "na");
    o.http.max_retry_wait = Duration::from_secs(2);
    let (r, _) = check(&creds(&fx::GOOD), &o).await;
    assert!(r.ok, "{r:#?}");
    let infos: Vec<u16> =
        sim.stats().requests.iter().filter(|q| q.endpoint == "system/mysecurity").map(|q| q.status).collect();
    assert_eq!(infos, [429, 200]);
}

#[tokio::test]
async fn throttling_that_does_not_end_is_reported() {
    let sim = sim().await;
    at(&sim, "system/mysecurity", CwFault::Throttle429 { times: 50, retry_after_secs: 0 });
    let (r, _) = check(&creds(&fx::GOOD), &opts(&sim, "na")).await;
    assert_eq!(report_error(&r).code, ErrorCode::Throttled);
    let attempts = sim.stats().count_endpoint("system/mysecurity");
    assert_eq!(attempts, fast_http().max_attempts as usize, "bounded attempts");
}

#[tokio::test]
async fn login_host_instead_of_api_host_is_wrong_host() {
    let sim = sim().await;
    let mut site = detect(&sim, &fx::GOOD).await;
    // What a partner gets who pastes the login address as the API: ConnectWise answers "SSL is required."
    site.api_url = format!("{}na/{}apis/3.0", sim.cloud_url(), fx::CONTOSO_CODEBASE);
    site.source = ZoneSource::Manual;
    let mut o = opts(&sim, "na");
    o.site_known = Some(site);
    let (r, _) = check(&creds(&fx::GOOD), &o).await;
    let e = report_error(&r);
    assert_eq!(e.code, ErrorCode::CwWrongHost, "{e:?}");
    assert!(e.fix.contains("api-"));
    assert!(e.details.as_ref().unwrap().contains(fx::MSG_SSL_REQUIRED));
}

fn stale(mut site: ConnectwiseSite, sim: &CwSim) -> ConnectwiseSite {
    site.codebase = "v2019_1/".into();
    site.api_url = format!("{}api-na/v2019_1/apis/3.0", sim.cloud_url());
    site
}

#[tokio::test]
async fn a_moved_codebase_is_found_again_once() {
    let sim = sim().await;
    let site = stale(detect(&sim, &fx::GOOD).await, &sim);
    sim.reset_stats();
    let mut o = opts(&sim, "na");
    o.site_known = Some(site);
    let (r, _) = check(&creds(&fx::GOOD), &o).await;
    assert!(r.ok, "{r:#?}");
    assert_eq!(item(&r, "site.moved").status, CheckStatus::Warning);
    assert_eq!(r.site.as_ref().unwrap().codebase, fx::CONTOSO_CODEBASE);
    let stats = sim.stats();
    assert_eq!(stats.count_endpoint("companyinfo"), 1, "concurrent 404s share one lookup");
    // The wave went to the old codebase once (each call at most one 404), then to the new one.
    let gone: Vec<&str> = stats.requests.iter().filter(|q| q.status == 404).map(|q| q.path.as_str()).collect();
    let distinct: std::collections::BTreeSet<&str> = gone.iter().copied().collect();
    assert_eq!(gone.len(), distinct.len(), "{gone:#?}");
}

#[tokio::test]
async fn a_404_on_a_site_set_by_hand_is_final() {
    let sim = sim().await;
    let mut site = stale(detect(&sim, &fx::GOOD).await, &sim);
    site.source = ZoneSource::Manual;
    sim.reset_stats();
    let mut o = opts(&sim, "na");
    o.site_known = Some(site);
    let (r, _) = check(&creds(&fx::GOOD), &o).await;
    assert_eq!(report_error(&r).code, ErrorCode::ServerError);
    let stats = sim.stats();
    assert_eq!(stats.count_endpoint("companyinfo"), 0, "no lookup");
    let paths: std::collections::BTreeSet<&str> = stats.requests.iter().map(|q| q.path.as_str()).collect();
    assert_eq!(paths.len(), stats.total_requests, "no retry: {:?}", stats.requests);
}

#[tokio::test]
async fn client_errors_are_never_retried() {
    let sim = sim().await;
    for (status, body) in [
        (400, r#"{"code":"InvalidObject","message":"bad"}"#),
        (
            403,
            r#"{"code":"Forbidden","message":"Improper security role settings for the supplied authentication.","errors":null}"#,
        ),
        (401, r#"{"code":"Unauthorized","message":"The supplied authentication is incorrect.","errors":null}"#),
    ] {
        at(&sim, "system/mysecurity", CwFault::Status { status, body: body.into() });
        sim.reset_stats();
        let (r, _) = check(&creds(&fx::GOOD), &opts(&sim, "na")).await;
        assert!(!r.ok);
        assert_eq!(sim.stats().count_endpoint("system/mysecurity"), 1, "{status}");
        // The role's first page is the sign-in: a 403 proves the keys (the role line says the role could not
        // be read); a 400 or 401 is reported once, on the sign-in line, and the role line did not run.
        let role = item(&r, "role.companies.contacts");
        if status == 403 {
            assert_eq!(role.status, CheckStatus::Failed, "{status}: {role:#?}");
            assert_eq!(item(&r, "auth").status, CheckStatus::Ok, "{status}");
        } else {
            assert_eq!(item(&r, "auth").status, CheckStatus::Failed, "{status}");
            assert_eq!(role.status, CheckStatus::Skipped, "{status}: {role:#?}");
        }
    }
}

#[tokio::test]
async fn hang_and_malformed_answers_end_cleanly() {
    let sim = sim().await;
    at(&sim, "system/mysecurity", CwFault::Hang);
    let (r, _) = check(&creds(&fx::GOOD), &opts(&sim, "na")).await;
    assert_eq!(report_error(&r).code, ErrorCode::NetworkTimeout);
    at(&sim, "system/mysecurity", CwFault::MalformedJson);
    let (r, _) = check(&creds(&fx::GOOD), &opts(&sim, "na")).await;
    assert_eq!(report_error(&r).code, ErrorCode::ResponseMalformed);
}

#[tokio::test]
async fn one_failing_picklist_leaves_the_others() {
    let sim = sim().await;
    at(&sim, "company/marketDescriptions", CwFault::Status { status: 500, body: "{}".into() });
    let (r, _) = check(&creds(&fx::GOOD), &opts(&sim, "na")).await;
    assert!(r.ok, "picklists do not decide the check: {r:#?}");
    let it = item(&r, "picklists");
    assert_eq!((it.status, it.code), (CheckStatus::Warning, Some(ErrorCode::ServerError)));
    assert!(it.message.contains("markets"));
    let p = r.picklists.unwrap();
    assert!(p.markets.is_empty() && !p.company_types.is_empty() && !p.territories.is_empty());
}

#[tokio::test]
async fn the_private_key_never_leaks() {
    let sim = sim().await;
    let key = fx::GOOD.private_key;
    // A server that echoes the key back in its error text.
    let echo = format!(r#"{{"code":"Unauthorized","message":"bad key {key} for contoso","errors":null}}"#);
    at(&sim, "system/mysecurity", CwFault::Status { status: 401, body: echo });
    let (r, events) = check(&creds(&fx::GOOD), &opts(&sim, "na")).await;
    assert_eq!(report_error(&r).code, ErrorCode::CwBadKeys);
    assert!(report_error(&r).details.as_ref().unwrap().contains("<redacted>"));
    assert!(!events.is_empty());

    sim.clear_faults();
    at(&sim, "company/companies/count", CwFault::Status { status: 500, body: format!("trace: {key}") });
    let site = detect(&sim, &fx::GOOD).await;
    let e = preview_with(&creds(&fx::GOOD), &site, &FilterSet::default(), &fast_http(), &Default::default())
        .await
        .unwrap_err();
    assert_eq!(code_of(&e, key), ErrorCode::ServerError);

    // Debug output of the credentials, the site and options carries no key.
    let c = creds(&fx::GOOD);
    assert_no_secret_in(&format!("{c:?} {site:?} {:?}", opts(&sim, "na")), key);
    // Every failing check path, end to end.
    sim.clear_faults();
    for keys in [fx::NO_CONTACTS, fx::MINE_ONLY] {
        check(&creds(&keys), &opts(&sim, "na")).await;
    }
    let mut wrong_company = creds(&fx::GOOD);
    wrong_company.company_id = "nobody".into();
    check(&wrong_company, &opts(&sim, "na")).await;
}
