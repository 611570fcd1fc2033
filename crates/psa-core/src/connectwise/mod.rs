//! ConnectWise Manage (PSA) REST 3.0: site and codebase detection, authentication test, security-role
//! check, picklists and filter preview. Facts and sources: `shared/psa-api.md` §B and §D.
//!
//! The same shape as [`crate::autotask`]: the same report, check lines, filters, preview and errors, so the
//! CLI, the app and profiles treat both PSAs alike. Keep these signatures stable (add, don't change).

use std::sync::Arc;

pub use tokio_util::sync::CancellationToken;

use crate::error::PsaError;
use crate::http::{HttpClient, HttpSettings};
use crate::model::{CheckItem, CheckReport, ConnectwiseCredentials, ConnectwiseSite, FilterSet, Preview};
// Defined in the leaf module `crate::need` (templates build them); still reachable here.
pub use crate::need::RoleNeed;

pub mod check;
pub mod client;
pub mod client_id;
pub mod conditions;
pub mod errors;
pub mod paging;
pub mod picklists;
pub mod preview;
pub mod security;
pub mod site;

/// The cloud regions a partner can pick, as `(region, login host)`. The API host is the login host with
/// an `api-` prefix. Hard-coded on purpose: a typed host that is not one of these is treated as self-hosted
/// and must be confirmed, so a typo cannot send keys to an unknown server.
///
/// psa-api.md §B1 "API hosts" lists au (`api-au.myconnectwise.net`: [CW-DEVGUIDE], [DJCW]) and aus
/// (`api-aus.myconnectwise.net`: [DJCW], [SEED-S365]) as two rows, so they are two regions: reading one as the
/// other would send a partner's keys to a site that does not know the company.
pub const CLOUD_REGIONS: &[(&str, &str)] = &[
    ("na", "na.myconnectwise.net"),
    ("eu", "eu.myconnectwise.net"),
    ("au", "au.myconnectwise.net"),
    ("aus", "aus.myconnectwise.net"),
    ("za", "za.myconnectwise.net"),
];

/// The cloud region a label names (`na`, `EU`, `au`, `aus`…), as `(region, login host)`.
pub fn cloud_region(label: &str) -> Option<(&'static str, &'static str)> {
    let l = label.trim();
    CLOUD_REGIONS.iter().find(|(r, _)| r.eq_ignore_ascii_case(l)).copied()
}

/// Overrides where cloud hosts are reached (tests, demos): `https://{label}.{domain}/` becomes
/// `{override}{label}/`, e.g. `http://127.0.0.1:PORT/na/` and `http://127.0.0.1:PORT/api-na/`.
pub const CLOUD_URL_ENV: &str = "PSA_CONNECT_CONNECTWISE_CLOUD_URL";

/// The model version pinned in `Accept` so answers keep their shape when ConnectWise upgrades.
pub const ACCEPT_VERSION: &str = "application/vnd.connectwise.com+json; version=2025.16";
/// [`ACCEPT_VERSION`]'s version as (year, release).
pub const PINNED_VERSION: (u32, u32) = (2025, 16);

/// `"v2020.4"`, `"2020.4"` or `"v2025.1.12345"` as (year, release).
pub fn parse_version(code: &str) -> Option<(u32, u32)> {
    let mut parts = code.trim().trim_start_matches(['v', 'V']).split('.');
    let year = parts.next()?.trim().parse().ok()?;
    let release = parts.next()?.trim().parse().ok()?;
    Some((year, release))
}

/// The `Accept` header for a server running `version_code` (companyinfo `VersionCode`). ConnectWise's developer
/// guide ("PSA Versioning") ties the API model versions to the PSA release, and christaylorcodes'
/// ConnectWiseManageAPI `Connect-CWM` takes the version from the server instead of pinning one, because an
/// older self-hosted server does not know a newer model version. So: our pin when the server is as new or
/// newer, the server's own version when it is older, and the pin when the server did not say.
pub fn accept_for(version_code: Option<&str>) -> String {
    match version_code.and_then(parse_version) {
        Some(v) if v < PINNED_VERSION => format!("application/vnd.connectwise.com+json; version={}.{}", v.0, v.1),
        _ => ACCEPT_VERSION.to_string(),
    }
}

/// Where cloud sites are reached.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CwEndpoints {
    /// `None`: production hosts. `Some(base)`: every cloud host is mapped under `base` (see [`CLOUD_URL_ENV`]).
    pub cloud_override: Option<String>,
}

impl CwEndpoints {
    pub fn production() -> Self {
        CwEndpoints { cloud_override: None }
    }

    pub fn with_cloud_override(url: impl Into<String>) -> Self {
        CwEndpoints { cloud_override: Some(url.into()) }
    }

    /// `PSA_CONNECT_CONNECTWISE_CLOUD_URL` when set and non-empty, else production.
    pub fn from_env() -> Self {
        match std::env::var(CLOUD_URL_ENV) {
            Ok(v) if !v.trim().is_empty() => Self::with_cloud_override(v.trim()),
            _ => Self::production(),
        }
    }

    /// Where a cloud host (`na.myconnectwise.net`, `api-na.myconnectwise.net`) is reached, with a trailing
    /// slash: `https://{host}/`, or `{override}{label}/` under an override.
    pub fn cloud_base(&self, host: &str) -> String {
        match &self.cloud_override {
            None => format!("https://{host}/"),
            Some(o) => {
                let label = host.strip_suffix(&format!(".{}", site::CLOUD_DOMAIN)).unwrap_or(host);
                format!("{}/{label}/", o.trim_end_matches('/'))
            }
        }
    }
}

/// Everything [`run_check`] needs besides the credentials.
#[derive(Debug, Clone)]
pub struct CwCheckOptions {
    pub endpoints: CwEndpoints,
    /// What the partner picked: a region (`na`) or a self-hosted base. Ignored when `site_known` is given.
    pub site: String,
    /// A site saved earlier or set by hand; `None`: detect it with companyinfo.
    pub site_known: Option<ConnectwiseSite>,
    /// Role rows to verify. Empty: Company Maintenance and Contacts, inquire only.
    pub needs: Vec<RoleNeed>,
    /// A template's manual checks, shown as lines the partner confirms.
    pub extras: Vec<crate::templates::Extra>,
    pub picklists: bool,
    pub cancel: CancellationToken,
    pub http: HttpSettings,
}

impl CwCheckOptions {
    pub fn new(endpoints: CwEndpoints, site: impl Into<String>) -> Self {
        CwCheckOptions {
            endpoints,
            site: site.into(),
            site_known: None,
            needs: Vec::new(),
            extras: Vec::new(),
            picklists: true,
            cancel: CancellationToken::new(),
            http: HttpSettings::default(),
        }
    }
}

/// Finds the codebase and API host of a company (`login/companyinfo/{companyId}`, no authentication).
pub async fn detect_site(endpoints: &CwEndpoints, site: &str, company_id: &str) -> Result<ConnectwiseSite, PsaError> {
    detect_site_with(endpoints, site, company_id, &HttpSettings::default(), &CancellationToken::new()).await
}

/// [`detect_site`] with explicit HTTP settings and a cancellation token. `site` is a region (`na`), a pasted
/// login or API URL, or a self-hosted base (`https://cw.example.com`; plain http only on loopback).
pub async fn detect_site_with(
    endpoints: &CwEndpoints,
    site: &str,
    company_id: &str,
    http: &HttpSettings,
    cancel: &CancellationToken,
) -> Result<ConnectwiseSite, PsaError> {
    let input = site::parse_site(site)?;
    let company_id = site::validate_company_id(company_id)?;
    let client = HttpClient::new(input.http_settings(http))?;
    site::detect(&client, endpoints, &input, &company_id, cancel).await
}

/// Turns what a partner typed or pasted as the site into the region or self-hosted base it stands for
/// (the value `ConnectwiseSite::site` keeps), without contacting anything.
pub fn parse_site(input: &str) -> Result<String, PsaError> {
    site::parse_site(input).map(|i| i.label())
}

/// Companyinfo, then `system/mysecurity` (also the sign-in) against the needs, live counts and picklists: one report.
/// `on_item` is called whenever a line starts (status `running`) or finishes.
/// Never fails as a whole: blocking errors end up in `CheckReport::error` with `ok == false`.
pub async fn run_check(
    creds: &ConnectwiseCredentials,
    opts: &CwCheckOptions,
    on_item: &(dyn Fn(&CheckItem) + Send + Sync),
) -> CheckReport {
    // Boxed: the check's one wave of probes makes a state machine of some 40 kB. Unboxed, it sat inside every
    // caller's future, and the app's command dispatcher, which builds those futures on the main thread's
    // stack, reserved 0.4 MB of it for the three commands that run a check.
    Box::pin(check::run(creds, opts, on_item)).await
}

/// How many companies and contacts a filter set selects, with a few company names as a sample.
/// The site is checked before the keys are sent to it; a 404 is final here (run the check first).
pub async fn preview_with(
    creds: &ConnectwiseCredentials,
    site: &ConnectwiseSite,
    filters: &FilterSet,
    http: &HttpSettings,
    cancel: &CancellationToken,
) -> Result<Preview, PsaError> {
    check::check_inputs(creds)?;
    let http = Arc::new(HttpClient::new(site::settings_for_known(site, http)?)?);
    let client = client::CwClient::new(http, creds.clone(), site.clone(), None, cancel.clone());
    preview::run(&client, filters, cancel).await
}

#[cfg(test)]
mod accept_tests {
    use super::*;

    #[test]
    fn accept_follows_an_older_server_and_keeps_the_pin_otherwise() {
        assert_eq!(parse_version("v2020.4"), Some((2020, 4)));
        assert_eq!(parse_version("v2025.1.12345"), Some((2025, 1)));
        assert_eq!(parse_version("2019.5"), Some((2019, 5)));
        assert_eq!(parse_version("nonsense"), None);
        assert_eq!(accept_for(Some("v2020.4")), "application/vnd.connectwise.com+json; version=2020.4");
        assert_eq!(accept_for(Some("v2025.1")), "application/vnd.connectwise.com+json; version=2025.1");
        assert_eq!(accept_for(Some("v2026.1")), ACCEPT_VERSION);
        assert_eq!(accept_for(Some("v2025.16")), ACCEPT_VERSION);
        assert_eq!(accept_for(None), ACCEPT_VERSION);
        assert_eq!(accept_for(Some("")), ACCEPT_VERSION);
    }
}
