//! Sign-ins Autotask refuses without saying why. [AT-RESTAUTH] says only that a 401 means the username,
//! secret and integration code do not fit together; the answers for a locked or inactive user, a code of
//! another vendor, a missing code, and an inactive user's 403 are UNCONFIRMED (psa-api.md §A2 error
//! matrix). So a bare refusal is never told as "the secret": the one unauthenticated zone lookup (§A1, not
//! a sign-in) rules out a wrong zone and an unknown user, and the rest is listed as the guide's steps.

use crate::autotask_support;

use autotask_support::*;
use psa_core::autotask::{self, AutotaskEndpoints};
use psa_core::model::{AutotaskZone, CheckReport, CheckStatus, ZoneSource};
use psa_core::{ErrorCode, PsaError};
use psa_tests::autotask::fixtures as fx;
use psa_tests::autotask::{AutotaskSim, Fault, FaultTarget, RefusalStyle, SimConfig, UserDef};

async fn start(cfg: SimConfig) -> AutotaskSim {
    AutotaskSim::start(cfg).await.expect("simulator starts")
}

/// Every cause of a bare 401 the guides let a partner fix, each by its name on the API user's screen.
fn assert_lists_every_cause(e: &PsaError) {
    assert_eq!(e.code, ErrorCode::AuthWrongSecret, "{e:#?}");
    for part in
        ["Generate Secret", "API Tracking Identifier", "Integration Vendor", "Active", "Locked", "Security Level"]
    {
        assert!(e.fix.contains(part), "the fix names {part}: {}", e.fix);
    }
    assert!(e.fix.contains("lock"), "says why nothing is retried: {}", e.fix);
    assert!(!e.message.to_lowercase().contains("secret"), "the message does not blame the secret: {}", e.message);
}

fn refused_401s(sim: &AutotaskSim) -> usize {
    sim.stats().requests.iter().filter(|q| q.status == 401).count()
}

#[tokio::test]
async fn a_bare_401_for_a_locked_user_lists_every_cause() {
    let sim = start(SimConfig { account_refusal: RefusalStyle::Bare401, ..SimConfig::standard() }).await;
    let (r, _) = check(&creds(fx::LOCKED_USER, fx::LOCKED_SECRET), &opts(&sim)).await;
    assert_lists_every_cause(&r.error.expect("refused"));
    // The zone was looked up moments ago: no second lookup.
    assert_eq!(sim.stats().count_endpoint("ZoneInformation"), 1);
}

#[tokio::test]
async fn a_bare_401_for_a_code_of_another_vendor_lists_every_cause() {
    let cfg = SimConfig { foreign_code_refusal: RefusalStyle::Bare401, ..SimConfig::standard() }.with_user(
        UserDef::new(fx::GOOD_USER, fx::GOOD_SECRET, fx::CONTOSO_CI).with_tracking_id(fx::OTHER_VENDOR_CODE),
    );
    let sim = start(cfg).await;
    let (r, _) = check(&good(), &opts(&sim)).await;
    assert_lists_every_cause(&r.error.expect("refused"));
}

fn typed(sim: &AutotaskSim, zone: u32) -> AutotaskZone {
    let z = autotask::parse_zone_override(&sim.zone_api_url(zone)).unwrap();
    assert_eq!(z.source, ZoneSource::Manual);
    z
}

#[tokio::test]
async fn a_wrong_typed_zone_is_told_as_the_zone_and_not_retried() {
    let sim = start(SimConfig::standard()).await;
    let (r, _) = check(&good(), &opts_with_zone(&sim, typed(&sim, fx::FABRIKAM_ZONE))).await;
    let e = r.error.clone().expect("refused");
    assert_eq!(e.code, ErrorCode::AuthZoneMoved, "{e:#?}");
    assert!(e.message.contains(fx::ZONE14_NAME), "names the zone the lookup found: {}", e.message);
    assert!(e.fix.contains("detect the zone") && e.fix.contains("the secret"), "{}", e.fix);
    assert_eq!(item(&r, "auth").code, Some(ErrorCode::AuthZoneMoved));
    // One lookup, and no sign-in sent to the other zone: the typed zone stays the partner's choice.
    let stats = sim.stats();
    assert_eq!(stats.count_endpoint("ZoneInformation"), 1, "{:#?}", stats.requests);
    assert_eq!(stats.total_requests, refused_401s(&sim) + 1, "{:#?}", stats.requests);
    assert_eq!(r.zone.unwrap().api_url, sim.zone_api_url(fx::FABRIKAM_ZONE));
}

#[tokio::test]
async fn a_right_typed_zone_gets_the_lookup_and_then_every_cause() {
    let sim = start(SimConfig::standard()).await;
    let (r, _) = check(&creds(fx::GOOD_USER, "Wrong-Secret-123!"), &opts_with_zone(&sim, typed(&sim, 14))).await;
    assert_lists_every_cause(&r.error.expect("refused"));
    assert_eq!(sim.stats().count_endpoint("ZoneInformation"), 1);
    assert_eq!(sim.stats().total_requests, refused_401s(&sim) + 1, "each refused call sent once");
}

async fn unknown_user_with(zone: AutotaskZone, sim: &AutotaskSim, beside: bool) -> CheckReport {
    let mut o = opts_with_zone(sim, zone);
    o.lookup_beside = beside;
    check(&creds(fx::UNKNOWN_USER, "Some-Secret-123!"), &o).await.0
}

#[tokio::test]
async fn a_user_the_lookup_does_not_know_is_told_as_unknown() {
    let sim = start(SimConfig::standard()).await;
    // A saved, detected zone whose user was deleted or renamed since, and a typed zone with a typo'd user.
    let saved =
        autotask::detect_zone(&AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url()), fx::GOOD_USER).await.unwrap();
    for (zone, beside) in [(saved.clone(), false), (saved, true), (typed(&sim, 14), false)] {
        sim.reset_stats();
        let r = unknown_user_with(zone.clone(), &sim, beside).await;
        let e = r.error.expect("refused");
        assert_eq!(e.code, ErrorCode::ZoneUnknownUser, "{zone:?} beside {beside}: {e:#?}");
        assert_eq!(sim.stats().count_endpoint("ZoneInformation"), 1);
        assert_eq!(sim.stats().total_requests, refused_401s(&sim) + 1);
    }
}

/// The standard simulator, answering the sign-in call (Companies' entityInformation) with a bare 403.
async fn bare_403_on_companies() -> AutotaskSim {
    let sim = start(SimConfig::standard()).await;
    sim.set_fault(
        FaultTarget::Path("Companies/entityInformation".into()),
        Some(Fault::Status { status: 403, body: String::new() }),
    );
    sim
}

#[tokio::test]
async fn a_bare_403_at_sign_in_is_unclear_not_signed_in() {
    let sim = bare_403_on_companies().await;
    let (r, _) = check(&good(), &opts(&sim)).await;
    assert!(!r.ok);
    let auth = item(&r, "auth");
    assert_eq!((auth.status, auth.code), (CheckStatus::Warning, Some(ErrorCode::AuthUnclear)), "{auth:#?}");
    let fix = auth.fix.clone().unwrap_or_default();
    for part in ["Active", "Locked", "Security Level"] {
        assert!(fix.contains(part), "the fix names {part}: {fix}");
    }
    // The other lines still run and say what they find: the rest answers, Companies stays unproven.
    assert!(r.error.is_none(), "{r:#?}");
    assert_eq!(item(&r, "probe.contacts").status, CheckStatus::Ok);
    assert_eq!(item(&r, "probe.companies").status, CheckStatus::Failed);
}

/// The same unworded 403 on Companies only, for a template that requires nothing of Companies: the other
/// lines read live data, which proves the sign-in, so the test passes with the sign-in line as a warning.
#[tokio::test]
async fn an_unclear_sign_in_passes_once_another_line_reads_live_data() {
    let sim = bare_403_on_companies().await;
    let mut o = opts(&sim);
    o.needs = vec![psa_core::autotask::EntityNeed::read("Contacts")];
    let (r, _) = check(&good(), &o).await;
    assert_eq!(item(&r, "auth").status, CheckStatus::Warning);
    assert_eq!(item(&r, "probe.contacts").status, CheckStatus::Ok);
    assert!(r.ok, "{:#?}", r.items);
}

#[tokio::test]
async fn a_403_with_the_documented_permission_text_still_proves_the_sign_in() {
    let sim = start(SimConfig::standard()).await;
    let body =
        r#"{"errors":["The logged in Resource does not have the adequate permissions to query this entity type."]}"#;
    sim.set_fault(
        FaultTarget::Path("Companies/entityInformation".into()),
        Some(Fault::Status { status: 403, body: body.into() }),
    );
    let (r, _) = check(&good(), &opts(&sim)).await;
    assert_eq!(item(&r, "auth").status, CheckStatus::Ok, "{:#?}", r.items);
    assert_eq!(item(&r, "probe.companies").code, Some(ErrorCode::PermissionDenied), "{:#?}", r.items);
}

/// The simulator's refusal styles themselves, over raw HTTP.
#[tokio::test]
async fn the_simulator_answers_each_refusal_style() {
    async fn status(sim: &AutotaskSim, user: &str, secret: &str, code: Option<&str>) -> u16 {
        let mut req = reqwest::Client::new()
            .get(format!("{}/Version", sim.zone_api_url(14)))
            .header("UserName", user)
            .header("Secret", secret);
        if let Some(code) = code {
            req = req.header("ApiIntegrationCode", code);
        }
        req.send().await.unwrap().status().as_u16()
    }
    let tied = UserDef::new(fx::GOOD_USER, fx::GOOD_SECRET, fx::CONTOSO_CI).with_tracking_id(fx::OTHER_VENDOR_CODE);
    let worded = start(SimConfig::standard().with_user(tied.clone())).await;
    assert_eq!(status(&worded, fx::GOOD_USER, fx::GOOD_SECRET, None).await, 500);
    assert_eq!(status(&worded, fx::GOOD_USER, fx::GOOD_SECRET, Some(fx::INTEGRATION_CODE)).await, 500);
    assert_eq!(status(&worded, fx::GOOD_USER, fx::GOOD_SECRET, Some(fx::OTHER_VENDOR_CODE)).await, 200);
    assert_eq!(status(&worded, fx::LOCKED_USER, "wrong", Some(fx::INTEGRATION_CODE)).await, 401);

    let bare = start(SimConfig {
        account_refusal: RefusalStyle::Bare401,
        foreign_code_refusal: RefusalStyle::Bare401,
        missing_code_refusal: RefusalStyle::Bare401,
        ..SimConfig::standard().with_user(tied)
    })
    .await;
    assert_eq!(status(&bare, fx::GOOD_USER, fx::GOOD_SECRET, None).await, 401);
    assert_eq!(status(&bare, fx::GOOD_USER, fx::GOOD_SECRET, Some(fx::INTEGRATION_CODE)).await, 401);
    assert_eq!(status(&bare, fx::GOOD_USER, fx::GOOD_SECRET, Some(fx::OTHER_VENDOR_CODE)).await, 200);
    for (user, secret) in [(fx::LOCKED_USER, fx::LOCKED_SECRET), (fx::INACTIVE_USER, fx::INACTIVE_SECRET)] {
        assert_eq!(status(&bare, user, secret, Some(fx::INTEGRATION_CODE)).await, 401, "{user}");
    }
}
