//! Datto Autotask REST v1.0: zone detection, authentication test, permission probes, picklists and filter
//! preview. Facts and sources: `shared/psa-api.md` §A and §D.
//!
//! The public functions below are the contract the CLI and the desktop app build on; keep their
//! signatures stable (add, don't change).

use std::sync::Arc;

pub use tokio_util::sync::CancellationToken;

use crate::error::PsaError;
use crate::http::{HttpClient, HttpSettings};
use crate::model::{AutotaskCredentials, AutotaskZone, CheckItem, CheckReport, FilterSet, Preview};
// Defined in the leaf module `crate::need` (templates build them); still reachable here.
pub use crate::need::{EntityNeed, KNOWN_ENTITIES};

pub mod check;
pub mod client;
pub mod errors;
pub mod extras;
pub mod picklists;
pub mod preview;
pub mod probe;
pub mod zone;

/// The production zone-lookup base (the ATServicesRest root, with trailing slash).
pub const PRODUCTION_ZONE_LOOKUP_URL: &str = "https://webservices2.autotask.net/ATServicesRest/";
/// Tried when the production lookup host cannot be reached.
pub const FALLBACK_ZONE_LOOKUP_URL: &str = "https://webservices.autotask.net/ATServicesRest/";
/// Overrides the lookup base for every command and for the desktop app (tests, demos).
pub const ZONE_URL_ENV: &str = "PSA_CONNECT_AUTOTASK_ZONE_URL";

/// Where zone lookups go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AutotaskEndpoints {
    /// ATServicesRest root, e.g. `https://webservices2.autotask.net/ATServicesRest/`.
    pub zone_lookup_url: String,
    /// Tried once when `zone_lookup_url` fails (unreachable, 404, 5xx…), not on a 500 "unknown user".
    pub fallback_lookup_url: Option<String>,
}

impl AutotaskEndpoints {
    pub fn production() -> Self {
        AutotaskEndpoints {
            zone_lookup_url: PRODUCTION_ZONE_LOOKUP_URL.to_string(),
            fallback_lookup_url: Some(FALLBACK_ZONE_LOOKUP_URL.to_string()),
        }
    }

    /// A custom lookup base (no fallback: a simulator has none).
    pub fn with_lookup_url(url: impl Into<String>) -> Self {
        AutotaskEndpoints { zone_lookup_url: url.into(), fallback_lookup_url: None }
    }

    /// `PSA_CONNECT_AUTOTASK_ZONE_URL` when set and non-empty, else production.
    pub fn from_env() -> Self {
        match std::env::var(ZONE_URL_ENV) {
            Ok(v) if !v.trim().is_empty() => Self::with_lookup_url(v.trim()),
            _ => Self::production(),
        }
    }
}

/// Everything `run_check` needs besides the credentials.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub endpoints: AutotaskEndpoints,
    /// A zone the user chose or saved earlier. `None`: detect it from the username.
    pub zone: Option<AutotaskZone>,
    /// Entities to probe. Empty: Companies and Contacts, read only.
    pub needs: Vec<EntityNeed>,
    /// A template's requirements beyond permissions, one report line each. Empty: none (no extra requests).
    pub extras: Vec<crate::templates::Extra>,
    /// Fetch the filter picklists as part of the check.
    pub picklists: bool,
    /// With a saved, detected `zone`: send the zone lookup beside the first wave and read it only on a 401
    /// (a moved tenant then costs one round trip more, not two). Set for re-checks of saved profiles, whose
    /// zone may be months old; a zone detected moments ago in the wizard needs no second look.
    pub lookup_beside: bool,
    pub cancel: CancellationToken,
    /// Timeouts, size cap, retry and URL policy of every call.
    pub http: HttpSettings,
}

impl CheckOptions {
    pub fn new(endpoints: AutotaskEndpoints) -> Self {
        CheckOptions {
            endpoints,
            zone: None,
            needs: Vec::new(),
            extras: Vec::new(),
            picklists: true,
            lookup_beside: false,
            cancel: CancellationToken::new(),
            http: HttpSettings::default(),
        }
    }
}

/// Looks up the zone of an API username (no authentication headers are sent).
pub async fn detect_zone(endpoints: &AutotaskEndpoints, username: &str) -> Result<AutotaskZone, PsaError> {
    detect_zone_with(endpoints, username, &HttpSettings::default(), &CancellationToken::new()).await
}

/// [`detect_zone`] with explicit HTTP settings and a cancellation token.
pub async fn detect_zone_with(
    endpoints: &AutotaskEndpoints,
    username: &str,
    http: &HttpSettings,
    cancel: &CancellationToken,
) -> Result<AutotaskZone, PsaError> {
    let username = validate_username(username)?;
    let client = HttpClient::new(http.clone())?;
    zone::lookup(&client, endpoints, &username, cancel).await
}

/// Turns what a partner pasted (a browser URL `https://ww14.autotask.net/...`, a host, `webservices14`, or a
/// full API URL; plain http only for loopback) into a zone.
pub fn parse_zone_override(input: &str) -> Result<AutotaskZone, PsaError> {
    zone::parse_override(input)
}

/// Checks a username's shape before anything is sent (trimmed, e-mail form).
pub fn validate_username(username: &str) -> Result<String, PsaError> {
    zone::validate_username(username)
}

/// Zone (unless given), authentication, API budget, one probe per needed entity, picklists: one report.
/// `on_item` is called whenever a line starts (status `running`) or finishes, so a UI can show progress.
/// Never fails as a whole: blocking errors end up in `CheckReport::error` with `ok == false`.
pub async fn run_check(
    creds: &AutotaskCredentials,
    opts: &CheckOptions,
    on_item: &(dyn Fn(&CheckItem) + Send + Sync),
) -> CheckReport {
    // Boxed: the check's one wave of probes makes a state machine of some 40 kB. Unboxed, it sat inside every
    // caller's future, and the app's command dispatcher, which builds those futures on the main thread's
    // stack, reserved 0.4 MB of it for the three commands that run a check.
    Box::pin(check::run(creds, opts, on_item)).await
}

/// How many companies and contacts a filter set selects, with a few company names as a sample.
pub async fn preview(
    creds: &AutotaskCredentials,
    zone: &AutotaskZone,
    filters: &FilterSet,
    cancel: &CancellationToken,
) -> Result<Preview, PsaError> {
    preview_with(creds, zone, filters, &HttpSettings::default(), cancel).await
}

/// [`preview`] with explicit HTTP settings. A 401 is final here (no zone re-detection): run the check
/// first, it follows a moved zone.
pub async fn preview_with(
    creds: &AutotaskCredentials,
    zone: &AutotaskZone,
    filters: &FilterSet,
    http: &HttpSettings,
    cancel: &CancellationToken,
) -> Result<Preview, PsaError> {
    validate_username(&creds.username)?;
    let http = Arc::new(HttpClient::new(http.clone())?);
    let client = client::AtClient::new(http, creds.clone(), zone.clone(), None, cancel.clone());
    preview::run(&client, filters, cancel).await
}
