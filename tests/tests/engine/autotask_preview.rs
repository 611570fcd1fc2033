//! Filter preview: counts through `query/count`, paging over 500 for contacts of selected companies, a
//! sample of names, and never a whole-table download (issue 2, row 5).

use crate::autotask_support;

use autotask_support::*;
use psa_core::autotask::{self, AutotaskEndpoints, CancellationToken};
use psa_core::model::{ActiveState, AutotaskCredentials, FilterSet, Preview};
use psa_core::ErrorCode;
use psa_tests::autotask::fixtures as fx;
use psa_tests::autotask::AutotaskSim;

async fn run(sim: &AutotaskSim, c: &AutotaskCredentials, f: &FilterSet) -> Result<Preview, psa_core::PsaError> {
    let zone =
        autotask::detect_zone(&AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url()), &c.username).await.unwrap();
    sim.reset_stats();
    let r = autotask::preview_with(c, &zone, f, &fast_http(), &CancellationToken::new()).await;
    if let Err(e) = &r {
        code_of(e, c.secret.expose());
    }
    r
}

fn s(v: i64) -> String {
    v.to_string()
}

#[tokio::test]
async fn no_filter_counts_everything_with_three_calls() {
    let sim = sim().await;
    let p = run(&sim, &good(), &FilterSet::default()).await.unwrap();
    assert_eq!(p.companies as usize, fx::CONTOSO_COMPANY_COUNT);
    assert_eq!(p.contacts as usize, fx::CONTOSO_CONTACT_COUNT);
    assert_eq!(p.sample.len(), 5);
    assert!(!p.contacts_lower_bound);
    let stats = sim.stats();
    assert_eq!(stats.total_requests, 3, "count, sample, contact count: {:#?}", stats.requests);
    assert!(stats.peak_in_flight_per_endpoint.values().all(|n| *n <= fx::THREAD_LIMIT));
}

#[tokio::test]
async fn company_types_and_active_status() {
    let sim = sim().await;
    let f = FilterSet {
        company_types: vec![s(fx::TYPE_CUSTOMER), s(fx::TYPE_PARTNER)],
        company_statuses: vec![ActiveState::Active],
        contact_statuses: vec![ActiveState::Active],
        ..Default::default()
    };
    let sel = |c: &psa_tests::autotask::Company| {
        c.is_active && (c.company_type == fx::TYPE_CUSTOMER || c.company_type == fx::TYPE_PARTNER)
    };
    let p = run(&sim, &good(), &f).await.unwrap();
    assert_eq!(p.companies as usize, fx::contoso_count(sel));
    assert_eq!(p.contacts as usize, fx::contoso_contacts_of(sel, |c| c.is_active == 1));
    assert!(!p.sample.is_empty());
    let names: Vec<&str> = fx::contoso_companies().iter().filter(|c| sel(c)).map(|c| c.company_name.as_str()).collect();
    assert!(p.sample.iter().all(|n| names.contains(&n.as_str())), "sample comes from the selection");
}

#[tokio::test]
async fn more_than_one_page_of_selected_companies() {
    let sim = sim().await;
    let f = FilterSet { company_statuses: vec![ActiveState::Active], ..Default::default() };
    let sel = |c: &psa_tests::autotask::Company| c.is_active;
    assert!(fx::contoso_count(sel) > fx::PAGE_SIZE, "the fixture must need paging");
    let p = run(&sim, &good(), &f).await.unwrap();
    assert_eq!(p.companies as usize, fx::contoso_count(sel));
    assert_eq!(p.contacts as usize, fx::contoso_contacts_of(sel, |_| true));
    let stats = sim.stats();
    let pages = fx::contoso_count(sel).div_ceil(fx::PAGE_SIZE);
    assert!(stats.total_requests <= 2 + 2 * pages, "bounded: {} requests", stats.total_requests);
    assert!(stats.peak_in_flight_per_endpoint.values().all(|n| *n <= fx::THREAD_LIMIT));
}

#[tokio::test]
async fn markets_territories_classifications_categories_inactive_contacts() {
    let sim = sim().await;
    let f = FilterSet {
        markets: vec![s(fx::MARKET_HEALTHCARE), s(fx::MARKET_LEGAL)],
        territories: vec![s(fx::TERRITORY_NORTH), s(fx::TERRITORY_OVERSEAS)],
        classifications: vec![s(fx::CLASS_GOLD), s(fx::CLASS_SILVER), s(fx::CLASS_BRONZE)],
        company_categories: vec![s(fx::CATEGORY_STANDARD), s(fx::CATEGORY_MANAGED)],
        contact_statuses: vec![ActiveState::Inactive],
        ..Default::default()
    };
    let sel = |c: &psa_tests::autotask::Company| {
        matches!(c.market_segment_id, Some(m) if m == fx::MARKET_HEALTHCARE || m == fx::MARKET_LEGAL)
            && matches!(c.territory_id, Some(t) if t == fx::TERRITORY_NORTH || t == fx::TERRITORY_OVERSEAS)
            && matches!(c.classification, Some(k) if k == fx::CLASS_GOLD || k == fx::CLASS_SILVER || k == fx::CLASS_BRONZE)
            && matches!(c.company_category_id, Some(k) if k == fx::CATEGORY_STANDARD || k == fx::CATEGORY_MANAGED)
    };
    let p = run(&sim, &good(), &f).await.unwrap();
    assert_eq!(p.companies as usize, fx::contoso_count(sel));
    assert_eq!(p.contacts as usize, fx::contoso_contacts_of(sel, |c| c.is_active == 0));
}

#[tokio::test]
async fn inactive_companies_only_and_contacts_without_company_filter() {
    let sim = sim().await;
    let f = FilterSet { company_statuses: vec![ActiveState::Inactive], ..Default::default() };
    let p = run(&sim, &good(), &f).await.unwrap();
    assert_eq!(p.companies as usize, fx::contoso_count(|c| !c.is_active));

    let f = FilterSet { contact_statuses: vec![ActiveState::Active], ..Default::default() };
    let p = run(&sim, &good(), &f).await.unwrap();
    assert_eq!(p.companies as usize, fx::CONTOSO_COMPANY_COUNT);
    assert_eq!(p.contacts as usize, fx::contoso_contact_count(|c| c.is_active == 1));
}

#[tokio::test]
async fn a_filter_that_selects_nothing() {
    let sim = sim().await;
    let c = creds(fx::FABRIKAM_USER, fx::FABRIKAM_SECRET);
    let f = FilterSet { markets: vec![s(fx::MARKET_HEALTHCARE)], ..Default::default() };
    let p = run(&sim, &c, &f).await.unwrap();
    assert_eq!((p.companies, p.contacts), (0, 0));
    assert!(p.sample.is_empty());
}

#[tokio::test]
async fn restricted_user_sees_zero() {
    let sim = sim().await;
    let p = run(&sim, &creds(fx::RESTRICTED_USER, fx::RESTRICTED_SECRET), &FilterSet::default()).await.unwrap();
    assert_eq!(p.companies, 0);
}

#[tokio::test]
async fn wrong_secret_and_denied_contacts() {
    let sim = sim().await;
    let e = run(&sim, &creds(fx::GOOD_USER, "Nope-Nope-Nope-1"), &FilterSet::default()).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::AuthWrongSecret);
    let e = run(&sim, &creds(fx::NO_CONTACTS_USER, fx::NO_CONTACTS_SECRET), &FilterSet::default()).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::PermissionDenied);
}

/// A tenant of `n` companies (the simulator's `DataSet::Sized`) in Contoso's place.
async fn sized_sim(n: u32) -> AutotaskSim {
    let mut cfg = psa_tests::autotask::SimConfig::standard();
    cfg.tenant_mut(fx::CONTOSO_CI).unwrap().data = psa_tests::autotask::DataSet::Sized(n);
    AutotaskSim::start(cfg).await.unwrap()
}

fn sized(n: u32) -> &'static psa_tests::autotask::TenantData {
    fx::tenant_data(psa_tests::autotask::DataSet::Sized(n))
}

#[tokio::test]
async fn large_selection_counts_companies_exactly_and_estimates_contacts_within_twelve_requests() {
    let n = 20_000;
    let sim = sized_sim(n).await;
    let f = FilterSet { company_types: vec![s(fx::TYPE_CUSTOMER), s(fx::TYPE_LEAD)], ..Default::default() };
    let p = run(&sim, &good(), &f).await.unwrap();
    let data = sized(n);
    let selected: Vec<i64> = data
        .companies
        .iter()
        .filter(|c| c.company_type == fx::TYPE_CUSTOMER || c.company_type == fx::TYPE_LEAD)
        .map(|c| c.id)
        .collect();
    assert_eq!(p.companies as usize, selected.len(), "company counts stay exact");
    let est = p.contacts_estimated.clone().expect("beyond the bound the contact count is an estimate");
    assert_eq!(est.sampled_companies as usize, autotask::preview::MAX_COMPANY_IDS);
    // The sample ratio: exact over the first companies by id, scaled to all.
    let mut first = selected.clone();
    first.sort_unstable();
    first.truncate(autotask::preview::MAX_COMPANY_IDS);
    let first: std::collections::HashSet<i64> = first.into_iter().collect();
    let counted = data.contacts.iter().filter(|c| first.contains(&c.company_id)).count() as u64;
    assert_eq!(est.sampled_contacts, counted);
    let expected = (counted as f64 * selected.len() as f64 / first.len() as f64).round() as u64;
    assert_eq!(p.contacts, expected);
    assert!(!p.contacts_lower_bound);
    let stats = sim.stats();
    assert!(stats.total_requests <= 12, "{} requests", stats.total_requests);
    assert!(stats.max_peak_per_endpoint() <= fx::THREAD_LIMIT);
    assert_eq!(p.sample.len(), 5);
}

#[tokio::test]
async fn selections_up_to_the_bound_count_contacts_exactly() {
    let n = 10_000;
    let sim = sized_sim(n).await;
    let f = FilterSet { company_types: vec![s(fx::TYPE_LEAD)], ..Default::default() };
    let p = run(&sim, &good(), &f).await.unwrap();
    let data = sized(n);
    let selected: std::collections::HashSet<i64> =
        data.companies.iter().filter(|c| c.company_type == fx::TYPE_LEAD).map(|c| c.id).collect();
    assert!(selected.len() <= autotask::preview::MAX_COMPANY_IDS, "{}", selected.len());
    assert_eq!(p.companies as usize, selected.len());
    assert_eq!(p.contacts as usize, data.contacts.iter().filter(|c| selected.contains(&c.company_id)).count());
    assert!(p.contacts_estimated.is_none());
    assert!(sim.stats().total_requests <= 12);
}
