//! Unit tests of the HTTP layer's pure rules (URL policy, endpoint keys, throttle texts, retry waits).

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

#[test]
fn waits_between_attempts_double_from_the_base_and_stay_capped() {
    use backon::BackoffBuilder;
    let ms = Duration::from_millis;
    let steps = |s: &HttpSettings| backoff_steps(s).build().collect::<Vec<_>>();
    // Production: 3 attempts, so two waits.
    assert_eq!(steps(&HttpSettings::default()), [ms(250), ms(500)]);
    let s = HttpSettings { max_attempts: 6, base_backoff: ms(250), max_retry_wait: ms(1000), ..Default::default() };
    assert_eq!(steps(&s), [ms(250), ms(500), ms(1000), ms(1000), ms(1000)]);
    assert!(steps(&HttpSettings { max_attempts: 1, ..Default::default() }).is_empty());
    assert!(steps(&HttpSettings { max_attempts: 0, ..Default::default() }).is_empty());
    // The server's Retry-After replaces the step, within the cap.
    let throttled =
        |retry_after: Option<Duration>| HttpResponse { status: 429, body: Vec::new(), retry_after, link: None };
    assert_eq!(wait_before_retry(&throttled(None), ms(500), ms(5000)), ms(500));
    assert_eq!(wait_before_retry(&throttled(Some(ms(2000))), ms(500), ms(5000)), ms(2000));
    assert_eq!(wait_before_retry(&throttled(Some(ms(60_000))), ms(500), ms(5000)), ms(5000));
    assert_eq!(wait_before_retry(&throttled(None), ms(8000), ms(5000)), ms(5000));
}

#[test]
fn throttling_is_a_429_or_autotasks_thread_threshold_in_any_failure() {
    let resp = |status: u16, body: &str| HttpResponse { status, body: body.into(), retry_after: None, link: None };
    assert!(is_throttled(&resp(429, "")));
    assert!(is_throttled(&resp(500, "{\"errors\":[\"Thread Threshold Exceeded\"]}")));
    assert!(!is_throttled(&resp(200, "thread threshold mentioned in a successful body")));
    assert!(!is_throttled(&resp(500, "{\"errors\":[\"IntegrationCode is invalid.\"]}")));
}
