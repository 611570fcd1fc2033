//! Unit tests of the HTTP layer's pure rules (URL policy, endpoint keys, throttle texts).

use super::*;

fn allow() -> Vec<String> {
    HttpSettings::default().allowed_https_suffixes
}

#[test]
fn url_policy() {
    let ok = [
        "https://webservices14.autotask.net/ATServicesRest/",
        "http://127.0.0.1:9/x",
        "http://localhost/x",
        "http://[::1]:8/",
        "https://autotask.net/",
    ];
    for u in ok {
        assert!(check_url_policy(&Url::parse(u).unwrap(), &allow()).is_ok(), "{u}");
    }
    let bad = [
        "http://webservices14.autotask.net/",
        "https://evil.example/",
        "https://autotask.net.evil.example/",
        "http://10.0.0.1/",
        "ftp://127.0.0.2/",
        "https://notautotask.net/",
    ];
    for u in bad {
        let e = check_url_policy(&Url::parse(u).unwrap(), &allow()).unwrap_err();
        assert_eq!(e.code, ErrorCode::InsecureUrl, "{u}");
    }
}

#[test]
fn endpoint_keys_group_by_entity() {
    let a = endpoint_key(&Url::parse("https://h/ATServicesRest/V1.0/Companies/query").unwrap());
    let b = endpoint_key(&Url::parse("https://h/atservicesrest/v1.0/companies/entityInformation/fields").unwrap());
    let c = endpoint_key(&Url::parse("https://h/ATServicesRest/V1.0/Contacts/query").unwrap());
    assert_eq!(a, b);
    assert_ne!(a, c);
    let cw =
        |p: &str| endpoint_key(&Url::parse(&format!("https://api-na.myconnectwise.net/v2025_1/apis/3.0/{p}")).unwrap());
    assert_eq!(cw("company/companies/count"), cw("company/companies"));
    assert_ne!(cw("company/companies/count"), cw("company/contacts/count"));
    assert!(cw("system/info").ends_with("/system/info"));
}

#[test]
fn thread_threshold_text() {
    assert!(is_thread_threshold("{\"errors\":[\"Thread Threshold Exceeded - The Autotask API thread threshold of 3 threads has been exceeded\"]}"));
    assert!(!is_thread_threshold("{\"errors\":[\"IntegrationCode is invalid.\"]}"));
}
