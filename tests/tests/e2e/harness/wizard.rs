//! The wizard's steps as a person walks them, shared by the end-to-end tests (testids: ui/TESTIDS.md).
//! Each helper starts on its step, takes the step's screenshot, and leaves with Next.

use super::E2e;

/// The step whose form is on screen now (`step-<id>`), waited for.
pub async fn expect_step(e: &E2e, step: &str) {
    e.el(&format!("step-{step}")).await;
}

/// Launch → Autotask + Custom → the API-user checklist → the Username step.
pub async fn choose_custom_integration(e: &mut E2e) {
    e.el("psa-autotask").await;
    e.el("integration-custom").await;
    e.shot("choose-psa").await;
    e.click("psa-autotask").await;
    e.click("integration-custom").await;
    e.shot("choose-custom").await;
    e.click("btn-next").await;

    e.el("setup-steps").await;
    e.shot("api-user").await;
    e.click("btn-next").await;
    e.el("input-username").await;
}

pub async fn enter_username(e: &mut E2e, username: &str) {
    e.type_into("input-username", username).await;
    e.shot("username").await;
    e.click("btn-next").await;
    e.el("input-secret").await;
}

/// The secret and the tracking identifier; Next hands them to Rust and moves on to the zone.
pub async fn enter_secret(e: &mut E2e, secret: &str, integration_code: &str) {
    e.type_into("input-secret", secret).await;
    e.type_into("input-integration-code", integration_code).await;
    e.shot("secret").await;
    e.click("btn-next").await;
    expect_step(e, "zone").await;
}

/// Waits for the detected zone and checks its name is shown.
pub async fn expect_zone(e: &mut E2e, zone_name: &str) {
    let shown = e.wait_text("zone-name", zone_name).await;
    assert_eq!(shown.trim(), zone_name, "zone name on the Zone step");
    let web = e.text("zone-web-url").await;
    assert!(web.starts_with("http://127.0.0.1:"), "web URL should be the simulator's, got {web:?}");
    e.shot("zone").await;
}

/// Waits until the connection test has finished: its verdict, an error or "stopped" is shown, and the "Test
/// again" button is back. The button alone is not enough: it is also there for the moment between the step
/// being drawn and its test starting.
pub async fn wait_check_finished(e: &mut E2e) {
    e.el("check-list").await;
    e.wait_until("the connection test's verdict, error or stop", async |client| {
        let css = r#"[data-testid="check-summary"], [data-testid="check-stopped"], .error-panel"#;
        let el = client.find(fantoccini::Locator::Css(css)).await.ok()?;
        el.is_displayed().await.ok()?.then_some(())
    })
    .await;
    e.el("btn-test-again").await;
}

/// (id, data-status, class) of every line of the connection test.
pub async fn check_lines(e: &E2e) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (testid, el) in e.all_with_prefix("check-item-").await {
        let status = el.attr("data-status").await.ok().flatten().unwrap_or_default();
        let class = el.attr("class").await.ok().flatten().unwrap_or_default();
        out.push((testid.trim_start_matches("check-item-").to_string(), status, class));
    }
    out
}

/// A number as the UI prints counts ("1,234 companies" → 1234).
pub fn leading_number(text: &str) -> u64 {
    let digits: String = text
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.' || *c == '\u{a0}' || *c == ' ')
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().unwrap_or_else(|_| panic!("no count in {text:?}"))
}
