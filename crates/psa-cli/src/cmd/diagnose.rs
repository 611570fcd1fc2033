//! `psa-connect diagnose NAME`: re-tests a saved profile and prints a report to send to support (app
//! version, OS, PSA, template, zone and hosts, each check with its code, API budget, timings, last log
//! lines). The report is printed even when the test fails; the exit status says how it went.

use clap::Args;
use psa_core::profiles::ProfileStore;
use psa_core::support::diagnose::{check_not_run, is_keychain_error, DiagnosticReport, DEFAULT_LOG_LINES};
use psa_core::support::logging::{LogFiles, APP_LOG_STEM, CLI_LOG_STEM};
use psa_core::{ErrorCode, PsaError};
use serde_json::json;

use super::profile::{check_profile, ProfileChecked};
use super::psa_common::check_exit;
use super::Ctx;
use crate::output::{exit_code_for, Rendered};

#[derive(Debug, Args)]
pub struct DiagnoseArgs {
    /// The saved profile to test.
    pub name: String,
    /// Also save the report to FILE: JSON when the name ends in .json, plain text otherwise.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<String>,
    /// How many of the last log lines to include.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_LOG_LINES)]
    pub log_lines: usize,
}

pub async fn run(a: DiagnoseArgs, ctx: &Ctx) -> Result<Rendered, PsaError> {
    let store = ProfileStore::from_env()?;
    let profile = store.get(&a.name)?;
    tracing::info!(profile = %profile.name, template = %profile.template, "diagnose: testing the profile");
    // A keychain that cannot give the secret is itself the diagnosis: report it instead of stopping.
    let (report, profile, secret) = match check_profile(&store, &profile, ctx).await {
        Ok(ProfileChecked { report, profile, secret }) => (report, profile, Some(secret)),
        Err(e) if is_local(e.code) => {
            tracing::warn!(code = ?e.code, "diagnose: the test could not run");
            (check_not_run(&profile, e), profile, None)
        }
        Err(e) => return Err(e),
    };
    let exit = check_exit(&report);
    let lines = LogFiles::from_env(CLI_LOG_STEM).map(|f| f.tail(a.log_lines)).unwrap_or_default();
    // The desktop app logs to the same folder: its latest start-up time helps support too.
    let app_log = LogFiles::from_env(APP_LOG_STEM).ok();
    let mut diag =
        DiagnosticReport::build(env!("CARGO_PKG_VERSION"), &profile, &report, lines).with_startup(app_log.as_ref());
    if let Some(s) = &secret {
        diag = diag.redact(s);
    }
    let mut human = diag.to_text();
    let mut json = json!({ "ok": diag.ok, "report": diag });
    if let Some(path) = a.output.as_deref() {
        let body = if path.to_ascii_lowercase().ends_with(".json") {
            serde_json::to_string_pretty(&diag).map_err(|e| PsaError::internal(format!("json: {e}")))? + "\n"
        } else {
            diag.to_text()
        };
        std::fs::write(path, body).map_err(|e| {
            PsaError::new(
                ErrorCode::ProfileStoreIo,
                format!("Could not write the report to {path}."),
                "Choose a folder you may write to.",
            )
            .with_details(e.to_string())
        })?;
        human.push_str(&format!("\nSaved to {path}. Send it to support; it contains no secret.\n"));
        json["file"] = json!(path);
    }
    Ok(Rendered { json, human, exit })
}

fn is_local(code: ErrorCode) -> bool {
    is_keychain_error(code) || exit_code_for(code) == crate::output::EXIT_LOCAL && code != ErrorCode::Internal
}
