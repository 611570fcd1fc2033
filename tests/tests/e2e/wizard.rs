//! End-to-end: the real app window (target/debug/psa-connect-app, UI embedded) driven through tauri-driver and
//! WebKitWebDriver, against the Autotask simulator on 127.0.0.1. Screenshots of every step land in
//! target/e2e-screenshots/<test>/. Run by scripts/test.sh under Xvfb; by hand:
//!   cargo build -p psa-connect-app --features custom-protocol
//!   xvfb-run -a cargo test -p psa-tests --test e2e -- --ignored --test-threads=1 wizard::

use crate::harness::wizard::{
    check_lines, choose_custom_integration, enter_secret, enter_username, expect_step, expect_zone, leading_number,
    wait_check_finished,
};
use crate::harness::E2e;
use psa_core::support::diagnose::STARTUP_READY_MESSAGE;
use psa_core::support::logging::number_field;
use psa_tests::autotask::fixtures::{self, TYPE_CUSTOMER};
use psa_tests::autotask::{Fault, FaultTarget};

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real window: needs a display, tauri-driver and the built app (scripts/test.sh)"]
async fn happy_path_from_launch_to_summary_with_a_filter_count() {
    // The live-like simulators (issue 13): access rights as the words the live API sends.
    let Some(mut e) = E2e::launch_live_like("happy_path", "test:e2e").await else {
        return;
    };
    // The app logs when its first screen became usable; the start-up benchmark reads that line. The page
    // reports it itself, so it must come while the welcome step is on screen, with both clocks.
    e.el("integration-custom").await;
    let ready = e.log_line(STARTUP_READY_MESSAGE).await;
    let ms = |key: &str| number_field(&ready, key).unwrap_or_else(|| panic!("no {key}= in the ready line: {ready}"));
    // The page starts loading after the process does: its clock can't be ahead of the process age.
    assert!(ms("process_ms") >= ms("ui_ms") && ms("ui_ms") > 0, "{ready}");
    // On Linux the page asks fontconfig for sans-serif itself (ui/src/platformFonts.ts): WebKitGTK matched
    // `system-ui` and then sans-serif again for every size and weight on screen, 15-20 ms of the first layout.
    let font = "return getComputedStyle(document.body).fontFamily";
    let family = e.bounded("the body's font", e.client.execute(font, vec![])).await;
    assert_eq!(family.ok().and_then(|v| v.as_str().map(str::to_owned)).as_deref(), Some("sans-serif"));
    choose_custom_integration(&mut e).await;
    enter_username(&mut e, &format!("  {}  ", fixtures::GOOD_USER)).await; // pasted with spaces around
    enter_secret(&mut e, fixtures::GOOD_SECRET, fixtures::INTEGRATION_CODE).await;
    expect_zone(&mut e, fixtures::ZONE14_NAME).await;
    e.click("btn-next").await;

    expect_step(&e, "check").await;
    wait_check_finished(&mut e).await;
    let lines = check_lines(&e).await;
    assert!(lines.iter().any(|(id, _, _)| id == "auth"), "no sign-in line in {lines:?}");
    let not_green: Vec<_> = lines.iter().filter(|(_, status, _)| status != "ok").collect();
    assert!(not_green.is_empty(), "every check should be green for GOOD_USER, these are not: {not_green:?}");
    e.shot("check-all-green").await;
    e.click("btn-next").await;

    // Filters: the unfiltered count first, then one company type ticked.
    expect_step(&e, "filters").await;
    let all = leading_number(&e.text("preview-companies").await);
    assert_eq!(all, fixtures::CONTOSO_COMPANY_COUNT as u64, "unfiltered company count");
    e.shot("filters-none").await;
    let customer = format!("filter-companyTypes-{TYPE_CUSTOMER}");
    e.click(&customer).await;
    let want_companies = fixtures::contoso_count(|c| c.company_type == TYPE_CUSTOMER) as u64;
    let want_contacts = fixtures::contoso_contacts_of(|c| c.company_type == TYPE_CUSTOMER, |_| true) as u64;
    assert_ne!(want_companies, all, "the fixture must make this filter narrow something");
    // The count is debounced and fetched live: wait until it has moved off the unfiltered number.
    let companies = e
        .wait_until("the company count to update after ticking Customer", async |c| {
            let el = c.find(fantoccini::Locator::Css("[data-testid=\"preview-companies\"]")).await.ok()?;
            let n = leading_number(&el.text().await.ok()?);
            (n != all).then_some(n)
        })
        .await;
    assert_eq!(companies, want_companies, "companies selected by company type Customer");
    let contacts = leading_number(&e.text("preview-contacts").await);
    assert_eq!(contacts, want_contacts, "contacts of the Customer companies");
    assert!(!e.text("preview-sample").await.trim().is_empty(), "a few example names are shown");
    e.shot("filters-customer").await;
    e.click("btn-next").await;

    expect_step(&e, "summary").await;
    assert_eq!(e.text("summary-username").await.trim(), fixtures::GOOD_USER, "username trimmed on the summary");
    assert!(e.text("summary-zone").await.contains(fixtures::ZONE14_NAME), "zone on the summary");
    let summary = e.text("summary").await;
    assert!(!summary.contains(fixtures::GOOD_SECRET), "the secret must never come back to the window");
    e.shot("summary").await;
    e.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real window: needs a display, tauri-driver and the built app (scripts/test.sh)"]
async fn wrong_secret_gets_the_wrong_secret_advice() {
    let Some(mut e) = E2e::launch("wrong_secret").await else {
        return;
    };
    choose_custom_integration(&mut e).await;
    enter_username(&mut e, fixtures::GOOD_USER).await;
    enter_secret(&mut e, "Not-The-Secret-123!", fixtures::INTEGRATION_CODE).await;
    expect_zone(&mut e, fixtures::ZONE14_NAME).await;
    e.click("btn-next").await;

    expect_step(&e, "check").await;
    wait_check_finished(&mut e).await;
    let code = e.attr("error-panel", "data-code").await;
    assert_eq!(code.as_deref(), Some("auth_wrong_secret"), "the check's error");
    let advice = e.text("error-panel-advice").await;
    assert!(advice.contains("secret"), "advice should say what to do about the secret: {advice:?}");
    let auth = check_lines(&e).await.into_iter().find(|(id, _, _)| id == "auth");
    let (_, status, class) = auth.expect("a sign-in line");
    assert_eq!(status, "failed", "sign-in line status");
    assert!(class.contains("tone-bad"), "sign-in line is shown red: {class}");
    assert!(e.visible("btn-fix-secret").await, "a button leads back to the secret");
    assert!(!e.visible("btn-next").await || !e.el("btn-next").await.is_enabled().await.unwrap());
    e.shot("check-wrong-secret").await;

    e.click("btn-fix-secret").await;
    expect_step(&e, "secret").await;
    e.shot("back-on-secret").await;
    e.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real window: needs a display, tauri-driver and the built app (scripts/test.sh)"]
async fn unknown_username_shows_the_unknown_user_message_on_the_zone_step() {
    let Some(mut e) = E2e::launch("unknown_username").await else {
        return;
    };
    choose_custom_integration(&mut e).await;
    enter_username(&mut e, fixtures::UNKNOWN_USER).await;
    enter_secret(&mut e, "Any-Secret-1!", fixtures::INTEGRATION_CODE).await;

    let code = e.attr("error-panel", "data-code").await;
    assert_eq!(code.as_deref(), Some("zone_unknown_user"));
    let title = e.text("error-panel-title").await;
    assert!(title.contains("doesn't know this username"), "message: {title:?}");
    assert!(!e.visible("zone-result").await, "no zone is shown for an unknown user");
    assert!(!e.el("btn-next").await.is_enabled().await.unwrap(), "Next stays disabled without a zone");
    e.shot("zone-unknown-user").await;

    e.click("btn-fix-username").await;
    expect_step(&e, "username").await;
    let kept = e.el("input-username").await.prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(kept, fixtures::UNKNOWN_USER, "Back keeps what was typed");
    e.shot("back-on-username").await;
    e.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real window: needs a display, tauri-driver and the built app (scripts/test.sh)"]
async fn missing_contacts_permission_is_red_with_a_fix() {
    let Some(mut e) = E2e::launch("missing_permission").await else {
        return;
    };
    choose_custom_integration(&mut e).await;
    enter_username(&mut e, fixtures::NO_CONTACTS_USER).await;
    enter_secret(&mut e, fixtures::NO_CONTACTS_SECRET, fixtures::INTEGRATION_CODE).await;
    expect_zone(&mut e, fixtures::ZONE14_NAME).await;
    e.click("btn-next").await;

    expect_step(&e, "check").await;
    wait_check_finished(&mut e).await;
    let lines = check_lines(&e).await;
    let contacts = lines
        .iter()
        .find(|(id, _, _)| id.contains("contacts"))
        .unwrap_or_else(|| panic!("no contacts line in {lines:?}"));
    assert_eq!(contacts.1, "missing", "contacts line status");
    assert!(contacts.2.contains("tone-bad"), "contacts line is red: {}", contacts.2);
    let fix = e.text(&format!("check-fix-{}", contacts.0)).await;
    assert!(fix.len() > 20, "the red line says what to change: {fix:?}");
    let auth = lines.iter().find(|(id, _, _)| id == "auth").expect("sign-in line");
    assert_eq!(auth.1, "ok", "sign-in itself works for this user");
    assert!(!e.el("btn-next").await.is_enabled().await.unwrap(), "Next waits until the permission is fixed");
    e.shot("check-missing-contacts").await;
    e.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real window: needs a display, tauri-driver and the built app (scripts/test.sh)"]
async fn manual_zone_override_passes_the_test() {
    let Some(mut e) = E2e::launch("manual_zone").await else {
        return;
    };
    // Zone detection is down: the partner pastes the address instead.
    e.sim.set_fault(FaultTarget::ZoneLookup, Some(Fault::Status { status: 503, body: "Service Unavailable".into() }));
    choose_custom_integration(&mut e).await;
    enter_username(&mut e, fixtures::GOOD_USER).await;
    enter_secret(&mut e, fixtures::GOOD_SECRET, fixtures::INTEGRATION_CODE).await;
    e.el("error-panel").await;
    e.shot("zone-detection-failed").await;

    e.click("btn-zone-override").await;
    let api_url = e.sim.zone_api_url(14);
    e.type_into("input-zone-override", &api_url).await;
    e.shot("zone-override-typed").await;
    e.click("btn-zone-override-apply").await;
    let source = e
        .wait_until("the pasted zone to be shown", async |c| {
            let el = c.find(fantoccini::Locator::Css("[data-testid=\"zone-result\"]")).await.ok()?;
            el.attr("data-source").await.ok()?
        })
        .await;
    assert_eq!(source, "manual");
    e.shot("zone-manual").await;
    e.click("btn-next").await;

    expect_step(&e, "check").await;
    wait_check_finished(&mut e).await;
    let lines = check_lines(&e).await;
    let not_green: Vec<_> = lines.iter().filter(|(_, status, _)| status != "ok").collect();
    assert!(not_green.is_empty(), "the check passes with the pasted zone; not green: {not_green:?}");
    assert!(e.el("btn-next").await.is_enabled().await.unwrap(), "Next is open after a passing test");
    e.shot("check-manual-zone").await;
    e.finish().await;
}
