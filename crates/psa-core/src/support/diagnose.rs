//! The diagnostic report a customer sends to support: what was tested, where, with what result, and the
//! last log lines. Built from a saved profile and the connection test just run on it.
//!
//! Nothing in it can hold a secret: profiles and check reports have no secret fields, and the log lines
//! come from files where secrets are redacted. [`DiagnosticReport::redact`] is a last net for callers that
//! hold the secret anyway (it blanks any log line or text containing it).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use ts_rs::TS;
use url::Url;

use crate::connection::Connection;
use crate::error::PsaError;
use crate::model::{CheckItem, CheckReport, CheckStatus, Threshold};
use crate::profiles::{service::last_check_from, Profile};
use crate::report::thousands;
use crate::support::logging::{number_field, LogFiles};

pub const REPORT_KIND: &str = "psa-connect-diagnostic";
/// Log lines a report carries by default.
pub const DEFAULT_LOG_LINES: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosticReport {
    /// Always `psa-connect-diagnostic`.
    pub kind: String,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub generated_at: OffsetDateTime,
    pub app_version: String,
    /// The operating system, with its release where it can be read (e.g. "Debian GNU/Linux 12 (bookworm)").
    pub os: String,
    pub arch: String,
    pub profile_name: String,
    pub template: String,
    /// The profile's connection, with the zone or site the test ended on (the login is not secret, and
    /// support needs it).
    pub connection: Connection,
    /// Every host the test talked to (API and web), for firewall and proxy questions.
    pub hosts: Vec<String>,
    pub ok: bool,
    /// One line, as on the profile's health badge.
    pub summary: String,
    /// Ids of the check lines that failed (`auth`, `probe.contacts`, ...).
    pub failing_checks: Vec<String>,
    pub checks: Vec<CheckItem>,
    /// The PSA's API budget at the time of the test.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Threshold>,
    #[ts(type = "number")]
    pub requests: u32,
    #[ts(type = "number")]
    pub elapsed_ms: u64,
    /// The blocking error (zone or sign-in), when there was one.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<PsaError>,
    pub log_lines: Vec<String>,
    /// How long the app's latest start took to its first usable screen, in ms, from its log.
    #[ts(optional, type = "number")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_startup_ms: Option<u64>,
}

/// What the app logs once its first screen is painted and usable (with `process_ms=` and `ui_ms=`). The
/// diagnostic report and the start-up benchmark read it back.
pub const STARTUP_READY_MESSAGE: &str = "first screen interactive";

/// From the app's log files: the process age at the first usable screen of its latest start, in ms.
pub fn last_startup_ms(app_log: &LogFiles) -> Option<u64> {
    number_field(&app_log.last_line_with(STARTUP_READY_MESSAGE)?, "process_ms")
}

impl DiagnosticReport {
    /// The report of `check`, just run on `profile`, with the last lines of the program's log.
    pub fn build(app_version: &str, profile: &Profile, check: &CheckReport, log_lines: Vec<String>) -> Self {
        let last = last_check_from(check);
        let mut connection = profile.connection.clone();
        match &mut connection {
            Connection::Autotask(a) => a.zone = check.zone.clone().or(a.zone.take()),
            Connection::Connectwise(c) => c.site = check.site.clone().or(c.site.take()),
        }
        let mut hosts = Vec::new();
        for url in connection.api_url().into_iter().chain(connection.web_url()) {
            if let Some(h) = host_of(url) {
                if !hosts.contains(&h) {
                    hosts.push(h);
                }
            }
        }
        tracing::info!(profile = %profile.name, ok = check.ok, failing = ?last.failing_checks, "diagnostic report built");
        DiagnosticReport {
            kind: REPORT_KIND.to_string(),
            generated_at: OffsetDateTime::now_utc(),
            app_version: app_version.to_string(),
            os: os_description(),
            arch: std::env::consts::ARCH.to_string(),
            profile_name: profile.name.clone(),
            template: profile.template.clone(),
            connection,
            hosts,
            ok: check.ok,
            summary: last.summary,
            failing_checks: last.failing_checks,
            checks: check.items.clone(),
            threshold: check.threshold.clone(),
            requests: check.requests,
            elapsed_ms: check.elapsed_ms,
            error: check.error.clone(),
            log_lines,
            last_startup_ms: None,
        }
    }

    /// Adds the app's latest start-up time (see [`last_startup_ms`]).
    pub fn with_startup(mut self, app_log: Option<&LogFiles>) -> Self {
        self.last_startup_ms = app_log.and_then(last_startup_ms);
        self
    }

    /// Blanks any log line, message or detail that contains `secret` (a caller that holds the secret can
    /// prove to itself the report does not). Secrets shorter than 4 characters are not searched for: they
    /// would blank half the report and are not real API secrets anyway.
    pub fn redact(mut self, secret: &crate::Secret) -> Self {
        let s = secret.expose();
        if s.trim().chars().count() < 4 {
            return self;
        }
        let scrub = |t: &mut String| {
            if t.contains(s) {
                *t = "<line removed: it contained the secret>".to_string();
            }
        };
        self.log_lines.iter_mut().for_each(scrub);
        for item in &mut self.checks {
            scrub(&mut item.message);
            item.details.iter_mut().for_each(scrub);
            item.fix.iter_mut().for_each(scrub);
        }
        if let Some(e) = &mut self.error {
            scrub(&mut e.message);
            e.details.iter_mut().for_each(scrub);
        }
        scrub(&mut self.summary);
        self
    }

    /// Plain text for e-mail or the clipboard.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut line = |s: String| {
            out.push_str(&s);
            out.push('\n');
        };
        line("PSA Connect diagnostic report".to_string());
        line(format!(
            "Generated:    {}",
            self.generated_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
        ));
        line(format!("App:          PSA Connect {} on {} ({})", self.app_version, self.os, self.arch));
        if let Some(ms) = self.last_startup_ms {
            line(format!("Start-up:     {:.2} s to the first screen (the app's latest start)", ms as f64 / 1000.0));
        }
        line(format!("Profile:      {}", self.profile_name));
        line(format!("PSA:          {}", self.connection.psa().product_name()));
        line(format!("Template:     {}", self.template));
        match &self.connection {
            Connection::Autotask(a) => line(format!("API user:     {}", a.username)),
            Connection::Connectwise(c) => {
                line(format!("Company:      {}", c.company_id));
                line(format!("Public key:   {}", c.public_key));
            }
        }
        if let Some(z) = self.connection.zone() {
            let ci = z.ci.map(|c| format!(", tenant {c}")).unwrap_or_default();
            let source = match z.source {
                crate::model::ZoneSource::Detected => "detected",
                crate::model::ZoneSource::Manual => "entered by hand",
            };
            line(format!("Zone:         {} ({source}{ci})", z.zone_name));
            line(format!("  API:        {}", z.api_url));
            line(format!("  Web:        {}", z.web_url));
        }
        if let Some(s) = self.connection.site() {
            line(format!("Site:         {} / company {} (codebase {})", s.site, s.company_id, s.codebase));
            line(format!("  API:        {}", s.api_url));
            line(format!("  Web:        {}", s.web_url));
        }
        line(format!(
            "Hosts:        {}",
            if self.hosts.is_empty() { "(none)".to_string() } else { self.hosts.join(", ") }
        ));
        let verdict = if self.ok { "PASSED" } else { "FAILED" };
        line(format!("Result:       {verdict}: {}", self.summary));
        if !self.failing_checks.is_empty() {
            line(format!("Failing:      {}", self.failing_checks.join(", ")));
        }
        if let Some(e) = &self.error {
            line(format!("Error:        [{}] {}", e.code.name(), e.message));
            line(format!("  Fix:        {}", e.fix));
            if let Some(d) = &e.details {
                line(format!("  Details:    {d}"));
            }
        }
        line(String::new());
        line("Checks:".to_string());
        let width = self.checks.iter().map(|c| c.id.len()).max().unwrap_or(0);
        for c in &self.checks {
            let code = c.code.map(|c| format!(" [{}]", c.name())).unwrap_or_default();
            let ms = c.elapsed_ms.map(|m| format!(" ({m} ms)")).unwrap_or_default();
            line(format!("  {:<10} {:<width$}  {}{code}{ms}", status_label(c.status), c.id, c.message));
            if let Some(f) = c.fix.as_ref().filter(|_| !matches!(c.status, CheckStatus::Ok | CheckStatus::Skipped)) {
                line(format!("  {:<10} {:<width$}  fix: {f}", "", ""));
            }
            if let Some(g) = &c.guide_step {
                line(format!("  {:<10} {:<width$}  where: {g}", "", ""));
            }
        }
        line(String::new());
        match &self.threshold {
            Some(t) => line(format!(
                "API budget:   {} of {} requests used in the last {} minutes",
                thousands(t.used.max(0) as u64),
                thousands(t.limit.max(0) as u64),
                t.timeframe_minutes
            )),
            None => line("API budget:   not read".to_string()),
        }
        line(format!("Requests:     {} in {} ms", self.requests, self.elapsed_ms));
        line(String::new());
        line(format!("Last {} log lines:", self.log_lines.len()));
        for l in &self.log_lines {
            line(format!("  {l}"));
        }
        out
    }
}

fn status_label(s: CheckStatus) -> &'static str {
    match s {
        CheckStatus::Running => "running",
        CheckStatus::Ok => "ok",
        CheckStatus::Warning => "warning",
        CheckStatus::Missing => "MISSING",
        CheckStatus::Restricted => "RESTRICTED",
        CheckStatus::Failed => "FAILED",
        CheckStatus::Skipped => "skipped",
    }
}

fn host_of(url: &str) -> Option<String> {
    let u = Url::parse(url).ok()?;
    let h = u.host_str()?.to_string();
    Some(match u.port() {
        Some(p) => format!("{h}:{p}"),
        None => h,
    })
}

/// "linux", or the distribution's name from /etc/os-release when it has one.
pub fn os_description() -> String {
    let os = std::env::consts::OS;
    if cfg!(target_os = "linux") {
        if let Ok(text) = std::fs::read_to_string("/etc/os-release") {
            if let Some(name) = text.lines().find_map(|l| l.strip_prefix("PRETTY_NAME=")) {
                return format!("{os}: {}", name.trim().trim_matches('"'));
            }
        }
    }
    os.to_string()
}

/// The keychain errors that stop a re-test before anything is sent: a diagnostic report is still made.
pub fn is_keychain_error(code: crate::ErrorCode) -> bool {
    use crate::ErrorCode::*;
    matches!(code, KeychainUnavailable | KeychainLocked | KeychainEntryMissing | KeychainFailed)
}

/// A check report for a test that never started: one failed "keychain" line, the reason as the blocking
/// error, so the diagnostic report still says what stopped it.
pub fn check_not_run(profile: &Profile, e: PsaError) -> CheckReport {
    let line = CheckItem {
        id: "keychain".to_string(),
        label: "Secret from the keychain".to_string(),
        status: CheckStatus::Failed,
        message: e.message.clone(),
        fix: Some(e.fix.clone()),
        code: Some(e.code),
        guide_step: None,
        details: e.details.clone(),
        elapsed_ms: None,
    };
    CheckReport {
        psa: profile.psa(),
        zone: profile.connection.zone().cloned(),
        site: profile.connection.site().cloned(),
        items: vec![line],
        threshold: None,
        picklists: None,
        ok: false,
        error: Some(e),
        requests: 0,
        elapsed_ms: 0,
    }
}
