//! The whole connection check against the simulator: authentication outcomes, permission probes,
//! threshold, picklists, zone moves, limits (issue 2, rows 2, 3, 4 and 6).

use crate::autotask_support;

use autotask_support::*;
use psa_core::autotask::{self, AutotaskEndpoints, CancellationToken, EntityNeed};
use psa_core::model::{CheckStatus, ZoneSource};
use psa_core::ErrorCode;
use psa_tests::autotask::fixtures as fx;
use psa_tests::autotask::{Access, AccessForm, AutotaskSim, SimConfig, UserDef};

/// Issue 13: the probe tests run once with `userAccessFor*` as documented numbers and once as the words the
/// live API sends (see `AccessForm`).
macro_rules! in_each_access_form {
    ($($name:ident => $body:ident;)*) => {$(
        mod $name {
            use super::*;
            #[tokio::test]
            async fn numbers() {
                $body(AccessForm::Numbers).await
            }
            #[tokio::test]
            async fn words() {
                $body(AccessForm::Words).await
            }
        }
    )*};
}

in_each_access_form! {
    good_user_passes_every_line_within_the_budget => good_user_passes;
    missing_contacts_permission_403 => contacts_denied_403;
    missing_contacts_permission_500 => contacts_denied_500;
    restricted_companies_and_empty_rows_are_not_proof => restricted_companies;
    excess_delete_permission_is_a_warning => excess_delete;
    read_only_user_fails_create_and_update => read_only_user;
}

async fn good_user_passes(form: AccessForm) {
    let sim = sim_in(form).await;
    let (r, events) = check(&good(), &opts(&sim)).await;
    assert!(r.ok, "{r:#?}");
    assert!(r.error.is_none());
    let ids: Vec<&str> = r.items.iter().map(|i| i.id.as_str()).collect();
    for id in ["zone", "auth", "threshold", "probe.companies", "probe.contacts", "picklists"] {
        assert!(ids.contains(&id), "missing {id} in {ids:?}");
        assert_eq!(item(&r, id).status, CheckStatus::Ok, "{:#?}", item(&r, id));
        assert!(item(&r, id).elapsed_ms.is_some());
        // Progress: each line is announced as running, then finished.
        let states: Vec<CheckStatus> = events.iter().filter(|e| e.id == id).map(|e| e.status).collect();
        assert_eq!(states, vec![CheckStatus::Running, CheckStatus::Ok], "{id}");
    }
    assert_eq!(r.zone.as_ref().unwrap().ci, Some(fx::CONTOSO_CI));

    let stats = sim.stats();
    assert_eq!(r.requests as usize, stats.total_requests, "the engine counts what it sends");
    assert!(stats.total_requests <= 15, "{} requests", stats.total_requests);
    assert!(
        stats.peak_in_flight_per_endpoint.values().all(|n| *n <= fx::THREAD_LIMIT),
        "{:?}",
        stats.peak_in_flight_per_endpoint
    );
    let threshold_calls =
        stats.requests.iter().filter(|q| q.path.to_lowercase().ends_with("thresholdinformation")).count();
    assert_eq!(threshold_calls, 1, "ThresholdInformation is read once");
    let seen: Vec<String> = stats.header_names_seen.iter().map(|h| h.to_lowercase()).collect();
    for h in ["apiintegrationcode", "username", "secret"] {
        assert!(seen.contains(&h.to_string()), "{h} not sent: {seen:?}");
    }
}

#[tokio::test]
async fn threshold_and_picklists_are_reported() {
    let sim = sim().await;
    let (r, _) = check(&good(), &opts(&sim)).await;
    let t = r.threshold.expect("threshold");
    assert_eq!(t.limit, fx::DEFAULT_REQUEST_THRESHOLD as i64);
    assert!(t.used >= fx::INITIAL_REQUEST_COUNT as i64);
    assert_eq!(t.timeframe_minutes, 60);

    let p = r.picklists.expect("picklists");
    let types: Vec<&str> = p.company_types.iter().map(|v| v.value.as_str()).collect();
    assert!(
        types.contains(&fx::TYPE_CUSTOMER.to_string().as_str())
            && types.contains(&fx::TYPE_PARTNER.to_string().as_str()),
        "{types:?}"
    );
    assert!(p.company_types.iter().any(|v| !v.is_active), "inactive values are kept (greyed out in the UI)");
    assert!(p.company_types.windows(2).all(|w| w[0].sort_order <= w[1].sort_order));
    assert!(p.markets.iter().any(|v| v.value == fx::MARKET_HEALTHCARE.to_string()));
    assert!(p.territories.iter().any(|v| v.value == fx::TERRITORY_OVERSEAS.to_string()));
    assert!(p.classifications.iter().any(|v| v.value == fx::CLASS_GOLD.to_string()));
    assert!(p.company_categories.iter().any(|v| v.value == fx::CATEGORY_LEGACY.to_string()));
    let statuses = |l: &[psa_core::model::PicklistValue]| l.iter().map(|v| v.value.clone()).collect::<Vec<_>>();
    assert_eq!(statuses(&p.company_statuses), ["active", "inactive"]);
    assert_eq!(statuses(&p.contact_statuses), ["active", "inactive"]);
}

#[tokio::test]
async fn empty_markets_and_territories_are_normal() {
    let sim = sim().await;
    let (r, _) = check(&creds(fx::FABRIKAM_USER, fx::FABRIKAM_SECRET), &opts(&sim)).await;
    assert!(r.ok, "{r:#?}");
    let p = r.picklists.unwrap();
    assert!(p.markets.is_empty() && p.territories.is_empty() && p.company_categories.is_empty());
    assert!(!p.company_types.is_empty());
}

async fn contacts_denied(form: AccessForm, user: &str, secret: &str) {
    let sim = sim_in(form).await;
    let (r, _) = check(&creds(user, secret), &opts(&sim)).await;
    assert!(!r.ok);
    assert!(r.error.is_none(), "a missing permission is not a blocking error");
    assert_eq!(item(&r, "probe.companies").status, CheckStatus::Ok);
    let c = item(&r, "probe.contacts");
    assert_eq!(c.status, CheckStatus::Missing, "{c:#?}");
    assert_eq!(c.code, Some(ErrorCode::PermissionDenied));
    let step = c.guide_step.as_deref().unwrap();
    assert!(step.contains("Security Levels") && step.contains("Contacts"), "{step}");
}

async fn contacts_denied_403(form: AccessForm) {
    contacts_denied(form, fx::NO_CONTACTS_USER, fx::NO_CONTACTS_SECRET).await;
}

async fn contacts_denied_500(form: AccessForm) {
    contacts_denied(form, fx::NO_CONTACTS_500_USER, fx::NO_CONTACTS_500_SECRET).await;
}

async fn restricted_companies(form: AccessForm) {
    let sim = sim_in(form).await;
    let (r, _) = check(&creds(fx::RESTRICTED_USER, fx::RESTRICTED_SECRET), &opts(&sim)).await;
    let c = item(&r, "probe.companies");
    assert_eq!(c.status, CheckStatus::Restricted, "{c:#?}");
    assert!(c.message.to_lowercase().contains("no rows visible"), "{}", c.message);
    assert!(!r.ok);
}

/// A user whose level only reads Companies must not pass "Companies: read, create, update" (issue 13: with
/// the live API's words, the old `as_i64()` read saw nothing and reported every right as granted).
async fn read_only_user(form: AccessForm) {
    let cfg = SimConfig::standard().with_access_form(form).with_user(
        UserDef::new(READ_ONLY_USER, READ_ONLY_SECRET, fx::CONTOSO_CI).with_access("Companies", Access::READ),
    );
    let sim = AutotaskSim::start(cfg).await.unwrap();
    let mut o = opts(&sim);
    o.needs = vec![EntityNeed { create: true, update: true, ..EntityNeed::read("Companies") }];
    let (r, _) = check(&creds(READ_ONLY_USER, READ_ONLY_SECRET), &o).await;
    let c = item(&r, "probe.companies");
    assert_eq!(c.status, CheckStatus::Missing, "{c:#?}");
    assert!(c.message.contains("create") && c.message.contains("update"), "{}", c.message);
    assert!(!r.ok);
}

const READ_ONLY_USER: &str = "sim.readonly@contoso.example";
const READ_ONLY_SECRET: &str = "Read-Only-Secret-55!";

async fn excess_delete(form: AccessForm) {
    let sim = sim_in(form).await;
    let mut o = opts(&sim);
    o.needs =
        ["Companies", "Contacts"].iter().map(|e| EntityNeed { delete: Some(false), ..EntityNeed::read(e) }).collect();
    let (r, _) = check(&creds(fx::FULL_ACCESS_USER, fx::FULL_ACCESS_SECRET), &o).await;
    for id in ["probe.companies", "probe.contacts"] {
        let i = item(&r, id);
        assert_eq!(i.status, CheckStatus::Warning, "{i:#?}");
        assert!(i.message.contains("delete"));
    }
    assert!(r.ok, "warnings do not fail the check");
    assert!(sim.stats().peak_in_flight_per_endpoint.values().all(|n| *n <= fx::THREAD_LIMIT));
}

#[tokio::test]
async fn wrong_secret_fails_one_small_wave_and_says_so_once() {
    let sim = sim().await;
    let (r, events) = check(&creds(fx::GOOD_USER, "Wrong-Secret-123!"), &opts(&sim)).await;
    let e = r.error.clone().expect("error");
    assert_eq!(e.code, ErrorCode::AuthWrongSecret);
    assert!(e.fix.to_lowercase().contains("lock"), "{}", e.fix);
    // Exactly one failed line, the sign-in; every other line waited for it and says it did not run.
    let failed: Vec<&str> = r.items.iter().filter(|i| i.status == CheckStatus::Failed).map(|i| i.id.as_str()).collect();
    assert_eq!(failed, vec!["auth"], "{:#?}", r.items);
    for id in ["threshold", "probe.companies", "probe.contacts", "picklists"] {
        assert_eq!(item(&r, id).status, CheckStatus::Skipped, "{id}");
        assert_eq!(item(&r, id).message, autotask::check::NOT_RUN_SIGN_IN, "{id}");
    }
    let finished_failed = events.iter().filter(|e| e.status == CheckStatus::Failed).count();
    assert_eq!(finished_failed, 1, "one failure shown while it ran: {events:#?}");
    let stats = sim.stats();
    // One wave (the zone was just looked up, so no second lookup): the lock-out cost is bounded.
    let refused = stats.requests.iter().filter(|q| q.status == 401).count();
    assert!((1..=autotask::check::WAVE_BUDGET).contains(&refused), "{:#?}", stats.requests);
    assert_eq!(stats.count_endpoint("ZoneInformation"), 1);
    assert_eq!(stats.total_requests, 1 + refused, "{:#?}", stats.requests);
}

#[tokio::test]
async fn fresh_check_is_a_lookup_then_one_wave_within_the_thread_limit() {
    // A little latency, so calls sent together are seen in flight together.
    let sim = psa_tests::autotask::AutotaskSim::start(
        psa_tests::autotask::SimConfig::standard().with_latency(std::time::Duration::from_millis(60)),
    )
    .await
    .unwrap();
    let (r, _) = check(&good(), &opts(&sim)).await;
    assert!(r.ok, "{r:#?}");
    let stats = sim.stats();
    assert_eq!(stats.count_endpoint("ZoneInformation"), 1);
    assert_eq!(stats.total_requests, 7, "lookup + sign-in, Companies query, budget, picklists, Contacts x2");
    assert!(stats.total_requests <= 8);
    assert!(stats.max_peak_per_endpoint() <= fx::THREAD_LIMIT, "{:?}", stats.peak_in_flight_per_endpoint);
    assert!(
        stats.peak_in_flight_per_bucket.values().all(|n| *n <= fx::THREAD_LIMIT),
        "{:?}",
        stats.peak_in_flight_per_bucket
    );
    // Everything after the lookup went at once: the Companies bucket had its three calls together.
    assert_eq!(stats.peak_in_flight_per_bucket.get("Companies"), Some(&3), "{:?}", stats.peak_in_flight_per_bucket);
}

#[tokio::test]
async fn recheck_of_a_saved_zone_sends_no_lookup() {
    let sim = sim().await;
    let saved =
        autotask::detect_zone(&AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url()), fx::GOOD_USER).await.unwrap();
    sim.reset_stats();
    let (r, _) = check(&good(), &opts_with_zone(&sim, saved)).await;
    assert!(r.ok, "{r:#?}");
    let stats = sim.stats();
    assert_eq!(stats.count_endpoint("ZoneInformation"), 0, "{:#?}", stats.requests);
    assert_eq!(stats.total_requests, 6);
    assert!(stats.max_peak_per_endpoint() <= fx::THREAD_LIMIT);
}

#[tokio::test]
async fn a_large_template_waits_for_the_sign_in_beyond_the_wave() {
    let many: Vec<EntityNeed> = ["Companies", "Contacts", "Tickets", "Resources", "Contracts", "Projects"]
        .iter()
        .map(|e| EntityNeed::read(e))
        .collect();
    let sim = sim().await;
    let mut o = opts(&sim);
    o.needs = many.clone();
    let (r, _) = check(&creds(fx::GOOD_USER, "Wrong-Secret-123!"), &o).await;
    assert_eq!(r.error.unwrap().code, ErrorCode::AuthWrongSecret);
    let refused = sim.stats().requests.iter().filter(|q| q.status == 401).count();
    assert!(refused <= autotask::check::WAVE_BUDGET, "{refused} failed sign-ins");
    assert_eq!(r.items.iter().filter(|i| i.status == CheckStatus::Failed).count(), 1);
    assert!(r.items.iter().filter(|i| i.id.starts_with("probe.")).all(|i| i.status == CheckStatus::Skipped));

    // With the right secret the rest follows the sign-in, still within the thread limit.
    let sim = sim_fresh().await;
    let mut o = opts(&sim);
    o.needs = many;
    let (r, _) = check(&good(), &o).await;
    assert!(r.items.iter().filter(|i| i.id.starts_with("probe.")).count() == 6, "{:#?}", r.items);
    assert!(r.items.iter().all(|i| i.status != CheckStatus::Skipped), "{:#?}", r.items);
    assert!(sim.stats().max_peak_per_endpoint() <= fx::THREAD_LIMIT);
}

async fn sim_fresh() -> psa_tests::autotask::AutotaskSim {
    sim().await
}

async fn auth_error(user: &str, secret: &str, code_override: Option<&str>, want: ErrorCode) {
    let sim = sim().await;
    let mut c = creds(user, secret);
    if let Some(code) = code_override {
        c.integration_code = code.to_string();
    }
    let (r, _) = check(&c, &opts(&sim)).await;
    assert!(!r.ok);
    let e = r.error.expect("error");
    assert_eq!(code_of(&e, secret), want, "{e:#?}");
    assert!(e.fix.contains("Admin >"), "fix names the Autotask screen: {}", e.fix);
}

#[tokio::test]
async fn wrong_integration_code() {
    auth_error(fx::GOOD_USER, fx::GOOD_SECRET, Some(fx::WRONG_INTEGRATION_CODE), ErrorCode::AuthIntegrationCodeInvalid)
        .await;
}

#[tokio::test]
async fn custom_code_of_another_database_is_rejected_and_its_own_works() {
    auth_error(
        fx::FABRIKAM_USER,
        fx::FABRIKAM_SECRET,
        Some(fx::CONTOSO_CUSTOM_CODE),
        ErrorCode::AuthIntegrationCodeInvalid,
    )
    .await;
    let sim = sim().await;
    let mut c = good();
    c.integration_code = fx::CONTOSO_CUSTOM_CODE.into();
    assert!(check(&c, &opts(&sim)).await.0.ok);
}

#[tokio::test]
async fn not_an_api_user() {
    auth_error(fx::NOT_API_USER, fx::NOT_API_SECRET, None, ErrorCode::AuthNotApiUser).await;
}

#[tokio::test]
async fn locked_user() {
    auth_error(fx::LOCKED_USER, fx::LOCKED_SECRET, None, ErrorCode::AuthLocked).await;
}

#[tokio::test]
async fn inactive_user() {
    auth_error(fx::INACTIVE_USER, fx::INACTIVE_SECRET, None, ErrorCode::AuthInactive).await;
}

#[tokio::test]
async fn unknown_user_stops_before_any_authenticated_call() {
    let sim = sim().await;
    let (r, _) = check(&creds(fx::UNKNOWN_USER, "Some-Secret-1!"), &opts(&sim)).await;
    assert_eq!(r.error.as_ref().unwrap().code, ErrorCode::ZoneUnknownUser);
    assert_eq!(item(&r, "zone").status, CheckStatus::Failed);
    assert_eq!(sim.stats().total_requests, 1);
}

#[tokio::test]
async fn zone_move_is_followed_once_and_reported() {
    let sim = sim().await;
    let endpoints = AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url());
    let saved = autotask::detect_zone(&endpoints, fx::MOVED_USER).await.unwrap();
    assert_eq!(saved.api_url, sim.zone_api_url(fx::FABRIKAM_ZONE));
    sim.move_tenant(fx::FABRIKAM_CI, fx::MOVE_TARGET_ZONE);

    let (r, _) = check(&creds(fx::MOVED_USER, fx::MOVED_SECRET), &opts_with_zone(&sim, saved.clone())).await;
    assert!(r.ok, "{r:#?}");
    assert_eq!(r.items.iter().filter(|i| i.status == CheckStatus::Failed).count(), 0, "{:#?}", r.items);
    let moved = item(&r, "zone.moved");
    assert_eq!((moved.status, moved.code), (CheckStatus::Warning, Some(ErrorCode::AuthZoneMoved)));
    assert_eq!(r.zone.unwrap().api_url, sim.zone_api_url(fx::MOVE_TARGET_ZONE));

    // Typed by hand: the user's zone is not replaced; the one public lookup only says the zone is wrong.
    let sim2 = autotask_support::sim().await;
    sim2.move_tenant(fx::FABRIKAM_CI, fx::MOVE_TARGET_ZONE);
    let manual = psa_core::model::AutotaskZone {
        source: ZoneSource::Manual,
        api_url: sim2.zone_api_url(fx::FABRIKAM_ZONE),
        ..saved
    };
    let (r2, _) = check(&creds(fx::MOVED_USER, fx::MOVED_SECRET), &opts_with_zone(&sim2, manual)).await;
    assert_eq!(r2.error.unwrap().code, ErrorCode::AuthZoneMoved);
    let stats = sim2.stats();
    assert_eq!(stats.count_endpoint("ZoneInformation"), 1, "one lookup");
    assert!(stats.total_requests <= autotask::check::WAVE_BUDGET + 1, "one wave, no retry: {:#?}", stats.requests);
    assert!(stats.requests.iter().all(|q| q.status == 401 || q.endpoint == "ZoneInformation"));
    assert_eq!(r2.items.iter().filter(|i| i.status == CheckStatus::Failed).count(), 1, "{:#?}", r2.items);
}

#[tokio::test]
async fn cancelled_before_start() {
    let sim = sim().await;
    let o = opts(&sim);
    o.cancel.cancel();
    let (r, _) = check(&good(), &o).await;
    assert!(!r.ok);
    assert_eq!(r.error.unwrap().code, ErrorCode::Cancelled);
    assert_eq!(sim.stats().total_requests, 0);
}

#[tokio::test]
async fn cancelled_while_waiting_for_a_hung_server() {
    use psa_tests::autotask::{Fault, FaultTarget};
    let sim = sim().await;
    sim.set_fault(FaultTarget::Api, Some(Fault::Hang));
    let mut o = opts(&sim);
    o.http.request_timeout = std::time::Duration::from_secs(600);
    let cancel: CancellationToken = o.cancel.clone();
    let canceller = tokio::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        cancel.cancel();
    });
    let (r, _) = check(&good(), &o).await;
    canceller.await.unwrap();
    assert_eq!(r.error.unwrap().code, ErrorCode::Cancelled);
}
