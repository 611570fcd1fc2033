//! The command layer over Tauri's real IPC path (`tauri::test` mock runtime), without a PSA: argument
//! handling, error shapes and the checks made before anything goes on the network.

mod common;

use common::{assert_psa_error, Harness};
use psa_core::autotask::{AutotaskEndpoints, PRODUCTION_ZONE_LOOKUP_URL};
use serde_json::json;

#[test]
fn app_info_reports_version_and_the_lookup_url_in_force() {
    let h = Harness::new(AutotaskEndpoints::production());
    let v = h.invoke("app_info", json!({})).unwrap();
    assert_eq!(v["version"], "0.1.0"); // mock_context's package version
    assert_eq!(v["zoneLookupUrl"], PRODUCTION_ZONE_LOOKUP_URL);
    assert_eq!(v["zoneLookupOverridden"], false);
    assert_eq!(v.as_object().unwrap().len(), 3, "{v}");

    let h = Harness::new(AutotaskEndpoints::with_lookup_url("http://127.0.0.1:9/ATServicesRest/"));
    let v = h.invoke("app_info", json!({})).unwrap();
    assert_eq!(v["zoneLookupUrl"], "http://127.0.0.1:9/ATServicesRest/");
    assert_eq!(v["zoneLookupOverridden"], true);
}

#[test]
fn parse_zone_turns_a_browser_url_into_a_manual_zone() {
    let h = Harness::new(AutotaskEndpoints::production());
    let v = h
        .invoke("autotask_parse_zone", json!({ "input": "https://ww14.autotask.net/Mvc/Framework/Navigation.mvc" }))
        .unwrap();
    assert_eq!(v["apiUrl"], "https://webservices14.autotask.net/ATServicesRest/V1.0", "{v}");
    assert_eq!(v["webUrl"], "https://ww14.autotask.net", "{v}");
    assert_eq!(v["source"], "manual");
}

#[test]
fn parse_zone_rejects_nonsense_with_code_message_and_fix() {
    let h = Harness::new(AutotaskEndpoints::production());
    let e = h.invoke("autotask_parse_zone", json!({ "input": "my autotask please" })).unwrap_err();
    assert_psa_error(&e, "invalid_zone_override");
}

#[test]
fn a_missing_argument_is_still_refused_before_the_engine_runs() {
    let h = Harness::new(AutotaskEndpoints::production());
    assert!(h.invoke("autotask_parse_zone", json!({})).is_err());
}

#[test]
fn open_external_refuses_anything_but_https_or_loopback_http() {
    let h = Harness::new(AutotaskEndpoints::production());
    for url in ["http://ww14.autotask.net/", "file:///etc/passwd", "javascript:alert(1)", "smb://server/share"] {
        let e = h.invoke("open_external", json!({ "url": url })).unwrap_err();
        assert_psa_error(&e, "invalid_input");
    }
}

#[test]
fn templates_come_from_the_engine() {
    let h = Harness::new(AutotaskEndpoints::production());
    let list = h.invoke("templates_list", json!({})).unwrap();
    let ids: Vec<&str> = list.as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    let expected: Vec<String> = psa_core::templates::list().into_iter().map(|t| t.id).collect();
    assert_eq!(ids, expected);
    assert!(ids.contains(&"custom"), "{list}");
    let custom = h.invoke("template_get", json!({ "id": "custom" })).unwrap();
    assert_eq!(custom["id"], "custom");
    assert!(custom["autotask"].is_object(), "{custom}");
    let e = h.invoke("template_get", json!({ "id": "no-such-vendor" })).unwrap_err();
    assert_psa_error(&e, "template_unknown");
}

#[test]
fn set_credentials_refuses_a_malformed_username_and_an_empty_secret() {
    let h = Harness::new(AutotaskEndpoints::production());
    let e = h.set_credentials("not an email", "x").unwrap_err();
    assert_psa_error(&e, "invalid_username");
    let e = h.set_credentials("api.user@example.com", "   ").unwrap_err();
    assert_psa_error(&e, "invalid_input");
}

#[test]
fn check_without_credentials_asks_for_them() {
    let h = Harness::new(AutotaskEndpoints::production());
    let e = h.check("op-none").unwrap_err();
    assert_psa_error(&e, "invalid_input");
}
