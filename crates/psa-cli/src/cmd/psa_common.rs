//! The parts of `autotask` and `connectwise` that do not depend on the PSA, so both commands answer with the
//! same JSON shape, log lines and exit statuses.

use clap::Args;
use psa_core::model::{CheckItem, CheckReport, Psa};
use psa_core::{ErrorCode, PsaError};
use serde_json::{json, Value};

use crate::output::{exit_code_for, Rendered, EXIT_CHECK_FAILED, EXIT_OK};

/// `check`'s flags: how to reach and sign in to the PSA (`C`: Autotask's or ConnectWise's connection flags).
#[derive(Debug, Args)]
pub struct CheckArgs<C: Args> {
    #[command(flatten)]
    pub conn: C,
}

/// `preview`'s flags: the connection flags plus the PSA's filter flags (`F`).
#[derive(Debug, Args)]
pub struct PreviewArgs<C: Args, F: Args> {
    #[command(flatten)]
    pub conn: C,
    #[command(flatten)]
    pub filters: F,
}

/// A URL flag's value, or `None` when it is absent or blank so the environment or production decides.
pub fn url_flag(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|u| !u.is_empty())
}

/// The error for a template that exists but has no setup for `psa`, naming the templates that do.
pub fn template_without(psa: Psa, template_id: &str) -> PsaError {
    let name = psa.short_name();
    let usable: Vec<String> =
        psa_core::templates::list().into_iter().filter(|t| t.psas.contains(&psa)).map(|t| t.id).collect();
    PsaError::new(
        ErrorCode::TemplateUnknown,
        format!("The template \"{template_id}\" has no {name} setup."),
        format!("Use one of the {name} templates: {}.", usable.join(", ")),
    )
}

/// Logs each check line as it finishes, so `-v` shows progress (never the secret: items do not hold it).
pub fn log_item(it: &CheckItem) {
    tracing::info!(id = %it.id, status = ?it.status, "{}", it.message);
}

/// The exit status a finished check stands for.
pub fn check_exit(r: &CheckReport) -> i32 {
    match &r.error {
        Some(e) => exit_code_for(e.code),
        None if r.passed() => EXIT_OK,
        None => EXIT_CHECK_FAILED,
    }
}

/// A finished `check`: the engine's report as the JSON document, `human` for people, its exit status.
pub fn check_rendered(report: &CheckReport, template: Option<&str>, human: String) -> Result<Rendered, PsaError> {
    let mut json = serde_json::to_value(report).map_err(|e| PsaError::internal(format!("report: {e}")))?;
    name_template(&mut json, template);
    Ok(Rendered { json, human, exit: check_exit(report) })
}

/// Scripts see which template a result was computed for; without one the key is absent.
pub fn name_template(json: &mut Value, template: Option<&str>) {
    if let Some(t) = template {
        json["template"] = json!(t);
    }
}
