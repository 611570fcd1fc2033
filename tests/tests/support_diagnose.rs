//! The diagnostic report of a real failing check (issue 7): the Autotask simulator on 127.0.0.1, an API user
//! without the Contacts permission, the shipped log configuration writing to real files. The report must
//! name the failing check and must not contain the secret in its JSON, its text or its log lines.

// A program of its own, not a module of `engine`: the log subscriber below is this thread's only, and
// tracing caches per call site whether anyone listens, so a test on another thread of the same program
// could hide a log line from the secret scan of the files.
#[path = "engine/autotask_support/mod.rs"]
mod autotask_support;

use autotask_support::*;
use psa_core::connection::Connection;
use psa_core::model::{CheckItem, CheckStatus};
use psa_core::profiles::{Profile, ProfileInput};
use psa_core::support::diagnose::DiagnosticReport;
use psa_core::support::logging::{file_layer, parse_filter, LogFiles, RotatingWriter, DEFAULT_FILE_FILTER};
use psa_core::ErrorCode;
use psa_tests::autotask::fixtures as fx;
use tracing_subscriber::layer::SubscriberExt;

fn profile_for(report_zone: Option<psa_core::model::AutotaskZone>) -> Profile {
    let now = time::OffsetDateTime::now_utc();
    Profile {
        id: "diag".into(),
        details: ProfileInput {
            name: "Contoso (no contacts)".into(),
            template: "custom".into(),
            connection: Connection::autotask(fx::NO_CONTACTS_USER, fx::INTEGRATION_CODE, report_zone),
            filters: Default::default(),
            settings: Default::default(),
            notes: String::new(),
        },
        created_at: now,
        updated_at: now,
        last_check: None,
        secret_ref: Some("profile-diag".into()),
    }
}

// current_thread: the scoped subscriber below sees every event of the check.
#[tokio::test(flavor = "current_thread")]
async fn the_report_of_a_failing_check_names_it_and_holds_no_secret() {
    let sim = sim().await;
    let logs = tempfile::tempdir().unwrap();
    let files = LogFiles::new(logs.path(), "diag");
    // The shipped filter, plus this test's own target (standing in for the CLI's and the app's).
    let filter = parse_filter(&format!("{DEFAULT_FILE_FILTER},support_diagnose=info")).unwrap();
    let subscriber =
        tracing_subscriber::registry().with(file_layer(RotatingWriter::open(files.clone()).unwrap(), filter));
    let _guard = tracing::subscriber::set_default(subscriber);

    let creds = creds(fx::NO_CONTACTS_USER, fx::NO_CONTACTS_SECRET);
    // What the programs log around a check: the credentials (redacted by type) and each finished line.
    tracing::info!(?creds, "connection test started");
    let report = psa_core::autotask::run_check(&creds, &opts(&sim), &|i: &CheckItem| {
        if i.status != CheckStatus::Running {
            tracing::info!(id = %i.id, status = ?i.status, code = ?i.code, "{}", i.message);
        }
    })
    .await;
    assert!(!report.ok);
    let profile = profile_for(report.zone.clone());
    let diag = DiagnosticReport::build("0.1.0", &profile, &report, files.tail(60));

    assert_eq!(diag.failing_checks, vec!["probe.contacts".to_string()], "{diag:#?}");
    let contacts = diag.checks.iter().find(|c| c.id == "probe.contacts").unwrap();
    assert_eq!(contacts.code, Some(ErrorCode::PermissionDenied));
    assert!(diag.hosts.iter().any(|h| h.starts_with("127.0.0.1:")), "{:?}", diag.hosts);
    assert!(diag.threshold.is_some() && diag.requests > 0);
    assert!(diag.log_lines.iter().any(|l| l.contains("probe.contacts")), "{:#?}", diag.log_lines);
    assert!(diag.log_lines.iter().any(|l| l.contains("connection test started") && l.contains(fx::NO_CONTACTS_USER)));

    let json = serde_json::to_string(&diag).unwrap();
    let text = diag.to_text();
    assert!(text.contains("probe.contacts") && text.contains("permission_denied") && text.contains("FAILED"), "{text}");
    for doc in [&json, &text] {
        assert_no_secret_in(doc, fx::NO_CONTACTS_SECRET);
    }
    // And the log files themselves.
    for n in 0..=files.keep {
        if let Ok(bytes) = std::fs::read(files.numbered(n)) {
            assert_no_secret_in(&String::from_utf8_lossy(&bytes), fx::NO_CONTACTS_SECRET);
        }
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_wrong_secret_report_carries_the_blocking_error() {
    let sim = sim().await;
    let wrong = "Wrong-Secret-Typed-By-Mistake-123";
    let creds = creds(fx::GOOD_USER, wrong);
    let report = psa_core::autotask::run_check(&creds, &opts(&sim), &|_: &CheckItem| {}).await;
    let diag = DiagnosticReport::build("0.1.0", &profile_for(report.zone.clone()), &report, vec![]);
    let err = diag.error.as_ref().expect("blocking error");
    assert_eq!(err.code, ErrorCode::AuthWrongSecret);
    assert!(diag.failing_checks.contains(&"auth".to_string()), "{:?}", diag.failing_checks);
    let text = diag.to_text();
    assert!(text.contains("[auth_wrong_secret]"), "{text}");
    assert_no_secret_in(&format!("{}{text}", serde_json::to_string(&diag).unwrap()), wrong);
}
