//! `psa-connect connectwise preview` end to end: filters by id and by name give the same counts as the
//! fixture data, and throttling is waited out or reported. The real binary against the ConnectWise
//! simulator on 127.0.0.1; no fixture private key may show up in its output.

use crate::common;

use common::connectwise::{cw, error_code};
use common::{EXIT_REMOTE, EXIT_USAGE};
use psa_tests::connectwise::fixtures as fx;
use psa_tests::connectwise::{CwFault, CwFaultTarget, CwSim, CwSimConfig};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn preview_counts_by_id_and_by_name() {
    let sim = CwSim::start(CwSimConfig::standard()).await.unwrap();
    let (customer, active, north) =
        (fx::TYPE_CUSTOMER.to_string(), fx::STATUS_ACTIVE.to_string(), fx::LOCATION_NORTH.to_string());
    let ids = [
        "--company-type",
        &customer,
        "--company-status",
        &active,
        "--territory",
        &north,
        "--contact-status",
        "active",
        "--json",
    ];
    let r = cw(&sim, "preview", "na", &fx::GOOD, fx::GOOD.private_key, &ids).await;
    assert_eq!(r.code, 0, "{:#}", r.json);
    let pick = |c: &psa_tests::connectwise::CwCompany| {
        !c.deleted
            && c.type_ids.contains(&fx::TYPE_CUSTOMER)
            && c.status_id == fx::STATUS_ACTIVE
            && c.territory_id == Some(fx::LOCATION_NORTH)
    };
    let companies = fx::contoso_count(pick);
    assert!(companies > 20, "{companies}");
    assert_eq!(r.json["preview"]["companies"].as_u64(), Some(companies as u64));
    assert_eq!(r.json["preview"]["contacts"].as_u64(), Some(fx::contoso_contacts_of(pick, |p| !p.inactive) as u64));
    assert_eq!(r.json["filters"]["companyStatusIds"][0], active);
    let by_id = r.json["preview"].clone();

    let names = [
        "--company-type",
        "customer",
        "--company-status",
        "Active",
        "--territory",
        "North",
        "--contact-status",
        "active",
        "--json",
    ];
    let r = cw(&sim, "preview", "na", &fx::GOOD, fx::GOOD.private_key, &names).await;
    assert_eq!(r.code, 0, "{:#}", r.json);
    assert_eq!(r.json["preview"], by_id);

    let r = cw(&sim, "preview", "na", &fx::GOOD, fx::GOOD.private_key, &["--market", "Helthcare", "--json"]).await;
    assert_eq!((r.code, error_code(&r)), (EXIT_USAGE, "invalid_input"));
    assert!(r.json["error"]["fix"].as_str().unwrap().contains("Healthcare"));

    let r = cw(&sim, "preview", "na", &fx::GOOD, fx::GOOD.private_key, &["--market", "Healthcare"]).await;
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let want = fx::contoso_count(|c| !c.deleted && c.market_id == Some(fx::MARKET_HEALTHCARE));
    assert!(r.stdout.contains("Filter preview for ConnectWise company contoso"), "{}", r.stdout);
    assert!(r.stdout.contains(&format!("Companies  {want}")), "{}", r.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn throttling_is_waited_out_or_reported() {
    let sim = CwSim::start(CwSimConfig::standard()).await.unwrap();
    let target = CwFaultTarget::Path("company/companies/count".into());
    sim.set_fault(target.clone(), Some(CwFault::Throttle429 { times: 1, retry_after_secs: 1 }));
    let r = cw(&sim, "preview", "na", &fx::GOOD, fx::GOOD.private_key, &["--json"]).await;
    assert_eq!(r.code, 0, "{:#}", r.json);
    assert_eq!(r.json["preview"]["companies"].as_u64(), Some(fx::contoso_count(|c| !c.deleted) as u64));
    let counts: Vec<u16> =
        sim.stats().requests.iter().filter(|q| q.endpoint == "company/companies/count").map(|q| q.status).collect();
    assert_eq!(&counts[..2], [429, 200]);

    sim.set_fault(target, Some(CwFault::Throttle429 { times: 1000, retry_after_secs: 0 }));
    let r = cw(&sim, "preview", "na", &fx::GOOD, fx::GOOD.private_key, &["--json"]).await;
    assert_eq!((r.code, error_code(&r)), (EXIT_REMOTE, "throttled"));
}
