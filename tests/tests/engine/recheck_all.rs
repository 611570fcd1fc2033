//! "Re-test all" against the Autotask simulator: a fleet of saved connections over several zones, re-tested
//! by psa-core's scheduler (issue 16): every profile gets a result, the thread limit is never exceeded, and a
//! cancel stops new requests.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use psa_core::autotask::{AutotaskEndpoints, CancellationToken};
use psa_core::profiles::recheck_all::{self, host_key, KeychainRecheck, RecheckEnv, RecheckLimits, RecheckResult};
use psa_tests::autotask::fixtures as fx;
use psa_tests::autotask::{fleet, AutotaskSim};

const N: usize = 30;
const ZONES: u32 = 3;

async fn fleet_sim(latency: Duration) -> (AutotaskSim, Arc<fleet::FleetKeys>, Vec<psa_core::profiles::Profile>) {
    let sim = AutotaskSim::start(fleet::config(N, ZONES, latency)).await.expect("simulator");
    let keys = Arc::new(fleet::FleetKeys::default());
    let list = fleet::profiles(&sim, N, ZONES, &keys);
    (sim, keys, list)
}

fn one(sim: &AutotaskSim, keys: &Arc<fleet::FleetKeys>) -> KeychainRecheck {
    KeychainRecheck {
        secrets: keys.clone(),
        env: RecheckEnv::new(
            AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url()),
            psa_core::connectwise::CwEndpoints::production(),
        ),
    }
}

#[tokio::test]
async fn every_profile_gets_one_result_within_the_thread_limit() {
    let (sim, keys, list) = fleet_sim(Duration::from_millis(20)).await;
    // One profile without a secret in the keychain: reported, not skipped silently.
    let mut list = list;
    list[7].secret_ref = Some("nobody-saved-this".into());
    let seen = Arc::new(Mutex::new(Vec::<RecheckResult>::new()));
    let s2 = seen.clone();
    let (results, summary) = recheck_all::recheck_all(
        list.clone(),
        RecheckLimits::default(),
        &one(&sim, &keys),
        &CancellationToken::new(),
        &move |r| s2.lock().unwrap().push(r.clone()),
    )
    .await;
    assert_eq!(results.len(), N);
    assert_eq!(seen.lock().unwrap().len(), N, "each result was reported as it came");
    let mut ids: Vec<&str> = results.iter().map(|r| r.profile_id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), N, "one result per profile");
    assert_eq!(summary.passed as usize, N - 1, "{results:#?}");
    assert_eq!(summary.failed, 1);
    let missing = results.iter().find(|r| r.profile_id == list[7].id).unwrap();
    assert!(!missing.ok && missing.last_check.is_none() && missing.requests == 0, "{missing:#?}");
    assert!(summary.line.starts_with(&format!("{N} connections re-tested in ")), "{}", summary.line);
    assert!(summary.line.contains(&format!("{} work, 1 failed", N - 1)), "{}", summary.line);

    let stats = sim.stats();
    // No re-check looked its zone up again (they are saved), and no thread-limit error was provoked.
    assert_eq!(stats.count_endpoint("ZoneInformation"), 0);
    assert!(
        stats.requests.iter().all(|r| r.status == 200),
        "{:#?}",
        stats.requests.iter().filter(|r| r.status != 200).collect::<Vec<_>>()
    );
    assert!(
        stats.peak_in_flight_per_slot.values().all(|n| *n <= fx::THREAD_LIMIT),
        "{:?}",
        stats.peak_in_flight_per_slot
    );
    // Per zone and endpoint: at most 3 re-checks per host and tracking identifier, each ≤ 3 per endpoint.
    assert!(
        stats.peak_in_flight_per_zone_endpoint.values().all(|n| *n <= 3 * fx::THREAD_LIMIT),
        "{:?}",
        stats.peak_in_flight_per_zone_endpoint
    );
}

/// A fake "re-check one" that records how many run at once per host key and in all.
struct Counting {
    now: Mutex<(std::collections::HashMap<String, usize>, usize)>,
    peak: Mutex<(usize, usize)>,
}

impl recheck_all::RecheckOne for Counting {
    async fn recheck(&self, profile: psa_core::profiles::Profile, _cancel: CancellationToken) -> RecheckResult {
        {
            let key = host_key(&profile);
            {
                let mut now = self.now.lock().unwrap();
                let per = {
                    let n = now.0.entry(key.clone()).or_default();
                    *n += 1;
                    *n
                };
                now.1 += 1;
                let mut peak = self.peak.lock().unwrap();
                *peak = (peak.0.max(per), peak.1.max(now.1));
            }
            tokio::time::sleep(Duration::from_millis(15)).await;
            {
                let mut now = self.now.lock().unwrap();
                *now.0.get_mut(&key).unwrap() -= 1;
                now.1 -= 1;
            }
            let mut r = recheck_all::not_run(&profile, false, "fake");
            r.ok = true;
            r
        }
    }
}

#[tokio::test]
async fn the_scheduler_keeps_both_bounds() {
    let (sim, keys, list) = fleet_sim(Duration::ZERO).await;
    drop((sim, keys));
    let limits = RecheckLimits { per_host: 3, total: 5 };
    let run = |list: Vec<psa_core::profiles::Profile>| async move {
        let fake = Counting { now: Mutex::new(Default::default()), peak: Mutex::new((0, 0)) };
        let n = list.len();
        let (results, summary) =
            recheck_all::recheck_all(list, limits, &fake, &CancellationToken::new(), &|_| {}).await;
        assert_eq!((results.len(), summary.passed as usize), (n, n));
        let peak = *fake.peak.lock().unwrap();
        peak
    };
    // One host and tracking identifier: the per-host bound is what stops it (the total would allow 5). Every
    // profile is ready at once, so the bound is reached whatever the machine's load.
    let first = host_key(&list[0]);
    let one_host: Vec<_> = list.iter().filter(|p| host_key(p) == first).cloned().collect();
    assert!(one_host.len() > 3);
    assert_eq!(run(one_host).await, (3, 3), "3 per host and tracking identifier, and they were used");
    // Several hosts: the total bound stops it, and no host goes over its own.
    let (per_host, total) = run(list).await;
    assert!(per_host <= 3, "{per_host} at once on one host");
    assert_eq!(total, 5, "the total cap, and it was used");
}

#[tokio::test]
async fn cancel_stops_new_requests_and_every_profile_still_gets_a_result() {
    let (sim, keys, list) = fleet_sim(Duration::from_millis(150)).await;
    let cancel = CancellationToken::new();
    let c2 = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(60)).await;
        c2.cancel();
    });
    let limits = RecheckLimits { per_host: 3, total: 2 };
    let (results, summary) = recheck_all::recheck_all(list, limits, &one(&sim, &keys), &cancel, &|_| {}).await;
    assert_eq!(results.len(), N, "a result for every profile");
    assert_eq!(summary.cancelled as usize, N, "{results:#?}");
    assert!(results.iter().filter(|r| r.summary == "Not run: cancelled.").count() >= N - 2);
    // Requests cut off by the cancel may still be answered (and counted) by the simulator: let them land.
    tokio::time::sleep(Duration::from_millis(250)).await;
    let sent = sim.stats().total_requests;
    assert!(sent <= 2 * 6, "only the two running re-checks sent anything: {sent}");
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(sim.stats().total_requests, sent, "nothing was sent after the cancel");
    assert!(summary.line.contains("not re-tested (cancelled)"), "{}", summary.line);
}
