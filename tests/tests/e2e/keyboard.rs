//! End-to-end, keyboard only (issue 17): a partner who never touches the mouse goes from launch to a saved
//! Autotask connection with Tab, Shift+Tab, Enter and Space, and every control that takes focus shows a ring.

use crate::harness::{poll, E2e, WAIT};
use serde_json::Value;

const TAB: &str = "\u{E004}";
const SHIFT_TAB: &str = "\u{E008}\u{E004}\u{E000}";
const ENTER: &str = "\u{E007}";
const SPACE: &str = " ";

/// The focused element: its testid (or tag), and whether a focus ring is drawn on it (outline or box-shadow,
/// on the element or on the label that wraps it).
const FOCUSED: &str = "const a = document.activeElement;
  if (!a || a === document.body) return { id: 'body', ring: false };
  const ring = (el) => { if (!el) return false; const s = getComputedStyle(el);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none'); };
  return { id: a.dataset.testid || a.id || a.tagName.toLowerCase(), ring: ring(a) || ring(a.closest('label')),
           focusVisible: a.matches(':focus-visible'), outline: getComputedStyle(a).outline };";

struct Keys {
    /// Controls focus landed on without a visible ring.
    no_ring: Vec<String>,
    landed: usize,
}

impl Keys {
    async fn focused(&self, e: &E2e) -> Value {
        match e.bounded("focused element", e.client.execute(FOCUSED, vec![])).await {
            Ok(v) => v,
            Err(err) => e.fail(&format!("focused element: {err}")).await,
        }
    }

    /// Sends keys to whatever has focus, as a keyboard would.
    async fn press(&mut self, e: &E2e, keys: &str) {
        let active = match e.bounded("active element", e.client.active_element()).await {
            Ok(el) => el,
            Err(err) => e.fail(&format!("no active element: {err}")).await,
        };
        if let Err(err) = e.bounded("send keys", active.send_keys(keys)).await {
            e.fail(&format!("send keys {keys:?}: {err}")).await;
        }
        if keys == TAB || keys == SHIFT_TAB {
            let now = self.focused(e).await;
            self.landed += 1;
            if now["id"] != "body" && now["ring"] != true {
                self.no_ring.push(format!("{} ({})", now["id"], now["outline"]));
            }
        }
    }

    /// Tabs forward until `testid` has focus (at most 80 presses).
    async fn tab_to(&mut self, e: &mut E2e, testid: &str) {
        for _ in 0..80 {
            if self.focused(e).await["id"] == testid {
                return;
            }
            self.press(e, TAB).await;
        }
        e.fail(&format!("Tab never reached [data-testid={testid}]")).await;
    }

    /// Waits until the step's heading has focus (a step just opened).
    async fn heading_focused(&self, e: &mut E2e, step: &str) {
        e.el(&format!("step-{step}")).await;
        let client = e.client.clone();
        let ok = poll(WAIT, async || {
            let v = client.execute(FOCUSED, vec![]).await.ok()?;
            (v["id"] == "step-heading").then_some(())
        })
        .await;
        if ok.is_none() {
            let now = self.focused(e).await;
            e.fail(&format!("step {step} opened with focus on {}, not on its heading", now["id"])).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real window: needs a display, tauri-driver and the built app (scripts/test.sh)"]
async fn autotask_from_launch_to_a_saved_connection_with_the_keyboard_only() {
    let Some(mut e) = E2e::launch_in_namespace("keyboard", "test:e2e-keyboard").await else {
        return;
    };
    use psa_tests::autotask::fixtures;
    let mut k = Keys { no_ring: Vec::new(), landed: 0 };
    e.el("step-choose").await;

    // Step 1: Autotask, then the first integration Tab lands on, chosen with Space; Next with Enter.
    k.tab_to(&mut e, "psa-autotask").await;
    k.press(&e, SPACE).await;
    e.shot("choose-psa-focused").await;
    k.press(&e, TAB).await;
    let integration = k.focused(&e).await["id"].as_str().unwrap_or_default().to_string();
    assert!(integration.starts_with("integration-"), "Tab after the PSA goes to the integrations, got {integration}");
    k.press(&e, SPACE).await;
    e.shot("choose-integration-focused").await;
    k.tab_to(&mut e, "btn-next").await;
    e.shot("choose-next-focused").await;
    k.press(&e, ENTER).await;

    k.heading_focused(&mut e, "api-user").await;
    e.shot("api-user-heading-focused").await;
    k.tab_to(&mut e, "btn-next").await;
    k.press(&e, ENTER).await;

    // Username and secret: typed into the focused field, Enter submits the step.
    k.heading_focused(&mut e, "username").await;
    k.tab_to(&mut e, "input-username").await;
    k.press(&e, fixtures::FULL_ACCESS_USER).await;
    e.shot("username-focused").await;
    k.press(&e, ENTER).await;

    k.heading_focused(&mut e, "secret").await;
    k.tab_to(&mut e, "input-secret").await;
    k.press(&e, fixtures::FULL_ACCESS_SECRET).await;
    if e.visible("input-integration-code").await {
        k.tab_to(&mut e, "input-integration-code").await;
        k.press(&e, fixtures::INTEGRATION_CODE).await;
    }
    e.shot("secret-focused").await;
    k.press(&e, ENTER).await;

    k.heading_focused(&mut e, "zone").await;
    e.wait_text("zone-name", fixtures::ZONE14_NAME).await;
    k.tab_to(&mut e, "btn-next").await;
    k.press(&e, ENTER).await;

    k.heading_focused(&mut e, "check").await;
    e.el("btn-test-again").await;
    assert_eq!(e.attr("check-summary", "data-ok").await.as_deref(), Some("true"), "the connection test passes");
    k.tab_to(&mut e, "btn-next").await;
    e.shot("check-next-focused").await;
    k.press(&e, ENTER).await;

    // Filters: Shift+Tab from Next goes back to Back, Tab returns to Next.
    k.heading_focused(&mut e, "filters").await;
    e.el("preview-companies").await;
    k.tab_to(&mut e, "btn-next").await;
    k.press(&e, SHIFT_TAB).await;
    assert_eq!(k.focused(&e).await["id"], "btn-back", "Shift+Tab from Next");
    e.shot("filters-back-focused").await;
    k.press(&e, TAB).await;
    assert_eq!(k.focused(&e).await["id"], "btn-next", "Tab from Back");
    k.press(&e, ENTER).await;

    k.heading_focused(&mut e, "summary").await;
    k.tab_to(&mut e, "btn-save-profile").await;
    e.shot("summary-save-focused").await;
    k.press(&e, ENTER).await;
    // Saving leads on to the vendor's portal form; Done returns to the saved connections.
    k.heading_focused(&mut e, "vendor").await;
    e.el("portal-form").await;
    k.tab_to(&mut e, "btn-next").await;
    e.shot("vendor-done-focused").await;
    k.press(&e, ENTER).await;
    e.el("home-screen").await;
    e.shot("saved").await;
    let saved = psa_core::profiles::ProfileStore::new(e.data_dir.path()).list().expect("profiles");
    assert_eq!(saved.len(), 1, "one connection saved");
    let keys = psa_core::keychain::KeyringStore::new(
        &psa_core::keychain::KeychainNamespace::parse("test:e2e-keyboard").expect("namespace"),
    );
    let _ = psa_core::keychain::SecretStore::delete(&keys, &psa_core::profiles::secret_account(&saved[0].id));

    eprintln!("keyboard: focus landed on {} controls, every one with a visible ring", k.landed);
    assert!(k.landed >= 10, "the walk pressed Tab only {} times: it did not go through the steps", k.landed);
    assert!(k.no_ring.is_empty(), "focus without a visible ring on: {:?}", k.no_ring);
    e.finish().await;
}
