//! How many round trips the Autotask check costs: starts the simulator with a fixed latency per response,
//! runs `run_check` for GOOD_USER (zone detection included) and prints wall time / RTT, the number of
//! requests and the peak in-flight count per endpoint. Targets: ≤ 3.2 RTT, ≤ 15 requests, ≤ 3 per
//! endpoint. Prints numbers; asserts nothing (speed is not a test). Run:
//! `cargo bench -p psa-tests --bench check_roundtrips`
//!
//! Then the same figures for ConnectWise (GOOD member, na cloud site): a full check (companyinfo included) and
//! a filter preview on a known site. `CHECK_BENCH_ONLY=autotask|connectwise` runs one half.

use std::time::{Duration, Instant};

use psa_core::autotask::{self, AutotaskEndpoints, CheckOptions};
use psa_core::model::AutotaskCredentials;
use psa_core::Secret;
use psa_tests::autotask::fixtures as fx;
use psa_tests::autotask::{AutotaskSim, SimConfig};

#[path = "check_roundtrips/connectwise.rs"]
mod connectwise;

const RUNS: usize = 5;

#[tokio::main]
async fn main() {
    let rtt =
        Duration::from_millis(std::env::var("CHECK_BENCH_RTT_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(100));
    let only = std::env::var("CHECK_BENCH_ONLY").unwrap_or_default();
    if only != "connectwise" {
        autotask(rtt).await;
    }
    if only != "autotask" {
        connectwise::run(rtt, RUNS).await;
    }
}

async fn autotask(rtt: Duration) {
    let sim = AutotaskSim::start(SimConfig::standard().with_latency(rtt)).await.expect("simulator");
    let creds = AutotaskCredentials {
        username: fx::GOOD_USER.into(),
        integration_code: fx::INTEGRATION_CODE.into(),
        secret: Secret::new(fx::GOOD_SECRET),
    };
    println!("autotask check, GOOD_USER, injected latency {} ms per response, {RUNS} runs", rtt.as_millis());
    let mut worst_rtt = 0f64;
    for run in 1..=RUNS {
        sim.reset_stats();
        let opts = CheckOptions::new(AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url()));
        let t = Instant::now();
        let report = autotask::run_check(&creds, &opts, &|_| {}).await;
        let wall = t.elapsed();
        assert!(report.ok, "the check must pass to be measured: {report:#?}");
        let stats = sim.stats();
        let ratio = wall.as_secs_f64() / rtt.as_secs_f64();
        worst_rtt = worst_rtt.max(ratio);
        let mut peaks: Vec<_> = stats.peak_in_flight_per_endpoint.iter().collect();
        peaks.sort();
        let peak_max = peaks.iter().map(|(_, n)| **n).max().unwrap_or(0);
        println!(
            "run {run}: wall {:>4} ms = {ratio:.2} RTT | requests {} (engine counted {}) | peak in flight per endpoint max {peak_max}, total {}",
            wall.as_millis(),
            stats.total_requests,
            report.requests,
            stats.peak_in_flight_total,
        );
        if run == RUNS {
            for (endpoint, n) in peaks {
                println!("    endpoint {endpoint}: {n}");
            }
            let mut buckets: Vec<_> = stats.peak_in_flight_per_bucket.iter().collect();
            buckets.sort();
            for (bucket, n) in buckets {
                println!("    thread-limit bucket {bucket}: {n}");
            }
        }
    }
    println!("worst: {worst_rtt:.2} RTT (target ≤ 3.2), requests target ≤ 15, per endpoint target ≤ 3");
}
