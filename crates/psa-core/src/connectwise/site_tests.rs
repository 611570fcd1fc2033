//! Site input forms, companyinfo answers and the saved-site guard (no server needed).

use super::*;

fn cloud(region: &'static str) -> SiteInput {
    let login_host = CLOUD_REGIONS.iter().find(|(r, _)| *r == region).unwrap().1;
    SiteInput::Cloud { region, login_host }
}

#[test]
fn cloud_forms_are_recognised_as_their_region() {
    let cases = [
        ("na", "na"),
        (" EU ", "eu"),
        ("aus", "aus"),
        ("za", "za"),
        ("https://na.myconnectwise.net/v2025_1/ConnectWise.aspx?locale=en_US", "na"),
        // au and aus are two hosts (psa-api.md §B1 "API hosts": au per [CW-DEVGUIDE], [DJCW]; aus per [DJCW],
        // [SEED-S365]), so neither is read as the other.
        ("au.myconnectwise.net", "au"),
        ("au", "au"),
        ("AU", "au"),
        ("api-au.myconnectwise.net", "au"),
        ("api-aus.myconnectwise.net", "aus"),
        ("https://API-EU.myconnectwise.net/v4_6_release/apis/3.0/system/info", "eu"),
        ("api-za", "za"),
    ];
    for (input, region) in cases {
        assert_eq!(parse_site(input).unwrap_or_else(|e| panic!("{input}: {e:?}")), cloud(region), "{input}");
    }
}

#[test]
fn self_hosted_forms() {
    let base = |i: &str| match parse_site(i).unwrap_or_else(|e| panic!("{i}: {e:?}")) {
        SiteInput::SelfHosted { base } => base,
        other => panic!("{i}: {other:?}"),
    };
    assert_eq!(base("https://cw.example.com"), "https://cw.example.com");
    assert_eq!(base("cw.example.com/"), "https://cw.example.com");
    assert_eq!(base("https://CW.Example.com:8443/v4_6_release/ConnectWise.aspx"), "https://cw.example.com:8443");
    assert_eq!(base("https://cw.example.com/login/companyinfo/x"), "https://cw.example.com");
    assert_eq!(base("http://127.0.0.1:9000/onprem"), "http://127.0.0.1:9000/onprem");
    assert_eq!(base("http://127.0.0.1:9000/onprem/v4_6_release/apis/3.0/"), "http://127.0.0.1:9000/onprem");
}

#[test]
fn refused_inputs() {
    assert_eq!(parse_site("http://cw.example.com").unwrap_err().code, ErrorCode::InsecureUrl);
    assert_eq!(parse_site("http://10.1.2.3/").unwrap_err().code, ErrorCode::InsecureUrl);
    for bad in [
        "",
        "   ",
        "https://staging.myconnectwise.net/",
        "https://myconnectwise.net",
        "ftp://cw.example.com",
        "https://user:pw@cw.example.com",
    ] {
        assert_eq!(parse_site(bad).unwrap_err().code, ErrorCode::InvalidInput, "{bad:?}");
    }
}

#[test]
fn company_ids() {
    assert_eq!(validate_company_id(" contoso ").unwrap(), "contoso");
    assert_eq!(validate_company_id("my_co-2").unwrap(), "my_co-2");
    for bad in ["", "a b", "a/b", "a+b", "a:b", "x?y", "me@x.com"] {
        assert_eq!(validate_company_id(bad).unwrap_err().code, ErrorCode::InvalidInput, "{bad}");
    }
}

#[test]
fn codebase_and_site_url_rules() {
    assert_eq!(normalize_codebase("v2025_1/").as_deref(), Some("v2025_1/"));
    assert_eq!(normalize_codebase("/v4_6_release").as_deref(), Some("v4_6_release/"));
    for bad in ["", "/", "../", "a/b/", "http://x/", "v1 2/"] {
        assert!(normalize_codebase(bad).is_none(), "{bad}");
    }
    assert_eq!(known_api_host("api-na.myconnectwise.net").as_deref(), Some("api-na.myconnectwise.net"));
    assert_eq!(known_api_host("https://API-AUS.myconnectwise.net/").as_deref(), Some("api-aus.myconnectwise.net"));
    assert_eq!(known_api_host("api-au.myconnectwise.net").as_deref(), Some("api-au.myconnectwise.net"));
    for bad in ["na.myconnectwise.net", "api-na.myconnectwise.net.evil.com", "evil.com", "api-xx.myconnectwise.net"] {
        assert!(known_api_host(bad).is_none(), "{bad}");
    }
    assert_eq!(parse_bool(Some(&serde_json::json!("True"))), Some(true));
    assert_eq!(parse_bool(Some(&serde_json::json!(false))), Some(false));
    assert_eq!(parse_bool(None), None);
}

#[test]
fn companyinfo_answers() {
    let prod = CwEndpoints::production();
    let body = br#"{"CompanyName":"Contoso MSP","Codebase":"v2025_1/","CompanyID":"Contoso","IsCloud":"True","SiteUrl":"api-na.myconnectwise.net"}"#;
    let s = site_from_answer(&prod, &cloud("na"), "contoso", body).unwrap().unwrap();
    assert_eq!(s.api_url, "https://api-na.myconnectwise.net/v2025_1/apis/3.0");
    assert_eq!(s.web_url, "https://na.myconnectwise.net");
    assert_eq!((s.site.as_str(), s.company_id.as_str(), s.is_cloud), ("na", "Contoso", true));
    assert_eq!(s.source, ZoneSource::Detected);

    let sim = CwEndpoints::with_cloud_override("http://127.0.0.1:7/");
    let s = site_from_answer(&sim, &cloud("na"), "contoso", body).unwrap().unwrap();
    assert_eq!(s.api_url, "http://127.0.0.1:7/api-na/v2025_1/apis/3.0");
    assert_eq!(
        companyinfo_url(&sim, &cloud("eu"), "fab").unwrap().as_str(),
        "http://127.0.0.1:7/eu/login/companyinfo/fab"
    );
    assert_eq!(
        companyinfo_url(&prod, &cloud("eu"), "fab").unwrap().as_str(),
        "https://eu.myconnectwise.net/login/companyinfo/fab"
    );

    let evil = br#"{"Codebase":"v2025_1/","IsCloud":true,"SiteUrl":"api.evil.example"}"#;
    assert_eq!(site_from_answer(&prod, &cloud("na"), "c", evil).unwrap_err().code, ErrorCode::InsecureUrl);
    assert!(site_from_answer(&prod, &cloud("na"), "c", b"null").unwrap().is_none());
    assert!(site_from_answer(&prod, &cloud("na"), "c", b" ").unwrap().is_none());
    assert_eq!(site_from_answer(&prod, &cloud("na"), "c", b"{}").unwrap_err().code, ErrorCode::ResponseMalformed);

    let on_prem = SiteInput::SelfHosted { base: "https://cw.example.com/psa".into() };
    let body = br#"{"CompanyName":"N","Codebase":"v4_6_release/","IsCloud":false,"SiteUrl":"somewhere.else:81"}"#;
    let s = site_from_answer(&prod, &on_prem, "northwind", body).unwrap().unwrap();
    assert_eq!(s.api_url, "https://cw.example.com/psa/v4_6_release/apis/3.0", "self-hosted ignores SiteUrl");
    assert_eq!((s.site.as_str(), s.is_cloud), ("https://cw.example.com/psa", false));
    assert_eq!(
        companyinfo_url(&prod, &on_prem, "north wind").unwrap().as_str(),
        "https://cw.example.com/psa/login/companyinfo/north%20wind"
    );
}

#[test]
fn saved_sites_are_checked_before_keys_are_sent() {
    let base = HttpSettings::default();
    let mut s = ConnectwiseSite {
        site: "na".into(),
        company_id: "c".into(),
        company_name: String::new(),
        codebase: "v2025_1/".into(),
        is_cloud: true,
        api_url: "https://api-na.myconnectwise.net/v2025_1/apis/3.0".into(),
        web_url: "https://na.myconnectwise.net".into(),
        source: ZoneSource::Detected,
        version_code: None,
    };
    let ok = settings_for_known(&s, &base).unwrap();
    assert_eq!(ok.allowed_https_suffixes, [".myconnectwise.net"]);
    s.api_url = "https://evil.example/v2025_1/apis/3.0".into();
    assert_eq!(settings_for_known(&s, &base).unwrap_err().code, ErrorCode::InsecureUrl);
    s.site = "https://cw.example.com".into();
    assert_eq!(settings_for_known(&s, &base).unwrap_err().code, ErrorCode::InsecureUrl);
    s.api_url = "https://cw.example.com/v4_6_release/apis/3.0".into();
    assert_eq!(settings_for_known(&s, &base).unwrap().allowed_https_suffixes, [".myconnectwise.net", "cw.example.com"]);
}

#[test]
fn a_saved_au_site_still_loads_and_keeps_its_hosts() {
    let saved = ConnectwiseSite {
        site: "au".into(),
        company_id: "contoso".into(),
        company_name: String::new(),
        api_url: "https://api-au.myconnectwise.net/v2025_1/apis/3.0".into(),
        codebase: "v2025_1/".into(),
        is_cloud: true,
        web_url: "https://au.myconnectwise.net".into(),
        source: ZoneSource::Detected,
        version_code: None,
    };
    assert!(settings_for_known(&saved, &HttpSettings::default()).is_ok());
    assert_eq!(
        companyinfo_url(&CwEndpoints::production(), &cloud("au"), "contoso").unwrap().as_str(),
        "https://au.myconnectwise.net/login/companyinfo/contoso"
    );
    let body = br#"{"CompanyName":"C","Codebase":"v2025_1/","SiteUrl":"api-au.myconnectwise.net"}"#;
    let s = site_from_answer(&CwEndpoints::production(), &cloud("au"), "contoso", body).unwrap().unwrap();
    assert_eq!((s.site.as_str(), s.api_url.as_str()), ("au", "https://api-au.myconnectwise.net/v2025_1/apis/3.0"));
}
