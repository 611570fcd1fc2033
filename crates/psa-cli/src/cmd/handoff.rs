//! `psa-connect handoff create|show`: a support agent prepares a connection without the secret, as a file
//! or a `psa-connect://` link; the customer opens it in the app, types the secret and presses Test.

use clap::{Args, Subcommand, ValueEnum};
use psa_core::connection::Connection;
use psa_core::model::Psa;
use psa_core::profiles::ProfileInput;
use psa_core::support::handoff::{self, Handoff, HandoffDraft, WizardStep};
use psa_core::support::handoff_file;
use psa_core::{ErrorCode, PsaError};
use serde_json::{json, Value};

use psa_core::connectwise;
use psa_core::http::HttpSettings;

use super::autotask_filters::{filter_set, FilterArgs};
use super::connectwise::SiteArgs;
use super::Ctx;
use crate::output::{table, Rendered, Style};

#[derive(Debug, Subcommand)]
pub enum HandoffCommand {
    /// Prepare a hand-off file or link: everything but the secret.
    Create(Box<CreateArgs>),
    /// Check a hand-off file or link and show what it fills in.
    Show(ShowArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PsaArg {
    Autotask,
    Connectwise,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StepArg {
    Username,
    Secret,
    Zone,
    Check,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    #[arg(long, value_enum, default_value = "autotask")]
    pub psa: PsaArg,
    /// Integration template (`psa-connect templates list`).
    #[arg(long, value_name = "NAME")]
    pub template: String,
    /// Suggested profile name, e.g. the customer's.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The API user's username, when known. Without it the customer starts at the Username step.
    #[arg(long, value_name = "USERNAME")]
    pub username: Option<String>,
    /// The vendor's Autotask integration code or ConnectWise clientId (identifiers, not secrets), so the
    /// customer types only username and secret. Default: the template's, from the vendor pack (--pack).
    #[arg(long, visible_alias = "client-id", value_name = "CODE")]
    pub integration_code: Option<String>,
    /// Autotask zone: the address the customer logs into (https://ww14.autotask.net/...), a host, or
    /// webservices14. Without it the app detects the zone from the username.
    #[arg(long, value_name = "INPUT", conflicts_with = "api_url")]
    pub zone: Option<String>,
    /// Autotask zone as a full REST base (https://webservicesN.autotask.net/ATServicesRest/V1.0).
    #[arg(long, value_name = "URL")]
    pub api_url: Option<String>,
    /// ConnectWise: cloud region (na, eu, au, aus, za), login address or self-hosted server. Looked up
    /// online with --company-id, so the customer's wizard opens with the site already found.
    #[arg(long, value_name = "SITE", requires = "company_id")]
    pub site: Option<String>,
    /// ConnectWise: the company ID typed at the login screen (with --site).
    #[arg(long, value_name = "COMPANY", requires = "site")]
    pub company_id: Option<String>,
    /// ConnectWise: reach cloud hosts under this base (tests and demos; also env
    /// PSA_CONNECT_CONNECTWISE_CLOUD_URL).
    #[arg(long, value_name = "URL", requires = "site")]
    pub cloud_url: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// A template setting, KEY=VALUE (repeatable).
    #[arg(long = "setting", value_name = "KEY=VALUE")]
    pub settings: Vec<String>,
    /// Free text for the customer and the saved profile.
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
    /// The wizard step to open (default: secret).
    #[arg(long, value_enum)]
    pub step: Option<StepArg>,
    /// Write the hand-off file here (`-` or absent: print it).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<String>,
    /// Print a psa-connect:// link instead of the file's contents.
    #[arg(long)]
    pub link: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A hand-off file, or a psa-connect:// link.
    pub source: String,
}

pub async fn run(cmd: HandoffCommand, ctx: &Ctx) -> Result<Rendered, PsaError> {
    match cmd {
        HandoffCommand::Create(a) => create(*a, ctx).await,
        HandoffCommand::Show(a) => show(&a.source, ctx),
    }
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<Value, PsaError> {
    serde_json::to_value(v).map_err(|e| PsaError::internal(format!("json: {e}")))
}

async fn create(a: CreateArgs, ctx: &Ctx) -> Result<Rendered, PsaError> {
    let psa = match a.psa {
        PsaArg::Autotask => Psa::Autotask,
        PsaArg::Connectwise => Psa::Connectwise,
    };
    let zone_input = a.zone.as_deref().or(a.api_url.as_deref());
    let zone = match (psa, zone_input) {
        (_, None) => None,
        (Psa::Autotask, Some(input)) => Some(psa_core::autotask::parse_zone_override(input)?),
        (Psa::Connectwise, Some(_)) => {
            return Err(PsaError::invalid_input(
                "--zone and --api-url are for Autotask.",
                "For ConnectWise give --site (region or server) and --company-id instead.",
            ))
        }
    };
    let site = match (psa, a.site) {
        (_, None) => None,
        (Psa::Autotask, Some(_)) => {
            return Err(PsaError::invalid_input(
                "--site and --company-id are for ConnectWise.",
                "For Autotask give --zone (or --api-url), or leave it out: the app finds the zone from the username.",
            ))
        }
        (Psa::Connectwise, Some(site)) => {
            let args = SiteArgs { site, company_id: a.company_id.clone().unwrap_or_default(), cloud_url: a.cloud_url };
            args.validate()?;
            // Checked now, while the agent is there to fix a wrong company ID; the customer then only types keys.
            let found = connectwise::detect_site_with(
                &args.endpoints(),
                &args.site,
                &args.company_id,
                &HttpSettings::default(),
                &ctx.cancel,
            )
            .await?;
            Some(found)
        }
    };
    let mut settings = std::collections::BTreeMap::new();
    for s in &a.settings {
        let Some((k, v)) = s.split_once('=').filter(|(k, _)| !k.trim().is_empty()) else {
            return Err(PsaError::invalid_input(
                format!("--setting \"{s}\" is not KEY=VALUE."),
                "Write it as --setting sync_period=daily.",
            ));
        };
        settings.insert(k.trim().to_string(), Value::String(v.trim().to_string()));
    }
    let integration_code = match a.integration_code {
        Some(code) => code,
        None => vendor_identifier(&a.template, psa),
    };
    let login = a.username.unwrap_or_default();
    let connection = match psa {
        Psa::Autotask => Connection::autotask(login, integration_code, zone),
        Psa::Connectwise => Connection::connectwise(a.company_id.unwrap_or_default(), login, integration_code, site),
    };
    let profile = ProfileInput {
        name: a.name.unwrap_or_default(),
        template: a.template,
        connection,
        filters: filter_set(&a.filters)?,
        settings,
        notes: a.notes.unwrap_or_default(),
    };
    let step = a.step.map(|s| match s {
        StepArg::Username => WizardStep::Username,
        StepArg::Secret => WizardStep::Secret,
        StepArg::Zone => WizardStep::Zone,
        StepArg::Check => WizardStep::Check,
    });
    let (doc, draft) = Handoff::create(profile, step)?;
    tracing::info!(template = %draft.profile.template, step = ?draft.open_step, link = a.link, "hand-off created");
    let body = if a.link { format!("{}\n", doc.to_link()) } else { doc.to_json() };
    let mut json = json!({ "ok": true, "handoff": to_json(&doc)?, "link": doc.to_link(), "draft": to_json(&draft)? });
    match a.output.as_deref().filter(|o| *o != "-") {
        None => Ok(Rendered::ok(json, body)),
        Some(path) => {
            std::fs::write(path, &body).map_err(|e| {
                PsaError::new(
                    ErrorCode::ProfileStoreIo,
                    format!("Could not write the hand-off to {path}."),
                    "Choose a folder you may write to.",
                )
                .with_details(e.to_string())
            })?;
            json["file"] = json!(path);
            let what = if a.link { "link" } else { "file" };
            let mut human = format!("Wrote the hand-off {what} to {path} (no secret in it).\n");
            if !a.link && handoff_file::handoff_path(std::ffi::OsStr::new(path), std::path::Path::new(".")).is_none() {
                let ext = handoff_file::FILE_EXTENSION;
                human.push_str(&format!(
                    "Tip: name it *.{ext} (e.g. contoso.{ext}) so a double-click opens it in PSA Connect.\n"
                ));
                json["hint"] = json!(format!("name the file *.{ext}"));
            }
            human.push_str(&draft_text(&draft, ctx.style));
            Ok(Rendered::ok(json, human))
        }
    }
}

/// A link when it starts with `psa-connect:`, else a file name.
fn show(source: &str, ctx: &Ctx) -> Result<Rendered, PsaError> {
    let text = if source.trim().to_ascii_lowercase().starts_with("psa-connect:") {
        source.to_string()
    } else {
        handoff_file::read(std::path::Path::new(source))?
    };
    let draft = handoff::parse(&text)?;
    let human = draft_text(&draft, ctx.style);
    Ok(Rendered::ok(json!({ "ok": true, "draft": to_json(&draft)? }), human))
}

fn draft_text(d: &HandoffDraft, style: Style) -> String {
    let p = &d.profile;
    let or_dash = |s: &str| {
        if s.is_empty() {
            "(the customer types it)".to_string()
        } else {
            s.to_string()
        }
    };
    let mut rows = vec![
        ("Integration".to_string(), format!("{} ({})", d.template_name, p.template)),
        ("PSA".to_string(), p.connection.psa().product_name().to_string()),
    ];
    if !p.name.is_empty() {
        rows.insert(0, ("Profile name".to_string(), p.name.clone()));
    }
    match &p.connection {
        Connection::Autotask(a) => {
            rows.push(("Username".to_string(), or_dash(&a.username)));
            rows.push(("Opens at".to_string(), format!("{:?} step", d.open_step)));
            if !a.integration_code.is_empty() {
                rows.push(("Integration code".to_string(), a.integration_code.clone()));
            }
            rows.push(match &a.zone {
                Some(z) => ("Zone".to_string(), format!("{} ({})", z.zone_name, z.api_url)),
                None => ("Zone".to_string(), "detected from the username".to_string()),
            });
        }
        Connection::Connectwise(c) => {
            if !c.company_id.is_empty() {
                rows.push(("Company ID".to_string(), c.company_id.clone()));
            }
            rows.push(("Public key".to_string(), or_dash(&c.public_key)));
            rows.push(("Opens at".to_string(), format!("{:?} step", d.open_step)));
            if !c.client_id.is_empty() {
                rows.push(("clientId".to_string(), c.client_id.clone()));
            }
            rows.push(match &c.site {
                Some(s) => {
                    ("Site".to_string(), format!("{} (company {}, {})", s.company_name, s.company_id, s.api_url))
                }
                None => ("Site".to_string(), "(the customer chooses it)".to_string()),
            });
        }
    }
    if !d.secret_hosts.is_empty() {
        rows.push(("Secret goes to".to_string(), d.secret_hosts.join(", ")));
    }
    if !p.notes.is_empty() {
        rows.push(("Notes".to_string(), p.notes.clone()));
    }
    format!("{}\n{}", style.bold("Hand-off (no secret):"), table(&rows, 2))
}

/// The vendor's identifier the template carries for this PSA (from the vendor pack in use), or empty.
fn vendor_identifier(template: &str, psa: Psa) -> String {
    let Ok(t) = psa_core::templates::get(template) else {
        return String::new();
    };
    match psa {
        Psa::Autotask => t.autotask.and_then(|a| a.tracking_identifier.code),
        Psa::Connectwise => t.connectwise_client_id(),
    }
    .unwrap_or_default()
}
