//! What a connection check costs in round trips: the simulators answer every request after a fixed latency
//! (one RTT), and each figure is printed beside its goal (issue 16):
//! - Autotask and ConnectWise, fresh check (zone lookup / companyinfo first): ≤ 2.3 RTT, ≤ 8 requests;
//!   re-check of a saved zone or site: ≤ 1.3 RTT; wrong secret: one failed wave; ≤ 3 in flight per endpoint;
//! - "Re-test all" of 200 saved Autotask connections over 8 zones: total time as a multiple of one re-check
//!   (goal ≤ 10×), peak in flight per thread-limit slot (database + tracking identifier + entity, ≤ 3), per
//!   zone and endpoint, and memory (peak RSS of this process, simulator included: VmHWM);
//! - the filter preview for tenants of 1,000, 10,000 and 100,000 companies selecting 10 % and 60 %.
//!
//! Prints numbers; asserts nothing (speed is not a test). Run:
//! `cargo bench -p psa-tests --locked --bench check_roundtrips` (the optimised `bench` profile, see Cargo.toml)
//! `CHECK_BENCH_ONLY=autotask|connectwise|recheck|preview` runs one part; `CHECK_BENCH_RTT_MS` sets the RTT;
//! `CHECK_BENCH_TRACE=1` lists the requests of the "zone moved" re-check in the order the simulator answered.

use std::time::{Duration, Instant};

use psa_core::autotask::{self, AutotaskEndpoints, CheckOptions};
use psa_core::model::{AutotaskCredentials, CheckReport};
use psa_core::Secret;
use psa_tests::autotask::fixtures as fx;
use psa_tests::autotask::{AutotaskSim, SimConfig, SimStats};

#[path = "check_roundtrips/connectwise.rs"]
mod connectwise;
#[path = "check_roundtrips/preview.rs"]
mod preview;
#[path = "check_roundtrips/recheck_all.rs"]
mod recheck_all;

const RUNS: usize = 5;

#[tokio::main]
async fn main() {
    let rtt =
        Duration::from_millis(std::env::var("CHECK_BENCH_RTT_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(100));
    let only = std::env::var("CHECK_BENCH_ONLY").unwrap_or_default();
    let part = |name: &str| only.is_empty() || only == name;
    if part("autotask") {
        autotask(rtt).await;
    }
    if part("connectwise") {
        connectwise::run(rtt, RUNS).await;
    }
    if part("recheck") {
        recheck_all::run(rtt).await;
    }
    if part("preview") {
        preview::run(rtt).await;
    }
}

/// The worst of several runs of one case.
#[derive(Default)]
pub struct Worst {
    pub rtt: f64,
    pub requests: usize,
    pub peak: usize,
}

impl Worst {
    pub fn add(&mut self, wall: Duration, rtt: Duration, requests: usize, peak: usize) {
        self.rtt = self.rtt.max(wall.as_secs_f64() / rtt.as_secs_f64());
        self.requests = self.requests.max(requests);
        self.peak = self.peak.max(peak);
    }

    /// `case | RTT (goal) | requests (goal) | peak per endpoint (goal)`
    pub fn print(&self, psa: &str, case: &str, rtt_goal: &str, requests_goal: &str) {
        println!(
            "{psa:<11} {case:<34} {:>5.2} RTT (goal {rtt_goal:<6}) | {:>2} requests (goal {requests_goal:<4}) | peak in flight per endpoint {} (goal ≤ 3)",
            self.rtt, self.requests, self.peak
        );
    }
}

fn creds(user: &str, secret: &str) -> AutotaskCredentials {
    AutotaskCredentials {
        username: user.into(),
        integration_code: fx::INTEGRATION_CODE.into(),
        secret: Secret::new(secret),
    }
}

async fn measure(
    sim: &AutotaskSim,
    creds: &AutotaskCredentials,
    opts: &CheckOptions,
) -> (Duration, CheckReport, SimStats) {
    sim.reset_stats();
    let t = Instant::now();
    let report = autotask::run_check(creds, opts, &|_| {}).await;
    (t.elapsed(), report, sim.stats())
}

async fn autotask(rtt: Duration) {
    let sim = AutotaskSim::start(SimConfig::standard().with_latency(rtt)).await.expect("simulator");
    let endpoints = AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url());
    println!("autotask checks, injected latency {} ms per response (1 RTT), worst of {RUNS} runs", rtt.as_millis());
    let good = creds(fx::GOOD_USER, fx::GOOD_SECRET);
    let fresh = CheckOptions::new(endpoints.clone());
    let mut saved = None;
    let mut w = Worst::default();
    for _ in 0..RUNS {
        let (wall, report, stats) = measure(&sim, &good, &fresh).await;
        assert!(report.ok, "the check must pass to be measured: {report:#?}");
        w.add(wall, rtt, stats.total_requests, stats.max_peak_per_endpoint());
        saved = report.zone;
    }
    w.print("autotask", "fresh check (zone lookup first)", "≤ 2.3", "≤ 8");

    // As `psa-connect profile check` and the app's Re-test re-check one saved profile: the saved zone, the
    // lookup sent beside the wave (read only on a 401).
    let mut recheck = CheckOptions::new(endpoints.clone());
    recheck.zone = saved;
    recheck.lookup_beside = true;
    let mut w = Worst::default();
    for _ in 0..RUNS {
        let (wall, report, stats) = measure(&sim, &good, &recheck).await;
        assert!(report.ok, "the re-check must pass to be measured: {report:#?}");
        w.add(wall, rtt, stats.total_requests, stats.max_peak_per_endpoint());
    }
    w.print("autotask", "re-check (saved zone)", "≤ 1.3", "≤ 8");

    let wrong = creds(fx::GOOD_USER, "Wrong-Secret-123!");
    for (case, opts) in [("wrong secret, fresh", &fresh), ("wrong secret, re-check", &recheck)] {
        let mut w = Worst::default();
        let mut failed = 0;
        for _ in 0..RUNS {
            let (wall, report, stats) = measure(&sim, &wrong, opts).await;
            assert!(!report.ok);
            failed = stats.requests.iter().filter(|r| r.status == 401).count();
            w.add(wall, rtt, stats.total_requests, stats.max_peak_per_endpoint());
        }
        w.print("autotask", case, "≤ 2.3", "≤ 8");
        println!("{:<46} {failed} failed sign-ins (401) in the wave", "");
    }

    // The tenant moved: the saved zone answers 401, the lookup names the new zone, the wave goes again. With
    // the lookup sent beside (one re-check) its answer is there when the 401s come; in "Re-test all" (no
    // lookup beside) it is asked after them.
    let moved = creds(fx::MOVED_USER, fx::MOVED_SECRET);
    let old = autotask::detect_zone(&endpoints, fx::MOVED_USER).await.expect("zone");
    for (case, beside) in [("re-check, zone moved", true), ("zone moved, in Re-test all", false)] {
        let mut w = Worst::default();
        for _ in 0..RUNS {
            sim.move_tenant(fx::FABRIKAM_CI, fx::FABRIKAM_ZONE);
            let mut opts = CheckOptions::new(endpoints.clone());
            opts.zone = Some(old.clone());
            opts.lookup_beside = beside;
            sim.move_tenant(fx::FABRIKAM_CI, fx::MOVE_TARGET_ZONE);
            let (wall, report, stats) = measure(&sim, &moved, &opts).await;
            assert!(report.ok, "the moved tenant's check must pass: {report:#?}");
            if std::env::var_os("CHECK_BENCH_TRACE").is_some() {
                for r in &stats.requests {
                    println!("    {} {} {}", r.status, r.method, r.path);
                }
            }
            w.add(wall, rtt, stats.total_requests, stats.max_peak_per_endpoint());
        }
        w.print("autotask", case, if beside { "≤ 2.3" } else { "-" }, "-");
    }
    sim.shutdown().await;
}
