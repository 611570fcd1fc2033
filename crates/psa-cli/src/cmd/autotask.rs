//! `psa-connect autotask zone|check|preview`. The flag groups here ([`ConnectionArgs`], [`ZoneFlags`],
//! [`FilterArgs`]) are shared with `profile save`, so a profile is saved from exactly what `check` tested.
//!
//! Everything the user typed is validated before the secret is read, so a typo never costs a paste.

use std::sync::Arc;

use clap::{Args, Subcommand};
use psa_core::autotask::client::AtClient;
use psa_core::autotask::{self, picklists, AutotaskEndpoints, CheckOptions, EntityNeed};
use psa_core::http::{HttpClient, HttpSettings};
use psa_core::model::{AutotaskCredentials, AutotaskZone, CheckReport, Picklists, Psa};
use psa_core::{ErrorCode, PsaError};
use serde_json::json;

pub use super::autotask_filters::{filter_set, filter_set_resolved, FilterArgs};

use super::autotask_report as report;
use super::psa_common::{check_rendered, log_item, name_template, template_without, url_flag, CheckArgs, PreviewArgs};
use super::Ctx;
use crate::output::{Rendered, EXIT_CODES_HELP};
use crate::secret_input;

#[derive(Debug, Subcommand)]
pub enum AutotaskCommand {
    /// Find the zone (server cluster) of an API username. Sends no credentials.
    #[command(after_help = EXIT_CODES_HELP)]
    Zone(ZoneArgs),
    /// Test a connection: zone, sign-in, API budget, one permission probe per entity, filter lists.
    #[command(after_help = EXIT_CODES_HELP)]
    Check(CheckArgs<ConnectionArgs>),
    /// Count the companies and contacts a filter set selects, with a few company names.
    #[command(after_help = EXIT_CODES_HELP)]
    Preview(PreviewArgs<ConnectionArgs, FilterArgs>),
}

#[derive(Debug, Args)]
pub struct ZoneArgs {
    /// The API user's username (name@yourdomain.com).
    pub username: String,
    /// Zone lookup base instead of https://webservices2.autotask.net/ATServicesRest/
    /// (also: env PSA_CONNECT_AUTOTASK_ZONE_URL).
    #[arg(long, value_name = "URL")]
    pub zone_lookup_url: Option<String>,
}

/// Where the zone comes from: looked up (default, optionally at another lookup base) or given by hand.
#[derive(Debug, Clone, Default, Args)]
#[group(multiple = false)]
pub struct ZoneFlags {
    /// Zone lookup base instead of https://webservices2.autotask.net/ATServicesRest/
    /// (also: env PSA_CONNECT_AUTOTASK_ZONE_URL).
    #[arg(long, value_name = "URL")]
    pub zone_lookup_url: Option<String>,
    /// Skip the lookup and use this REST base (https://webservicesN.autotask.net/ATServicesRest/V1.0).
    #[arg(long, value_name = "URL")]
    pub api_url: Option<String>,
    /// Skip the lookup: the address you log into (https://ww14.autotask.net/...), a host, or webservices14.
    #[arg(long, value_name = "INPUT")]
    pub zone: Option<String>,
}

impl ZoneFlags {
    /// Flag, then `PSA_CONNECT_AUTOTASK_ZONE_URL`, then production.
    pub fn endpoints(&self) -> AutotaskEndpoints {
        match url_flag(&self.zone_lookup_url) {
            Some(url) => AutotaskEndpoints::with_lookup_url(url),
            None => AutotaskEndpoints::from_env(),
        }
    }

    /// The zone given by hand with `--api-url` or `--zone`, if any.
    pub fn manual_zone(&self) -> Result<Option<AutotaskZone>, PsaError> {
        match self.api_url.as_deref().or(self.zone.as_deref()) {
            Some(input) => autotask::parse_zone_override(input).map(Some),
            None => Ok(None),
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct ConnectionArgs {
    /// The API user's username (name@yourdomain.com).
    #[arg(long, value_name = "USERNAME")]
    pub username: String,
    /// The API tracking identifier sent as ApiIntegrationCode: your own Custom one. Default: the vendor's,
    /// from the vendor pack (--pack) for --template.
    #[arg(long, value_name = "CODE")]
    pub integration_code: Option<String>,
    /// Read the API secret from standard input (one line). Required: the secret is never an argument.
    #[arg(long, required = true)]
    pub secret_stdin: bool,
    #[command(flatten)]
    pub zone: ZoneFlags,
    /// Integration template whose permissions are probed (`psa-connect templates list`). Default: read
    /// access to Companies and Contacts.
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,
}

pub async fn run(cmd: AutotaskCommand, ctx: &Ctx) -> Result<Rendered, PsaError> {
    match cmd {
        AutotaskCommand::Zone(a) => zone(a, ctx).await,
        AutotaskCommand::Check(a) => check(a, ctx).await,
        AutotaskCommand::Preview(a) => preview(a, ctx).await,
    }
}

async fn zone(a: ZoneArgs, ctx: &Ctx) -> Result<Rendered, PsaError> {
    let flags = ZoneFlags { zone_lookup_url: a.zone_lookup_url, ..ZoneFlags::default() };
    let endpoints = flags.endpoints();
    let zone = autotask::detect_zone_with(&endpoints, &a.username, &HttpSettings::default(), &ctx.cancel).await?;
    let json = json!({ "ok": true, "zone": zone, "lookupUrl": endpoints.zone_lookup_url });
    let human = report::zone_text(&zone, Some(&endpoints.zone_lookup_url), ctx.style);
    Ok(Rendered::ok(json, human))
}

/// A template's Autotask needs. `None`: the engine's default (read Companies and Contacts).
pub fn template_needs(name: Option<&str>) -> Result<Option<(String, Vec<EntityNeed>)>, PsaError> {
    let Some(name) = name else { return Ok(None) };
    let template = psa_core::templates::get(name)?;
    if template.autotask.is_none() {
        return Err(template_without(Psa::Autotask, &template.id));
    }
    Ok(Some((template.id.clone(), template.autotask_needs())))
}

/// Username and integration code checked, then the secret read from stdin.
pub fn credentials(conn: &ConnectionArgs) -> Result<AutotaskCredentials, PsaError> {
    let username = autotask::validate_username(&conn.username)?;
    let from_template = match &conn.template {
        Some(id) => psa_core::templates::get(id)?.autotask.and_then(|a| a.tracking_identifier.code),
        None => None,
    };
    let integration_code = conn.integration_code.as_deref().map(str::trim).map(str::to_string).or(from_template);
    let Some(integration_code) = integration_code.filter(|c| !c.is_empty()) else {
        return Err(PsaError::new(
            ErrorCode::InvalidInput,
            "There is no integration code (API tracking identifier) to send.",
            "For a vendor's integration, the vendor's code comes from their PSA Connect pack: pass it with --pack \
             FILE (or put it beside psa-connect) and name the --template. For your own integration, pass \
             --integration-code with the Custom (Internal Integration) identifier shown on the API user in \
             Autotask after saving it.",
        ));
    };
    if !conn.secret_stdin {
        return Err(PsaError::new(
            ErrorCode::InvalidInput,
            "The secret must come from standard input.",
            "Add --secret-stdin and pipe the secret, e.g. `printf '%s\\n' \"$SECRET\" | psa-connect … --secret-stdin`.",
        ));
    }
    let secret = secret_input::read_from_stdin()?;
    Ok(AutotaskCredentials { username, integration_code, secret })
}

/// Everything `check` needs, validated, with the secret read last.
pub struct PreparedCheck {
    pub creds: AutotaskCredentials,
    pub options: CheckOptions,
    pub template: Option<String>,
}

pub fn prepare_check(conn: &ConnectionArgs, ctx: &Ctx) -> Result<PreparedCheck, PsaError> {
    autotask::validate_username(&conn.username)?;
    let needs = template_needs(conn.template.as_deref())?;
    let mut options = CheckOptions::new(conn.zone.endpoints());
    options.zone = conn.zone.manual_zone()?;
    options.cancel = ctx.cancel.clone();
    let template = match needs {
        Some((id, needs)) => {
            options.needs = needs;
            options.extras = psa_core::templates::get(&id)?.autotask_extras();
            Some(id)
        }
        None => None,
    };
    let creds = credentials(conn)?;
    Ok(PreparedCheck { creds, options, template })
}

pub async fn run_prepared_check(p: &PreparedCheck) -> CheckReport {
    autotask::run_check(&p.creds, &p.options, &log_item).await
}

async fn check(a: CheckArgs<ConnectionArgs>, ctx: &Ctx) -> Result<Rendered, PsaError> {
    let prepared = prepare_check(&a.conn, ctx)?;
    let result = run_prepared_check(&prepared).await;
    let template = prepared.template.as_deref();
    let human = report::check_text(&prepared.creds.username, &result, template, ctx.style);
    check_rendered(&result, template, human)
}

async fn preview(a: PreviewArgs<ConnectionArgs, FilterArgs>, ctx: &Ctx) -> Result<Rendered, PsaError> {
    autotask::validate_username(&a.conn.username)?;
    let template = template_needs(a.conn.template.as_deref())?.map(|(id, _)| id);
    // Numbers are checked now; labels wait for the picklists.
    let numeric = if a.filters.has_labels() { None } else { Some(filter_set(&a.filters)?) };
    let manual = a.conn.zone.manual_zone()?;
    let creds = credentials(&a.conn)?;
    let http = HttpSettings::default();
    let zone = match manual {
        Some(z) => z,
        None => autotask::detect_zone_with(&a.conn.zone.endpoints(), &creds.username, &http, &ctx.cancel).await?,
    };
    let filters = match numeric {
        Some(f) => f,
        None => filter_set_resolved(&a.filters, &fetch_picklists(&creds, &zone, &http, ctx).await?)?,
    };
    let preview = autotask::preview_with(&creds, &zone, &filters, &http, &ctx.cancel).await?;
    let mut json = json!({ "ok": true, "zone": zone, "filters": filters, "preview": preview });
    name_template(&mut json, template.as_deref());
    let human = report::preview_text(&creds.username, &zone, &filters, &preview, ctx.style);
    Ok(Rendered::ok(json, human))
}

/// The filter picklists alone (one request), to turn labels into numbers.
pub async fn fetch_picklists(
    creds: &AutotaskCredentials,
    zone: &AutotaskZone,
    http: &HttpSettings,
    ctx: &Ctx,
) -> Result<Picklists, PsaError> {
    let client =
        AtClient::new(Arc::new(HttpClient::new(http.clone())?), creds.clone(), zone.clone(), None, ctx.cancel.clone());
    let fields = client.get(picklists::COMPANY_FIELDS_PATH, Some("Companies")).await?;
    picklists::from_company_fields(&fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_flags_pick_the_lookup_base_and_the_manual_zone() {
        let f =
            ZoneFlags { zone_lookup_url: Some("http://127.0.0.1:9/ATServicesRest/".into()), ..ZoneFlags::default() };
        assert_eq!(f.endpoints().zone_lookup_url, "http://127.0.0.1:9/ATServicesRest/");
        assert_eq!(f.endpoints().fallback_lookup_url, None);
        assert_eq!(f.manual_zone().unwrap(), None);
        let f = ZoneFlags { zone: Some("ww14".into()), ..ZoneFlags::default() };
        assert_eq!(f.manual_zone().unwrap().unwrap().api_url, "https://webservices14.autotask.net/ATServicesRest/V1.0");
        let f = ZoneFlags { api_url: Some("http://example.com/ATServicesRest/V1.0".into()), ..ZoneFlags::default() };
        assert_eq!(f.manual_zone().unwrap_err().code, ErrorCode::InsecureUrl);
    }

    #[test]
    fn templates_resolve_to_autotask_needs() {
        assert_eq!(template_needs(None).unwrap(), None);
        let (id, needs) = template_needs(Some("Custom")).unwrap().unwrap();
        assert_eq!(id, "custom");
        assert!(needs.iter().all(|n| autotask::KNOWN_ENTITIES.contains(&n.entity.as_str())));
        assert_eq!(template_needs(Some("no-such-template")).unwrap_err().code, ErrorCode::TemplateUnknown);
    }
}
