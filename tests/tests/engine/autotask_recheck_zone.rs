//! A saved profile's zone may be months old (tenants get moved, psa-api.md §A1). Its re-check sends the zone
//! lookup beside the first wave and reads it only on a 401 (issue 16): an unmoved tenant never waits for
//! it, a moved one is found in one round trip more instead of two, and the profile keeps the new zone.

use crate::autotask_support;

use std::time::Duration;

use autotask_support::*;
use psa_core::autotask::{self, AutotaskEndpoints};
use psa_core::connection::Connection;
use psa_core::model::{AutotaskZone, CheckStatus, ZoneSource};
use psa_core::profiles::recheck::{self, RecheckOptions};
use psa_core::profiles::{service, Profile, ProfileInput, ProfileStore};
use psa_core::{ErrorCode, Secret};

use psa_tests::autotask::fixtures as fx;
use psa_tests::autotask::{AutotaskSim, Fault, FaultTarget, SimConfig};

async fn detected(sim: &AutotaskSim, user: &str) -> AutotaskZone {
    autotask::detect_zone(&AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url()), user).await.unwrap()
}

fn beside(sim: &AutotaskSim, zone: AutotaskZone) -> autotask::CheckOptions {
    let mut o = opts_with_zone(sim, zone);
    o.lookup_beside = true;
    o
}

#[tokio::test]
async fn an_unmoved_tenant_never_waits_for_the_lookup_beside() {
    let sim = sim().await;
    let saved = detected(&sim, fx::GOOD_USER).await;
    sim.reset_stats();
    // The lookup host never answers: had the re-check waited for it, it would hang until its timeout and
    // then report the lookup's failure.
    sim.set_fault(FaultTarget::ZoneLookup, Some(Fault::Hang));
    let mut o = beside(&sim, saved);
    o.http.request_timeout = std::time::Duration::from_secs(30);
    let started = std::time::Instant::now();
    let (r, _) = check(&good(), &o).await;
    assert!(r.ok, "{r:#?}");
    assert!(r.items.iter().all(|i| i.status != CheckStatus::Failed), "{:#?}", r.items);
    assert!(started.elapsed() < o.http.request_timeout, "finished without the lookup's answer");
    let stats = sim.stats();
    assert_eq!(stats.count_endpoint("ZoneInformation"), 1, "sent beside: {:#?}", stats.requests);
    assert_eq!(stats.total_requests, 7, "the wave's 6 and the lookup: {:#?}", stats.requests);
    assert!(stats.max_peak_per_endpoint() <= fx::THREAD_LIMIT);
}

/// The moved tenant's re-check, with or without the lookup beside: its report and the simulator's counts.
async fn moved_recheck(beside: bool) -> (psa_core::model::CheckReport, psa_tests::autotask::SimStats, String) {
    // Latency, so requests sent together are seen in flight together.
    let sim = AutotaskSim::start(SimConfig::standard().with_latency(Duration::from_millis(60))).await.unwrap();
    let saved = detected(&sim, fx::MOVED_USER).await;
    sim.move_tenant(fx::FABRIKAM_CI, fx::MOVE_TARGET_ZONE);
    sim.reset_stats();
    let mut o = opts_with_zone(&sim, saved);
    o.lookup_beside = beside;
    let (r, _) = check(&creds(fx::MOVED_USER, fx::MOVED_SECRET), &o).await;
    (r, sim.stats(), sim.zone_api_url(fx::MOVE_TARGET_ZONE))
}

#[tokio::test]
async fn a_moved_tenant_is_found_with_the_lookup_already_sent() {
    let (r, stats, new_api) = moved_recheck(true).await;
    assert!(r.ok, "{r:#?}");
    let moved = item(&r, "zone.moved");
    assert_eq!((moved.status, moved.code), (CheckStatus::Warning, Some(ErrorCode::AuthZoneMoved)));
    assert_eq!(r.zone.unwrap().api_url, new_api);
    // One lookup however many calls were refused: the refused wave shares the one sent beside.
    assert_eq!(stats.count_endpoint("ZoneInformation"), 1, "{:#?}", stats.requests);
    let refused = stats.requests.iter().filter(|q| q.status == 401).count();
    assert!((1..=autotask::check::WAVE_BUDGET).contains(&refused), "{:#?}", stats.requests);
    assert_eq!(stats.total_requests, 2 * refused + 1, "refused wave, lookup, the wave again: {:#?}", stats.requests);

    // The lookup was in flight together with the first wave: one more at once than when it is asked only
    // after the 401s (the same requests otherwise).
    let (after, after_stats, _) = moved_recheck(false).await;
    assert!(after.ok, "{after:#?}");
    assert_eq!(after_stats.total_requests, stats.total_requests);
    assert_eq!(
        stats.peak_in_flight_total,
        after_stats.peak_in_flight_total + 1,
        "beside: {}, after the 401s: {}",
        stats.peak_in_flight_total,
        after_stats.peak_in_flight_total
    );
}

#[tokio::test]
async fn a_wrong_secret_stands_when_the_lookup_names_the_same_zone() {
    let sim = sim().await;
    let saved = detected(&sim, fx::GOOD_USER).await;
    sim.reset_stats();
    let (r, _) = check(&creds(fx::GOOD_USER, "Wrong-Secret-123!"), &beside(&sim, saved)).await;
    assert_eq!(r.error.unwrap().code, ErrorCode::AuthWrongSecret);
    let stats = sim.stats();
    let refused = stats.requests.iter().filter(|q| q.status == 401).count();
    assert!((1..=autotask::check::WAVE_BUDGET).contains(&refused), "{:#?}", stats.requests);
    // No second wave: every refused call was sent once, and the lockout count stays one wave.
    assert_eq!(stats.total_requests, refused + 1, "{:#?}", stats.requests);
    assert_eq!(r.items.iter().filter(|i| i.status == CheckStatus::Failed).count(), 1, "{:#?}", r.items);
}

#[tokio::test]
async fn a_zone_typed_by_hand_gets_no_lookup_beside() {
    let sim = sim().await;
    let mut manual = detected(&sim, fx::GOOD_USER).await;
    manual.source = ZoneSource::Manual;
    sim.reset_stats();
    let (r, _) = check(&good(), &beside(&sim, manual)).await;
    assert!(r.ok, "{r:#?}");
    assert_eq!(sim.stats().count_endpoint("ZoneInformation"), 0);
    assert_eq!(sim.stats().total_requests, 6);
}

/// How a single saved-profile re-check runs against `sim` (the lookup beside, as for `profile check`).
fn one_recheck(sim: &AutotaskSim) -> RecheckOptions {
    RecheckOptions {
        autotask: AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url()),
        connectwise: psa_core::connectwise::CwEndpoints::production(),
        http: fast_http(),
        cancel: Default::default(),
        lookup_beside: true,
    }
}

/// The moved tenant's login saved under `name` with `zone`, its secret in `keys`.
fn save_fabrikam(store: &ProfileStore, keys: &TestKeys, name: &str, zone: AutotaskZone) -> Profile {
    let input = ProfileInput {
        name: name.into(),
        template: "custom".into(),
        connection: Connection::autotask(fx::MOVED_USER, fx::INTEGRATION_CODE, Some(zone)),
        filters: Default::default(),
        settings: Default::default(),
        notes: String::new(),
    };
    service::save_profile(store, input, Some(&Secret::new(fx::MOVED_SECRET)), keys).unwrap().profile
}

#[tokio::test]
async fn a_rechecked_profile_keeps_the_zone_its_tenant_moved_to() {
    let sim = sim().await;
    let dir = tempfile::tempdir().unwrap();
    let store = ProfileStore::new(dir.path());
    let keys = TestKeys::default();
    let opts = one_recheck(&sim);
    let old = detected(&sim, fx::MOVED_USER).await;
    let found = save_fabrikam(&store, &keys, "Fabrikam", old.clone());
    let typed = save_fabrikam(
        &store,
        &keys,
        "Fabrikam, zone typed",
        AutotaskZone { source: ZoneSource::Manual, ..old.clone() },
    );
    sim.move_tenant(fx::FABRIKAM_CI, fx::MOVE_TARGET_ZONE);
    let new_api = sim.zone_api_url(fx::MOVE_TARGET_ZONE);

    let r = recheck::recheck(&store, &found, &keys, &opts, &|_| {}).await.unwrap();
    assert!(r.report.ok, "{:#?}", r.report);
    assert_eq!(r.profile.connection.api_url(), Some(new_api.as_str()), "the answer carries the new zone");
    let stored = store.get(&found.id).unwrap();
    assert_eq!(stored.connection.zone().map(|z| z.api_url.as_str()), Some(new_api.as_str()), "and it is saved");
    assert_eq!(stored.connection.zone().unwrap().source, ZoneSource::Detected);
    assert_eq!(stored.last_check.as_ref().map(|c| c.ok), Some(true));

    // The next re-check goes straight to the new zone: no refused call.
    sim.reset_stats();
    let r = recheck::recheck(&store, &stored, &keys, &opts, &|_| {}).await.unwrap();
    assert!(r.report.ok, "{:#?}", r.report);
    assert_eq!(sim.stats().requests.iter().filter(|q| q.status == 401).count(), 0, "{:#?}", sim.stats().requests);

    // A zone typed by hand is the partner's word: the lookup says it is wrong, and it is not replaced.
    let r = recheck::recheck(&store, &typed, &keys, &opts, &|_| {}).await.unwrap();
    assert_eq!(r.report.error.map(|e| e.code), Some(ErrorCode::AuthZoneMoved));
    assert_eq!(
        store.get(&typed.id).unwrap().connection.zone(),
        Some(&AutotaskZone { source: ZoneSource::Manual, ..old })
    );
}

#[tokio::test]
async fn retest_all_records_the_zone_a_tenant_moved_to() {
    use psa_core::profiles::recheck_all::{self, KeychainRecheck, RecheckEnv, RecheckLimits};
    let sim = sim().await;
    let dir = tempfile::tempdir().unwrap();
    let store = ProfileStore::new(dir.path());
    let keys = std::sync::Arc::new(TestKeys::default());
    let saved = save_fabrikam(&store, &keys, "Fabrikam", detected(&sim, fx::MOVED_USER).await);
    sim.move_tenant(fx::FABRIKAM_CI, fx::MOVE_TARGET_ZONE);
    sim.reset_stats();
    let one = KeychainRecheck {
        secrets: keys.clone(),
        env: RecheckEnv {
            autotask: AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url()),
            connectwise: psa_core::connectwise::CwEndpoints::production(),
            http: fast_http(),
        },
    };
    let (results, summary) =
        recheck_all::recheck_all(vec![saved.clone()], RecheckLimits::default(), &one, &Default::default(), &|_| {})
            .await;
    assert_eq!(summary.passed, 1, "{results:#?}");
    // The bulk run looks up only after the 401 (no lookup beside each of many re-checks).
    let stats = sim.stats();
    assert_eq!(stats.count_endpoint("ZoneInformation"), 1, "{:#?}", stats.requests);
    let first_refusal = stats.requests.iter().position(|q| q.status == 401).expect("the old zone refused");
    let lookup = stats.requests.iter().position(|q| q.path.contains("ZoneInformation")).expect("a lookup");
    assert!(first_refusal < lookup, "{:#?}", stats.requests);
    recheck_all::record_all(&store, &results).unwrap();
    let stored = store.get(&saved.id).unwrap();
    assert_eq!(stored.connection.api_url(), Some(sim.zone_api_url(fx::MOVE_TARGET_ZONE).as_str()));
    assert_eq!(stored.last_check.map(|c| c.ok), Some(true));
    // Nothing about the move reaches the window's copy of the result.
    assert!(!serde_json::to_string(&results[0]).unwrap().contains("\"moved"));
}

#[tokio::test]
async fn a_profile_edited_while_its_recheck_ran_keeps_the_edit() {
    use psa_core::profiles::ops;
    let sim = sim().await;
    let dir = tempfile::tempdir().unwrap();
    let store = ProfileStore::new(dir.path());
    let keys = TestKeys::default();
    let old = detected(&sim, fx::MOVED_USER).await;
    let tested = save_fabrikam(&store, &keys, "Fabrikam", old.clone());
    sim.move_tenant(fx::FABRIKAM_CI, fx::MOVE_TARGET_ZONE);
    let opts = one_recheck(&sim);
    let creds = recheck::credentials(&tested, &keys).unwrap();
    let report = recheck::run(&tested, &creds, &opts, &|_| {}).await;
    assert!(report.items.iter().any(|i| i.id == "zone.moved"), "{report:#?}");
    // Meanwhile the partner typed a zone by hand in the app.
    let typed = AutotaskZone { source: ZoneSource::Manual, ..old };
    store
        .modify(|list| {
            if let Connection::Autotask(a) = &mut list[0].details.connection {
                a.zone = Some(typed.clone());
            }
            Ok(())
        })
        .unwrap();
    let recorded = ops::record_recheck(&store, &tested, &report).unwrap();
    assert_eq!(recorded.connection.zone(), Some(&typed), "the edit stays");
    assert_eq!(store.get(&tested.id).unwrap().connection.zone(), Some(&typed));
}
