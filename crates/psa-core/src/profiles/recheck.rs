//! One re-check service for saved profiles, whichever PSA they point at: the secret from the keychain, the
//! stored Autotask zone or ConnectWise site, and the profile's template needs. The command line
//! (`profile check`, `diagnose`) and the app (`profile_recheck`) both go through [`run`], so a ConnectWise
//! profile is never tested as an Autotask one (issue 13).

use super::service::load_secret;
use super::{ops, Profile, ProfileStore};
use crate::autotask::{self, AutotaskEndpoints, CancellationToken, CheckOptions};
use crate::connection::Connection;
use crate::connectwise::{self, CwCheckOptions, CwEndpoints};
use crate::error::PsaError;
use crate::http::HttpSettings;
use crate::keychain::SecretStore;
use crate::model::{CheckItem, CheckReport};
use crate::secret::Secret;
use crate::templates::Template;

/// A saved profile's credentials, with its secret read from the keychain.
pub use crate::connection::Credentials as SavedCredentials;

/// Where each PSA is reached, plus the HTTP settings and the cancel token of this run.
#[derive(Debug, Clone)]
pub struct RecheckOptions {
    pub autotask: AutotaskEndpoints,
    pub connectwise: CwEndpoints,
    pub http: HttpSettings,
    pub cancel: CancellationToken,
    /// Someone waits on this one re-check: send the Autotask zone lookup beside it
    /// ([`CheckOptions::lookup_beside`]), so a moved tenant costs one round trip more, not two. "Re-test all"
    /// leaves it off: there a move delays one connection of many, which is cheaper than a lookup for each.
    pub lookup_beside: bool,
}

impl RecheckOptions {
    /// Production endpoints, or the ones the environment points at (`PSA_CONNECT_AUTOTASK_ZONE_URL`,
    /// `PSA_CONNECT_CONNECTWISE_CLOUD_URL`).
    pub fn from_env() -> Self {
        RecheckOptions {
            autotask: AutotaskEndpoints::from_env(),
            connectwise: CwEndpoints::from_env(),
            http: HttpSettings::default(),
            cancel: CancellationToken::new(),
            lookup_beside: true,
        }
    }
}

/// The profile's connection with its secret from the keychain.
pub fn credentials(profile: &Profile, secrets: &dyn SecretStore) -> Result<SavedCredentials, PsaError> {
    Ok(profile.connection.with_secret(load_secret(profile, secrets)?))
}

/// Runs the connection test `creds` belong to, with the profile's stored zone or site and its template's
/// needs. A template this build does not know (renamed, or from a newer version), or one without a setup for
/// the profile's PSA, falls back to the engine's default needs.
pub async fn run(
    profile: &Profile,
    creds: &SavedCredentials,
    opts: &RecheckOptions,
    on_item: &(dyn Fn(&CheckItem) + Send + Sync),
) -> CheckReport {
    let template = crate::templates::get(&profile.template).ok();
    test(&profile.connection, creds, template.as_ref(), opts, on_item).await
}

/// The connection test of `creds` at the zone or site `connection` holds (none: an Autotask zone is looked
/// up; a ConnectWise site must be known), with `template`'s needs for that PSA (none: the engine's
/// defaults). The one place both PSAs' check options are built: a saved profile's re-check ([`run`]) and
/// the app's test of its session both come here.
pub async fn test(
    connection: &Connection,
    creds: &SavedCredentials,
    template: Option<&Template>,
    opts: &RecheckOptions,
    on_item: &(dyn Fn(&CheckItem) + Send + Sync),
) -> CheckReport {
    match creds {
        SavedCredentials::Autotask(c) => {
            let mut o = CheckOptions::new(opts.autotask.clone());
            o.zone = connection.zone().cloned();
            o.lookup_beside = opts.lookup_beside;
            o.http = opts.http.clone();
            o.cancel = opts.cancel.clone();
            if let Some(t) = template.filter(|t| t.autotask.is_some()) {
                o.needs = t.autotask_needs();
                o.extras = t.autotask_extras();
            }
            autotask::run_check(c, &o, on_item).await
        }
        SavedCredentials::Connectwise(c) => {
            let known = connection.site();
            let mut o =
                CwCheckOptions::new(opts.connectwise.clone(), known.map(|s| s.site.clone()).unwrap_or_default());
            o.site_known = known.cloned();
            o.http = opts.http.clone();
            o.cancel = opts.cancel.clone();
            if let Some(t) = template.filter(|t| t.connectwise.is_some()) {
                o.needs = t.connectwise_needs();
                o.extras = t.connectwise_extras();
            }
            connectwise::run_check(c, &o, on_item).await
        }
    }
}

/// A re-checked profile: the report, the profile with its new `lastCheck`, and the secret used.
#[derive(Debug)]
pub struct Rechecked {
    pub report: CheckReport,
    pub profile: Profile,
    /// For callers that prove their output free of it; never printed.
    pub secret: Secret,
}

/// Reads the secret, runs [`run`], records the result on the profile.
pub async fn recheck(
    store: &ProfileStore,
    profile: &Profile,
    secrets: &dyn SecretStore,
    opts: &RecheckOptions,
    on_item: &(dyn Fn(&CheckItem) + Send + Sync),
) -> Result<Rechecked, PsaError> {
    let creds = credentials(profile, secrets)?;
    let report = run(profile, &creds, opts, on_item).await;
    let updated = ops::record_recheck(store, profile, &report)?;
    Ok(Rechecked { report, profile: updated, secret: creds.secret().clone() })
}
