//! The support commands over Tauri's real IPC path (`tauri::test` mock runtime): hand-offs parsed and
//! created, links arriving as a running instance would get them (deep-link event → `handoff-opened`) and
//! at first start, and the diagnostic report of a failing profile against the Autotask simulator.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use common::{assert_psa_error, raw_invoke};
use psa_connect_app_lib::configure_with;
use psa_connect_app_lib::state::Session;
use psa_connect_app_lib::vault::Vault;
use psa_core::autotask::AutotaskEndpoints;
use psa_core::connection::Connection;
use psa_core::keychain::SecretStore;
use psa_core::model::{AutotaskZone, ZoneSource};
use psa_core::profiles::{new_id, service, ProfileInput, ProfileStore};
use psa_core::support::handoff::Handoff;
use psa_core::support::logging::{file_filter, file_layer, LogFiles, RotatingWriter, APP_LOG_STEM};
use psa_core::{ErrorCode, PsaError, Secret};
use psa_tests::autotask::{fixtures, AutotaskSim, SimConfig};
use serde_json::{json, Value};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::{App, Emitter, Listener, Manager, WebviewWindow, WebviewWindowBuilder};
use tauri_plugin_deep_link::DeepLinkExt;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// One log folder and one "Downloads" folder for the whole test binary (the app reads both from the
/// environment at start-up), with the app's file log installed as `run()` does.
fn shared_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("psa-app-support-{}", new_id()));
        std::env::set_var("PSA_CONNECT_LOG_DIR", dir.join("logs"));
        std::env::set_var("PSA_CONNECT_EXPORT_DIR", dir.join("downloads"));
        let writer = RotatingWriter::open(LogFiles::new(dir.join("logs"), APP_LOG_STEM)).unwrap();
        let _ = tracing_subscriber::registry().with(file_layer(writer, file_filter())).try_init();
        dir
    })
}

#[derive(Default)]
struct TestKeychain(Mutex<HashMap<String, String>>);

impl SecretStore for TestKeychain {
    fn set(&self, account: &str, secret: &Secret) -> Result<(), PsaError> {
        self.0.lock().unwrap().insert(account.into(), secret.expose().into());
        Ok(())
    }
    fn get(&self, account: &str) -> Result<Secret, PsaError> {
        let missing = || PsaError::new(ErrorCode::KeychainEntryMissing, "No secret stored.", "Enter it again.");
        self.0.lock().unwrap().get(account).map(Secret::new).ok_or_else(missing)
    }
    fn delete(&self, account: &str) -> Result<(), PsaError> {
        self.0.lock().unwrap().remove(account);
        Ok(())
    }
    fn describe(&self) -> String {
        "test keychain".into()
    }
}

struct TestApp {
    app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    store: ProfileStore,
    keys: Arc<TestKeychain>,
}

impl TestApp {
    fn new(endpoints: AutotaskEndpoints) -> Self {
        let dir = shared_dir().join(format!("data-{}", new_id()));
        let store = ProfileStore::new(dir);
        let keys = Arc::new(TestKeychain::default());
        // The scheme as tauri.conf.json declares it, so the deep-link plugin accepts psa-connect:// arguments.
        let mut ctx = mock_context(noop_assets());
        ctx.config_mut().plugins.0.insert("deep-link".into(), json!({ "desktop": { "schemes": ["psa-connect"] } }));
        let vault = Vault::new(keys.clone(), store.clone());
        let app = configure_with(mock_builder(), endpoints, vault).build(ctx).expect("mock app");
        let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("main window");
        TestApp { app, window, store, keys }
    }

    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        raw_invoke(&self.window, cmd, args)
    }

    /// Every `handoff-opened` payload, as the UI would receive it.
    fn handoff_events(&self) -> mpsc::Receiver<Value> {
        let (tx, rx) = mpsc::channel();
        self.app.listen_any("handoff-opened", move |e| {
            let _ = tx.send(serde_json::from_str::<Value>(e.payload()).unwrap());
        });
        rx
    }
}

fn input() -> ProfileInput {
    ProfileInput {
        name: "Contoso".into(),
        template: "custom".into(),
        connection: Connection::autotask(
            fixtures::GOOD_USER,
            fixtures::INTEGRATION_CODE,
            Some(AutotaskZone {
                zone_name: "AE02".into(),
                api_url: "https://webservices14.autotask.net/ATServicesRest/V1.0".into(),
                web_url: "https://ww14.autotask.net".into(),
                ci: None,
                source: ZoneSource::Manual,
            }),
        ),
        filters: Default::default(),
        settings: Default::default(),
        notes: "Type the secret, press Test.".into(),
    }
}

fn link() -> String {
    Handoff::create(input(), None).unwrap().0.to_link()
}

#[test]
fn handoff_parse_takes_a_link_or_a_file_and_refuses_secrets() {
    let t = TestApp::new(AutotaskEndpoints::production());
    let doc = Handoff::create(input(), None).unwrap().0;
    for text in [doc.to_link(), doc.to_json()] {
        let d = t.invoke("handoff_parse", json!({ "text": text })).unwrap();
        assert_eq!(d["openStep"], "secret", "{d}");
        assert_eq!(d["profile"]["connection"]["username"], fixtures::GOOD_USER);
        assert_eq!(d["secretHosts"], json!(["webservices14.autotask.net"]));
    }
    let with_secret = doc.to_json().replace("\"notes\"", "\"apiSecret\": \"Leaked-Value-77\", \"notes\"");
    let e = t.invoke("handoff_parse", json!({ "text": with_secret })).unwrap_err();
    assert_psa_error(&e, "import_contains_secret");
    assert!(!e.to_string().contains("Leaked-Value-77"), "{e}");
    assert_psa_error(
        &t.invoke("handoff_parse", json!({ "text": "psa-connect://setup?d=bm9wZQ" })).unwrap_err(),
        "import_invalid",
    );
}

/// The wizard starts on a hand-off by saying so (`handoff_open`); the zone the test will use is the app's
/// copy of the hand-off's, never one the window sends.
#[test]
fn opening_the_handoff_shown_puts_its_zone_in_the_session() {
    let t = TestApp::new(AutotaskEndpoints::production());
    assert_psa_error(&t.invoke("handoff_open", json!({})).unwrap_err(), "invalid_input");
    t.invoke("handoff_parse", json!({ "text": link() })).unwrap();
    // A refused hand-off afterwards was never shown as a draft, so it changes nothing.
    let _ = t.invoke("handoff_parse", json!({ "text": "psa-connect://setup?d=bm9wZQ" }));
    assert_eq!(t.app.state::<Session>().zone(), None, "parsing alone does not change the session");
    t.invoke("handoff_open", json!({})).unwrap();
    let zone = t.app.state::<Session>().zone().expect("the hand-off's zone");
    assert_eq!(zone.web_url, "https://ww14.autotask.net");
    assert_eq!(zone.source, ZoneSource::Manual);
}

#[test]
fn handoff_create_returns_link_and_file_and_saves_under_a_new_name() {
    let t = TestApp::new(AutotaskEndpoints::production());
    let args = json!({ "profile": input(), "openStep": "secret", "save": true });
    let first = t.invoke("handoff_create", args.clone()).unwrap();
    let second = t.invoke("handoff_create", args).unwrap();
    let (p1, p2) = (first["path"].as_str().unwrap(), second["path"].as_str().unwrap());
    assert_ne!(p1, p2, "an earlier hand-off is never replaced");
    assert!(p1.starts_with(shared_dir().join("downloads").to_str().unwrap()), "{p1}");
    let on_disk = std::fs::read_to_string(p1).unwrap();
    assert_eq!(on_disk, first["document"].as_str().unwrap());
    assert!(first["link"].as_str().unwrap().starts_with("psa-connect://setup?d="));
    assert_eq!(first["draft"]["templateName"], "Custom integration");
    let mut bad = input();
    bad.settings.insert("token".into(), json!("x"));
    assert_psa_error(&t.invoke("handoff_create", json!({ "profile": bad })).unwrap_err(), "import_contains_secret");
}

#[test]
fn a_link_given_to_the_running_instance_reaches_the_window_as_handoff_opened() {
    let t = TestApp::new(AutotaskEndpoints::production());
    let events = t.handoff_events();
    // What the single-instance plugin does with a second launch's arguments (its `deep-link` feature).
    t.app.deep_link().handle_cli_arguments(["psa-connect-app".to_string(), link()].into_iter());
    let got = events.recv_timeout(Duration::from_secs(10)).expect("handoff-opened");
    assert_eq!(got["draft"]["openStep"], "secret", "{got}");
    assert_eq!(got["draft"]["profile"]["notes"], "Type the secret, press Test.");
    assert!(got.get("error").is_none());
    // Given to the page (pushed once its page has loaded; this test app's has not, so it waits): the window
    // opens it, and the session takes the app's own copy of the zone (the page sends no address).
    t.invoke("handoff_open", json!({})).unwrap();
    assert_eq!(t.app.state::<Session>().zone().map(|z| z.zone_name), Some("AE02".to_string()));

    // A link with a secret in it arrives as an error, without the value.
    let bad = format!("{}&secret=Leaked-Value-88", link());
    t.app.deep_link().handle_cli_arguments(["psa-connect-app".to_string(), bad].into_iter());
    let got = events.recv_timeout(Duration::from_secs(10)).expect("handoff-opened");
    assert_eq!(got["error"]["code"], "import_contains_secret", "{got}");
    assert!(got.get("draft").is_none() && !got.to_string().contains("Leaked-Value-88"));

    // Other deep links and ordinary arguments are not hand-offs.
    t.app.emit("deep-link://new-url", vec!["https://example.com/"]).unwrap();
    t.app.deep_link().handle_cli_arguments(["psa-connect-app".to_string(), "--verbose".to_string()].into_iter());
    assert!(events.recv_timeout(Duration::from_millis(300)).is_err(), "no event for non hand-off links");

    // The refused link left the draft to open as it was.
    t.app.state::<Session>().set_location(None);
    t.invoke("handoff_open", json!({})).unwrap();
    assert_eq!(t.app.state::<Session>().zone().map(|z| z.zone_name), Some("AE02".to_string()));
}

#[test]
fn a_handoff_file_given_to_the_running_instance_reaches_the_window() {
    let t = TestApp::new(AutotaskEndpoints::production());
    let events = t.handoff_events();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("Contoso für Sam.psaconnect");
    std::fs::write(&file, Handoff::create(input(), None).unwrap().0.to_json()).unwrap();

    // A double-click while the app runs: a second launch's command line, with a path relative to its folder.
    let argv = vec!["psa-connect-app".to_string(), "Contoso für Sam.psaconnect".to_string()];
    assert!(psa_connect_app_lib::commands::handoff::deliver_file_from_args(
        &t.app.handle().clone(),
        argv,
        dir.path().to_str().unwrap()
    ));
    let got = events.recv_timeout(Duration::from_secs(10)).expect("handoff-opened");
    assert_eq!(got["draft"]["profile"]["connection"]["username"], fixtures::GOOD_USER, "{got}");

    // macOS: the file arrives as a file:// URL through the deep-link plugin.
    let url = url::Url::from_file_path(&file).unwrap().to_string();
    t.app.emit("deep-link://new-url", vec![url]).unwrap();
    let got = events.recv_timeout(Duration::from_secs(10)).expect("handoff-opened");
    assert_eq!(got["draft"]["openStep"], "secret", "{got}");

    // A file that is not a hand-off arrives as an error that says so; other arguments are not files of ours.
    let junk = dir.path().join("junk.psaconnect");
    std::fs::write(&junk, [0xffu8, 0x00, 0x80]).unwrap();
    let argv = vec!["psa-connect-app".to_string(), junk.display().to_string()];
    assert!(psa_connect_app_lib::commands::handoff::deliver_file_from_args(&t.app.handle().clone(), argv, "/"));
    let got = events.recv_timeout(Duration::from_secs(10)).expect("handoff-opened");
    assert_eq!(got["error"]["code"], "import_invalid", "{got}");
    let argv = vec!["psa-connect-app".to_string(), "notes.json".to_string()];
    assert!(!psa_connect_app_lib::commands::handoff::deliver_file_from_args(&t.app.handle().clone(), argv, "/"));
    t.app.emit("deep-link://new-url", vec![format!("file://{}", dir.path().join("x.json").display())]).unwrap();
    assert!(events.recv_timeout(Duration::from_millis(300)).is_err(), "no event for files that are not ours");
}

/// The simulator on its own runtime: IPC calls block the test thread while Tauri's runtime runs the command.
fn start_sim() -> (AutotaskSim, tokio::runtime::Runtime) {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let sim = rt.block_on(AutotaskSim::start(SimConfig::standard())).expect("simulator starts");
    (sim, rt)
}

#[test]
fn the_diagnostic_report_of_a_failing_profile_names_the_check_and_holds_no_secret() {
    let (sim, rt) = start_sim();
    let t = TestApp::new(AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url()));
    let mut p = input();
    p.name = "No contacts".into();
    p.connection = Connection::autotask(fixtures::NO_CONTACTS_USER, fixtures::INTEGRATION_CODE, None);
    let saved = service::save_profile(&t.store, p, Some(&Secret::new(fixtures::NO_CONTACTS_SECRET)), &*t.keys).unwrap();
    let id = saved.profile.id.clone();

    // Nothing to save before a report was made.
    assert_psa_error(&t.invoke("diagnostic_save", json!({ "json": false })).unwrap_err(), "invalid_input");
    // The UI's start-up mark lands in the app's log; the report quotes the latest one.
    t.invoke("app_ready", json!({ "uiMs": 123.4 })).unwrap();
    let diagnosis =
        t.invoke("diagnose_profile", json!({ "id": id, "opId": "diag-1", "onItem": "__CHANNEL__:5" })).unwrap();
    let report = &diagnosis["report"];
    assert_eq!(report["kind"], "psa-connect-diagnostic");
    assert!(report["lastStartupMs"].as_u64().is_some_and(|ms| ms > 0), "{report}");
    assert_eq!(report["failingChecks"], json!(["probe.contacts"]), "{report}");
    assert_eq!(report["appVersion"], "0.1.0");
    assert!(report["hosts"].as_array().unwrap().iter().any(|h| h.as_str().unwrap().starts_with("127.0.0.1:")));
    assert!(
        report["logLines"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l.as_str().unwrap().contains("diagnose: testing the profile")),
        "{report}"
    );
    let text = diagnosis["text"].as_str().unwrap();
    assert!(text.contains("probe.contacts") && text.contains("[permission_denied]"), "{text}");
    assert!(text.contains("s to the first screen"), "{text}");
    // The app saves its own copy of the report it answered with: the window sends nothing back.
    let path = t.invoke("diagnostic_save", json!({ "json": false })).unwrap();
    assert_eq!(std::fs::read_to_string(path.as_str().unwrap()).unwrap(), text);
    let path = t.invoke("diagnostic_save", json!({ "json": true })).unwrap();
    let saved: Value = serde_json::from_str(&std::fs::read_to_string(path.as_str().unwrap()).unwrap()).unwrap();
    assert_eq!(&saved, report);
    // The profile now records the failing test, as after a re-check.
    assert_eq!(t.store.get(&id).unwrap().last_check.unwrap().failing_checks, vec!["probe.contacts".to_string()]);

    for doc in [report.to_string(), text.to_string()] {
        assert!(!doc.contains(fixtures::NO_CONTACTS_SECRET), "secret in the report: {doc}");
    }
    let logs = std::fs::read_to_string(shared_dir().join("logs").join("psa-connect-app.log")).unwrap();
    assert!(!logs.contains(fixtures::NO_CONTACTS_SECRET));

    // Without a stored secret the report still comes, naming the keychain as what failed.
    let mut p = input();
    p.name = "Imported".into();
    let bare = service::save_profile(&t.store, p, None, &*t.keys).unwrap().profile;
    let diagnosis =
        t.invoke("diagnose_profile", json!({ "id": bare.id, "opId": "diag-2", "onItem": "__CHANNEL__:6" })).unwrap();
    let report = &diagnosis["report"];
    assert_eq!(report["failingChecks"], json!(["keychain"]), "{report}");
    assert!(report["error"]["code"].as_str().unwrap().starts_with("keychain_"), "{report}");
    assert_psa_error(
        &t.invoke("diagnose_profile", json!({ "id": "nope", "opId": "d3", "onItem": "__CHANNEL__:7" })).unwrap_err(),
        "profile_not_found",
    );
    let _inside = rt.enter();
    drop(sim);
}
