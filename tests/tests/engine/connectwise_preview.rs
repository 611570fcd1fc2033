//! The filter preview against the simulator: counts equal the fixture helpers' counts computed from the
//! same data, paging across `Link` headers, URL limits, permissions (issue 6: filters with a live count).

use crate::connectwise_support;

use connectwise_support::*;
use psa_core::connectwise::preview_with;
use psa_core::model::{ActiveState, ConnectwiseCredentials, ConnectwiseSite, FilterSet, Preview};
use psa_core::{ErrorCode, PsaError};
use psa_tests::connectwise::fixtures::{self as fx, CwKeys};
use psa_tests::connectwise::{CwCompany, CwContact, CwSim, CwSimConfig};

async fn preview(sim: &CwSim, keys: &CwKeys, filters: &FilterSet) -> Result<Preview, PsaError> {
    let site = detect(sim, keys).await;
    preview_on(&site, &creds(keys), filters).await
}

async fn preview_on(
    site: &ConnectwiseSite,
    c: &ConnectwiseCredentials,
    filters: &FilterSet,
) -> Result<Preview, PsaError> {
    let r = preview_with(c, site, filters, &fast_http(), &Default::default()).await;
    if let Err(e) = &r {
        code_of(e, c.private_key.expose());
    }
    r
}

fn ids(v: &[i64]) -> Vec<String> {
    v.iter().map(i64::to_string).collect()
}

fn live(c: &CwCompany) -> bool {
    !c.deleted
}

#[tokio::test]
async fn no_filters_counts_every_live_company_and_its_contacts() {
    let sim = sim().await;
    let p = preview(&sim, &fx::GOOD, &FilterSet::default()).await.unwrap();
    assert_eq!(p.companies as usize, fx::contoso_count(live));
    assert!(p.companies < fx::CONTOSO_COMPANY_COUNT as u64, "deleted companies are left out");
    assert_eq!(
        p.contacts as usize,
        fx::contoso_contacts_of(live, |_| true),
        "contacts of deleted companies are left out"
    );
    assert!(!p.contacts_lower_bound);
    assert_eq!(p.sample.len(), 5);
    let mut sorted = p.sample.clone();
    sorted.sort_by_key(|s| s.to_lowercase());
    assert_eq!(p.sample, sorted, "the sample is the first names alphabetically");
}

#[tokio::test]
async fn filters_count_what_the_fixture_helpers_count() {
    let sim = sim().await;
    let f = FilterSet {
        company_types: ids(&[fx::TYPE_CUSTOMER, fx::TYPE_PARTNER]),
        company_status_ids: ids(&[fx::STATUS_ACTIVE, fx::STATUS_IMPORTED]),
        territories: ids(&[fx::LOCATION_NORTH, fx::LOCATION_OVERSEAS]),
        contact_statuses: vec![ActiveState::Active],
        ..Default::default()
    };
    let company = |c: &CwCompany| {
        live(c)
            && c.type_ids.iter().any(|t| [fx::TYPE_CUSTOMER, fx::TYPE_PARTNER].contains(t))
            && [fx::STATUS_ACTIVE, fx::STATUS_IMPORTED].contains(&c.status_id)
            && c.territory_id.is_some_and(|t| [fx::LOCATION_NORTH, fx::LOCATION_OVERSEAS].contains(&t))
    };
    let p = preview(&sim, &fx::GOOD, &f).await.unwrap();
    assert_eq!(p.companies as usize, fx::contoso_count(company));
    assert_eq!(p.contacts as usize, fx::contoso_contacts_of(company, |k: &CwContact| !k.inactive));
    assert!(p.companies > 0 && p.contacts > 0);
    assert!(!p.contacts_lower_bound);

    let one_market = FilterSet {
        markets: ids(&[fx::MARKET_LEGAL]),
        contact_statuses: vec![ActiveState::Inactive],
        ..Default::default()
    };
    let in_legal = |c: &CwCompany| live(c) && c.market_id == Some(fx::MARKET_LEGAL);
    let p = preview(&sim, &fx::GOOD, &one_market).await.unwrap();
    assert_eq!(p.companies as usize, fx::contoso_count(in_legal));
    assert_eq!(p.contacts as usize, fx::contoso_contacts_of(in_legal, |k| k.inactive));
}

#[tokio::test]
async fn paging_follows_link_headers_when_pages_are_small() {
    let sim = sim_with(CwSimConfig::standard().with_max_page_size(50)).await;
    let broad = FilterSet {
        company_status_ids: ids(&[fx::STATUS_ACTIVE, fx::STATUS_INACTIVE, fx::STATUS_IMPORTED]),
        ..Default::default()
    };
    let company =
        |c: &CwCompany| live(c) && [fx::STATUS_ACTIVE, fx::STATUS_INACTIVE, fx::STATUS_IMPORTED].contains(&c.status_id);
    sim.reset_stats();
    let p = preview(&sim, &fx::GOOD, &broad).await.unwrap();
    let expected = fx::contoso_count(company);
    assert!(expected > 500, "enough companies to need many pages");
    assert_eq!(p.companies as usize, expected);
    assert_eq!(p.contacts as usize, fx::contoso_contacts_of(company, |_| true));
    assert!(!p.contacts_lower_bound);
    let stats = sim.stats();
    let id_pages =
        stats.requests.iter().filter(|r| r.endpoint == "company/companies" && r.query.contains("fields=id&")).count();
    assert!(id_pages >= expected / 50, "{id_pages} pages of ids for {expected} companies");
    assert!(stats.requests.iter().any(|r| r.endpoint == "company/companies" && r.query.contains("page=2")));
    assert!(
        stats.requests.iter().all(|r| r.status == 200),
        "{:?}",
        stats.requests.iter().filter(|r| r.status != 200).collect::<Vec<_>>()
    );
    // Every URL stays within ConnectWise's limit, the contact chunks included.
    for r in &stats.requests {
        let len = sim.base_url().len() + r.path.len() + 1 + r.query.len();
        assert!(len <= 2000, "{len}: {}", r.path);
    }
    assert!(stats.count_endpoint("company/contacts/count") >= 2, "ids are counted in URL-sized chunks");
    assert!(stats.max_peak_per_endpoint() <= 3, "{:?}", stats.peak_in_flight_per_endpoint);
}

#[tokio::test]
async fn small_tenants_and_self_hosted() {
    let sim = sim().await;
    let p =
        preview(&sim, &fx::FABRIKAM_GOOD, &FilterSet { markets: ids(&[fx::MARKET_HEALTHCARE]), ..Default::default() })
            .await
            .unwrap();
    assert_eq!((p.companies, p.contacts), (0, 0));
    assert!(p.sample.is_empty());
    let p = preview(&sim, &fx::NORTHWIND_GOOD, &FilterSet::default()).await.unwrap();
    assert_eq!(p.companies as usize, fx::northwind_count(live));
    assert!(p.contacts > 0);
}

#[tokio::test]
async fn role_limits_show_in_the_preview() {
    let sim = sim().await;
    let p = preview(&sim, &fx::MINE_ONLY, &FilterSet::default()).await.unwrap();
    assert_eq!(p.companies, 0, "Mine sees no companies");
    let e = preview(&sim, &fx::NO_CONTACTS, &FilterSet::default()).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::PermissionDenied);
    assert!(e.fix.contains("Companies > Contacts"), "{}", e.fix);
}

#[tokio::test]
async fn bad_values_and_foreign_sites_are_refused_before_sending() {
    let sim = sim().await;
    let site = detect(&sim, &fx::GOOD).await;
    sim.reset_stats();
    let bad = FilterSet { company_types: vec!["1) or (id>0".into()], ..Default::default() };
    assert_eq!(preview_on(&site, &creds(&fx::GOOD), &bad).await.unwrap_err().code, ErrorCode::InvalidInput);
    let mut foreign = site.clone();
    foreign.api_url = "https://api-na.myconnectwise.net.evil.example/v2025_1/apis/3.0".into();
    assert_eq!(
        preview_on(&foreign, &creds(&fx::GOOD), &FilterSet::default()).await.unwrap_err().code,
        ErrorCode::InsecureUrl
    );
    let mut other_host = site.clone();
    other_host.site = "https://cw.example.com".into();
    other_host.api_url = "https://other.example.com/v4_6_release/apis/3.0".into();
    assert_eq!(
        preview_on(&other_host, &creds(&fx::GOOD), &FilterSet::default()).await.unwrap_err().code,
        ErrorCode::InsecureUrl
    );
    assert_eq!(sim.stats().total_requests, 0);
}

#[tokio::test]
async fn bounded_id_reads_make_the_contact_count_an_estimate() {
    // One company per page: the engine reads at most MAX_ID_PAGES pages of ids, so only the first
    // companies (by id) are counted exactly, scaled to all, and the preview says it is an estimate.
    let sim = sim_with(CwSimConfig::standard().with_max_page_size(1)).await;
    let f = FilterSet { company_status_ids: ids(&[fx::STATUS_ACTIVE]), ..Default::default() };
    let company = |c: &CwCompany| live(c) && c.status_id == fx::STATUS_ACTIVE;
    let p = preview(&sim, &fx::GOOD, &f).await.unwrap();
    assert_eq!(p.companies as usize, fx::contoso_count(company));
    let bound = psa_core::connectwise::preview::MAX_ID_PAGES as usize;
    assert!(p.companies as usize > bound);
    assert!(!p.contacts_lower_bound);
    let est = p.contacts_estimated.clone().expect("an estimate beyond the bound");
    assert_eq!(est.sampled_companies as usize, bound);
    let mut first: Vec<i64> =
        fx::companies(psa_tests::connectwise::CwDataSet::Contoso).iter().filter(|c| company(c)).map(|c| c.id).collect();
    first.sort_unstable();
    first.truncate(bound);
    let counted = fx::contoso_contacts_of(|c| first.contains(&c.id), |_| true) as u64;
    assert_eq!(est.sampled_contacts, counted);
    assert_eq!(p.contacts, (counted as f64 * p.companies as f64 / bound as f64).round() as u64);
    assert_eq!(
        sim.stats()
            .requests
            .iter()
            .filter(|r| r.endpoint == "company/companies" && r.query.contains("fields=id&"))
            .count(),
        bound
    );
}
