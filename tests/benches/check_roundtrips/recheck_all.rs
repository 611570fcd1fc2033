//! "Re-test all" of 200 saved Autotask connections, each its own database, spread over 8 simulated zones
//! (25 per zone), all with the vendor's tracking identifier: total time as a multiple of one re-check,
//! peak in flight per thread-limit slot and per zone endpoint, and this process's peak RSS.

use std::sync::Arc;
use std::time::{Duration, Instant};

use psa_core::autotask::CancellationToken;
use psa_core::profiles::recheck_all::{self, KeychainRecheck, RecheckEnv, RecheckLimits};
use psa_tests::autotask::{fleet, AutotaskSim};

pub const PROFILES: usize = 200;
pub const ZONES: u32 = 8;

pub fn vm_hwm_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time this process has used so far (user + system; simulator included), from /proc/self/stat.
pub fn cpu_ms() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let mut f = stat.rsplit_once(')')?.1.split_whitespace();
    // Fields 14 and 15 of stat(5), counted after the command name: utime and stime in 1/100 s.
    let utime: u64 = f.nth(11)?.parse().ok()?;
    let stime: u64 = f.next()?.parse().ok()?;
    Some((utime + stime) * 10)
}

pub async fn run(rtt: Duration) {
    let sim = AutotaskSim::start(fleet::config(PROFILES, ZONES, rtt)).await.expect("simulator");
    let keys = Arc::new(fleet::FleetKeys::default());
    let list = fleet::profiles(&sim, PROFILES, ZONES, &keys);
    let one = KeychainRecheck {
        secrets: keys.clone(),
        env: RecheckEnv::new(
            psa_core::autotask::AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url()),
            psa_core::connectwise::CwEndpoints::production(),
        ),
    };
    println!();
    println!(
        "re-test all: {PROFILES} saved Autotask connections (one database each) over {ZONES} zones, latency {} ms",
        rtt.as_millis()
    );
    // One re-check alone, the unit of the goal (best of 3).
    let mut single = Duration::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let (r, _) = recheck_all::recheck_all(
            list[..1].to_vec(),
            RecheckLimits::default(),
            &one,
            &CancellationToken::new(),
            &|_| {},
        )
        .await;
        assert!(r[0].ok, "{r:#?}");
        single = single.min(t.elapsed());
    }
    println!("one re-check: {} ms ({:.2} RTT)", single.as_millis(), single.as_secs_f64() / rtt.as_secs_f64());
    for total in [16, RecheckLimits::default().total] {
        sim.reset_stats();
        let limits = RecheckLimits { total, ..RecheckLimits::default() };
        let t = Instant::now();
        let cpu_before = cpu_ms();
        let (results, summary) =
            recheck_all::recheck_all(list.clone(), limits, &one, &CancellationToken::new(), &|_| {}).await;
        let wall = t.elapsed();
        let cpu = cpu_before.zip(cpu_ms()).map(|(a, b)| b.saturating_sub(a));
        let stats = sim.stats();
        let slot = stats.peak_in_flight_per_slot.values().max().copied().unwrap_or(0);
        let zone_ep = stats
            .peak_in_flight_per_zone_endpoint
            .iter()
            .filter(|(k, _)| k.starts_with("zone"))
            .map(|(_, n)| *n)
            .max()
            .unwrap_or(0);
        let thread_errors = stats.requests.iter().filter(|r| r.status != 200).count();
        println!(
            "limits {}/host, {total} in all: {} ms = {:.1} × one re-check (goal ≤ 10×) | {} results, {} ok | {} requests, {} not 200 | peak per thread-limit slot {slot} (goal ≤ 3), per zone endpoint {zone_ep}, in flight total {}",
            limits.per_host,
            wall.as_millis(),
            wall.as_secs_f64() / single.as_secs_f64(),
            results.len(),
            summary.passed,
            stats.total_requests,
            thread_errors,
            stats.peak_in_flight_total,
        );
        println!("    {}", summary.line);
        if let Some(cpu) = cpu {
            println!(
                "    CPU used by the run (engine and simulator, this build): {cpu} ms = {:.1} ms per re-check; load average {}",
                cpu as f64 / PROFILES as f64,
                std::fs::read_to_string("/proc/loadavg").unwrap_or_default().split_whitespace().next().unwrap_or("?")
            );
        }
    }
    match vm_hwm_kib() {
        Some(k) => {
            println!("peak RSS of the benchmark process (simulator included), VmHWM: {:.1} MB", k as f64 / 1024.0)
        }
        None => println!("peak RSS: /proc/self/status not readable"),
    }
    sim.shutdown().await;
}
