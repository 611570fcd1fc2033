//! Recorded IPC answers for the UI's browser tests (ui/e2e/): every command the screens call, answered by
//! the real command table (Tauri's mock runtime) against the Autotask and ConnectWise simulators, written to
//! `ui/e2e/recorded-ipc.json`. The headless-Chromium run (ui/e2e/screens.mjs) answers the page from that file,
//! so its screens show what the engine really returns.
//!
//! This test FAILS when the committed file differs from what the engine returns now: refresh it with
//! `UPDATE_RECORDING=1 cargo test --workspace --features psa-connect-app/custom-protocol --test ipc_recording`
//! and commit the result. What changes from run to run (ports, ids, timestamps, durations, temp paths, log
//! lines, the OS) is replaced by fixed placeholders first.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::keychain::TestKeychain;
use common::raw_invoke;
use psa_connect_app_lib::configure_session;
use psa_connect_app_lib::state::Session;
use psa_connect_app_lib::vault::Vault;
use psa_core::autotask::AutotaskEndpoints;
use psa_core::connectwise::CwEndpoints;
use psa_core::profiles::{new_id, ProfileStore};
use psa_core::support::diagnose::DiagnosticReport;
use psa_tests::autotask::{fixtures, AutotaskSim, SimConfig};
use psa_tests::connectwise::fixtures as cw;
use psa_tests::connectwise::{CwSim, CwSimConfig};
use serde_json::{json, Map, Value};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

/// Where the UI's browser tests read the answers from.
fn fixture_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/e2e/recorded-ipc.json")
}

/// The simulators' vendor pack (the same file `start.sh --demo` and the real-window tests use).
fn pack_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/sim-vendor.psapack.toml")
}

/// The Autotask integration the browser run picks (a vendor template, so step 2 shows its permission table).
const AUTOTASK_TEMPLATE: &str = "binox-msp";

struct Recorder {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    dir: PathBuf,
    at: Option<AutotaskSim>,
    cw: Option<CwSim>,
    rt: tokio::runtime::Runtime,
    /// Volatile text → placeholder, applied to every answer (longest first).
    replace: Vec<(String, String)>,
    answers: Map<String, Value>,
    /// Every answer as sent, for the check that no secret is in the file.
    raw: Vec<String>,
}

impl Recorder {
    fn new() -> Self {
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let at = rt.block_on(AutotaskSim::start(SimConfig::standard())).expect("Autotask simulator");
        let cw_sim = rt.block_on(CwSim::start(CwSimConfig::standard())).expect("ConnectWise simulator");
        let dir = std::env::temp_dir().join(format!("psa-ipc-recording-{}", new_id()));
        // The support commands read their folders from the environment when the app is built.
        std::env::set_var("PSA_CONNECT_LOG_DIR", dir.join("logs"));
        std::env::set_var("PSA_CONNECT_EXPORT_DIR", dir.join("downloads"));
        // The simulators' vendor pack, as the demo and the real-window tests use: it supplies the vendor
        // templates' identifiers, which a partner never types.
        let status = psa_core::templates::load_pack(Some(&pack_path()));
        assert!(status.error.is_none(), "the simulators' vendor pack was refused: {:?}", status.error);
        let vault = Vault::new(Arc::new(TestKeychain::default()), ProfileStore::new(dir.join("data")));
        let session = Session::new(AutotaskEndpoints::with_lookup_url(at.zone_lookup_url()))
            .with_connectwise(CwEndpoints::with_cloud_override(cw_sim.cloud_url()));
        let app = configure_session(mock_builder(), session, vault).build(mock_context(noop_assets())).expect("app");
        let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("main window");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("repository root").to_path_buf();
        let mut replace = vec![
            (dir.display().to_string(), "<tmp>".to_string()),
            (pack_path().display().to_string(), "<repo>/tests/fixtures/sim-vendor.psapack.toml".to_string()),
            (repo.display().to_string(), "<repo>".to_string()),
        ];
        for url in [at.base_url(), cw_sim.cloud_url()] {
            if let Some(port) = url.rsplit(':').next().map(|p| p.trim_end_matches('/')) {
                replace.push((format!("127.0.0.1:{port}"), "127.0.0.1:<port>".into()));
            }
        }
        Recorder {
            _app: app,
            window,
            dir,
            at: Some(at),
            cw: Some(cw_sim),
            rt,
            replace,
            answers: Map::new(),
            raw: Vec::new(),
        }
    }

    /// Calls `cmd` and returns its answer (success or rejection) as sent to the webview.
    fn call(&mut self, cmd: &str, args: Value) -> Result<Value, Value> {
        let result = raw_invoke(&self.window, cmd, args);
        let (Ok(v) | Err(v)) = &result;
        self.raw.push(v.to_string());
        result
    }

    /// Calls `cmd`, which must succeed, and records its answer under `key`.
    fn record(&mut self, key: &str, cmd: &str, args: Value) -> Value {
        let v = self.call(cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"));
        self.answers.insert(key.to_string(), json!({ "ok": v }));
        v
    }

    /// Records a rejection (the UI shows it in an error panel).
    fn record_err(&mut self, key: &str, cmd: &str, args: Value) -> Value {
        let e = self.call(cmd, args).expect_err(&format!("{cmd} should fail"));
        self.answers.insert(key.to_string(), json!({ "err": e }));
        e
    }

    fn forget_id(&mut self, id: &str, placeholder: &str) {
        self.replace.push((id.to_string(), placeholder.to_string()));
    }

    fn finish(mut self) -> Value {
        let mut answers = Value::Object(std::mem::take(&mut self.answers));
        self.replace.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
        normalise(&mut answers, None, &self.replace);
        // The diagnostic text is made from the report: made again from the report as recorded (placeholders
        // in), it is stable too.
        if let Some(d) = answers.pointer_mut("/diagnose_profile/ok") {
            let report: DiagnosticReport = serde_json::from_value(d["report"].clone()).expect("a diagnostic report");
            d["text"] = json!(report.to_text());
        }
        json!({
            "about": "IPC answers of the real engine against the simulators, recorded by src-tauri/tests/ipc_recording.rs \
                      (UPDATE_RECORDING=1 to refresh). Read by ui/e2e/ipc-mock.js. Do not edit by hand.",
            "answers": answers,
        })
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        let _inside = self.rt.enter();
        self.at.take();
        self.cw.take();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Replaces what differs from run to run: durations, timestamps, log lines, and the texts in `replace`.
fn normalise(v: &mut Value, key: Option<&str>, replace: &[(String, String)]) {
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                normalise(child, Some(k), replace);
            }
        }
        Value::Array(items) => {
            if key == Some("logLines") {
                *items = vec![json!("<log lines of this run>")];
                return;
            }
            for child in items {
                normalise(child, None, replace);
            }
        }
        Value::Number(_) if key.is_some_and(|k| k.ends_with("Ms")) => *v = json!(0),
        // The simulator counts every request it has served; with the check's requests in one parallel wave,
        // how many came before the budget read varies from run to run.
        Value::Number(_) if key == Some("used") => *v = json!(0),
        Value::String(s) => {
            // The machine the recording ran on.
            if let Some(k @ ("os" | "arch")) = key {
                *s = format!("<{k}>");
                return;
            }
            if key.is_some_and(|k| k == "at" || k.ends_with("At")) {
                *s = "2026-01-01T00:00:00Z".into();
                return;
            }
            *s = hide_file_date(&hide_budget_use(s));
            for (from, to) in replace {
                if s.contains(from.as_str()) {
                    *s = s.replace(from.as_str(), to);
                }
            }
        }
        _ => {}
    }
}

/// "132 of 10,000 requests used" → "<used> of 10,000 requests used" (see `used` in [`normalise`]).
fn hide_budget_use(s: &str) -> String {
    const TAIL: &str = " of 10,000 requests used";
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find(TAIL) {
        let head = &rest[..at];
        let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit() || c == ',').len();
        out.push_str(&head[..head.len() - digits]);
        out.push_str(if digits > 0 { "<used>" } else { "" });
        out.push_str(TAIL);
        rest = &rest[at + TAIL.len()..];
    }
    out.push_str(rest);
    out
}

/// "psa-connect-diagnostic-2026-12-07.txt" → "psa-connect-diagnostic-<date>.txt": a saved file is named after
/// the day it was saved, so the recording made yesterday must still match today.
fn hide_file_date(s: &str) -> String {
    const NAME: &str = "psa-connect-diagnostic-";
    let Some(at) = s.find(NAME).map(|i| i + NAME.len()) else { return s.to_string() };
    let date = s.get(at..at + 10).unwrap_or("");
    let is_date = date.len() == 10
        && date.char_indices().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
    if !is_date {
        return s.to_string();
    }
    format!("{}<date>{}", &s[..at], &s[at + 10..])
}

fn empty_filters() -> Value {
    json!({ "companyTypes": [], "companyStatuses": [], "companyCategories": [], "markets": [], "territories": [],
            "classifications": [], "contactStatuses": [] })
}

/// Runs every command the screens call, in the order a partner's run would, and returns the recording.
fn record_everything() -> (Value, Vec<String>) {
    let mut r = Recorder::new();

    // Start-up: what the app is, its integrations, no saved connection yet, the keychain works.
    r.record("app_info", "app_info", json!({}));
    let list = r.record("templates_list", "templates_list", json!({}));
    let ids: Vec<String> = list.as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap().to_string()).collect();
    assert!(ids.iter().any(|i| i == AUTOTASK_TEMPLATE), "template {AUTOTASK_TEMPLATE} is gone from {ids:?}");
    for id in &ids {
        r.record(&format!("template_get:{id}"), "template_get", json!({ "id": id }));
    }
    r.record("pack_status", "pack_status", json!({}));
    r.record("keychain_status", "keychain_status", json!({}));
    r.record("profiles_list:empty", "profiles_list", json!({}));

    // Autotask: zone, a wrong secret first (the error screen), then the right one; counts; save.
    let zone = r.record(
        "autotask_detect_zone",
        "autotask_detect_zone",
        json!({ "username": fixtures::FULL_ACCESS_USER, "opId": "z1" }),
    );
    r.record_err(
        "autotask_detect_zone:unknown",
        "autotask_detect_zone",
        json!({ "username": fixtures::UNKNOWN_USER, "opId": "z2" }),
    );
    let creds = |secret: &str| json!({ "credentials": { "username": fixtures::FULL_ACCESS_USER, "integrationCode": fixtures::INTEGRATION_CODE, "secret": secret } });
    r.record("autotask_set_credentials", "autotask_set_credentials", creds("Not-The-Secret-1!"));
    let check = |op: &str| json!({ "templateId": AUTOTASK_TEMPLATE, "opId": op, "onItem": "__CHANNEL__:7" });
    let wrong = r.record("connection_check:autotask:wrong_secret", "connection_check", check("c1"));
    assert_eq!(wrong["ok"], false, "{wrong}");
    r.call("autotask_set_credentials", creds(fixtures::FULL_ACCESS_SECRET)).unwrap();
    let good = r.record("connection_check:autotask", "connection_check", check("c2"));
    assert_eq!(good["ok"], true, "{good}");
    r.record("connection_preview:autotask", "connection_preview", json!({ "filters": empty_filters(), "opId": "p1" }));
    let at_name = "Binox MSP – contoso.example";
    let saved = r.record(
        "profile_save:autotask",
        "profile_save",
        json!({ "profile": { "name": at_name, "template": AUTOTASK_TEMPLATE,
                             "connection": { "psa": "autotask", "username": fixtures::FULL_ACCESS_USER,
                                             "integrationCode": fixtures::INTEGRATION_CODE, "zone": zone },
                             "filters": empty_filters(), "settings": {}, "notes": "" },
                "force": false, "overwrite": false }),
    );
    // The vendor step: what to type into Binox's portal (the secret only as a placeholder).
    r.record("portal_view", "portal_view", json!({ "templateId": AUTOTASK_TEMPLATE }));
    let at_id = saved["profile"]["id"].as_str().unwrap().to_string();
    r.forget_id(&at_id, "profile-autotask");
    r.record("profiles_list:autotask", "profiles_list", json!({}));

    // ConnectWise: site and codebase, keys, test, counts, save.
    let site = r.record(
        "connectwise_detect_site",
        "connectwise_detect_site",
        json!({ "site": "na", "companyId": cw::CONTOSO, "opId": "s1" }),
    );
    let keys = json!({ "credentials": { "companyId": cw::GOOD.company_id, "publicKey": cw::GOOD.public_key,
                                        "privateKey": cw::GOOD.private_key, "clientId": cw::CLIENT_ID } });
    r.record("connectwise_set_credentials", "connectwise_set_credentials", keys);
    let cw_check = r.record(
        "connection_check:connectwise",
        "connection_check",
        json!({ "templateId": "custom", "opId": "c3", "onItem": "__CHANNEL__:8" }),
    );
    assert_eq!(cw_check["ok"], true, "{cw_check}");
    r.record(
        "connection_preview:connectwise",
        "connection_preview",
        json!({ "filters": empty_filters(), "opId": "p2" }),
    );
    let cw_saved = r.record(
        "profile_save:connectwise",
        "profile_save",
        json!({ "profile": { "name": "Custom – contoso", "template": "custom",
                             "connection": { "psa": "connectwise", "companyId": cw::CONTOSO, "publicKey": cw::GOOD.public_key,
                                             "clientId": cw::CLIENT_ID, "site": site },
                             "filters": empty_filters(), "settings": {}, "notes": "" },
                "force": false, "overwrite": false }),
    );
    let cw_id = cw_saved["profile"]["id"].as_str().unwrap().to_string();
    r.forget_id(&cw_id, "profile-connectwise");

    // Home screen with both connections, and the Support panel's diagnostic report of the Autotask one.
    let listed = r.record("profiles_list", "profiles_list", json!({}));
    assert_eq!(listed.as_array().map(Vec::len), Some(2), "{listed}");
    r.record("app_ready", "app_ready", json!({ "uiMs": 100 }));
    let diagnosis = r.record(
        "diagnose_profile",
        "diagnose_profile",
        json!({ "id": at_id, "opId": "d1", "onItem": "__CHANNEL__:9" }),
    );
    assert_eq!(diagnosis["report"]["kind"], "psa-connect-diagnostic", "{diagnosis}");
    r.record("diagnostic_save", "diagnostic_save", json!({ "json": false }));

    let raw = std::mem::take(&mut r.raw);
    (r.finish(), raw)
}

#[test]
fn the_recorded_ipc_answers_match_what_the_engine_returns_now() {
    let (recording, raw) = record_everything();
    let text = serde_json::to_string_pretty(&recording).unwrap() + "\n";
    for secret in [fixtures::FULL_ACCESS_SECRET, "Not-The-Secret-1!", cw::GOOD.private_key] {
        assert!(!text.contains(secret), "a secret reached the recording");
        assert!(raw.iter().all(|a| !a.contains(secret)), "a secret came back through IPC");
    }
    let path = fixture_path();
    if std::env::var("UPDATE_RECORDING").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        eprintln!("wrote {}", path.display());
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != text {
        let first_diff = common::drift::first_difference(&committed, &text, "engine now");
        panic!(
            "{} differs from what the engine returns now ({first_diff}).\nIf the change is intended, refresh it: \
             UPDATE_RECORDING=1 cargo test --workspace --features psa-connect-app/custom-protocol --test ipc_recording, \
             then commit ui/e2e/recorded-ipc.json (the browser screen tests answer the UI from it).",
            path.display()
        );
    }
}

#[test]
fn normalising_replaces_durations_timestamps_ports_and_log_lines_only() {
    let mut v = json!({ "elapsedMs": 12, "requests": 7, "createdAt": "2026-12-06T03:00:00Z", "lastCheck": { "at": "x", "ok": true },
                        "url": "http://127.0.0.1:4242/x", "logLines": ["a", "b"], "name": "Contoso", "os": "linux: Debian" });
    normalise(&mut v, None, &[("127.0.0.1:4242".into(), "127.0.0.1:<port>".into())]);
    assert_eq!(
        v,
        json!({ "elapsedMs": 0, "requests": 7, "createdAt": "2026-01-01T00:00:00Z", "lastCheck": { "at": "2026-01-01T00:00:00Z", "ok": true },
                "url": "http://127.0.0.1:<port>/x", "logLines": ["<log lines of this run>"], "name": "Contoso", "os": "<os>" })
    );
}

#[test]
fn a_saved_file_keeps_its_name_but_not_the_day_it_was_saved() {
    assert_eq!(hide_file_date("/d/psa-connect-diagnostic-2026-12-07.txt"), "/d/psa-connect-diagnostic-<date>.txt");
    assert_eq!(
        hide_file_date("/d/psa-connect-diagnostic-2026-12-07 (2).json"),
        "/d/psa-connect-diagnostic-<date> (2).json"
    );
    assert_eq!(hide_file_date("/d/psa-connect-diagnostic-notes.txt"), "/d/psa-connect-diagnostic-notes.txt");
    assert_eq!(hide_file_date("Contoso 2026-12-07"), "Contoso 2026-12-07");
}
