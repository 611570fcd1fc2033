//! The command layer over Tauri's real IPC path (`tauri::test` mock runtime), without a PSA: argument
//! handling, error shapes and the checks made before anything goes on the network.

use crate::common;

use common::{assert_psa_error, Harness};
use psa_connect_app_lib::state::{Location, Session};
use psa_core::autotask::{AutotaskEndpoints, PRODUCTION_ZONE_LOOKUP_URL};
use psa_core::model::AutotaskZone;
use serde_json::json;
use tauri::Manager;

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
    // The partner's choice is the session's zone from now on: the test and preview read it from there.
    let held = h.app.state::<Session>().zone().expect("the parsed zone is kept");
    assert_eq!(serde_json::to_value(held).unwrap(), v);
}

#[test]
fn parse_zone_rejects_nonsense_with_code_message_and_fix() {
    let h = Harness::new(AutotaskEndpoints::production());
    h.invoke("autotask_parse_zone", json!({ "input": "https://ww14.autotask.net/" })).unwrap();
    let e = h.invoke("autotask_parse_zone", json!({ "input": "my autotask please" })).unwrap_err();
    assert_psa_error(&e, "invalid_zone_override");
    // A refused address leaves the zone chosen before.
    assert_eq!(h.app.state::<Session>().zone().map(|z| z.web_url), Some("https://ww14.autotask.net".to_string()));
}

#[test]
fn a_missing_argument_is_still_refused_before_the_engine_runs() {
    let h = Harness::new(AutotaskEndpoints::production());
    assert!(h.invoke("autotask_parse_zone", json!({})).is_err());
}

/// The page asks for "Autotask" by name: the address is the session's zone, and still only https.
#[test]
fn autotask_open_web_opens_only_the_sessions_zone_and_only_over_https() {
    let h = Harness::new(AutotaskEndpoints::production());
    assert_psa_error(&h.invoke("autotask_open_web", json!({})).unwrap_err(), "invalid_input");
    let parsed = h.invoke("autotask_parse_zone", json!({ "input": "https://ww14.autotask.net/" })).unwrap();
    let mut zone: AutotaskZone = serde_json::from_value(parsed).unwrap();
    // Detection and parsing never give a plain-http address; were one held, it would still be refused.
    for web_url in ["http://ww14.autotask.net", "file:///etc/passwd", "javascript:alert(1)"] {
        zone.web_url = web_url.into();
        h.app.state::<Session>().set_location(Some(Location::Autotask(zone.clone())));
        assert_psa_error(&h.invoke("autotask_open_web", json!({})).unwrap_err(), "invalid_input");
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

/// Tauri's dispatcher builds each command's future on the main thread's stack, all commands in one function;
/// a command holding the engine's work inline (a connection test's is tens of kB) made it reserve 0.4 MB of
/// stack at the first command of a launch. The engine's work is boxed (`connection::until_cancelled`); the
/// futures are only built here, never run.
#[test]
fn commands_that_wait_on_the_network_keep_their_futures_small() {
    use psa_connect_app_lib::commands::{autotask, connection, connectwise, profiles, support};
    use psa_connect_app_lib::vault::Vault;
    use psa_core::model::{CheckItem, FilterSet};
    use std::mem::size_of_val;
    use tauri::ipc::Channel;

    // What one command may add to the dispatcher's frame: its arguments and locals, the engine's work boxed
    // (0.3 to 6.6 kB in a debug build today; with a connection test inline, 42 kB).
    const BUDGET: usize = 8 * 1024;
    // Commands that only wait on one engine call hold little more than their arguments and the box (0.3 to
    // 1.2 kB today); a preview or a zone lookup held inline is 2.4 kB and more.
    const ONLY_WAITING: usize = 2 * 1024;
    let only_waiting = ["connection_preview", "autotask_detect_zone", "connectwise_detect_site"];
    let h = Harness::new(AutotaskEndpoints::production());
    let (app, session, vault) = (h.app.handle(), h.app.state::<Session>(), h.app.state::<Vault>());
    let support = h.app.state::<support::Support>();
    let channel = || Channel::<CheckItem>::new(|_| Ok(()));
    let text = || String::from("x");
    let sizes = [
        ("connection_check", size_of_val(&connection::connection_check(session.clone(), None, text(), channel()))),
        (
            "connection_preview",
            size_of_val(&connection::connection_preview(session.clone(), FilterSet::default(), text())),
        ),
        (
            "profile_recheck",
            size_of_val(&profiles::profile_recheck(session.clone(), vault.clone(), text(), text(), channel())),
        ),
        (
            "diagnose_profile",
            size_of_val(&support::diagnose_profile(
                app.clone(),
                session.clone(),
                vault.clone(),
                support,
                text(),
                text(),
                channel(),
            )),
        ),
        ("autotask_detect_zone", size_of_val(&autotask::autotask_detect_zone(session.clone(), text(), text()))),
        (
            "connectwise_detect_site",
            size_of_val(&connectwise::connectwise_detect_site(session, text(), text(), text())),
        ),
    ];
    for (command, size) in sizes {
        let limit = if only_waiting.contains(&command) { ONLY_WAITING } else { BUDGET };
        assert!(size <= limit, "{command}'s future is {size} bytes (limit {limit})");
    }
}
