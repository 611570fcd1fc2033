//! The wizard's last step ("Enter it in <vendor>") in the real window: the values it shows, what Copy puts on
//! the X clipboard (read back with `xclip`, a package scripts/setup.sh installs), that a copied secret leaves
//! the clipboard after PSA_CONNECT_CLIPBOARD_CLEAR_SECS unless something else was copied, and screenshots of
//! the step in the light and the dark theme.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use psa_core::model::Psa;
use psa_core::templates::{self, PortalValue};

use super::wizard::expect_step;
use super::{poll, E2e, E2E_CLIPBOARD_CLEAR_SECS, WAIT};

/// What the X clipboard holds; `None` when nothing owns it (or it holds no text).
pub fn clipboard() -> Option<String> {
    let out = Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .stderr(Stdio::null())
        .output()
        .expect("run xclip (apt-get install xclip; scripts/setup.sh installs it)");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// Puts `text` on the X clipboard the way another program would (xclip keeps serving it in the background
/// until something else takes the clipboard).
pub fn copy_elsewhere(text: &str) {
    let mut child = Command::new("xclip")
        .args(["-i", "-selection", "clipboard"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run xclip");
    child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
    let _ = child.wait();
}

async fn wait_clipboard(e: &E2e, want: &str) {
    let got = poll(WAIT, async || (clipboard().as_deref() == Some(want)).then_some(())).await;
    if got.is_none() {
        e.fail(&format!(
            "the clipboard should hold {} characters, holds {:?} characters",
            want.len(),
            clipboard().map(|c| c.len())
        ))
        .await;
    }
}

fn clear_secs() -> u64 {
    std::env::var(psa_core::portal::CLIPBOARD_CLEAR_ENV).unwrap_or(E2E_CLIPBOARD_CLEAR_SECS.into()).parse().unwrap()
}

/// The page's whole markup, for "the secret is not in it".
pub async fn page_html(e: &E2e) -> String {
    let v = e.client.execute("return document.documentElement.outerHTML", vec![]).await.expect("read the page");
    v.as_str().unwrap_or_default().to_string()
}

/// Screenshots of the current screen with the page pinned to the light, then the dark theme.
pub async fn theme_shots(e: &mut E2e, name: &str) {
    for theme in ["light", "dark"] {
        let js = format!("document.documentElement.dataset.theme = '{theme}'; return true");
        e.client.execute(&js, vec![]).await.expect("set the theme");
        e.shot(&format!("{name}-{theme}")).await;
        // The end of the step too: the clipboard note, the success message and the later steps.
        let js = "const c = document.querySelector('.step-content'); c.scrollTop = c.scrollHeight; return true";
        e.client.execute(js, vec![]).await.expect("scroll to the end");
        e.shot(&format!("{name}-{theme}-end")).await;
        let js = "document.querySelector('.step-content').scrollTop = 0; return true";
        e.client.execute(js, vec![]).await.expect("scroll back");
    }
    e.client.execute("delete document.documentElement.dataset.theme; return true", vec![]).await.expect("reset");
}

/// What the step must show for a value, and what Copy must put on the clipboard.
pub struct Login<'a> {
    pub username: &'a str,
    pub secret: &'a str,
    /// Autotask zone number N (webservicesN).
    pub zone: u32,
    pub company_id: &'a str,
    pub api_host: &'a str,
}

fn expected(v: PortalValue, l: &Login) -> (Option<String>, String) {
    let placeholder = psa_core::portal::SECRET_PLACEHOLDER.to_string();
    match v {
        PortalValue::Username | PortalValue::PublicKey => (Some(l.username.into()), l.username.into()),
        PortalValue::Secret | PortalValue::PrivateKey => (Some(placeholder), l.secret.into()),
        PortalValue::KeyUserColonSecret => {
            (Some(format!("{}:{placeholder}", l.username)), format!("{}:{}", l.username, l.secret))
        }
        PortalValue::ZoneWebservices => (Some(format!("webservices{}", l.zone)), format!("webservices{}", l.zone)),
        PortalValue::EndpointHost => {
            (Some(format!("webservices{}.autotask.net", l.zone)), format!("webservices{}.autotask.net", l.zone))
        }
        PortalValue::CompanyId => (Some(l.company_id.into()), l.company_id.into()),
        PortalValue::ApiHost => (Some(l.api_host.into()), l.api_host.into()),
    }
}

/// Opens the vendor step from the rail and walks it: every line in the template's order, every value as
/// shown and as copied, the secret never in the page, a copied secret cleared in time, and (when
/// `check_replaced`) left alone when something else was copied after it.
pub async fn walk_vendor_step(e: &mut E2e, id: &str, psa: Psa, login: &Login<'_>, check_replaced: bool) {
    let t = templates::get(id).expect("template");
    let plan = psa_core::portal::plan(&t, psa).expect("a vendor template has a portal form").clone();
    e.click("rail-vendor").await;
    expect_step(e, "vendor").await;
    let heading = e.text("step-heading").await;
    assert_eq!(heading, format!("Enter it in {}", t.vendor), "{id}");
    assert_eq!(e.text("portal-menu-path").await, plan.menu_path, "{id}");
    for (n, item) in plan.items.iter().enumerate() {
        let line = e.text(&format!("portal-line-{}", n + 1)).await;
        assert!(line.starts_with(&item.label), "{id}: line {} should be {:?}, is {line:?}", n + 1, item.label);
    }
    match &plan.success {
        Some(s) => assert!(e.text("portal-success").await.contains(s.as_str()), "{id}: success message"),
        None => assert!(!e.visible("portal-success").await, "{id}: the guide quotes no success message"),
    }
    if !plan.later.is_empty() {
        let later = e.text("portal-later").await;
        assert!(plan.later.iter().all(|l| later.contains(l.as_str())), "{id}: later steps");
    }
    let clear_note = e.text("portal-clear-note").await;
    assert!(clear_note.contains(&format!("After {} seconds", clear_secs())), "{id}: {clear_note}");
    // Only the step's content scrolls: scrolling the window past the end of a long step moves nothing else.
    let moved = e
        .client
        .execute(
            "window.scrollBy(0, 5000); document.querySelector('.step-content').scrollTop = 5000;
             const top = document.querySelector('.app-header').getBoundingClientRect().top;
             return [document.scrollingElement.scrollTop, top];",
            vec![],
        )
        .await
        .expect("scroll");
    assert_eq!(moved, serde_json::json!([0, 0]), "{id}: the window scrolled (page scrollTop, header top)");
    e.client
        .execute("document.querySelector('.step-content').scrollTop = 0; return true", vec![])
        .await
        .expect("scroll back");
    let shot_name = if psa == Psa::Connectwise { format!("{id}-cw-vendor") } else { format!("{id}-vendor") };
    theme_shots(e, &shot_name).await;

    // Plain values first: they stay on the clipboard.
    let values: Vec<PortalValue> = plan.items.iter().filter_map(|i| i.value).collect();
    for v in values.iter().filter(|v| !v.holds_secret()) {
        let (shown, copied) = expected(*v, login);
        let testid = format!("portal-value-{}", value_id(*v));
        assert_eq!(Some(e.text(&testid).await), shown, "{id}: {testid}");
        e.click(&format!("btn-copy-{}", value_id(*v))).await;
        wait_clipboard(e, &copied).await;
    }
    for v in values.iter().filter(|v| v.holds_secret()) {
        let (shown, copied) = expected(*v, login);
        let testid = format!("portal-value-{}", value_id(*v));
        assert_eq!(Some(e.text(&testid).await), shown, "{id}: {testid}");
        e.click(&format!("btn-copy-{}", value_id(*v))).await;
        wait_clipboard(e, &copied).await;
        e.wait_text("portal-copied", "takes it off the clipboard").await;
        assert!(!page_html(e).await.contains(login.secret), "{id}: the secret reached the page");
        if check_replaced {
            // Something else copied meanwhile: PSA Connect must leave it alone.
            copy_elsewhere("copied by someone else");
            tokio::time::sleep(Duration::from_secs(clear_secs() + 2)).await;
            assert_eq!(clipboard().as_deref(), Some("copied by someone else"), "{id}: a later copy was cleared");
        } else {
            let cleared =
                poll(Duration::from_secs(clear_secs() + 10), async || clipboard().is_none().then_some(())).await;
            assert!(cleared.is_some(), "{id}: the copied secret is still on the clipboard after {} s", clear_secs());
        }
    }
    let logs = e.data_dir.path().join("logs");
    for f in std::fs::read_dir(&logs).into_iter().flatten().flatten() {
        let text = std::fs::read_to_string(f.path()).unwrap_or_default();
        assert!(!text.contains(login.secret), "{id}: the secret is in the log {}", f.path().display());
    }
}

/// The snake_case name the page's test ids use.
pub fn value_id(v: PortalValue) -> String {
    serde_json::to_value(v).unwrap().as_str().unwrap().to_string()
}
