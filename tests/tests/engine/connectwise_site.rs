//! Site and codebase detection against the simulator: every way a partner can name a cloud site, a
//! self-hosted server over plain http on loopback only, unknown companies, and companyinfo answers that
//! must not be followed (issue 6: inputs and detection).

use crate::connectwise_support;

use connectwise_support::*;
use psa_core::connectwise::{detect_site_with, parse_site, CwEndpoints};
use psa_core::model::ZoneSource;
use psa_core::ErrorCode;
use psa_tests::connectwise::fixtures as fx;
use psa_tests::connectwise::{CwFault, CwFaultTarget};

async fn detect_with(
    sim: &psa_tests::connectwise::CwSim,
    site: &str,
    company: &str,
) -> Result<psa_core::model::ConnectwiseSite, psa_core::PsaError> {
    detect_site_with(&endpoints(sim), site, company, &fast_http(), &Default::default()).await
}

#[tokio::test]
async fn every_form_of_the_na_site_finds_contoso() {
    let sim = sim().await;
    let forms = [
        "na",
        " NA ",
        "https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?locale=en_US&session=new",
        "na.myconnectwise.net",
        "api-na.myconnectwise.net",
        "https://api-na.myconnectwise.net/v4_6_release/apis/3.0/",
    ];
    for form in forms {
        let s = detect_with(&sim, form, "Contoso").await.unwrap_or_else(|e| panic!("{form}: {e:?}"));
        assert_eq!(s.site, "na", "{form}");
        assert_eq!(s.codebase, fx::CONTOSO_CODEBASE);
        assert_eq!(s.company_name, fx::CONTOSO_NAME);
        assert!(s.is_cloud);
        assert_eq!(s.api_url, sim.api_url(fx::CONTOSO).unwrap(), "{form}");
        assert_eq!(s.web_url, "https://na.myconnectwise.net");
        assert_eq!(s.source, ZoneSource::Detected);
    }
    let stats = sim.stats();
    assert_eq!(stats.total_requests, forms.len(), "one companyinfo call per detection");
    assert!(
        stats.requests.iter().all(|r| r.endpoint == "companyinfo" && !r.had_auth && r.path.starts_with("/na/")),
        "{:?}",
        stats.requests
    );
}

#[tokio::test]
async fn each_region_reaches_its_own_login_host() {
    let sim = sim().await;
    for region in fx::REGIONS {
        let e = detect_with(&sim, region, "nobody-here").await.unwrap_err();
        assert_eq!(e.code, ErrorCode::CwUnknownCompany, "{region}");
        let paths: Vec<String> = sim.stats().requests.iter().map(|r| r.path.clone()).collect();
        assert!(paths[0].starts_with(&format!("/{region}/login/companyinfo/")), "{paths:?}");
        sim.reset_stats();
    }
}

#[tokio::test]
async fn is_cloud_as_a_string_is_read() {
    let sim = sim().await;
    let s = detect_with(&sim, "https://eu.myconnectwise.net/", fx::FABRIKAM).await.unwrap();
    assert!(s.is_cloud, "Fabrikam answers \"IsCloud\":\"True\"");
    assert_eq!((s.site.as_str(), s.codebase.as_str()), ("eu", fx::FABRIKAM_CODEBASE));
    assert_eq!(s.api_url, sim.api_url(fx::FABRIKAM).unwrap());
}

#[tokio::test]
async fn self_hosted_over_http_on_loopback() {
    let sim = sim().await;
    let site = sim.self_hosted_site();
    for typed in [site.clone(), format!("{site}/"), format!("{site}/v4_6_release/ConnectWise.aspx")] {
        let s = detect_with(&sim, &typed, fx::SELFHOSTED).await.unwrap_or_else(|e| panic!("{typed}: {e:?}"));
        assert!(!s.is_cloud);
        assert_eq!(s.site, site);
        assert_eq!(s.web_url, site);
        assert_eq!(s.codebase, fx::SELFHOSTED_CODEBASE);
        assert_eq!(s.api_url, format!("{site}/v4_6_release/apis/3.0"));
        assert_eq!(s.company_name, fx::SELFHOSTED_NAME);
    }
}

#[tokio::test]
async fn plain_http_elsewhere_is_refused_before_anything_is_sent() {
    let sim = sim().await;
    for site in ["http://cw.example.com", "http://10.0.0.5/onprem", "http://na.example.org/"] {
        let e = detect_with(&sim, site, fx::SELFHOSTED).await.unwrap_err();
        assert_eq!(e.code, ErrorCode::InsecureUrl, "{site}: {e:?}");
        assert!(e.fix.contains("https://"));
    }
    for site in ["", "https://staging.myconnectwise.net", "ftp://cw.example.com"] {
        assert_eq!(detect_with(&sim, site, fx::CONTOSO).await.unwrap_err().code, ErrorCode::InvalidInput, "{site}");
    }
    assert_eq!(detect_with(&sim, "na", "con toso").await.unwrap_err().code, ErrorCode::InvalidInput);
    assert_eq!(sim.stats().total_requests, 0);
    assert_eq!(parse_site("https://api-aus.myconnectwise.net/x").unwrap(), "aus");
    assert_eq!(parse_site("https://api-au.myconnectwise.net/x").unwrap(), "au");
    assert_eq!(parse_site(&format!("{}/", sim.self_hosted_site())).unwrap(), sim.self_hosted_site());
}

#[tokio::test]
async fn unknown_company_and_company_in_another_region() {
    let sim = sim().await;
    let e = detect_with(&sim, "na", "nobody").await.unwrap_err();
    assert_eq!(e.code, ErrorCode::CwUnknownCompany);
    assert!(e.message.contains("nobody"));
    // Fabrikam lives in eu: the na site answers null, and the fix names the region that knows it.
    let e = detect_with(&sim, "na", fx::FABRIKAM).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::CwUnknownCompany);
    assert!(e.fix.contains("eu"), "{}", e.fix);
    let e = detect_with(&sim, &sim.self_hosted_site(), "nobody").await.unwrap_err();
    assert_eq!(e.code, ErrorCode::CwUnknownCompany);
}

#[tokio::test]
async fn an_api_host_outside_connectwise_is_never_used() {
    let sim = sim().await;
    let body = r#"{"CompanyName":"X","Codebase":"v2025_1/","CompanyID":"contoso","IsCloud":true,"SiteUrl":"api-na.myconnectwise.net.evil.example"}"#;
    sim.set_fault(CwFaultTarget::CompanyInfo, Some(CwFault::Status { status: 200, body: body.into() }));
    let e = detect_with(&sim, "na", fx::CONTOSO).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::InsecureUrl);
    let odd = r#"{"CompanyName":"X","Codebase":"../../evil/","IsCloud":true,"SiteUrl":"api-na.myconnectwise.net"}"#;
    sim.set_fault(CwFaultTarget::CompanyInfo, Some(CwFault::Status { status: 200, body: odd.into() }));
    assert_eq!(detect_with(&sim, "na", fx::CONTOSO).await.unwrap_err().code, ErrorCode::ResponseMalformed);
    sim.set_fault(CwFaultTarget::CompanyInfo, Some(CwFault::MalformedJson));
    assert_eq!(detect_with(&sim, "na", fx::CONTOSO).await.unwrap_err().code, ErrorCode::ResponseMalformed);
    sim.set_fault(CwFaultTarget::CompanyInfo, Some(CwFault::Status { status: 503, body: "down".into() }));
    assert_eq!(detect_with(&sim, "na", fx::CONTOSO).await.unwrap_err().code, ErrorCode::ServerError);
    assert_eq!(sim.stats().total_requests, 4, "nothing but the four lookups was sent");
}

#[tokio::test]
async fn production_endpoints_name_connectwise_hosts() {
    // Without an override, lookups and API calls go to ConnectWise's own hosts (nothing is sent here).
    let prod = CwEndpoints::production();
    let url = psa_core::connectwise::site::companyinfo_url(
        &prod,
        &psa_core::connectwise::site::parse_site("na").unwrap(),
        "contoso",
    )
    .unwrap();
    assert_eq!(url.as_str(), "https://na.myconnectwise.net/login/companyinfo/contoso");
    assert_eq!(prod.cloud_base("api-eu.myconnectwise.net"), "https://api-eu.myconnectwise.net/");
}
