//! `psa-connect profile list|show|save|check|delete|export|import`: connection profiles, with the secret
//! in the OS keychain only. Profiles live in `PSA_CONNECT_DATA_DIR` (else the OS app-data directory).

use std::io::IsTerminal;
use std::sync::Arc;

use clap::{Args, Subcommand, ValueEnum};
use psa_core::connection::Connection;
use psa_core::keychain::KeyringStore;
use psa_core::profiles::recheck_all::{self, KeychainRecheck, RecheckEnv, RecheckLimits};
use psa_core::profiles::{self, recheck, service, ProfileStore};
use psa_core::{ErrorCode, PsaError};
use serde_json::{json, Value};

use super::autotask::{ConnectionArgs, FilterArgs};
use super::connectwise::CwConnectionArgs;
use super::connectwise_filters::CwFilterArgs;
use super::psa_common::{check_exit, log_item};
use super::{autotask_report, connectwise_report, profile_report as text, profile_save, profile_transfer, Ctx};
use crate::output::Rendered;

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// List saved profiles with their last test result.
    List,
    /// Show one profile (its secret only with --for-vendor --include-secret).
    Show(ShowArgs),
    /// Test an Autotask connection and save it as a profile; the secret goes to the OS keychain.
    Save(Box<SaveArgs>),
    /// Test a ConnectWise connection and save it as a profile; the private key goes to the OS keychain.
    #[command(name = "save-connectwise")]
    SaveConnectwise(Box<CwSaveArgs>),
    /// Re-test a saved profile with the secret from the keychain (`--all`: every saved profile at once).
    Check(CheckArgs),
    /// Delete a profile and its keychain entry.
    Delete(DeleteArgs),
    /// Write profiles to a file, without any secret.
    Export(ExportArgs),
    /// Read profiles from an export file; each secret is entered afterwards.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct NameArg {
    /// The profile's name.
    pub name: String,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The profile's name.
    pub name: String,
    /// What to type into the vendor's own portal, in its words and order (the wizard's last step).
    #[arg(long)]
    pub for_vendor: bool,
    /// With --for-vendor: also print the values that hold the secret, read from the keychain. They go to
    /// standard output only (never to a log); mind where that output goes.
    #[arg(long, requires = "for_vendor")]
    pub include_secret: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The profile's name.
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub name: Option<String>,
    /// Re-test every saved profile concurrently (at most 3 at once per PSA host and tracking identifier).
    #[arg(long)]
    pub all: bool,
    /// With --all: how many re-tests may run at once in all.
    #[arg(long, value_name = "N", requires = "all", default_value_t = RecheckLimits::default().total)]
    pub max_parallel: usize,
}

#[derive(Debug, Args)]
pub struct SaveArgs {
    /// Name for the new profile.
    pub name: String,
    #[command(flatten)]
    pub conn: ConnectionArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Save even when the check fails.
    #[arg(long)]
    pub force: bool,
    /// Replace the profile of this name if there is one: its connection, secret, template, filters and notes
    /// become what this command gives. Without it, a name in use is refused before anything is checked.
    #[arg(long)]
    pub replace: bool,
    /// Free text kept with the profile.
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
}

#[derive(Debug, Args)]
pub struct CwSaveArgs {
    /// Name for the new profile.
    pub name: String,
    #[command(flatten)]
    pub conn: CwConnectionArgs,
    #[command(flatten)]
    pub filters: CwFilterArgs,
    /// Save even when the check fails.
    #[arg(long)]
    pub force: bool,
    /// Replace the profile of this name if there is one: its connection, secret, template, filters and notes
    /// become what this command gives. Without it, a name in use is refused before anything is checked.
    #[arg(long)]
    pub replace: bool,
    /// Free text kept with the profile.
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    pub name: String,
    /// Do not ask for confirmation.
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Profiles to export (default: all).
    pub names: Vec<String>,
    /// File to write; `-` or absent: standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnClash {
    /// Keep the existing profile, drop the imported one.
    Skip,
    /// Import under a free name: "NAME (imported)".
    Rename,
    /// Overwrite the existing profile's settings.
    Replace,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// An export file written by `psa-connect profile export` or the app.
    pub file: String,
    /// What to do when a profile of the same name exists. Without it, clashes are reported and nothing
    /// is imported.
    #[arg(long, value_enum, value_name = "CHOICE")]
    pub on_clash: Option<OnClash>,
}

pub async fn run(cmd: ProfileCommand, ctx: &Ctx) -> Result<Rendered, PsaError> {
    let store = ProfileStore::from_env()?;
    match cmd {
        ProfileCommand::List => list(&store, ctx),
        ProfileCommand::Show(a) if a.for_vendor => show_for_vendor(&store, &a, ctx),
        ProfileCommand::Show(a) => show(&store, &a.name, ctx),
        ProfileCommand::Save(a) => profile_save::save(&store, *a, ctx).await,
        ProfileCommand::SaveConnectwise(a) => profile_save::save_connectwise(&store, *a, ctx).await,
        ProfileCommand::Check(a) => match a.name {
            Some(name) if !a.all => check(&store, &name, ctx).await,
            _ => check_all(&store, a.max_parallel, ctx).await,
        },
        ProfileCommand::Delete(a) => delete(&store, a),
        ProfileCommand::Export(a) => profile_transfer::export(&store, a),
        ProfileCommand::Import(a) => profile_transfer::import(&store, a),
    }
}

pub(super) fn to_json<T: serde::Serialize>(v: &T) -> Result<Value, PsaError> {
    serde_json::to_value(v).map_err(|e| PsaError::internal(format!("json: {e}")))
}

fn list(store: &ProfileStore, ctx: &Ctx) -> Result<Rendered, PsaError> {
    let profiles = store.list()?;
    let human = text::list_text(&profiles, ctx.style);
    Ok(Rendered::ok(json!({ "ok": true, "profiles": to_json(&profiles)? }), human))
}

fn show(store: &ProfileStore, name: &str, ctx: &Ctx) -> Result<Rendered, PsaError> {
    let profile = store.get(name)?;
    let human = text::show_text(&profile, ctx.style);
    Ok(Rendered::ok(json!({ "ok": true, "profile": to_json(&profile)? }), human))
}

/// `profile show NAME --for-vendor [--include-secret]`: the vendor-portal form with this profile's values.
fn show_for_vendor(store: &ProfileStore, a: &ShowArgs, ctx: &Ctx) -> Result<Rendered, PsaError> {
    use psa_core::portal;
    let profile = store.get(&a.name)?;
    let template = psa_core::templates::get(&profile.template)?;
    let facts = portal::facts_of(&profile.connection);
    let view = portal::view(&template, profile.psa(), &facts)?;
    let secret = if a.include_secret {
        let keys = KeyringStore::from_env()?;
        Some(service::load_secret(&profile, &keys)?)
    } else {
        None
    };
    let mut lines = Vec::new();
    let mut human = format!(
        "{} {} — enter it in {}\n{} {}\n\n",
        ctx.style.bold("Profile"),
        profile.name,
        view.portal,
        ctx.style.bold("Where:"),
        view.menu_path
    );
    for line in &view.lines {
        let value = match (line.value, &secret) {
            (Some(v), Some(s)) if v.holds_secret() => Some(portal::compose(v, &facts, Some(s))?),
            (Some(_), _) => line.display.clone(),
            (None, _) => None,
        };
        match &value {
            Some(v) => human.push_str(&format!("{:>2}. {}: {}\n", line.position, line.label, v)),
            None => human.push_str(&format!("{:>2}. {}\n", line.position, line.label)),
        }
        if let Some(note) = &line.note {
            human.push_str(&format!("    {}\n", ctx.style.dim(note)));
        }
        lines.push(json!({
            "position": line.position,
            "label": line.label,
            "value": line.value,
            "secret": line.secret,
            "text": value,
            "note": line.note,
        }));
    }
    if let Some(success) = &view.success {
        human.push_str(&format!("\nWhen it works, {} shows: \"{}\"\n", view.portal, success));
    }
    if !view.later.is_empty() {
        human.push_str(&format!("\n{}\n", ctx.style.bold("Then:")));
        for later in &view.later {
            human.push_str(&format!(" - {later}\n"));
        }
    }
    if secret.is_none() && view.lines.iter().any(|l| l.secret) {
        human.push_str("\nThe secret is not shown. Add --include-secret to print it from the keychain.\n");
    }
    let json = json!({
        "ok": true,
        "profile": profile.name,
        "templateId": view.template_id,
        "portal": view.portal,
        "menuPath": view.menu_path,
        "lines": lines,
        "success": view.success,
        "later": view.later,
        "secretIncluded": secret.is_some(),
    });
    Ok(Rendered::ok(json, human))
}

/// The check as text, in the words of the profile's PSA.
fn check_text(profile: &profiles::Profile, report: &psa_core::model::CheckReport, ctx: &Ctx) -> String {
    match &profile.connection {
        Connection::Autotask(a) => autotask_report::check_text(&a.username, report, Some(&profile.template), ctx.style),
        Connection::Connectwise(c) => {
            connectwise_report::check_text(&c.company_id, report, Some(&profile.template), ctx.style)
        }
    }
}

async fn check(store: &ProfileStore, name: &str, ctx: &Ctx) -> Result<Rendered, PsaError> {
    let profile = store.get(name)?;
    let ProfileChecked { report, profile: updated, .. } = check_profile(store, &profile, ctx).await?;
    let mut human = format!("{} {}\n", ctx.style.bold("Profile"), profile.name);
    human.push_str(&check_text(&profile, &report, ctx));
    let json = json!({ "ok": report.ok, "profile": to_json(&updated)?, "check": to_json(&report)? });
    Ok(Rendered { json, human, exit: check_exit(&report) })
}

/// Every saved profile re-tested at once (psa-core's scheduler), one progress line each on stderr as it
/// finishes, then the list and one summary line. Exit status 1 when any failed, 130 when cancelled.
async fn check_all(store: &ProfileStore, max_parallel: usize, ctx: &Ctx) -> Result<Rendered, PsaError> {
    let profiles = store.list()?;
    let one = KeychainRecheck { secrets: Arc::new(KeyringStore::from_env()?), env: RecheckEnv::from_env() };
    let limits = RecheckLimits { total: max_parallel.max(1), ..RecheckLimits::default() };
    let style = ctx.style;
    let (mut results, summary) = recheck_all::recheck_all(profiles, limits, &one, &ctx.cancel, &|r| {
        eprintln!("{}", text::recheck_line(r, style));
    })
    .await;
    recheck_all::record_all(store, &results)?;
    results.sort_by_key(|r| r.name.to_lowercase());
    let mut human: String = results.iter().map(|r| text::recheck_line(r, style) + "\n").collect();
    human.push_str(&format!("{}\n", style.bold(&summary.line)));
    let exit = if summary.cancelled > 0 {
        crate::output::EXIT_CANCELLED
    } else if summary.failed > 0 {
        crate::output::EXIT_CHECK_FAILED
    } else {
        crate::output::EXIT_OK
    };
    let json =
        json!({ "ok": exit == crate::output::EXIT_OK, "results": to_json(&results)?, "summary": to_json(&summary)? });
    Ok(Rendered { json, human, exit })
}

/// A saved profile re-tested with its secret from the keychain (also used by `diagnose`).
pub type ProfileChecked = recheck::Rechecked;

/// Runs the profile's connection test through psa-core's re-check service (the right PSA, its stored zone or
/// site, its template's needs) and records the result on it.
pub async fn check_profile(
    store: &ProfileStore,
    profile: &profiles::Profile,
    ctx: &Ctx,
) -> Result<ProfileChecked, PsaError> {
    let keys = KeyringStore::from_env()?;
    let mut opts = recheck::RecheckOptions::from_env();
    opts.cancel = ctx.cancel.clone();
    recheck::recheck(store, profile, &keys, &opts, &log_item).await
}

fn delete(store: &ProfileStore, a: DeleteArgs) -> Result<Rendered, PsaError> {
    let profile = store.get(&a.name)?;
    if !a.yes && !confirm(&format!("Delete profile \"{}\" and its secret in the keychain? [y/N] ", profile.name))? {
        return Err(PsaError::new(
            ErrorCode::Cancelled,
            "Nothing was deleted.",
            "Run it again and answer y, or add --yes.",
        ));
    }
    let keys = KeyringStore::from_env()?;
    let removed = service::delete_profile(store, &profile.id, &keys)?;
    let human = format!("Deleted profile \"{}\" and its keychain entry.\n", removed.name);
    Ok(Rendered::ok(json!({ "ok": true, "deleted": { "id": removed.id, "name": removed.name } }), human))
}

/// Asks on the terminal; without one, `--yes` is required so a script never deletes by accident.
fn confirm(question: &str) -> Result<bool, PsaError> {
    if !std::io::stdin().is_terminal() {
        return Err(PsaError::invalid_input(
            "Deleting a profile needs a confirmation, and there is no terminal to ask on.",
            "Add --yes to confirm on the command line.",
        ));
    }
    eprint!("{question}");
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).map_err(|e| PsaError::internal(format!("stdin: {e}")))?;
    Ok(matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes"))
}
