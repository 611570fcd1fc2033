//! The command layer over Tauri's real IPC path against the Autotask simulator on 127.0.0.1: what the
//! webview would receive for detect, check, preview and cancel, and that the secret never comes back.

use crate::common;

use std::sync::{Arc, Mutex};

use common::{assert_psa_error, raw_invoke, Harness};
use psa_connect_app_lib::commands::connection::check_streaming;
use psa_connect_app_lib::state::{Credentials, Session};
use psa_core::autotask::AutotaskEndpoints;
use psa_core::model::{AutotaskCredentials, CheckItem, CheckStatus};
use psa_core::Secret;
use psa_tests::autotask::{fixtures, AutotaskSim, Fault, FaultTarget, SimConfig};
use serde_json::{json, Value};
use tauri::ipc::{Channel, InvokeResponseBody};
use tauri::Manager;

/// The simulator runs on its own runtime: `get_ipc_response` blocks the test thread while Tauri's runtime
/// executes the command.
struct Sim {
    sim: Option<AutotaskSim>,
    rt: tokio::runtime::Runtime,
}

impl Sim {
    fn get(&self) -> &AutotaskSim {
        self.sim.as_ref().unwrap()
    }
}

impl Drop for Sim {
    // The simulator shuts down on drop, which may need its runtime's context.
    fn drop(&mut self) {
        let _inside = self.rt.enter();
        self.sim.take();
    }
}

fn start_sim() -> Sim {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let sim = rt.block_on(AutotaskSim::start(SimConfig::standard())).expect("simulator starts");
    Sim { sim: Some(sim), rt }
}

fn sim_harness() -> (Sim, Harness) {
    let sim = start_sim();
    let h = Harness::new(AutotaskEndpoints::with_lookup_url(sim.get().zone_lookup_url()));
    (sim, h)
}

#[test]
fn detect_zone_finds_the_users_zone_on_the_simulator() {
    let (sim, h) = sim_harness();
    let v = h
        .invoke("autotask_detect_zone", json!({ "username": format!("  {}  ", fixtures::GOOD_USER), "opId": "d1" }))
        .unwrap();
    assert_eq!(v["zoneName"], fixtures::ZONE14_NAME, "{v}");
    assert_eq!(v["source"], "detected");
    assert!(v["apiUrl"].as_str().unwrap().starts_with(&sim.get().base_url()), "{v}");

    let e = h.invoke("autotask_detect_zone", json!({ "username": fixtures::UNKNOWN_USER, "opId": "d2" })).unwrap_err();
    assert_psa_error(&e, "zone_unknown_user");
}

#[test]
fn set_credentials_then_check_succeeds_against_the_simulator() {
    let (_sim, h) = sim_harness();
    assert_eq!(h.set_credentials(fixtures::GOOD_USER, fixtures::GOOD_SECRET).unwrap(), Value::Null);
    let report = h.check("c1").unwrap();
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["psa"], "autotask");
    assert_eq!(report["zone"]["zoneName"], fixtures::ZONE14_NAME);
    assert!(report["items"].as_array().unwrap().iter().any(|i| i["id"] == "auth" && i["status"] == "ok"), "{report}");
    assert!(report.get("error").is_none(), "{report}");
    assert_eq!(h.app.state::<Session>().running_operations(), 0);
}

#[test]
fn a_check_with_a_template_uses_it_and_an_unknown_template_is_refused() {
    let (_sim, h) = sim_harness();
    h.set_credentials(fixtures::GOOD_USER, fixtures::GOOD_SECRET).unwrap();
    let report = h
        .invoke("connection_check", json!({ "templateId": "custom", "opId": "t1", "onItem": "__CHANNEL__:9" }))
        .unwrap();
    assert_eq!(report["ok"], true, "{report}");
    let e = h
        .invoke("connection_check", json!({ "templateId": "nope", "opId": "t2", "onItem": "__CHANNEL__:9" }))
        .unwrap_err();
    assert_psa_error(&e, "template_unknown");
}

#[test]
fn a_wrong_secret_comes_back_in_the_report_as_auth_wrong_secret() {
    let (_sim, h) = sim_harness();
    h.set_credentials(fixtures::GOOD_USER, "Not-The-Secret-1!").unwrap();
    let report = h.check("c2").unwrap();
    assert_eq!(report["ok"], false, "{report}");
    assert_psa_error(&report["error"], "auth_wrong_secret");
}

#[test]
fn session_clear_forgets_the_credentials() {
    let (_sim, h) = sim_harness();
    h.set_credentials(fixtures::GOOD_USER, fixtures::GOOD_SECRET).unwrap();
    h.invoke("session_clear", json!({})).unwrap();
    assert_psa_error(&h.check("c3").unwrap_err(), "invalid_input");
}

#[test]
fn every_check_line_is_streamed_through_the_channel() {
    let sim = start_sim();
    let session = Session::new(AutotaskEndpoints::with_lookup_url(sim.get().zone_lookup_url()));
    session.set_credentials(Credentials::Autotask(AutotaskCredentials {
        username: fixtures::GOOD_USER.into(),
        integration_code: fixtures::INTEGRATION_CODE.into(),
        secret: Secret::new(fixtures::GOOD_SECRET),
    }));
    let got: Arc<Mutex<Vec<CheckItem>>> = Arc::default();
    let sink = got.clone();
    let channel = Channel::<CheckItem>::new(move |body| {
        let InvokeResponseBody::Json(text) = body else { panic!("check items travel as JSON") };
        sink.lock().unwrap().push(serde_json::from_str(&text).unwrap());
        Ok(())
    });
    let rt = tokio::runtime::Runtime::new().unwrap();
    let report = rt.block_on(check_streaming(&session, None, "s1", &channel)).unwrap();
    let got = got.lock().unwrap();
    assert!(report.ok, "{report:?}");
    // Every final line of the report was sent, and lines were announced as running before they finished.
    for item in &report.items {
        assert!(got.iter().any(|g| g == item), "not streamed: {item:?}");
    }
    assert!(got.iter().any(|g| g.status == CheckStatus::Running), "{got:?}");
}

#[test]
fn a_cancel_sent_before_the_check_starts_still_cancels_it() {
    let (_sim, h) = sim_harness();
    h.set_credentials(fixtures::GOOD_USER, fixtures::GOOD_SECRET).unwrap();
    h.invoke("cancel_operation", json!({ "opId": "early" })).unwrap();
    assert_psa_error(&h.check("early").unwrap_err(), "cancelled");
}

#[test]
fn cancel_operation_ends_a_check_that_hangs() {
    let (sim, h) = sim_harness();
    h.set_credentials(fixtures::GOOD_USER, fixtures::GOOD_SECRET).unwrap();
    sim.get().set_fault(FaultTarget::Api, Some(Fault::Hang));
    let window = h.window.clone();
    let runner = std::thread::spawn(move || {
        raw_invoke(
            &window,
            "connection_check",
            json!({ "templateId": null, "opId": "hung", "onItem": "__CHANNEL__:8" }),
        )
    });
    // Wait until the command has registered its operation, then cancel it.
    while h.app.state::<Session>().running_operations() == 0 {
        std::thread::yield_now();
    }
    h.invoke("cancel_operation", json!({ "opId": "hung" })).unwrap();
    let e = runner.join().unwrap().unwrap_err();
    assert_psa_error(&e, "cancelled");
}

#[test]
fn preview_counts_what_the_filters_select() {
    let (_sim, h) = sim_harness();
    h.set_credentials(fixtures::GOOD_USER, fixtures::GOOD_SECRET).unwrap();
    // Nothing says where the tenant lives yet: the preview does not guess.
    assert_psa_error(
        &h.invoke("connection_preview", json!({ "filters": {}, "opId": "p0" })).unwrap_err(),
        "invalid_input",
    );
    // Detecting the zone puts it in the session; the preview takes it from there, not from the window.
    h.invoke("autotask_detect_zone", json!({ "username": fixtures::GOOD_USER, "opId": "z" })).unwrap();
    let v = h.invoke("connection_preview", json!({ "filters": {}, "opId": "p1" })).unwrap();
    assert!(v["companies"].as_u64().unwrap() > 1000, "{v}");
    assert!(v["contacts"].as_u64().unwrap() > 2000, "{v}");
    assert!(!v["sample"].as_array().unwrap().is_empty(), "{v}");
}

#[test]
fn no_response_ever_contains_the_secret() {
    let (_sim, h) = sim_harness();
    // A wrong secret first: error paths are where raw request text tends to leak.
    let wrong = "Wrong-Secret-zz9!";
    h.set_credentials(fixtures::GOOD_USER, wrong).unwrap();
    let _ = h.check("w");
    h.set_credentials(fixtures::GOOD_USER, fixtures::GOOD_SECRET).unwrap();
    let _ = h.check("g");
    h.invoke("autotask_detect_zone", json!({ "username": fixtures::GOOD_USER, "opId": "z" })).unwrap();
    let _ = h.invoke("connection_preview", json!({ "filters": {}, "opId": "p" }));
    let _ = h.invoke("app_info", json!({}));
    let _ = h.set_credentials("bad username", fixtures::GOOD_SECRET);

    let seen = h.seen.lock().unwrap();
    assert!(seen.len() >= 8);
    for body in seen.iter() {
        assert!(!body.contains(fixtures::GOOD_SECRET), "secret leaked: {body}");
        assert!(!body.contains(wrong), "secret leaked: {body}");
    }
}

#[test]
fn the_fixture_code_matches_the_one_the_common_helpers_send() {
    assert_eq!(common::INTEGRATION_CODE, fixtures::INTEGRATION_CODE);
}
