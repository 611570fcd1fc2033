//! Where a ConnectWise company lives: the partner's site input (a cloud region, a pasted login or API URL,
//! or a self-hosted server), then `login/companyinfo/{companyId}` for the codebase and API host.
//! psa-api.md §B1 "API hosts" and "Codebase discovery".
//!
//! Cloud API hosts come from a fixed list, never from pattern matching: whatever companyinfo answers, keys
//! only go to `api-{region}.myconnectwise.net` or to the self-hosted server the partner typed.

use tokio_util::sync::CancellationToken;
use url::Url;

use super::errors;
use super::{CwEndpoints, CLOUD_REGIONS};
use crate::error::{ErrorCode, PsaError};
use crate::http::{is_loopback_host, HttpClient, HttpRequest, HttpSettings};
use crate::model::{ConnectwiseSite, ZoneSource};

pub const CLOUD_DOMAIN: &str = "myconnectwise.net";

/// What the partner's site input means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteInput {
    /// One of [`CLOUD_REGIONS`]: `region` is e.g. "na", `login_host` "na.myconnectwise.net".
    Cloud { region: &'static str, login_host: &'static str },
    /// A self-hosted server: scheme, host, port and any path prefix, no trailing slash.
    SelfHosted { base: String },
}

impl SiteInput {
    /// The value kept in `ConnectwiseSite::site`.
    pub fn label(&self) -> String {
        match self {
            SiteInput::Cloud { region, .. } => region.to_string(),
            SiteInput::SelfHosted { base } => base.clone(),
        }
    }

    /// The HTTP settings for this site: only `*.myconnectwise.net` and, for a self-hosted site, its own host.
    pub fn http_settings(&self, base: &HttpSettings) -> HttpSettings {
        let host = match self {
            SiteInput::Cloud { .. } => None,
            SiteInput::SelfHosted { base } => Url::parse(base).ok().and_then(|u| u.host_str().map(str::to_string)),
        };
        http_settings_for(base, host.as_deref())
    }
}

pub fn http_settings_for(base: &HttpSettings, self_hosted_host: Option<&str>) -> HttpSettings {
    let mut s = base.clone();
    s.allowed_https_suffixes = vec![format!(".{CLOUD_DOMAIN}")];
    if let Some(h) = self_hosted_host {
        s.allowed_https_suffixes.push(h.to_ascii_lowercase());
    }
    s
}

fn bad_site(input: &str, why: &str) -> PsaError {
    PsaError::new(
        ErrorCode::InvalidInput,
        format!("PSA Connect cannot tell the ConnectWise site from \"{}\".", input.trim()),
        "Choose your cloud region (na, eu, au, aus or za: the first part of the address you log into, \
         e.g. na.myconnectwise.net), or for a server you host yourself type its address (https://cw.example.com).",
    )
    .with_details(why.to_string())
}

fn region_of_label(label: &str) -> Option<(&'static str, &'static str)> {
    super::cloud_region(label.strip_prefix("api-").unwrap_or(label))
}

/// A path segment where the server's own part of a pasted URL starts (codebase, login page, API root).
fn is_app_segment(seg: &str) -> bool {
    let s = seg.to_ascii_lowercase();
    let codebase = s.starts_with('v') && s[1..].starts_with(|c: char| c.is_ascii_digit());
    codebase || s == "login" || s == "apis" || s.contains('.')
}

/// See [`SiteInput`]. Plain http is accepted only for a loopback self-hosted server (tests, demos).
pub fn parse_site(input: &str) -> Result<SiteInput, PsaError> {
    let raw = input.trim();
    if raw.is_empty() {
        return Err(bad_site(input, "empty"));
    }
    if let Some((region, login_host)) = region_of_label(raw) {
        return Ok(SiteInput::Cloud { region, login_host });
    }
    let with_scheme = if raw.contains("://") { raw.to_string() } else { format!("https://{raw}") };
    let url = Url::parse(&with_scheme).map_err(|e| bad_site(input, &e.to_string()))?;
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    if host.is_empty() {
        return Err(bad_site(input, "no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad_site(input, "an address with a user name or password in it"));
    }
    if host == CLOUD_DOMAIN || host.ends_with(&format!(".{CLOUD_DOMAIN}")) {
        let label = host.strip_suffix(&format!(".{CLOUD_DOMAIN}")).unwrap_or("");
        return match region_of_label(label) {
            Some((region, login_host)) => Ok(SiteInput::Cloud { region, login_host }),
            None => Err(bad_site(input, "not one of the ConnectWise cloud regions PSA Connect knows")),
        };
    }
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad_site(input, "not a web address"));
    }
    if url.scheme() == "http" && !is_loopback_host(&url) {
        return Err(PsaError::new(
            ErrorCode::InsecureUrl,
            format!("{host} would be contacted without encryption, and the private key would travel in clear text."),
            "Type the https:// address of your ConnectWise server. ConnectWise requires SSL on production servers.",
        )
        .with_details(format!("refused http://{host}")));
    }
    let prefix: Vec<&str> = url
        .path_segments()
        .map(|s| s.filter(|x| !x.is_empty()).take_while(|x| !is_app_segment(x)).collect())
        .unwrap_or_default();
    let mut base = format!("{}://{}", url.scheme(), host);
    if let Some(port) = url.port() {
        base.push_str(&format!(":{port}"));
    }
    for seg in prefix {
        base.push('/');
        base.push_str(seg);
    }
    Ok(SiteInput::SelfHosted { base })
}

/// The company ID as typed at the ConnectWise login. It goes into a URL path and into `company+public`,
/// so characters that would change either are refused.
pub fn validate_company_id(company_id: &str) -> Result<String, PsaError> {
    let c = company_id.trim();
    let bad = |why: &str| {
        PsaError::invalid_input(
            format!("\"{c}\" does not look like a ConnectWise company ID ({why})."),
            "Use the Company field of the ConnectWise login screen (e.g. contoso), not your name or e-mail address.",
        )
    };
    if c.is_empty() {
        return Err(bad("it is empty"));
    }
    if c.len() > 100 {
        return Err(bad("it is too long"));
    }
    if c.chars().any(|ch| ch.is_whitespace() || ch.is_control() || "/\\?#%+:@\"'<>".contains(ch)) {
        return Err(bad("it contains spaces or symbols"));
    }
    Ok(c.to_string())
}

/// `Codebase` as ConnectWise writes it (`v2025_1/`): one path segment, always ending in `/`.
pub fn normalize_codebase(raw: &str) -> Option<String> {
    let c = raw.trim().trim_matches('/');
    let ok =
        !c.is_empty() && c != "." && c != ".." && c.chars().all(|ch| ch.is_ascii_alphanumeric() || "_.-".contains(ch));
    ok.then(|| format!("{c}/"))
}

/// The API host of a cloud region.
pub fn api_host(login_host: &str) -> String {
    format!("api-{login_host}")
}

/// `SiteUrl` from companyinfo (`api-na.myconnectwise.net`, perhaps with scheme or slash) → a known API host.
pub fn known_api_host(site_url: &str) -> Option<String> {
    let s = site_url.trim().to_ascii_lowercase();
    let s = s.strip_prefix("https://").unwrap_or(&s);
    let host = s.trim_end_matches('/');
    CLOUD_REGIONS.iter().map(|(_, login)| api_host(login)).find(|h| h == host)
}

fn field<'a>(v: &'a serde_json::Value, key: &str) -> Option<&'a serde_json::Value> {
    v.as_object()?.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v)
}

/// `IsCloud` is a JSON boolean in live answers and the string "True" in the developer guide's sample.
pub fn parse_bool(v: Option<&serde_json::Value>) -> Option<bool> {
    match v? {
        serde_json::Value::Bool(b) => Some(*b),
        serde_json::Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Some(true),
            "false" | "0" | "no" => Some(false),
            _ => None,
        },
        serde_json::Value::Number(n) => n.as_i64().map(|n| n != 0),
        _ => None,
    }
}

/// The companyinfo address for a site.
pub fn companyinfo_url(endpoints: &CwEndpoints, input: &SiteInput, company_id: &str) -> Result<Url, PsaError> {
    let root = match input {
        SiteInput::Cloud { login_host, .. } => endpoints.cloud_base(login_host),
        SiteInput::SelfHosted { base } => format!("{base}/"),
    };
    let mut url = Url::parse(&root).map_err(|e| {
        PsaError::invalid_input(
            "The ConnectWise address is not a valid URL.",
            format!("Check the site, or {} if it is set.", super::CLOUD_URL_ENV),
        )
        .with_details(format!("{root}: {e}"))
    })?;
    url.path_segments_mut().map_err(|_| PsaError::internal("site URL cannot be a base"))?.pop_if_empty().extend([
        "login",
        "companyinfo",
        company_id,
    ]);
    Ok(url)
}

/// Builds the site from a companyinfo answer. `None` (JSON `null`) means the company is unknown here.
pub fn site_from_answer(
    endpoints: &CwEndpoints,
    input: &SiteInput,
    company_id: &str,
    body: &[u8],
) -> Result<Option<ConnectwiseSite>, PsaError> {
    let text = String::from_utf8_lossy(body);
    if text.trim().is_empty() || text.trim() == "null" {
        return Ok(None);
    }
    let v: serde_json::Value = serde_json::from_str(&text).map_err(|e| errors::malformed("the company lookup", e))?;
    if v.is_null() {
        return Ok(None);
    }
    let s = |k: &str| field(&v, k).and_then(|x| x.as_str()).map(|x| x.trim().to_string());
    let codebase_raw = s("Codebase").ok_or_else(|| errors::malformed("the company lookup", "no Codebase"))?;
    let codebase = normalize_codebase(&codebase_raw)
        .ok_or_else(|| errors::malformed("the company lookup", format!("unusable Codebase {codebase_raw:?}")))?;
    let company_name = s("CompanyName").unwrap_or_default();
    let company_id =
        s("CompanyID").filter(|c| c.eq_ignore_ascii_case(company_id)).unwrap_or_else(|| company_id.to_string());
    let is_cloud = parse_bool(field(&v, "IsCloud"));
    let (api_root, web_url, is_cloud) = match input {
        SiteInput::Cloud { login_host, .. } => {
            let host = match s("SiteUrl").filter(|u| !u.is_empty()) {
                Some(u) => known_api_host(&u).ok_or_else(|| {
                    PsaError::new(
                        ErrorCode::InsecureUrl,
                        "ConnectWise's company lookup named an API server that is not one of ConnectWise's cloud hosts.",
                        "PSA Connect sends your keys only to api-na, api-eu, api-au, api-aus or api-za.myconnectwise.net. \
                         Check the region you chose; if your company really lives elsewhere, contact support.",
                    )
                    .with_details(format!("SiteUrl {u:?}"))
                })?,
                None => api_host(login_host),
            };
            (endpoints.cloud_base(&host), format!("https://{login_host}"), is_cloud.unwrap_or(true))
        }
        SiteInput::SelfHosted { base } => (format!("{base}/"), base.clone(), is_cloud.unwrap_or(false)),
    };
    Ok(Some(ConnectwiseSite {
        site: input.label(),
        company_id,
        company_name,
        api_url: format!("{api_root}{codebase}apis/3.0"),
        codebase,
        is_cloud,
        web_url,
        source: ZoneSource::Detected,
        version_code: s("VersionCode").filter(|v| !v.is_empty()),
    }))
}

async fn companyinfo(
    http: &HttpClient,
    endpoints: &CwEndpoints,
    input: &SiteInput,
    company_id: &str,
    cancel: &CancellationToken,
) -> Result<Option<ConnectwiseSite>, PsaError> {
    let url = companyinfo_url(endpoints, input, company_id)?;
    let resp = http.send(&HttpRequest::get(url), cancel).await.map_err(errors::transport)?;
    if !resp.is_success() {
        return Err(errors::classify_companyinfo(resp.status, &resp.body, input));
    }
    site_from_answer(endpoints, input, company_id, &resp.body)
}

/// The documented lookup (no authentication). For an unknown company on a cloud site, the other cloud
/// regions are asked too, so the fix can name the region the company lives in.
pub async fn detect(
    http: &HttpClient,
    endpoints: &CwEndpoints,
    input: &SiteInput,
    company_id: &str,
    cancel: &CancellationToken,
) -> Result<ConnectwiseSite, PsaError> {
    if let Some(site) = companyinfo(http, endpoints, input, company_id, cancel).await? {
        return Ok(site);
    }
    let mut elsewhere = Vec::new();
    if let SiteInput::Cloud { region, .. } = input {
        let others = CLOUD_REGIONS.iter().filter(|(r, _)| r != region).map(|(r, login_host)| async move {
            let other = SiteInput::Cloud { region: r, login_host };
            matches!(companyinfo(http, endpoints, &other, company_id, cancel).await, Ok(Some(_))).then_some(*r)
        });
        elsewhere = futures::future::join_all(others).await.into_iter().flatten().collect();
    }
    Err(errors::unknown_company(company_id, &input.label(), &elsewhere))
}

/// Checks a site saved earlier or typed by hand before keys are sent to it, and gives the HTTP settings
/// that reach it. Cloud API hosts must be ConnectWise's; a self-hosted API must be on the site's own host.
pub fn settings_for_known(site: &ConnectwiseSite, base: &HttpSettings) -> Result<HttpSettings, PsaError> {
    let refuse = |why: &str| {
        PsaError::new(
            ErrorCode::InsecureUrl,
            "The saved ConnectWise API address does not belong to the site it was saved for.",
            "Run the connection test again so PSA Connect looks the site up afresh, then save the profile again.",
        )
        .with_details(why.to_string())
    };
    let api = Url::parse(&site.api_url).map_err(|e| refuse(&format!("api_url: {e}")))?;
    if is_loopback_host(&api) {
        let host = parse_site(&site.site).ok().and_then(|i| match i {
            SiteInput::SelfHosted { base } => Url::parse(&base).ok().and_then(|u| u.host_str().map(str::to_string)),
            SiteInput::Cloud { .. } => None,
        });
        return Ok(http_settings_for(base, host.as_deref()));
    }
    match parse_site(&site.site)? {
        SiteInput::Cloud { .. } => {
            let host = api.host_str().unwrap_or("");
            if api.scheme() != "https" || known_api_host(host).is_none() {
                return Err(refuse(&format!("{host} is not a ConnectWise cloud API host")));
            }
            Ok(http_settings_for(base, None))
        }
        SiteInput::SelfHosted { base: site_base } => {
            let site_url = Url::parse(&site_base).map_err(|e| refuse(&e.to_string()))?;
            if api.host_str() != site_url.host_str()
                || api.scheme() != site_url.scheme()
                || api.port() != site_url.port()
            {
                return Err(refuse(&format!(
                    "{} is not on {}",
                    api.host_str().unwrap_or(""),
                    site_url.host_str().unwrap_or("")
                )));
            }
            Ok(http_settings_for(base, site_url.host_str()))
        }
    }
}

#[cfg(test)]
#[path = "site_tests.rs"]
mod tests;
