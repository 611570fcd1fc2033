//! The profile and keychain commands over Tauri's real IPC path, against the Autotask simulator. The
//! keychain is a test store handed in through `configure_with` (the app itself only builds the real one);
//! the real Secret Service is covered by `tests/tests/engine/keychain.rs`.

mod common;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use common::keychain::TestKeychain;
use common::{assert_psa_error, raw_invoke, INTEGRATION_CODE};
use psa_connect_app_lib::configure_with;
use psa_connect_app_lib::state::Session;
use psa_connect_app_lib::vault::Vault;
use psa_core::autotask::AutotaskEndpoints;
use psa_core::keychain::SecretStore;
use psa_core::profiles::{new_id, ProfileStore};
use psa_tests::autotask::{fixtures, AutotaskSim, SimConfig};
use psa_tests::harness::files_containing;
use serde_json::{json, Value};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

struct Fixture {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    keys: Arc<TestKeychain>,
    dir: PathBuf,
    seen: Mutex<Vec<String>>,
    sim: Option<AutotaskSim>,
    rt: tokio::runtime::Runtime,
}

impl Fixture {
    fn new(broken_keychain: bool) -> Self {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let sim = rt.block_on(AutotaskSim::start(SimConfig::standard())).expect("simulator starts");
        let dir = std::env::temp_dir().join(format!("psa-app-profiles-{}", new_id()));
        let keys = Arc::new(TestKeychain { broken: broken_keychain, ..Default::default() });
        let vault = Vault::new(keys.clone(), ProfileStore::new(&dir));
        let endpoints = AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url());
        let app =
            configure_with(mock_builder(), endpoints, vault).build(mock_context(noop_assets())).expect("mock app");
        let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("main window");
        Fixture { _app: app, window, keys, dir, seen: Mutex::new(Vec::new()), sim: Some(sim), rt }
    }

    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let result = raw_invoke(&self.window, cmd, args);
        let (Ok(v) | Err(v)) = &result;
        self.seen.lock().unwrap().push(v.to_string());
        result
    }

    fn sign_in_and_check(&self, secret: &str) -> Value {
        let creds = json!({ "username": fixtures::GOOD_USER, "integrationCode": INTEGRATION_CODE, "secret": secret });
        self.invoke("autotask_set_credentials", json!({ "credentials": creds })).unwrap();
        self.invoke("connection_check", json!({ "templateId": null, "opId": new_id(), "onItem": "__CHANNEL__:7" }))
            .unwrap()
    }

    fn save(&self, name: &str) -> Result<Value, Value> {
        self.invoke("profile_save", json!({ "profile": draft(name) }))
    }

    fn list(&self) -> Vec<Value> {
        self.invoke("profiles_list", json!({})).unwrap().as_array().unwrap().clone()
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _inside = self.rt.enter();
        self.sim.take();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn draft(name: &str) -> Value {
    json!({
        "name": name, "template": "custom", "notes": "from the wizard",
        "connection": { "psa": "autotask", "username": fixtures::GOOD_USER, "integrationCode": INTEGRATION_CODE },
        "filters": { "companyTypes": ["1"], "companyStatuses": [], "companyCategories": [], "markets": [],
                     "territories": [], "classifications": [], "contactStatuses": [] }
    })
}

/// Issue 15: the page sends intent, never an address. A zone written into the draft (here a host that is not
/// Autotask's at all) is not what is saved: the session's zone is.
#[test]
fn the_saved_zone_is_the_sessions_whatever_the_page_sends() {
    let f = Fixture::new(false);
    assert_eq!(f.sign_in_and_check(fixtures::GOOD_SECRET)["ok"], true);
    let mut draft = draft("Contoso");
    draft["connection"]["zone"] = json!({
        "zoneName": "Elsewhere", "apiUrl": "https://collector.example.com/ATServicesRest/V1.0",
        "webUrl": "https://collector.example.com", "source": "manual"
    });
    let saved = f.invoke("profile_save", json!({ "profile": draft })).unwrap();
    let zone = &saved["profile"]["connection"]["zone"];
    assert_eq!(zone["zoneName"], fixtures::ZONE14_NAME, "{saved}");
    assert!(!saved.to_string().contains("collector.example.com"), "{saved}");
}

#[test]
fn save_after_a_passed_check_lists_the_profile_and_keeps_the_secret_only_in_the_keychain() {
    let f = Fixture::new(false);
    assert_eq!(f.invoke("keychain_status", json!({})).unwrap(), Value::Null);
    assert!(f.list().is_empty());
    assert_eq!(f.sign_in_and_check(fixtures::GOOD_SECRET)["ok"], true);

    let saved = f.save("Contoso").unwrap();
    let p = &saved["profile"];
    assert_eq!(p["name"], "Contoso");
    assert_eq!(p["template"], "custom");
    assert_eq!(p["connection"]["username"], fixtures::GOOD_USER);
    assert_eq!(p["connection"]["zone"]["zoneName"], fixtures::ZONE14_NAME, "zone taken from the check: {p}");
    assert_eq!(p["filters"]["companyTypes"], json!(["1"]));
    assert_eq!(p["lastCheck"]["ok"], true, "{p}");
    let account = p["secretRef"].as_str().expect("secret reference").to_string();
    assert_eq!(f.keys.stored(&account).as_deref(), Some(fixtures::GOOD_SECRET));

    let list = f.list();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], p["id"]);
    assert_eq!(f.invoke("profile_get", json!({ "idOrName": "contoso" })).unwrap()["id"], p["id"]);

    // A second save under the same name is refused, not an overwrite.
    let refused = f.save("CONTOSO").unwrap_err();
    assert_psa_error(&refused, "profile_exists");
    assert!(refused["message"].as_str().unwrap().contains("\"Contoso\""), "names the saved one: {refused}");
    assert_eq!(f.list().len(), 1);
    assert_eq!(f.keys.stored(&account).as_deref(), Some(fixtures::GOOD_SECRET));

    assert!(files_containing(&f.dir, fixtures::GOOD_SECRET).is_empty());
    assert!(!files_containing(&f.dir, "Contoso").is_empty(), "the profile file is in the data dir");
    for body in f.seen.lock().unwrap().iter() {
        assert!(!body.contains(fixtures::GOOD_SECRET), "secret sent to the webview: {body}");
    }
}

#[test]
fn save_is_refused_without_credentials_without_a_passed_check_or_for_other_details() {
    let f = Fixture::new(false);
    assert_psa_error(&f.save("A").unwrap_err(), "invalid_input");

    let report = f.sign_in_and_check("Not-The-Secret-1!");
    assert_eq!(report["ok"], false, "{report}");
    assert_psa_error(&f.save("A").unwrap_err(), "invalid_input");
    assert!(f.list().is_empty());
    assert_eq!(f.keys.len(), 0, "nothing written to the keychain");

    // Saving anyway is an explicit choice, and records the failing test.
    let forced = f.invoke("profile_save", json!({ "profile": draft("A"), "force": true })).unwrap();
    assert_eq!(forced["profile"]["lastCheck"]["ok"], false, "{forced}");

    f.sign_in_and_check(fixtures::GOOD_SECRET);
    let mut other = draft("B");
    other["connection"]["username"] = json!("someone.else@contoso.example");
    let e = f.invoke("profile_save", json!({ "profile": other })).unwrap_err();
    assert_psa_error(&e, "invalid_input");
}

#[test]
fn delete_removes_the_profile_and_its_keychain_entry() {
    let f = Fixture::new(false);
    f.sign_in_and_check(fixtures::GOOD_SECRET);
    let id = f.save("Contoso").unwrap()["profile"]["id"].as_str().unwrap().to_string();
    let copy = f.invoke("profile_duplicate", json!({ "id": id, "newName": "Contoso copy" })).unwrap();
    assert_eq!(f.keys.len(), 2, "the copy has its own entry");

    let deleted = f.invoke("profile_delete", json!({ "id": id })).unwrap();
    assert_eq!(deleted["name"], "Contoso");
    assert_eq!(f.keys.len(), 1);
    let names: Vec<Value> = f.list().iter().map(|p| p["name"].clone()).collect();
    assert_eq!(names, vec![json!("Contoso copy")]);
    assert!(f.keys.stored(copy["secretRef"].as_str().unwrap()).is_some());
    assert_psa_error(&f.invoke("profile_delete", json!({ "id": id })).unwrap_err(), "profile_not_found");

    let renamed = f.invoke("profile_rename", json!({ "id": copy["id"], "newName": "Fabrikam" })).unwrap();
    assert_eq!(renamed["name"], "Fabrikam");
}

#[test]
fn open_and_recheck_use_the_secret_from_the_keychain() {
    let f = Fixture::new(false);
    f.sign_in_and_check(fixtures::GOOD_SECRET);
    let id = f.save("Contoso").unwrap()["profile"]["id"].as_str().unwrap().to_string();
    f.invoke("session_clear", json!({})).unwrap();

    let rechecked = f.invoke("profile_recheck", json!({ "id": id, "opId": "r1", "onItem": "__CHANNEL__:7" })).unwrap();
    assert_eq!(rechecked["report"]["ok"], true, "{rechecked}");
    assert_eq!(rechecked["profile"]["lastCheck"]["ok"], true);

    let opened = f.invoke("profile_open", json!({ "id": id })).unwrap();
    assert_eq!(opened["name"], "Contoso");
    let report = f
        .invoke("connection_check", json!({ "templateId": "custom", "opId": "r2", "onItem": "__CHANNEL__:7" }))
        .unwrap();
    assert_eq!(report["ok"], true, "the session now holds the profile's secret: {report}");
    for body in f.seen.lock().unwrap().iter() {
        assert!(!body.contains(fixtures::GOOD_SECRET), "secret sent to the webview: {body}");
    }

    // The keychain lost the secret (as for an imported profile): opening fails, but the session takes the
    // profile's zone anyway, so after the secret step the test connects where the profile says.
    f.keys.delete(opened["secretRef"].as_str().unwrap()).unwrap();
    f.invoke("session_clear", json!({})).unwrap();
    let e = f.invoke("profile_open", json!({ "id": id })).unwrap_err();
    assert!(e["code"].as_str().is_some_and(|c| c.starts_with("keychain_")), "{e}");
    let zone = f._app.state::<Session>().zone().expect("the profile's zone");
    assert_eq!(json!(zone.api_url), opened["connection"]["zone"]["apiUrl"]);
}

#[test]
fn a_broken_keychain_gives_its_error_and_nothing_is_written() {
    let f = Fixture::new(true);
    assert_psa_error(&f.invoke("keychain_status", json!({})).unwrap_err(), "keychain_unavailable");
    f.sign_in_and_check(fixtures::GOOD_SECRET);
    assert_psa_error(&f.save("Contoso").unwrap_err(), "keychain_unavailable");
    assert!(f.list().is_empty());
    assert!(files_containing(&f.dir, fixtures::GOOD_SECRET).is_empty());
}

#[test]
fn export_writes_a_new_secret_free_file_each_time_and_import_asks_about_clashes() {
    let f = Fixture::new(false);
    let out = f.dir.join("exports");
    // Only this test reads the variable, so setting it for the process does not disturb the others.
    std::env::set_var(psa_connect_app_lib::commands::transfer::EXPORT_DIR_ENV, &out);
    assert_psa_error(&f.invoke("profiles_export", json!({ "id": null })).unwrap_err(), "invalid_input");
    assert_eq!(f.sign_in_and_check(fixtures::GOOD_SECRET)["ok"], true);
    f.save("Contoso").unwrap();

    let first = f.invoke("profiles_export", json!({ "id": null })).unwrap();
    let second = f.invoke("profiles_export", json!({ "id": "Contoso" })).unwrap();
    assert_eq!(first["count"], 1);
    let (p1, p2) = (first["path"].as_str().unwrap(), second["path"].as_str().unwrap());
    assert_ne!(p1, p2, "an earlier export is never replaced");
    assert!(p2.ends_with(" (2).json"), "{p2}");
    let text = std::fs::read_to_string(p1).unwrap();
    assert!(text.contains("Contoso") && text.contains(fixtures::GOOD_USER));
    assert!(files_containing(&out, fixtures::GOOD_SECRET).is_empty(), "no secret in any export");

    // The same names again: nothing is imported until the user chooses.
    let clash = f.invoke("profiles_import", json!({ "text": text, "options": { "choices": {} } })).unwrap();
    assert_eq!(clash["clashes"], json!(["Contoso"]));
    assert_eq!(f.list().len(), 1);
    let done = f
        .invoke("profiles_import", json!({ "text": text, "options": { "choices": { "Contoso": "rename" } } }))
        .unwrap();
    assert_eq!(done["imported"][0]["name"], "Contoso (imported)");
    assert_eq!(done["imported"][0]["needsSecret"], true);
    assert_eq!(f.list().len(), 2);
    assert_eq!(f.keys.len(), 1, "the import added no keychain entry");

    // Opening the imported copy fails with the keychain's own "enter it" error, and changes nothing.
    let id = done["imported"][0]["id"].as_str().unwrap();
    let e = f.invoke("profile_open", json!({ "id": id })).unwrap_err();
    assert!(e["code"].as_str().is_some_and(|c| c.starts_with("keychain_")), "{e}");

    // Not an export at all: a clear error, and the list is untouched.
    assert_psa_error(
        &f.invoke("profiles_import", json!({ "text": "{\"hello\": 1}", "options": {} })).unwrap_err(),
        "import_invalid",
    );
    assert_eq!(f.list().len(), 2);
    assert_psa_error(&f.invoke("reveal_path", json!({ "path": "relative/file.json" })).unwrap_err(), "invalid_input");
}

/// Issue 13: the check finds that Autotask moved the database to another zone. The session still holds the
/// zone detected before the move (and the window still shows it and sends it in the profile); preview and
/// save must use the zone the check ended on (the old zone now answers 401, so a preview there fails and a
/// profile saved with it is broken).
#[test]
fn a_zone_move_found_by_the_check_is_what_preview_and_save_use() {
    let f = Fixture::new(false);
    let sim = f.sim.as_ref().unwrap();
    let old_zone = f.invoke("autotask_detect_zone", json!({ "username": fixtures::MOVED_USER, "opId": "z" })).unwrap();
    sim.move_tenant(fixtures::FABRIKAM_CI, fixtures::MOVE_TARGET_ZONE);
    let new_api = sim.zone_api_url(fixtures::MOVE_TARGET_ZONE);
    assert_ne!(old_zone["apiUrl"], new_api);

    let creds = json!({ "username": fixtures::MOVED_USER, "integrationCode": INTEGRATION_CODE,
                        "secret": fixtures::MOVED_SECRET });
    f.invoke("autotask_set_credentials", json!({ "credentials": creds })).unwrap();
    let report =
        f.invoke("connection_check", json!({ "templateId": null, "opId": "c", "onItem": "__CHANNEL__:7" })).unwrap();
    assert_eq!(report["zone"]["apiUrl"], new_api, "{report}");
    assert!(report["items"].as_array().unwrap().iter().any(|i| i["id"] == "zone.moved"), "{report}");

    // The preview runs on the new zone.
    let preview = f.invoke("connection_preview", json!({ "filters": {}, "opId": "p" })).unwrap();
    assert!(preview["companies"].as_u64().is_some(), "{preview}");

    let mut profile = draft("Fabrikam");
    profile["connection"]["username"] = json!(fixtures::MOVED_USER);
    profile["connection"]["zone"] = old_zone.clone();
    let saved = f.invoke("profile_save", json!({ "profile": profile })).unwrap();
    let zone = &saved["profile"]["connection"]["zone"];
    assert_eq!(zone["apiUrl"], new_api, "saved with the zone the check found: {saved}");
}

/// Issue 16: Re-test of a saved profile whose tenant Autotask moved since: the lookup sent beside the wave
/// finds the new zone, and the profile keeps it, so its next re-test goes straight there.
#[test]
fn a_profile_retest_that_finds_the_tenant_moved_keeps_the_new_zone() {
    let f = Fixture::new(false);
    let sim = f.sim.as_ref().unwrap();
    f.invoke("autotask_detect_zone", json!({ "username": fixtures::MOVED_USER, "opId": "z" })).unwrap();
    let creds = json!({ "username": fixtures::MOVED_USER, "integrationCode": INTEGRATION_CODE,
                        "secret": fixtures::MOVED_SECRET });
    f.invoke("autotask_set_credentials", json!({ "credentials": creds })).unwrap();
    let report =
        f.invoke("connection_check", json!({ "templateId": null, "opId": "c", "onItem": "__CHANNEL__:7" })).unwrap();
    assert_eq!(report["ok"], true, "{report}");
    let mut profile = draft("Fabrikam");
    profile["connection"]["username"] = json!(fixtures::MOVED_USER);
    let saved = f.invoke("profile_save", json!({ "profile": profile })).unwrap();
    let id = saved["profile"]["id"].as_str().unwrap().to_string();
    let old_api = saved["profile"]["connection"]["zone"]["apiUrl"].clone();

    sim.move_tenant(fixtures::FABRIKAM_CI, fixtures::MOVE_TARGET_ZONE);
    let new_api = sim.zone_api_url(fixtures::MOVE_TARGET_ZONE);
    assert_ne!(old_api, json!(new_api));
    let rechecked = f.invoke("profile_recheck", json!({ "id": id, "opId": "r", "onItem": "__CHANNEL__:7" })).unwrap();
    assert_eq!(rechecked["report"]["ok"], true, "{rechecked}");
    assert!(rechecked["report"]["items"].as_array().unwrap().iter().any(|i| i["id"] == "zone.moved"), "{rechecked}");
    assert_eq!(rechecked["profile"]["connection"]["zone"]["apiUrl"], new_api, "{rechecked}");
    let listed = f.list().into_iter().find(|p| p["id"] == json!(id)).unwrap();
    assert_eq!(listed["connection"]["zone"]["apiUrl"], new_api, "saved: {listed}");
}
