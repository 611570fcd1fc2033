//! Zone detection and manual zones, against the Autotask simulator over real HTTP (issue 2, row 1).

use crate::autotask_support;

use autotask_support::*;
use psa_core::autotask::CancellationToken;
use psa_core::autotask::{self, AutotaskEndpoints};
use psa_core::model::ZoneSource;
use psa_core::ErrorCode;
use psa_tests::autotask::fixtures as fx;

async fn detect(
    endpoints: &AutotaskEndpoints,
    user: &str,
) -> Result<psa_core::model::AutotaskZone, psa_core::PsaError> {
    autotask::detect_zone_with(endpoints, user, &fast_http(), &CancellationToken::new()).await
}

#[tokio::test]
async fn detects_the_zone_without_auth_headers_and_pins_v1() {
    let sim = sim().await;
    let z = detect(&AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url()), fx::GOOD_USER).await.unwrap();
    assert_eq!(z.zone_name, fx::ZONE14_NAME);
    assert_eq!(z.api_url, sim.zone_api_url(14));
    assert!(!z.web_url.ends_with('/'), "web url normalised: {}", z.web_url);
    assert!(z.web_url.to_lowercase().contains("ww14"));
    assert_eq!(z.ci, Some(fx::CONTOSO_CI));
    assert_eq!(z.source, ZoneSource::Detected);

    let stats = sim.stats();
    assert_eq!(stats.total_requests, 1);
    assert!(stats.requests[0].path.contains("/V1.0/"), "version pinned: {}", stats.requests[0].path);
    let seen: Vec<String> = stats.header_names_seen.iter().map(|h| h.to_lowercase()).collect();
    for auth in ["apiintegrationcode", "username", "secret"] {
        assert!(!seen.contains(&auth.to_string()), "zone lookup sent {auth}");
    }
}

#[tokio::test]
async fn the_other_tenant_is_found_in_its_own_zone() {
    let sim = sim().await;
    let z = detect(&AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url()), fx::FABRIKAM_USER).await.unwrap();
    assert_eq!((z.zone_name.as_str(), z.ci), (fx::ZONE15_NAME, Some(fx::FABRIKAM_CI)));
    assert_eq!(z.api_url, sim.zone_api_url(15));
}

#[tokio::test]
async fn a_lookup_base_with_version_and_odd_case_works_too() {
    let sim = sim().await;
    let base = format!("{}/atservicesrest/v1.0/", sim.base_url());
    let z = detect(&AutotaskEndpoints::with_lookup_url(base), fx::GOOD_USER).await.unwrap();
    assert_eq!(z.api_url, sim.zone_api_url(14));
}

#[tokio::test]
async fn unknown_user_has_its_own_error() {
    let sim = sim().await;
    let e = detect(&AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url()), fx::UNKNOWN_USER).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::ZoneUnknownUser);
    assert!(e.message.to_lowercase().contains("no autotask database knows this username"), "{}", e.message);
    assert!(e.fix.contains("typo"));
}

#[tokio::test]
async fn fallback_host_is_used_when_the_primary_is_unreachable_but_not_for_an_unknown_user() {
    let sim = sim().await;
    let unreachable = AutotaskEndpoints {
        zone_lookup_url: format!("http://127.0.0.1:{}/ATServicesRest/", dead_port()),
        fallback_lookup_url: Some(sim.zone_lookup_url()),
    };
    let z = detect(&unreachable, fx::GOOD_USER).await.unwrap();
    assert_eq!(z.ci, Some(fx::CONTOSO_CI));
    assert_eq!(sim.stats().total_requests, 1);

    // A 500 "unknown user" is an answer, not an outage: the fallback is not asked.
    let fallback = psa_tests::autotask::AutotaskSim::start(psa_tests::autotask::SimConfig::standard()).await.unwrap();
    let both = AutotaskEndpoints {
        zone_lookup_url: sim.zone_lookup_url(),
        fallback_lookup_url: Some(fallback.zone_lookup_url()),
    };
    assert_eq!(detect(&both, fx::UNKNOWN_USER).await.unwrap_err().code, ErrorCode::ZoneUnknownUser);
    assert_eq!(fallback.stats().total_requests, 0);
}

/// psa-api.md §D step 2: "On failure, fall back to the generic host". A 404 or a 5xx from the first host is
/// a failure as much as an outage; only "unknown user" and a zone are answers.
#[tokio::test]
async fn fallback_host_is_asked_when_the_primary_answers_404_or_5xx() {
    use psa_tests::autotask::{AutotaskSim, Fault, FaultTarget, SimConfig};
    for (status, body) in [
        (404, r#"{"message":"No HTTP resource was found"}"#),
        (503, ""),
        (500, r#"{"errors":["Object reference not set"]}"#),
    ] {
        let primary = AutotaskSim::start(SimConfig::standard()).await.unwrap();
        primary.set_fault(FaultTarget::ZoneLookup, Some(Fault::Status { status, body: body.into() }));
        let fallback = AutotaskSim::start(SimConfig::standard()).await.unwrap();
        let both = AutotaskEndpoints {
            zone_lookup_url: primary.zone_lookup_url(),
            fallback_lookup_url: Some(fallback.zone_lookup_url()),
        };
        let z = detect(&both, fx::GOOD_USER).await.unwrap_or_else(|e| panic!("{status}: {e:#?}"));
        assert_eq!(z.api_url, fallback.zone_api_url(14), "{status}");
        assert_eq!(fallback.stats().count_endpoint("ZoneInformation"), 1, "{status}");
    }
}

#[tokio::test]
async fn a_malformed_username_sends_nothing() {
    let sim = sim().await;
    let e = detect(&AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url()), "not an email").await.unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidUsername);
    assert_eq!(sim.stats().total_requests, 0);
}

#[tokio::test]
async fn a_moved_tenant_is_found_in_the_new_zone() {
    let sim = sim().await;
    sim.move_tenant(fx::FABRIKAM_CI, fx::MOVE_TARGET_ZONE);
    let z = detect(&AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url()), fx::MOVED_USER).await.unwrap();
    assert_eq!(z.api_url, sim.zone_api_url(fx::MOVE_TARGET_ZONE));
    assert_eq!(z.zone_name, fx::ZONE5_NAME);
}

#[tokio::test]
async fn a_pasted_api_url_is_a_working_manual_zone() {
    let sim = sim().await;
    let pasted = format!("{}/", sim.zone_api_url(14));
    let zone = autotask::parse_zone_override(&pasted).unwrap();
    assert_eq!(zone.source, ZoneSource::Manual);
    assert_eq!(zone.api_url, sim.zone_api_url(14));
    let (report, _) = check(&good(), &opts_with_zone(&sim, zone)).await;
    assert!(report.ok, "{report:#?}");
    assert!(
        !sim.stats().requests.iter().any(|r| r.path.to_lowercase().contains("zoneinformation")),
        "no lookup for a manual zone"
    );
}

#[test]
fn browser_urls_hosts_and_webservices_names_map_to_the_api_host() {
    for input in [
        "https://ww14.autotask.net/Mvc/Framework/Navigation.mvc/Landing",
        "ww14.autotask.net",
        "webservices14",
        "WebServices14.autotask.net",
    ] {
        let z = autotask::parse_zone_override(input).unwrap();
        assert_eq!(z.api_url, "https://webservices14.autotask.net/ATServicesRest/V1.0", "{input}");
        assert_eq!(z.web_url, "https://ww14.autotask.net");
    }
    assert_eq!(autotask::parse_zone_override("http://ww14.autotask.net/").unwrap_err().code, ErrorCode::InsecureUrl);
    assert_eq!(autotask::parse_zone_override("https://example.com/").unwrap_err().code, ErrorCode::InvalidZoneOverride);
}
