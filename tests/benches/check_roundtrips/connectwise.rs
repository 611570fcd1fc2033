//! The ConnectWise half of the round-trips benchmark: the same figures as for Autotask (wall time in
//! round trips, requests, peak in flight per endpoint) for a full check and for a filter preview.

use std::time::{Duration, Instant};

use psa_core::connectwise::{self, CancellationToken, CwCheckOptions, CwEndpoints};
use psa_core::http::HttpSettings;
use psa_core::model::{ActiveState, ConnectwiseCredentials, FilterSet};
use psa_core::Secret;
use psa_tests::connectwise::fixtures as fx;
use psa_tests::connectwise::{CwSim, CwSimConfig, CwSimStats};

use super::Worst;

fn print_run(
    label: &str,
    run: usize,
    wall: Duration,
    rtt: Duration,
    stats: &CwSimStats,
    engine_count: Option<u32>,
) -> f64 {
    let ratio = wall.as_secs_f64() / rtt.as_secs_f64();
    let counted = engine_count.map(|n| format!(" (engine counted {n})")).unwrap_or_default();
    println!(
        "{label} run {run}: wall {:>5} ms = {ratio:.2} RTT | requests {}{counted} | peak in flight per endpoint max {}, total {}",
        wall.as_millis(),
        stats.total_requests,
        stats.max_peak_per_endpoint(),
        stats.peak_in_flight_total,
    );
    ratio
}

fn print_endpoints(stats: &CwSimStats) {
    let mut peaks: Vec<_> = stats.peak_in_flight_per_endpoint.iter().collect();
    peaks.sort();
    for (endpoint, n) in peaks {
        println!("    endpoint {endpoint}: peak {n}, requests {}", stats.count_endpoint(endpoint));
    }
}

pub async fn run(rtt: Duration, runs: usize) {
    let sim = CwSim::start(CwSimConfig::standard().with_latency(rtt)).await.expect("connectwise simulator");
    let creds = ConnectwiseCredentials {
        company_id: fx::GOOD.company_id.into(),
        public_key: fx::GOOD.public_key.into(),
        private_key: Secret::new(fx::GOOD.private_key),
        client_id: fx::CLIENT_ID.into(),
    };
    let endpoints = CwEndpoints::with_cloud_override(sim.cloud_url());
    println!();
    println!(
        "connectwise checks, GOOD member, site na, injected latency {} ms per response, worst of {runs} runs",
        rtt.as_millis()
    );
    let fresh = CwCheckOptions::new(endpoints.clone(), fx::CONTOSO_REGION);
    let mut site = None;
    let mut w = Worst::default();
    for _ in 0..runs {
        sim.reset_stats();
        let t = Instant::now();
        let report = connectwise::run_check(&creds, &fresh, &|_| {}).await;
        assert!(report.ok, "the check must pass to be measured: {report:#?}");
        let stats = sim.stats();
        w.add(t.elapsed(), rtt, stats.total_requests, stats.max_peak_per_endpoint());
        site = report.site;
    }
    w.print("connectwise", "fresh check (companyinfo first)", "≤ 2.3", "≤ 8");
    let mut recheck = fresh.clone();
    recheck.site_known = site.clone();
    let mut w = Worst::default();
    for _ in 0..runs {
        sim.reset_stats();
        let t = Instant::now();
        let report = connectwise::run_check(&creds, &recheck, &|_| {}).await;
        assert!(report.ok, "the re-check must pass to be measured: {report:#?}");
        let stats = sim.stats();
        w.add(t.elapsed(), rtt, stats.total_requests, stats.max_peak_per_endpoint());
    }
    w.print("connectwise", "re-check (saved site)", "≤ 1.3", "≤ 8");
    let wrong = ConnectwiseCredentials { private_key: Secret::new("Wrong-Private-1"), ..creds.clone() };
    for (case, opts) in [("wrong private key, fresh", &fresh), ("wrong private key, re-check", &recheck)] {
        let mut w = Worst::default();
        let mut failed = 0;
        for _ in 0..runs {
            sim.reset_stats();
            let t = Instant::now();
            let report = connectwise::run_check(&wrong, opts, &|_| {}).await;
            assert!(!report.ok);
            let stats = sim.stats();
            failed = stats.requests.iter().filter(|r| r.status == 401).count();
            w.add(t.elapsed(), rtt, stats.total_requests, stats.max_peak_per_endpoint());
        }
        w.print("connectwise", case, "≤ 2.3", "≤ 8");
        println!("{:<46} {failed} failed sign-ins (401) in the wave", "");
    }

    // A typical selection: customers in the Active status, their active contacts.
    let site = site.expect("the check found the site");
    let filters = FilterSet {
        company_types: vec![fx::TYPE_CUSTOMER.to_string()],
        company_status_ids: vec![fx::STATUS_ACTIVE.to_string()],
        contact_statuses: vec![ActiveState::Active],
        ..FilterSet::default()
    };
    println!("connectwise preview (site known), company type Customer, status Active, active contacts, {runs} runs");
    let mut worst = (0f64, 0usize, 0usize);
    for run in 1..=runs {
        sim.reset_stats();
        let t = Instant::now();
        let preview =
            connectwise::preview_with(&creds, &site, &filters, &HttpSettings::default(), &CancellationToken::new())
                .await
                .expect("the preview must work to be measured");
        let wall = t.elapsed();
        let stats = sim.stats();
        let ratio = print_run("preview", run, wall, rtt, &stats, None);
        worst = (worst.0.max(ratio), worst.1.max(stats.total_requests), worst.2.max(stats.max_peak_per_endpoint()));
        if run == runs {
            println!("    selected {} companies, {} contacts", preview.companies, preview.contacts);
            print_endpoints(&stats);
        }
    }
    println!("preview worst: {:.2} RTT, {} requests, {} in flight on one endpoint", worst.0, worst.1, worst.2);
    sim.shutdown().await;
}
