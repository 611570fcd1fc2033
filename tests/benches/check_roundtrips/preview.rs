//! The Autotask filter preview over tenants of 1,000, 10,000 and 100,000 companies (the simulator's
//! `DataSet::Sized`), selecting about 10 % (company type Lead) and 60 % (Customer or Lead): requests, wall time
//! in RTT, whether the contact count is exact, printed as a table. Goal: ≤ 12 requests whatever the size.

use std::time::{Duration, Instant};

use psa_core::autotask::{self, AutotaskEndpoints, CancellationToken};
use psa_core::http::HttpSettings;
use psa_core::model::{AutotaskCredentials, FilterSet};
use psa_core::Secret;
use psa_tests::autotask::fixtures as fx;
use psa_tests::autotask::picklists::{TYPE_CUSTOMER, TYPE_LEAD};
use psa_tests::autotask::{AutotaskSim, DataSet, SimConfig};

use super::recheck_all::vm_hwm_kib;

pub async fn run(rtt: Duration) {
    println!();
    println!("autotask filter preview, latency {} ms per response (goal: ≤ 12 requests per preview)", rtt.as_millis());
    println!(
        "{:>9} | {:>9} | {:>9} | {:>8} | {:>6} | {:>10} | {:<9} | peak RSS",
        "companies", "selecting", "selected", "requests", "RTT", "contacts", "count"
    );
    let creds = AutotaskCredentials {
        username: fx::GOOD_USER.into(),
        integration_code: fx::INTEGRATION_CODE.into(),
        secret: Secret::new(fx::GOOD_SECRET),
    };
    for size in [1_000u32, 10_000, 100_000] {
        let mut cfg = SimConfig::standard().with_latency(rtt);
        cfg.tenant_mut(fx::CONTOSO_CI).expect("contoso").data = DataSet::Sized(size);
        let sim = AutotaskSim::start(cfg).await.expect("simulator");
        let zone = autotask::detect_zone(&AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url()), fx::GOOD_USER)
            .await
            .expect("zone");
        let cases =
            [("10 %", vec![TYPE_LEAD.to_string()]), ("60 %", vec![TYPE_CUSTOMER.to_string(), TYPE_LEAD.to_string()])];
        for (label, types) in cases {
            let filters = FilterSet { company_types: types, ..FilterSet::default() };
            sim.reset_stats();
            let t = Instant::now();
            let p =
                autotask::preview_with(&creds, &zone, &filters, &HttpSettings::default(), &CancellationToken::new())
                    .await
                    .expect("the preview must work to be measured");
            let wall = t.elapsed();
            let stats = sim.stats();
            let how = match &p.contacts_estimated {
                Some(e) => format!("estimated from the first {} companies", e.sampled_companies),
                None => "exact".to_string(),
            };
            println!(
                "{size:>9} | {label:>9} | {:>9} | {:>8} | {:>6.2} | {:>10} | {how:<9} | {:.0} MB",
                p.companies,
                stats.total_requests,
                wall.as_secs_f64() / rtt.as_secs_f64(),
                p.contacts,
                vm_hwm_kib().unwrap_or(0) as f64 / 1024.0,
            );
        }
        sim.shutdown().await;
    }
    println!("(peak RSS is this process's VmHWM, the simulator's generated tenants included; it only grows)");
}
