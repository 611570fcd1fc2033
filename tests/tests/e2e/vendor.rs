//! End-to-end: the vendor's identifiers are the vendor's (issue 13). In the real window, a partner connecting
//! a vendor's integration types exactly two things, the API user's username and secret, and reaches a passing
//! connection test, whether the vendor's integration code comes from the vendor's pack (PSA_CONNECT_PACK, the
//! simulators' test pack) or from the vendor's setup link (a hand-off, with the app started without a pack).
//! Without either, the wizard explains how to get them and asks for nothing. Every typed field is counted.

use crate::harness::wizard::{check_lines, expect_step, expect_zone, wait_check_finished};
use crate::harness::E2e;
use psa_core::connection::Connection;
use psa_core::model::FilterSet;
use psa_core::profiles::ProfileInput;
use psa_core::support::handoff::Handoff;
use psa_tests::autotask::fixtures;

const TEMPLATE: &str = "binox-msp";

/// Every field the test types into, in order: the count the issue asks for.
#[derive(Default)]
struct Typed(Vec<String>);

impl Typed {
    async fn type_into(&mut self, e: &E2e, testid: &str, text: &str) {
        e.type_into(testid, text).await;
        self.0.push(testid.to_string());
    }
}

/// The Secret step of a vendor template: no field for the vendor's code, and it says where the code came from.
async fn secret_step_asks_only_the_secret(e: &mut E2e, source: &str) {
    e.el("input-secret").await;
    assert!(!e.visible("input-integration-code").await, "no field for the vendor's integration code");
    let note = e.wait_text("vendor-identifier-supplied", source).await;
    assert!(note.contains("nothing to type"), "{note}");
    e.shot("secret-only").await;
}

/// Zone, then the connection test: every line passes for a fully permissioned API user.
async fn zone_and_passing_test(e: &mut E2e) {
    expect_zone(e, fixtures::ZONE14_NAME).await;
    e.click("btn-next").await;
    expect_step(e, "check").await;
    wait_check_finished(e).await;
    let lines = check_lines(e).await;
    let bad: Vec<_> = lines.iter().filter(|(_, s, _)| !["ok", "warning", "skipped"].contains(&s.as_str())).collect();
    assert!(bad.is_empty(), "every line passes: {bad:?}");
    assert!(lines.iter().any(|(id, s, _)| id == "auth" && s == "ok"), "{lines:?}");
    assert_eq!(e.attr("check-summary", "data-ok").await.as_deref(), Some("true"));
    e.shot("check-passed").await;
    let page = e.client.source().await.expect("page source");
    assert!(!page.contains(fixtures::FULL_ACCESS_SECRET), "the secret never came back to the window");
    assert!(!page.contains(fixtures::INTEGRATION_CODE), "the vendor's code is not shown in the window");
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real window: needs a display, tauri-driver and the built app (scripts/test.sh)"]
async fn with_the_vendors_pack_the_partner_types_two_fields_to_a_passing_test() {
    let Some(mut e) = E2e::launch("vendor-pack").await else {
        return;
    };
    assert_eq!(e.text("pack-vendor").await.trim(), "Simulated Vendor", "the app shows whose pack is in use");
    assert_eq!(e.text("header-pack").await.trim(), "Set up for Simulated Vendor");
    let mut typed = Typed::default();
    e.click("psa-autotask").await;
    e.click(&format!("integration-{TEMPLATE}")).await;
    e.shot("pack-in-use").await;
    e.click("btn-next").await;
    e.el("setup-steps").await;
    e.click("btn-next").await;

    typed.type_into(&e, "input-username", fixtures::FULL_ACCESS_USER).await;
    e.click("btn-next").await;
    secret_step_asks_only_the_secret(&mut e, "Simulated Vendor's PSA Connect pack").await;
    typed.type_into(&e, "input-secret", fixtures::FULL_ACCESS_SECRET).await;
    e.click("btn-next").await;

    zone_and_passing_test(&mut e).await;
    assert_eq!(typed.0, ["input-username", "input-secret"], "exactly two typed fields");
    e.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real window: needs a display, tauri-driver and the built app (scripts/test.sh)"]
async fn with_the_vendors_setup_link_the_partner_types_two_fields_to_a_passing_test() {
    let Some(e) = E2e::launch("vendor-handoff").await else {
        return;
    };
    // No pack, no link: the vendor's integration asks for nothing it cannot have, and says how to get it.
    let mut e = e.restart_with_pack(None, Vec::new()).await;
    assert!(!e.visible("pack-in-use").await);
    e.click("psa-autotask").await;
    e.click(&format!("integration-{TEMPLATE}")).await;
    let needed = e.wait_text("vendor-identifier-needed", "setup link or PSA Connect pack").await;
    assert!(needed.contains("Ask Binox"), "{needed}");
    e.shot("no-pack-explains").await;

    // The vendor's setup link: the template and the vendor's code, no username, zone or secret.
    let profile = ProfileInput {
        name: "Contoso for Binox".into(),
        template: TEMPLATE.into(),
        connection: Connection::autotask("", fixtures::INTEGRATION_CODE, None),
        filters: FilterSet::default(),
        settings: Default::default(),
        notes: String::new(),
    };
    let (doc, _) = Handoff::create(profile, None).expect("a valid hand-off");
    let link = doc.to_link();
    let mut e = e.restart_with_pack(None, vec![link]).await;

    let mut typed = Typed::default();
    expect_step(&e, "username").await;
    e.shot("opened-on-username").await;
    typed.type_into(&e, "input-username", fixtures::FULL_ACCESS_USER).await;
    e.click("btn-next").await;
    secret_step_asks_only_the_secret(&mut e, "setup details you were sent").await;
    typed.type_into(&e, "input-secret", fixtures::FULL_ACCESS_SECRET).await;
    e.click("btn-next").await;

    zone_and_passing_test(&mut e).await;
    assert_eq!(typed.0, ["input-username", "input-secret"], "exactly two typed fields");
    e.finish().await;
}
