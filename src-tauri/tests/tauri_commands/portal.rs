//! The vendor-portal step's commands through the mock runtime: the webview gets the form with a
//! placeholder for the secret, never the secret, whatever the copy does; and the window's capabilities give
//! the page no clipboard access of its own.

use crate::common;

use common::{assert_psa_error, Harness};
use psa_core::autotask::AutotaskEndpoints;
use serde_json::json;

const USER: &str = "api@contoso.example";
const SECRET: &str = "Portal-Secret-9x!";

#[test]
fn the_form_comes_with_a_placeholder_and_copies_never_answer_with_the_secret() {
    let h = Harness::new(AutotaskEndpoints::production());
    let view_args = json!({ "templateId": "helpdesk-buttons" });
    let args = json!({ "templateId": "helpdesk-buttons", "value": "key_user_colon_secret" });
    // No login and secret held yet: a clear error, not an empty form or clipboard.
    assert_psa_error(&h.invoke("portal_view", view_args.clone()).unwrap_err(), "secret_not_held");
    assert_psa_error(&h.invoke("portal_copy", args.clone()).unwrap_err(), "secret_not_held");

    // The page names the template and the value only; the login and the zone are the session's.
    h.set_credentials(USER, SECRET).unwrap();
    h.invoke("autotask_parse_zone", json!({ "input": "webservices14" })).unwrap();
    let view = h.invoke("portal_view", view_args).unwrap();
    assert_eq!(view["menuPath"], "account.helpdeskbuttons.com > Settings");
    let lines = view["lines"].as_array().unwrap();
    let endpoint = lines.iter().find(|l| l["value"] == "endpoint_host").unwrap();
    assert_eq!(endpoint["display"], "webservices14.autotask.net");
    let key = lines.iter().find(|l| l["value"] == "key_user_colon_secret").unwrap();
    assert_eq!(key["secret"], true);
    assert!(key["display"].as_str().unwrap().starts_with("api@contoso.example:••••"));

    // With a display the copy works and says when it is cleared; without one the clipboard plugin cannot
    // start and the copy fails with its own code. Neither answer holds the secret.
    match h.invoke("portal_copy", args) {
        Ok(c) => {
            assert_eq!(c["secret"], true);
            assert!(c["clearsAfterSecs"].as_u64().unwrap() >= 1);
        }
        Err(e) => assert_psa_error(&e, "clipboard_failed"),
    }
    // A value the vendor's form does not ask for cannot be copied.
    let other = json!({ "templateId": "helpdesk-buttons", "value": "secret" });
    assert_psa_error(&h.invoke("portal_copy", other).unwrap_err(), "invalid_input");
    // Custom has no vendor form.
    let custom = h.invoke("portal_view", json!({ "templateId": "custom" }));
    assert_psa_error(&custom.unwrap_err(), "invalid_input");

    for seen in h.seen.lock().unwrap().iter() {
        assert!(!seen.contains(SECRET), "an IPC answer held the secret: {seen}");
    }
}

#[test]
fn the_page_has_no_clipboard_permission() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/capabilities/default.json")).unwrap();
    assert!(!text.contains("clipboard-manager:"), "the webview must not get clipboard access: {text}");
}
