//! The ConnectWise commands over Tauri's real IPC path, against the ConnectWise simulator: detect the site,
//! hand the keys over once, test, count, save as a profile, re-test it from the keychain, and the private
//! key never comes back through IPC or reaches the profile file.

use crate::common;

use std::sync::{Arc, Mutex};

use common::keychain::TestKeychain;
use common::{assert_psa_error, raw_invoke};
use psa_connect_app_lib::configure_session;
use psa_connect_app_lib::state::{Location, Session};
use psa_connect_app_lib::vault::Vault;
use psa_core::autotask::AutotaskEndpoints;
use psa_core::connectwise::CwEndpoints;
use psa_core::model::ConnectwiseSite;
use psa_core::profiles::{new_id, ProfileStore};
use psa_tests::connectwise::fixtures as cw;
use psa_tests::connectwise::picklists::STATUS_ACTIVE;
use psa_tests::connectwise::{CwSim, CwSimConfig};
use serde_json::{json, Value};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

struct Fixture {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    keys: Arc<TestKeychain>,
    dir: std::path::PathBuf,
    seen: Mutex<Vec<String>>,
    sim: Option<CwSim>,
    rt: tokio::runtime::Runtime,
}

impl Fixture {
    fn new() -> Self {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let sim = rt.block_on(CwSim::start(CwSimConfig::standard())).expect("simulator starts");
        let dir = std::env::temp_dir().join(format!("psa-app-cw-{}", new_id()));
        let keys = Arc::new(TestKeychain::default());
        let vault = Vault::new(keys.clone(), ProfileStore::new(&dir));
        let session = Session::new(AutotaskEndpoints::production())
            .with_connectwise(CwEndpoints::with_cloud_override(sim.cloud_url()));
        let app =
            configure_session(mock_builder(), session, vault).build(mock_context(noop_assets())).expect("mock app");
        let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("main window");
        Fixture { _app: app, window, keys, dir, seen: Mutex::new(Vec::new()), sim: Some(sim), rt }
    }

    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let result = raw_invoke(&self.window, cmd, args);
        let (Ok(v) | Err(v)) = &result;
        self.seen.lock().unwrap().push(v.to_string());
        result
    }

    fn set_keys(&self, keys: &cw::CwKeys, private_key: &str, client_id: &str) -> Result<Value, Value> {
        let creds = json!({ "companyId": keys.company_id, "publicKey": keys.public_key,
                            "privateKey": private_key, "clientId": client_id });
        self.invoke("connectwise_set_credentials", json!({ "credentials": creds }))
    }

    /// Tests on the site the session holds (the window sends no site).
    fn check(&self) -> Result<Value, Value> {
        self.invoke("connection_check", json!({ "templateId": "custom", "opId": new_id(), "onItem": "__CHANNEL__:7" }))
    }

    fn detect(&self) -> Value {
        self.invoke("connectwise_detect_site", json!({ "site": "na", "companyId": cw::CONTOSO, "opId": new_id() }))
            .unwrap()
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _inside = self.rt.enter();
        self.sim.take();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn filters(status_ids: &[i64]) -> Value {
    json!({ "companyTypes": [], "companyStatuses": [], "companyCategories": [], "markets": [], "territories": [],
            "classifications": [], "contactStatuses": [],
            "companyStatusIds": status_ids.iter().map(|i| i.to_string()).collect::<Vec<_>>() })
}

#[test]
fn detect_test_count_save_and_retest_a_connectwise_connection() {
    let f = Fixture::new();
    let site = f.detect();
    assert_eq!(site["companyName"], cw::CONTOSO_NAME);
    assert_eq!(site["codebase"], cw::CONTOSO_CODEBASE);
    assert_eq!(site["isCloud"], true);

    // An empty private key is refused before anything is stored. No clientId at all (PSA Connect has none of
    // its own, and this build embeds none): the check stops before sending anything, and says how to get one.
    assert_psa_error(&f.set_keys(&cw::GOOD, "  ", "").unwrap_err(), "invalid_input");
    assert_eq!(f.set_keys(&cw::GOOD, cw::GOOD.private_key, "").unwrap(), Value::Null);
    let report = f.check().unwrap();
    assert_eq!(report["ok"], false, "{report}");
    assert_eq!(report["error"]["code"], "cw_client_id_missing", "{report}");
    assert!(report["error"]["fix"].as_str().unwrap().contains("developer.connectwise.com/ClientID"), "{report}");

    // The integration's registered clientId (here the simulated vendor's).
    assert_eq!(f.set_keys(&cw::GOOD, cw::GOOD.private_key, cw::CLIENT_ID).unwrap(), Value::Null);
    let report = f.check().unwrap();
    assert_eq!(report["ok"], true, "{report}");
    assert_eq!(report["site"]["companyId"], cw::CONTOSO);

    let preview =
        f.invoke("connection_preview", json!({ "filters": filters(&[STATUS_ACTIVE]), "opId": new_id() })).unwrap();
    let active = |c: &psa_tests::connectwise::CwCompany| !c.deleted && c.status_id == STATUS_ACTIVE;
    assert_eq!(preview["companies"], cw::contoso_count(active) as u64);
    assert_eq!(preview["contacts"], cw::contoso_contacts_of(active, |_| true) as u64);

    let draft = json!({ "name": "Contoso CW", "template": "custom", "filters": filters(&[STATUS_ACTIVE]),
                        "connection": { "psa": "connectwise", "companyId": cw::CONTOSO, "publicKey": cw::GOOD.public_key,
                                        "clientId": cw::CLIENT_ID } });
    let saved = f.invoke("profile_save", json!({ "profile": draft })).unwrap();
    let p = &saved["profile"];
    assert_eq!(p["connection"]["site"]["companyId"], cw::CONTOSO, "site taken from the check: {p}");
    assert_eq!(p["connection"]["clientId"], cw::CLIENT_ID, "the clientId that was sent is saved");
    assert_eq!(p["lastCheck"]["ok"], true);
    let account = p["secretRef"].as_str().unwrap();
    assert_eq!(f.keys.stored(account).as_deref(), Some(cw::GOOD.private_key));

    // Forget the session (keys and site), then re-test and reopen from the keychain alone.
    f.invoke("session_clear", json!({})).unwrap();
    assert_psa_error(&f.check().unwrap_err(), "invalid_input");
    let id = p["id"].as_str().unwrap();
    let again = f.invoke("profile_recheck", json!({ "id": id, "opId": new_id(), "onItem": "__CHANNEL__:8" })).unwrap();
    assert_eq!(again["report"]["ok"], true, "{again}");
    assert_eq!(f.invoke("profile_open", json!({ "id": id })).unwrap()["connection"]["psa"], "connectwise");
    assert_eq!(f.check().unwrap()["ok"], true, "profile_open put the keys and the site into the session");

    let seen = f.seen.lock().unwrap().join("\n");
    assert!(!seen.contains(cw::GOOD.private_key), "the private key came back through IPC");
    let file = std::fs::read_to_string(f.dir.join("profiles.json")).unwrap();
    assert!(!file.contains(cw::GOOD.private_key) && file.contains(cw::GOOD.public_key));
}

#[test]
fn wrong_keys_unknown_company_and_a_plain_http_site_get_their_own_errors() {
    let f = Fixture::new();
    let unknown = f
        .invoke("connectwise_detect_site", json!({ "site": "na", "companyId": "nobody-here", "opId": new_id() }))
        .unwrap_err();
    assert_psa_error(&unknown, "cw_unknown_company");
    let refused = f
        .invoke(
            "connectwise_detect_site",
            json!({ "site": "http://cw.example.com", "companyId": cw::CONTOSO, "opId": new_id() }),
        )
        .unwrap_err();
    assert_eq!(refused["code"].as_str().map(|c| c != "cw_unknown_company"), Some(true), "{refused}");

    f.set_keys(&cw::GOOD, "Not-The-Private-Key", cw::CLIENT_ID).unwrap();
    // No site found yet: the test does not guess one.
    assert_psa_error(&f.check().unwrap_err(), "invalid_input");
    f.detect();
    let report = f.check().unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(report["error"]["code"], "cw_bad_keys", "{report}");
    // A failed test cannot be saved without `force`.
    let draft = json!({ "name": "Bad", "template": "custom",
                        "connection": { "psa": "connectwise", "companyId": cw::CONTOSO, "publicKey": cw::GOOD.public_key,
                                        "clientId": cw::CLIENT_ID } });
    assert_psa_error(&f.invoke("profile_save", json!({ "profile": draft })).unwrap_err(), "invalid_input");
    assert_eq!(f.keys.len(), 0, "nothing reached the keychain");
}

/// Issue 13: the session holds a site whose codebase ConnectWise has since moved (detected earlier). The
/// check finds the new codebase; preview and save must use it, not the stale site (whose API address now
/// answers 404) that the window still shows and sends in the profile.
#[test]
fn a_codebase_move_found_by_the_check_is_what_preview_and_save_use() {
    let f = Fixture::new();
    let cloud = f.sim.as_ref().unwrap().cloud_url();
    let mut stale = f.detect();
    let current_api = stale["apiUrl"].clone();
    stale["codebase"] = json!("v2019_1/");
    stale["apiUrl"] = json!(format!("{cloud}api-na/v2019_1/apis/3.0"));
    let old: ConnectwiseSite = serde_json::from_value(stale.clone()).unwrap();
    f._app.state::<Session>().set_location(Some(Location::Connectwise(old)));

    f.set_keys(&cw::GOOD, cw::GOOD.private_key, cw::CLIENT_ID).unwrap();
    let report = f.check().unwrap();
    assert_eq!(report["ok"], true, "{report}");
    assert!(report["items"].as_array().unwrap().iter().any(|i| i["id"] == "site.moved"), "{report}");
    assert_eq!(report["site"]["apiUrl"], current_api);

    let preview =
        f.invoke("connection_preview", json!({ "filters": filters(&[STATUS_ACTIVE]), "opId": new_id() })).unwrap();
    assert!(preview["companies"].as_u64().is_some_and(|n| n > 0), "{preview}");

    let draft = json!({ "name": "Contoso moved", "template": "custom", "filters": filters(&[STATUS_ACTIVE]),
                        "connection": { "psa": "connectwise", "companyId": cw::CONTOSO, "publicKey": cw::GOOD.public_key,
                                        "clientId": cw::CLIENT_ID, "site": stale } });
    let saved = f.invoke("profile_save", json!({ "profile": draft })).unwrap();
    let site = &saved["profile"]["connection"]["site"];
    assert_eq!(site["apiUrl"], current_api, "saved with the site the check found: {saved}");
    assert_eq!(site["codebase"], cw::CONTOSO_CODEBASE);
}

/// The test and preview name no PSA: the session's credentials choose it, so ConnectWise keys are never
/// sent to an Autotask zone the session happens to hold, and a ConnectWise test waits for its site.
#[test]
fn the_test_and_preview_follow_the_psa_of_the_session_credentials() {
    let f = Fixture::new();
    f.set_keys(&cw::GOOD, cw::GOOD.private_key, cw::CLIENT_ID).unwrap();
    f.invoke("autotask_parse_zone", json!({ "input": "https://ww14.autotask.net/" })).unwrap();
    let site_unknown = |e: Value| {
        assert_psa_error(&e, "invalid_input");
        assert!(e["message"].as_str().unwrap().contains("ConnectWise site"), "{e}");
    };
    site_unknown(f.check().unwrap_err());
    site_unknown(f.invoke("connection_preview", json!({ "filters": filters(&[]), "opId": new_id() })).unwrap_err());

    f.detect();
    let e = f
        .invoke("connection_check", json!({ "templateId": "nope", "opId": new_id(), "onItem": "__CHANNEL__:7" }))
        .unwrap_err();
    assert_psa_error(&e, "template_unknown");
    let report = f.check().unwrap();
    assert_eq!((&report["psa"], &report["ok"]), (&json!("connectwise"), &json!(true)), "{report}");
}
