//! Shared by the command tests: a mock-runtime app with the real command table, and IPC helpers.
#![allow(dead_code)]

pub mod drift;
pub mod keychain;

use std::sync::Mutex;

use psa_connect_app_lib::configure;
use psa_core::autotask::AutotaskEndpoints;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

/// The simulator's vendor tracking identifier (`psa_tests::autotask::fixtures::INTEGRATION_CODE`), repeated
/// here so the tests without a simulator do not depend on it.
pub const INTEGRATION_CODE: &str = "SIMVENDOR7QXK2M4PZ8RT3WB6HJ";

pub struct Harness {
    pub app: App<MockRuntime>,
    pub window: WebviewWindow<MockRuntime>,
    /// Every body the "webview" received, success or rejection, for the secret-leak check.
    pub seen: Mutex<Vec<String>>,
}

impl Harness {
    pub fn new(endpoints: AutotaskEndpoints) -> Self {
        let app = configure(mock_builder(), endpoints).build(mock_context(noop_assets())).expect("mock app");
        let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("main window");
        Harness { app, window, seen: Mutex::new(Vec::new()) }
    }

    pub fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let result = raw_invoke(&self.window, cmd, args);
        let text = match &result {
            Ok(v) | Err(v) => v.to_string(),
        };
        self.seen.lock().unwrap().push(text);
        result
    }

    pub fn set_credentials(&self, username: &str, secret: &str) -> Result<Value, Value> {
        self.invoke(
            "autotask_set_credentials",
            json!({ "credentials": {
                "username": username, "integrationCode": INTEGRATION_CODE, "secret": secret } }),
        )
    }

    pub fn check(&self, op_id: &str) -> Result<Value, Value> {
        self.invoke("connection_check", json!({ "templateId": null, "opId": op_id, "onItem": "__CHANNEL__:7" }))
    }
}

pub fn raw_invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|b| b.deserialize::<Value>().unwrap())
}

pub fn assert_psa_error(v: &Value, code: &str) {
    assert_eq!(v["code"], code, "{v}");
    assert!(v["message"].as_str().is_some_and(|s| !s.is_empty()), "message in {v}");
    assert!(v["fix"].as_str().is_some_and(|s| !s.is_empty()), "fix in {v}");
}
