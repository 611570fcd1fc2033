use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};

use super::handoff::*;
use crate::connection::Connection;
use crate::model::{AutotaskZone, ZoneSource};
use crate::profiles::ProfileInput;
use crate::ErrorCode;

fn input() -> ProfileInput {
    ProfileInput {
        name: "Contoso".into(),
        template: "custom".into(),
        connection: Connection::autotask(
            "api.contoso@contoso.example",
            "VENDORCODE123",
            Some(AutotaskZone {
                zone_name: "AE02".into(),
                api_url: "https://webservices14.autotask.net/ATServicesRest/V1.0".into(),
                web_url: "https://ww14.autotask.net".into(),
                ci: Some(100014),
                source: ZoneSource::Detected,
            }),
        ),
        filters: Default::default(),
        settings: Default::default(),
        notes: "Ticket 4711: customer types the secret".into(),
    }
}

fn doc_json() -> Value {
    serde_json::from_str(&Handoff::create(input(), None).unwrap().0.to_json()).unwrap()
}

fn link_of(v: &Value) -> String {
    format!("{LINK_PREFIX}{}", URL_SAFE_NO_PAD.encode(v.to_string()))
}

#[test]
fn file_and_link_round_trip_to_the_same_draft() {
    let (doc, draft) = Handoff::create(input(), None).unwrap();
    assert_eq!(draft.open_step, WizardStep::Secret);
    assert_eq!(draft.secret_hosts, vec!["webservices14.autotask.net".to_string()]);
    let from_file = parse(&doc.to_json()).unwrap();
    let link = doc.to_link();
    assert!(link.starts_with("psa-connect://setup?d=") && !link.ends_with('='), "{link}");
    assert!(link.len() < 1200, "a hand-off link stays short enough for e-mail: {} chars", link.len());
    let from_link = parse(&link).unwrap();
    assert_eq!(from_file, draft);
    assert_eq!(from_link, draft);
    assert_eq!(from_link.profile, input());
    // The file says what it is.
    let v = doc_json();
    assert_eq!(v["kind"], "psa-connect-handoff");
    assert_eq!(v["version"], 2);
    assert_eq!(v["openStep"], "secret");
    assert_eq!(v["connection"]["username"], "api.contoso@contoso.example");
}

#[test]
fn links_survive_mail_clients() {
    let link = Handoff::create(input(), None).unwrap().0.to_link();
    for variant in
        [format!("<{link}>"), format!("  {link}\n"), link.replacen("psa-connect://setup?", "PSA-CONNECT://SETUP/?", 1)]
    {
        assert!(parse(&variant).is_ok(), "{variant}");
    }
}

#[test]
fn a_secret_anywhere_is_refused_with_the_field_named_not_its_value() {
    let cases: Vec<(&str, Value)> = vec![
        ("secret", json!("S3cr3t-value!")),
        ("apiSecret", json!("S3cr3t-value!")),
        ("password", json!("S3cr3t-value!")),
        ("privateKey", json!("S3cr3t-value!")),
        ("private_key", json!("S3cr3t-value!")),
        ("token", json!("S3cr3t-value!")),
    ];
    for (key, val) in cases {
        for nested in [false, true] {
            let mut v = doc_json();
            if nested {
                v["connection"]["zone"][key] = val.clone();
            } else {
                v[key] = val.clone();
            }
            for text in [v.to_string(), link_of(&v)] {
                let e = parse(&text).unwrap_err();
                assert_eq!(e.code, ErrorCode::ImportContainsSecret, "{key} nested={nested}: {e:?}");
                assert!(e.details.as_deref().unwrap().contains(key), "{e:?}");
                assert!(!format!("{e:?}").contains("S3cr3t-value!"));
                assert!(e.fix.contains("Secret step"), "{}", e.fix);
            }
        }
    }
    // Inside settings, inside filters arrays, and as an extra link parameter.
    let mut v = doc_json();
    v["settings"] = json!({"sync_period": {"AccessToken": "x"}});
    assert_eq!(parse(&v.to_string()).unwrap_err().code, ErrorCode::ImportContainsSecret);
    let extra = format!("{}&secret=S3cr3t-value!", Handoff::create(input(), None).unwrap().0.to_link());
    let e = parse(&extra).unwrap_err();
    assert_eq!(e.code, ErrorCode::ImportContainsSecret);
    assert!(!format!("{e:?}").contains("S3cr3t"));
    // The secret is refused even when the rest is garbage (no version, unknown kind).
    let e = parse(r#"{"kind":"something","apiSecret":"x"}"#).unwrap_err();
    assert_eq!(e.code, ErrorCode::ImportContainsSecret);
}

#[test]
fn create_refuses_what_parse_would_refuse() {
    let mut i = input();
    i.settings.insert("token".into(), json!("abc"));
    assert_eq!(Handoff::create(i, None).unwrap_err().code, ErrorCode::ImportContainsSecret);
    let mut i = input();
    i.template = "no-such-vendor".into();
    assert_eq!(Handoff::create(i, None).unwrap_err().code, ErrorCode::TemplateUnknown);
}

#[test]
fn unknown_template_psa_kind_and_version_are_clear_errors() {
    let mut v = doc_json();
    v["template"] = json!("acme-sync");
    let e = parse(&v.to_string()).unwrap_err();
    assert_eq!(e.code, ErrorCode::TemplateUnknown);
    assert!(e.message.contains("acme-sync") && e.fix.contains("custom"), "{e:?}");

    let mut v = doc_json();
    v["connection"]["psa"] = json!("halo");
    let e = parse(&link_of(&v)).unwrap_err();
    assert_eq!(e.code, ErrorCode::ImportInvalid);
    assert!(e.message.contains("halo") && e.fix.contains("Autotask"), "{e:?}");

    let mut v = doc_json();
    v["version"] = json!(7);
    let e = parse(&v.to_string()).unwrap_err();
    assert!(e.message.contains("newer version") && e.fix.contains("Update"), "{e:?}");

    let mut v = doc_json();
    v["kind"] = json!("other");
    assert_eq!(parse(&v.to_string()).unwrap_err().code, ErrorCode::ImportInvalid);
    let e = parse(r#"{"format":"psa-connect-profiles","version":1,"profiles":[]}"#).unwrap_err();
    assert!(e.fix.contains("Import profiles"), "{e:?}");
    for junk in [
        "",
        "hello",
        "ééééééééééééé",
        "psa-connecté",
        "[1,2]",
        "psa-connect://setup",
        "psa-connect://setup?d=%%%",
        "psa-connect://other?d=e30",
        "https://example.com/?d=e30",
    ] {
        let e = parse(junk).unwrap_err();
        assert_eq!(e.code, ErrorCode::ImportInvalid, "{junk}: {e:?}");
        assert!(!e.fix.is_empty());
    }
}

#[test]
fn size_is_capped_for_files_and_links() {
    let mut v = doc_json();
    v["notes"] = json!("x".repeat(MAX_DOCUMENT_BYTES));
    let e = parse(&v.to_string()).unwrap_err();
    assert!(e.message.contains("too large"), "{e:?}");
    let e = parse(&link_of(&v)).unwrap_err();
    assert!(e.message.contains("too long"), "{e:?}");
}

#[test]
fn a_zone_can_only_point_at_autotask_or_this_machine() {
    let mut v = doc_json();
    v["connection"]["zone"]["apiUrl"] = json!("https://collector.example.net/ATServicesRest/V1.0");
    let e = parse(&v.to_string()).unwrap_err();
    assert_eq!(e.code, ErrorCode::ImportInvalid);
    assert!(e.message.contains("not an Autotask address"), "{e:?}");
    // A non-canonical Autotask URL is rebuilt; a foreign web URL is replaced by the zone's own.
    let mut v = doc_json();
    v["connection"]["zone"]["apiUrl"] = json!("https://WEBSERVICES14.autotask.net/atservicesrest/");
    v["connection"]["zone"]["webUrl"] = json!("https://phish.example.com");
    let z = parse(&v.to_string()).unwrap().profile.connection.zone().cloned().unwrap();
    assert_eq!(z.api_url, "https://webservices14.autotask.net/ATServicesRest/V1.0");
    assert_eq!(z.web_url, "https://ww14.autotask.net");
    assert_eq!((z.zone_name.as_str(), z.ci), ("AE02", Some(100014)));
    // A simulator on loopback is fine and shown as where the secret goes.
    let mut v = doc_json();
    v["connection"]["zone"]["apiUrl"] = json!("http://127.0.0.1:8787/zone14/ATServicesRest/V1.0");
    v["connection"]["zone"]["webUrl"] = json!("http://127.0.0.1:8787");
    assert_eq!(parse(&v.to_string()).unwrap().secret_hosts, vec!["127.0.0.1:8787".to_string()]);
}

#[test]
fn without_username_the_wizard_opens_on_the_username_step() {
    let mut i = input();
    i.connection.login_mut().clear();
    i.connection.clear_location();
    let (doc, draft) = Handoff::create(i, Some(WizardStep::Secret)).unwrap();
    assert_eq!(draft.open_step, WizardStep::Username);
    assert_eq!(doc.open_step, WizardStep::Username);
    assert!(draft.secret_hosts.is_empty());
    let mut i = input();
    *i.connection.login_mut() = "not an email".into();
    assert_eq!(Handoff::create(i, None).unwrap_err().code, ErrorCode::InvalidUsername);
}

#[test]
fn settings_and_filters_are_checked_against_the_template() {
    let mut v = doc_json();
    v["settings"] = json!({"colour": "blue"});
    let e = parse(&v.to_string()).unwrap_err();
    assert!(e.message.contains("colour"), "{e:?}");
    let mut v = doc_json();
    v["filters"]["companyTypes"] = json!(["Customer"]);
    let e = parse(&v.to_string()).unwrap_err();
    assert!(e.message.contains("Customer"), "{e:?}");
    let mut v = doc_json();
    v["filters"]["companyTypes"] = json!(["1", "3"]);
    assert_eq!(parse(&v.to_string()).unwrap().profile.filters.company_types, vec!["1", "3"]);
}

#[test]
fn the_opened_event_carries_either_a_draft_or_an_error() {
    let ok: HandoffOpened = parse(&Handoff::create(input(), None).unwrap().0.to_link()).into();
    let v = serde_json::to_value(&ok).unwrap();
    assert_eq!(v["draft"]["openStep"], "secret");
    assert!(v.get("error").is_none());
    let bad: HandoffOpened = parse(r#"{"secret":"x"}"#).into();
    let v = serde_json::to_value(&bad).unwrap();
    assert_eq!(v["error"]["code"], "import_contains_secret");
    assert!(v.get("draft").is_none());
}

/// Issue 13: a hand-off carries the vendor's identifiers (Autotask integration code, ConnectWise clientId),
/// which are identifiers, not secrets; the secret rule still refuses a real secret beside them.
#[test]
fn vendor_identifiers_travel_in_a_hand_off_and_secrets_still_do_not() {
    let mut at = input();
    at.template = "binox-msp".into();
    *at.connection.identifier_mut() = "SIMVENDOR7QXK2M4PZ8RT3WB6HJ".into();
    let (doc, draft) = Handoff::create(at, None).unwrap();
    assert_eq!(draft.profile.connection.identifier(), "SIMVENDOR7QXK2M4PZ8RT3WB6HJ");
    assert_eq!(parse(&doc.to_link()).unwrap().profile.connection.identifier(), "SIMVENDOR7QXK2M4PZ8RT3WB6HJ");

    let cw = ProfileInput {
        template: "sync365-license".into(),
        connection: Connection::connectwise("", "", "0e7d3c1a-9b64-4f2e-8a15-63c2b9d7e480", None),
        ..input()
    };
    let (doc, _) = Handoff::create(cw.clone(), None).unwrap();
    // A sender that also names it clientId (the ConnectWise word) is not refused as a secret.
    let mut v: Value = serde_json::from_str(&doc.to_json()).unwrap();
    v["clientId"] = json!("0e7d3c1a-9b64-4f2e-8a15-63c2b9d7e480");
    v["apiIntegrationCode"] = json!("SIMVENDOR7QXK2M4PZ8RT3WB6HJ");
    assert!(parse(&v.to_string()).is_ok());
    // …but a secret beside them still is, by name, at any depth.
    for key in ["privateKey", "secret", "apiSecret"] {
        let mut bad = v.clone();
        bad[key] = json!("0e7d3c1a-9b64-4f2e-8a15-63c2b9d7e480");
        assert_eq!(parse(&bad.to_string()).unwrap_err().code, ErrorCode::ImportContainsSecret, "{key}");
    }

    // Malformed identifiers are refused with the reason.
    let e =
        Handoff::create(ProfileInput { connection: Connection::connectwise("", "", "not a guid", None), ..cw }, None)
            .unwrap_err();
    assert!(e.message.contains("clientId") && e.message.contains("GUID"), "{e:?}");
    let mut bad = input();
    *bad.connection.identifier_mut() = "has space".into();
    let e = Handoff::create(bad, None).unwrap_err();
    assert!(e.message.contains("integration code"), "{e:?}");
}
