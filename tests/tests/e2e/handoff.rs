//! End-to-end: a support agent's hand-off (issue 7). The app is started with a `psa-connect://` link the
//! agent made (no secret in it): it opens on the secret step with everything else filled in; the customer
//! types the secret and finishes (here a connection whose Contacts permission is missing, saved anyway); the
//! diagnostic report made from the home screen names the failing check and holds no secret. Then the same
//! hand-off as a `.psaconnect` file on the command line (a double-click) opens the same way.

use crate::harness::wizard::{check_lines, expect_step, wait_check_finished};
use crate::harness::E2e;
use psa_core::connection::Connection;
use psa_core::model::{AutotaskZone, FilterSet, ZoneSource};
use psa_core::profiles::ProfileInput;
use psa_core::support::handoff::Handoff;
use psa_core::support::handoff_file::FILE_EXTENSION;
use psa_core::support::logging::{LogFiles, APP_LOG_STEM};
use psa_tests::autotask::{fixtures, AutotaskSim};

const NAMESPACE: &str = "test:e2e-handoff";

/// What the agent prepares: template, username, zone, a filter and a note; never the secret.
fn agent_handoff(sim: &AutotaskSim) -> Handoff {
    let zone = AutotaskZone {
        zone_name: fixtures::ZONE14_NAME.into(),
        api_url: sim.zone_api_url(14),
        web_url: sim.zone_web_url(14),
        ci: None,
        source: ZoneSource::Manual,
    };
    let profile = ProfileInput {
        name: "Contoso from support".into(),
        template: "custom".into(),
        connection: Connection::autotask(fixtures::NO_CONTACTS_USER, fixtures::INTEGRATION_CODE, Some(zone)),
        filters: FilterSet { company_types: vec!["1".into()], ..Default::default() },
        settings: Default::default(),
        notes: "Prepared on the phone with Sam".into(),
    };
    let (doc, _) = Handoff::create(profile, None).expect("a valid hand-off");
    doc
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real window: needs a display, tauri-driver and the built app (scripts/test.sh)"]
async fn a_link_opens_the_secret_step_and_the_report_names_the_failing_check() {
    // The link names the simulator's zone, whose port is known once it runs: start, then relaunch the app with
    // the link on its command line, as the OS does when the customer clicks it.
    let Some(e) = E2e::launch_in_namespace("handoff", NAMESPACE).await else {
        return;
    };
    let link = agent_handoff(&e.sim).to_link();
    assert!(link.starts_with("psa-connect://") && !link.contains(fixtures::NO_CONTACTS_SECRET));
    let mut e = e.restart_with_args(vec![link]).await;

    expect_step(&e, "secret").await;
    let notice = e.text("wizard-notice").await;
    assert!(notice.contains("Prepared by your support contact"), "{notice}");
    assert_eq!(e.attr("input-integration-code", "value").await.as_deref(), Some(fixtures::INTEGRATION_CODE));
    e.shot("opened-on-secret").await;
    e.type_into("input-secret", fixtures::NO_CONTACTS_SECRET).await;
    e.click("btn-next").await;
    expect_step(&e, "zone").await;
    assert_eq!(e.text("zone-name").await.trim(), fixtures::ZONE14_NAME, "the agent's zone is used");
    e.click("btn-next").await;

    expect_step(&e, "check").await;
    wait_check_finished(&mut e).await;
    let lines = check_lines(&e).await;
    assert!(lines.iter().any(|(id, s, _)| id == "probe.contacts" && s != "ok"), "{lines:?}");
    e.shot("check-contacts-missing").await;
    e.click("btn-continue-anyway").await;
    expect_step(&e, "filters").await;
    e.click("btn-next").await;
    expect_step(&e, "summary").await;
    // A failed test's summary says so in its heading.
    let heading = e.text("step-heading").await;
    assert!(!heading.contains("All set up") && heading.contains("did not pass"), "{heading}");
    e.click("btn-save-anyway").await;
    expect_step(&e, "vendor").await;
    e.click("btn-next").await;

    e.el("home-screen").await;
    // Saved under the name the agent chose, with the agent's notes.
    e.el("profile-row-Contoso from support").await;
    let saved = std::fs::read_to_string(e.data_dir.path().join("profiles.json")).unwrap_or_default();
    assert!(saved.contains("Prepared on the phone with Sam"), "the agent's notes are kept: {saved}");
    e.el("support-panel").await;
    e.click("btn-diagnose").await;
    let text = e.wait_text("diag-text", "probe.contacts").await;
    assert_eq!(e.attr("diag-summary", "data-ok").await.as_deref(), Some("false"));
    assert!(!text.contains(fixtures::NO_CONTACTS_SECRET), "the report holds no secret");
    assert!(text.contains("s to the first screen"), "the report gives the latest start-up time: {text}");
    let page = e.client.source().await.expect("page source");
    assert!(!page.contains(fixtures::NO_CONTACTS_SECRET), "the secret never came back to the window");
    e.shot("diagnostic-report").await;

    // The same hand-off as a file the customer double-clicks: the desktop starts the app with its path.
    let file = e.data_dir.path().join(format!("contoso.{FILE_EXTENSION}"));
    std::fs::write(&file, agent_handoff(&e.sim).to_json()).expect("write the hand-off file");
    let mut e = e.restart_with_args(vec![file.display().to_string()]).await;
    expect_step(&e, "secret").await;
    let notice = e.text("wizard-notice").await;
    assert!(notice.contains("Prepared by your support contact"), "{notice}");
    assert_eq!(e.attr("input-integration-code", "value").await.as_deref(), Some(fixtures::INTEGRATION_CODE));
    e.shot("file-opened-on-secret").await;
    e.finish().await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the real window: needs a display, tauri-driver and the built app (scripts/test.sh)"]
async fn a_link_clicked_while_the_app_runs_opens_the_wizard_on_it() {
    let Some(mut e) = E2e::launch_in_namespace("handoff-running", NAMESPACE).await else {
        return;
    };
    e.el("integration-custom").await;
    let link = agent_handoff(&e.sim).to_link();
    // What the desktop does when the customer clicks the link: a second launch with the link as its only
    // argument. It hands the link to the running app over D-Bus (the single-instance plugin) and exits; the
    // app checks it and pushes it to the page, which never asked.
    let second = tokio::process::Command::new(crate::harness::app_binary())
        .arg(&link)
        .env("PSA_CONNECT_DATA_DIR", e.data_dir.path())
        .env("PSA_CONNECT_LOG_DIR", e.data_dir.path().join("logs-second-launch"))
        .env("PSA_CONNECT_KEYCHAIN_NAMESPACE", NAMESPACE)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    let status = e.bounded("the second launch to hand over and exit", second).await;
    assert!(status.is_ok_and(|s| s.success()), "the second launch handed over and exited");

    expect_step(&e, "secret").await;
    let notice = e.text("wizard-notice").await;
    assert!(notice.contains("Prepared by your support contact"), "{notice}");
    assert_eq!(e.attr("input-integration-code", "value").await.as_deref(), Some(fixtures::INTEGRATION_CODE));
    e.log_line("hand-off opened").await;
    // The second launch only handed the link over: the running app is the one that logs it.
    let second_logs = LogFiles::new(e.data_dir.path().join("logs-second-launch"), APP_LOG_STEM);
    assert!(second_logs.last_line_with("PSA Connect started").is_some(), "the second launch keeps a log");
    assert_eq!(second_logs.last_line_with("hand-off"), None, "the second launch logged the hand-off too");
    e.shot("opened-while-running").await;
    e.finish().await;
}
