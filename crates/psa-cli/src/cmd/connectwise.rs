//! `psa-connect connectwise site|check|preview`: the same commands, flags style, JSON contract and exit
//! statuses as `autotask`, over the engine's ConnectWise side. The private key only ever arrives on
//! standard input (`--private-key-stdin`), and everything typed is validated before it is read.

use std::sync::Arc;

use clap::{Args, Subcommand};
use psa_core::connectwise::client::CwClient;
use psa_core::connectwise::{self, picklists, site, CwCheckOptions, CwEndpoints, RoleNeed};
use psa_core::http::{HttpClient, HttpSettings};
use psa_core::model::{ConnectwiseCredentials, ConnectwiseSite, Picklists, Psa};
use psa_core::templates::Extra;
use psa_core::{ErrorCode, PsaError};
use serde_json::json;

use super::connectwise_filters::{cw_filter_set, CwFilterArgs};
use super::connectwise_report as report;
use super::psa_common::{check_rendered, log_item, name_template, template_without, url_flag, CheckArgs, PreviewArgs};
use super::Ctx;
use crate::output::{Rendered, EXIT_CODES_HELP};
use crate::secret_input;

#[derive(Debug, Subcommand)]
pub enum ConnectwiseCommand {
    /// Find where a company's ConnectWise lives: codebase, API address, cloud or self-hosted. Sends no keys.
    /// (`zone` still works: it was this command's first name.)
    #[command(after_help = EXIT_CODES_HELP, visible_alias = "zone")]
    Site(SiteLookupArgs),
    /// Test a connection: site, sign-in with the API keys and clientId, the security role, filter lists.
    #[command(after_help = EXIT_CODES_HELP)]
    Check(CheckArgs<CwConnectionArgs>),
    /// Count the companies and contacts a filter set selects, with a few company names.
    #[command(after_help = EXIT_CODES_HELP)]
    Preview(PreviewArgs<CwConnectionArgs, CwFilterArgs>),
}

#[derive(Debug, Clone, Args)]
pub struct SiteArgs {
    /// Cloud region (na, eu, au, aus, za), the address you log into, or your self-hosted server
    /// (https://cw.example.com; plain http only on this computer).
    #[arg(long, value_name = "SITE")]
    pub site: String,
    /// The company ID you type at the ConnectWise login screen.
    #[arg(long, value_name = "COMPANY")]
    pub company_id: String,
    /// Reach cloud hosts under this base instead of https://{host}/ (tests and demos;
    /// also: env PSA_CONNECT_CONNECTWISE_CLOUD_URL).
    #[arg(long, value_name = "URL")]
    pub cloud_url: Option<String>,
}

impl SiteArgs {
    /// Flag, then `PSA_CONNECT_CONNECTWISE_CLOUD_URL`, then production.
    pub fn endpoints(&self) -> CwEndpoints {
        match url_flag(&self.cloud_url) {
            Some(url) => CwEndpoints::with_cloud_override(url),
            None => CwEndpoints::from_env(),
        }
    }

    /// Site and company ID checked without contacting anything.
    pub(crate) fn validate(&self) -> Result<String, PsaError> {
        connectwise::parse_site(&self.site)?;
        site::validate_company_id(&self.company_id)
    }
}

#[derive(Debug, Args)]
pub struct SiteLookupArgs {
    #[command(flatten)]
    pub site: SiteArgs,
}

#[derive(Debug, Clone, Args)]
pub struct CwConnectionArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The public key of the API member's key.
    #[arg(long, value_name = "KEY")]
    pub public_key: String,
    /// Read the private key from standard input (one line). Required: the private key is never an argument.
    #[arg(long, required = true)]
    pub private_key_stdin: bool,
    /// The integration's registered clientId (a GUID). Default: the template's (from the vendor pack), else
    /// the one this build embeds (PSA_CONNECT_CW_CLIENT_ID); with none, nothing is sent.
    #[arg(long, value_name = "GUID")]
    pub client_id: Option<String>,
    /// Integration template whose security-role rows are checked (`psa-connect templates list`). Default:
    /// inquire on Company Maintenance and Contacts.
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,
}

pub async fn run(cmd: ConnectwiseCommand, ctx: &Ctx) -> Result<Rendered, PsaError> {
    match cmd {
        ConnectwiseCommand::Site(a) => site(a, ctx).await,
        ConnectwiseCommand::Check(a) => check(a, ctx).await,
        ConnectwiseCommand::Preview(a) => preview(a, ctx).await,
    }
}

async fn site(a: SiteLookupArgs, ctx: &Ctx) -> Result<Rendered, PsaError> {
    a.site.validate()?;
    let endpoints = a.site.endpoints();
    let found = connectwise::detect_site_with(
        &endpoints,
        &a.site.site,
        &a.site.company_id,
        &HttpSettings::default(),
        &ctx.cancel,
    )
    .await?;
    let json = json!({ "ok": true, "site": found, "cloudUrl": endpoints.cloud_override });
    Ok(Rendered::ok(json, report::site_text(&found, ctx.style)))
}

/// What a template asks of ConnectWise.
pub struct CwTemplate {
    pub id: String,
    pub needs: Vec<RoleNeed>,
    pub extras: Vec<Extra>,
    pub client_id: Option<String>,
}

pub fn template_setup(name: Option<&str>) -> Result<Option<CwTemplate>, PsaError> {
    let Some(name) = name else { return Ok(None) };
    let t = psa_core::templates::get(name)?;
    if t.connectwise.is_none() {
        return Err(template_without(Psa::Connectwise, &t.id));
    }
    Ok(Some(CwTemplate {
        needs: t.connectwise_needs(),
        extras: t.connectwise_extras(),
        client_id: t.connectwise_client_id(),
        id: t.id,
    }))
}

/// The keys checked, then the private key read from stdin (last, so a typo never costs a paste).
pub fn credentials(conn: &CwConnectionArgs, template: Option<&CwTemplate>) -> Result<ConnectwiseCredentials, PsaError> {
    let company_id = conn.site.validate()?;
    let public_key = conn.public_key.trim().to_string();
    if public_key.is_empty() {
        return Err(PsaError::new(
            ErrorCode::InvalidInput,
            "The public key (--public-key) is empty.",
            "Copy the public key from System > Members > API Members > (the API member) > API Keys.",
        ));
    }
    if !conn.private_key_stdin {
        return Err(PsaError::new(
            ErrorCode::InvalidInput,
            "The private key must come from standard input.",
            "Add --private-key-stdin and pipe the key, e.g. `printf '%s\\n' \"$KEY\" | psa-connect … --private-key-stdin`.",
        ));
    }
    let client_id = match (&conn.client_id, template.and_then(|t| t.client_id.as_ref())) {
        (Some(flag), _) => flag.trim().to_string(),
        (None, Some(from_template)) => from_template.clone(),
        // Empty: the build's embedded clientId, or `check_inputs` refuses before anything is sent.
        (None, None) => String::new(),
    };
    let private_key = secret_input::read_from_stdin_as(&secret_input::CONNECTWISE_PRIVATE_KEY)?;
    let creds = ConnectwiseCredentials { company_id, public_key, private_key, client_id };
    psa_core::connectwise::check::check_inputs(&creds)?;
    Ok(creds)
}

/// The template named by `--template` and the check options it and the site flags give.
pub fn check_plan(conn: &CwConnectionArgs, ctx: &Ctx) -> Result<(Option<CwTemplate>, CwCheckOptions), PsaError> {
    let template = template_setup(conn.template.as_deref())?;
    let mut options = CwCheckOptions::new(conn.site.endpoints(), conn.site.site.trim());
    options.cancel = ctx.cancel.clone();
    if let Some(t) = &template {
        options.needs = t.needs.clone();
        options.extras = t.extras.clone();
    }
    Ok((template, options))
}

async fn check(a: CheckArgs<CwConnectionArgs>, ctx: &Ctx) -> Result<Rendered, PsaError> {
    a.conn.site.validate()?;
    let (template, options) = check_plan(&a.conn, ctx)?;
    let creds = credentials(&a.conn, template.as_ref())?;
    let result = connectwise::run_check(&creds, &options, &log_item).await;
    let template = template.as_ref().map(|t| t.id.as_str());
    let human = report::check_text(&creds.company_id, &result, template, ctx.style);
    check_rendered(&result, template, human)
}

async fn preview(a: PreviewArgs<CwConnectionArgs, CwFilterArgs>, ctx: &Ctx) -> Result<Rendered, PsaError> {
    a.conn.site.validate()?;
    let template = template_setup(a.conn.template.as_deref())?;
    // Ids are checked now; names wait for the company's lists.
    let by_id = if a.filters.has_names() { None } else { Some(cw_filter_set(&a.filters, None)?) };
    let creds = credentials(&a.conn, template.as_ref())?;
    let http = HttpSettings::default();
    let found = connectwise::detect_site_with(
        &a.conn.site.endpoints(),
        &a.conn.site.site,
        &creds.company_id,
        &http,
        &ctx.cancel,
    )
    .await?;
    let filters = match by_id {
        Some(f) => f,
        None => cw_filter_set(&a.filters, Some(&fetch_lists(&creds, &found, &http, ctx).await?))?,
    };
    let preview = connectwise::preview_with(&creds, &found, &filters, &http, &ctx.cancel).await?;
    let mut json = json!({ "ok": true, "site": found, "filters": filters, "preview": preview });
    name_template(&mut json, template.as_ref().map(|t| t.id.as_str()));
    Ok(Rendered::ok(json, report::preview_text(&found, &filters, &preview, ctx.style)))
}

/// The filter lists alone (a few requests), to turn names into ids. A list that cannot be read stops here:
/// resolving a name against it would say "no such value" for the wrong reason.
async fn fetch_lists(
    creds: &ConnectwiseCredentials,
    found: &ConnectwiseSite,
    http: &HttpSettings,
    ctx: &Ctx,
) -> Result<Picklists, PsaError> {
    let client = Arc::new(HttpClient::new(site::settings_for_known(found, http)?)?);
    let cw = CwClient::new(client, creds.clone(), found.clone(), None, ctx.cancel.clone());
    let lists = picklists::run(&cw).await;
    match lists.failures.into_iter().next() {
        Some((_, e)) => Err(e),
        None => Ok(lists.picklists),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloud_url_flag_wins_over_production() {
        let a = SiteArgs {
            site: "na".into(),
            company_id: "contoso".into(),
            cloud_url: Some(" http://127.0.0.1:9/ ".into()),
        };
        assert_eq!(a.endpoints().cloud_override.as_deref(), Some("http://127.0.0.1:9/"));
        assert_eq!(a.validate().unwrap(), "contoso");
        let bad = SiteArgs { site: "na".into(), company_id: "  ".into(), cloud_url: None };
        assert!(bad.validate().is_err());
    }

    #[test]
    fn templates_resolve_to_connectwise_needs() {
        assert!(template_setup(None).unwrap().is_none());
        let t = template_setup(Some("sync365-license")).unwrap().unwrap();
        assert!(t.needs.iter().any(|n| n.function == "Table Setup"));
        let at_only: Vec<String> = psa_core::templates::list()
            .into_iter()
            .filter(|s| !s.psas.contains(&Psa::Connectwise))
            .map(|s| s.id)
            .collect();
        if let Some(id) = at_only.first() {
            assert_eq!(template_setup(Some(id)).err().map(|e| e.code), Some(ErrorCode::TemplateUnknown));
        }
        assert_eq!(template_setup(Some("no-such-template")).err().map(|e| e.code), Some(ErrorCode::TemplateUnknown));
    }
}
