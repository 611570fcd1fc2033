//! The report's shape and text from a hand-made check report. The real check against the simulator, with
//! the secret scan, is `tests/tests/support_diagnose.rs`.

use super::diagnose::*;
use crate::connection::Connection;
use crate::model::{AutotaskZone, CheckItem, CheckReport, CheckStatus, Psa, Threshold, ZoneSource};
use crate::profiles::{Profile, ProfileInput};
use crate::{ErrorCode, PsaError, Secret};

fn item(id: &str, status: CheckStatus) -> CheckItem {
    CheckItem {
        id: id.into(),
        label: id.into(),
        status,
        message: format!("{id} message"),
        fix: (status != CheckStatus::Ok).then(|| format!("{id} fix")),
        code: (status == CheckStatus::Missing).then_some(ErrorCode::PermissionDenied),
        guide_step: None,
        details: None,
        elapsed_ms: Some(12),
    }
}

fn zone() -> AutotaskZone {
    AutotaskZone {
        zone_name: "AE02".into(),
        api_url: "https://webservices14.autotask.net/ATServicesRest/V1.0".into(),
        web_url: "https://ww14.autotask.net".into(),
        ci: Some(100014),
        source: ZoneSource::Detected,
    }
}

fn profile() -> Profile {
    let now = time::OffsetDateTime::now_utc();
    Profile {
        id: "p1".into(),
        details: ProfileInput {
            name: "Contoso".into(),
            template: "custom".into(),
            connection: Connection::autotask("api@contoso.example", "CODE", Some(zone())),
            filters: Default::default(),
            settings: Default::default(),
            notes: String::new(),
        },
        created_at: now,
        updated_at: now,
        last_check: None,
        secret_ref: Some("profile-p1".into()),
    }
}

fn failing_check() -> CheckReport {
    CheckReport {
        psa: Psa::Autotask,
        zone: Some(zone()),
        site: None,
        items: vec![
            item("zone", CheckStatus::Ok),
            item("auth", CheckStatus::Ok),
            item("probe.contacts", CheckStatus::Missing),
        ],
        threshold: Some(Threshold { limit: 10000, used: 42, timeframe_minutes: 60 }),
        picklists: None,
        ok: false,
        error: None,
        requests: 7,
        elapsed_ms: 321,
    }
}

#[test]
fn the_report_names_the_failing_check_hosts_budget_and_versions() {
    let r = DiagnosticReport::build("9.8.7", &profile(), &failing_check(), vec!["log one".into(), "log two".into()]);
    assert_eq!(r.kind, "psa-connect-diagnostic");
    assert_eq!(r.failing_checks, vec!["probe.contacts".to_string()]);
    assert_eq!(r.hosts, vec!["webservices14.autotask.net".to_string(), "ww14.autotask.net".to_string()]);
    assert_eq!(r.arch, std::env::consts::ARCH);
    assert!(r.os.starts_with(std::env::consts::OS), "{}", r.os);
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["appVersion"], "9.8.7");
    assert_eq!(v["checks"][2]["code"], "permission_denied");
    assert_eq!(v["threshold"]["used"], 42);
    assert!(v.get("secretRef").is_none() && !v.to_string().contains("profile-p1"), "no keychain reference: {v}");

    let text = r.to_text();
    for want in [
        "PSA Connect 9.8.7",
        "Datto Autotask",
        "AE02 (detected, tenant 100014)",
        "FAILED",
        "Failing:      probe.contacts",
        "MISSING",
        "[permission_denied]",
        "probe.contacts fix",
        "42 of 10,000 requests",
        "Requests:     7 in 321 ms",
        "  log two",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    // Round trip: the UI hands a report back for its text.
    let back: DiagnosticReport = serde_json::from_value(v).unwrap();
    assert_eq!(back, r);
}

#[test]
fn a_blocking_error_is_shown_with_its_fix() {
    let mut c = failing_check();
    c.items.truncate(1);
    c.error = Some(
        PsaError::new(ErrorCode::AuthWrongSecret, "Autotask refused the secret.", "Generate a new secret.")
            .with_details("HTTP 401"),
    );
    let text = DiagnosticReport::build("1", &profile(), &c, vec![]).to_text();
    assert!(text.contains("Error:        [auth_wrong_secret] Autotask refused the secret."), "{text}");
    assert!(text.contains("Fix:        Generate a new secret.") && text.contains("HTTP 401"), "{text}");
}

#[test]
fn redact_blanks_anything_holding_the_secret() {
    let secret = Secret::new("Sup3r-Secret-Value");
    let mut c = failing_check();
    c.items[2].details = Some("server said Sup3r-Secret-Value".into());
    let r = DiagnosticReport::build("1", &profile(), &c, vec!["ok line".into(), "bad Sup3r-Secret-Value line".into()])
        .redact(&secret);
    let all = format!("{}{}", serde_json::to_string(&r).unwrap(), r.to_text());
    assert!(!all.contains("Sup3r-Secret-Value"), "{all}");
    assert_eq!(r.log_lines[0], "ok line");
    // A tiny "secret" would blank everything; it is not searched for.
    let r = DiagnosticReport::build("1", &profile(), &c, vec!["a".into()]).redact(&Secret::new("a"));
    assert_eq!(r.log_lines, vec!["a".to_string()]);
}

#[test]
fn the_latest_start_up_time_comes_from_the_app_log_when_it_has_one() {
    use crate::support::logging::LogFiles;
    let dir = tempfile::tempdir().unwrap();
    let files = LogFiles::new(dir.path(), "psa-connect-app");
    let report = || DiagnosticReport::build("1.0.0", &profile(), &failing_check(), vec![]);

    // No log yet, or a log without the line: nothing is claimed.
    assert_eq!(report().with_startup(Some(&files)).last_startup_ms, None);
    assert!(!report().to_text().contains("Start-up:"));
    std::fs::write(
        files.numbered(1),
        format!("t INFO startup: {STARTUP_READY_MESSAGE} process_ms=910 ui_ms=300\nolder\n"),
    )
    .unwrap();
    std::fs::write(files.current(), "t INFO PSA Connect started\n").unwrap();
    // Only an older file has it: that start is the latest one logged.
    assert_eq!(last_startup_ms(&files), Some(910));
    // The current file's newest line wins over earlier starts.
    let current = format!(
        "t INFO startup: {m} process_ms=700 ui_ms=200\nt INFO other\nt INFO startup: {m} process_ms=640 ui_ms=160\n",
        m = STARTUP_READY_MESSAGE
    );
    std::fs::write(files.current(), current).unwrap();
    let r = report().with_startup(Some(&files));
    assert_eq!(r.last_startup_ms, Some(640));
    assert!(r.to_text().contains("Start-up:     0.64 s to the first screen"), "{}", r.to_text());
    assert_eq!(serde_json::to_value(&r).unwrap()["lastStartupMs"], 640);
    assert_eq!(report().with_startup(None).last_startup_ms, None);
}
