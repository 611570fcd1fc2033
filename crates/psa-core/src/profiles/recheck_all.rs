//! "Re-test all": every saved connection re-tested at once, within bounds, results reported as they come.
//! Shared by the app's home screen and `psa-connect profile check --all`.
//!
//! Bounds: at most [`RecheckLimits::per_host`] re-checks in flight per PSA host and tracking identifier
//! (Autotask allows 3 threads per tracking identifier and endpoint, psa-api.md §A6 [AT-THREAD]; each
//! re-check itself keeps within 3 per endpoint through its own HTTP limiter), and [`RecheckLimits::total`]
//! in all. A re-check of a saved connection is one round trip (its zone or site is saved), so 200 profiles
//! spread over 8 hosts take about 200 / 24 ≈ 9 round trips.
//!
//! Re-checking ONE profile goes through [`RecheckOne`]: [`recheck_one`] here, later possibly the shared
//! re-check service of another branch; the scheduler does not care which.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use futures::stream::{FuturesUnordered, StreamExt};
use serde::Serialize;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use super::ops::ZoneMove;
use super::{recheck, service, LastCheck, Profile, ProfileStore};
use crate::autotask::AutotaskEndpoints;
use crate::connectwise::CwEndpoints;
use crate::error::{ErrorCode, PsaError};
use crate::http::HttpSettings;
use crate::keychain::SecretStore;
use crate::model::{CheckReport, Psa};

/// How many re-checks may run at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecheckLimits {
    /// Per PSA host (zone API URL or ConnectWise API host) and tracking identifier (or clientId).
    pub per_host: usize,
    /// In all.
    pub total: usize,
}

impl Default for RecheckLimits {
    fn default() -> Self {
        // 3: Autotask's thread limit (psa-api.md §A6). 24: eight zones' worth; each re-check holds a handful
        // of connections and a few kB, so memory stays small.
        RecheckLimits { per_host: 3, total: 24 }
    }
}

/// One profile's result, as it comes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecheckResult {
    pub profile_id: String,
    pub name: String,
    pub psa: Psa,
    /// `None` when the re-check never ran (cancelled before its turn, or no secret in the keychain).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_check: Option<LastCheck>,
    pub ok: bool,
    /// One line: the last check's summary, or why it did not run.
    pub summary: String,
    pub cancelled: bool,
    #[ts(type = "number")]
    pub elapsed_ms: u64,
    /// Requests sent for this profile.
    pub requests: u32,
    /// The zone the tenant moved from and to (recorded on the profile with the result); not sent to the
    /// window.
    #[serde(skip)]
    #[ts(skip)]
    pub moved: Option<Box<ZoneMove>>,
}

/// The closing line of a "re-test all".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecheckSummary {
    pub total: u32,
    pub passed: u32,
    pub failed: u32,
    pub cancelled: u32,
    #[ts(type = "number")]
    pub elapsed_ms: u64,
    /// E.g. "12 connections re-tested in 1.4 s: 11 work, 1 failed."
    pub line: String,
}

/// What "Re-test all" streams to the window: one result per profile as it finishes, then the summary.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum RecheckEvent {
    Result(RecheckResult),
    Done(RecheckSummary),
}

/// What the scheduler needs from "re-check one profile".
pub trait RecheckOne: Send + Sync {
    fn recheck(&self, profile: Profile, cancel: CancellationToken) -> impl Future<Output = RecheckResult> + Send;
}

/// The bounding key: host and tracking identifier.
pub fn host_key(profile: &Profile) -> String {
    let url = profile.connection.api_url().unwrap_or("");
    // The full API URL (not only its host): zones behind one test host differ by path.
    format!("{}|{}", url.trim_end_matches('/').to_ascii_lowercase(), profile.connection.identifier().trim())
}

/// Re-tests every profile, at most `limits` at once; `on_result` is called as each one finishes (in
/// finishing order), every profile gets exactly one result, and after `cancel` nothing new is started
/// (running re-checks are cancelled too and say so).
pub async fn recheck_all<R: RecheckOne>(
    profiles: Vec<Profile>,
    limits: RecheckLimits,
    one: &R,
    cancel: &CancellationToken,
    on_result: &(dyn Fn(&RecheckResult) + Send + Sync),
) -> (Vec<RecheckResult>, RecheckSummary) {
    let started = Instant::now();
    let total = Arc::new(Semaphore::new(limits.total.max(1)));
    let mut per_host: HashMap<String, Arc<Semaphore>> = HashMap::new();
    let mut jobs = FuturesUnordered::new();
    for profile in profiles {
        let host =
            per_host.entry(host_key(&profile)).or_insert_with(|| Arc::new(Semaphore::new(limits.per_host.max(1))));
        let (host, total) = (host.clone(), total.clone());
        jobs.push(async move {
            // The host's slot first: a profile waiting for its busy host does not hold a global slot.
            let permits = tokio::select! {
                biased;
                _ = cancel.cancelled() => None,
                p = async {
                    let h = host.acquire_owned().await.ok()?;
                    let t = total.acquire_owned().await.ok()?;
                    Some((h, t))
                } => p,
            };
            match permits {
                Some(_held) if !cancel.is_cancelled() => one.recheck(profile, cancel.child_token()).await,
                _ => not_run(&profile, true, "Not run: cancelled."),
            }
        });
    }
    let mut results = Vec::with_capacity(jobs.len());
    while let Some(r) = jobs.next().await {
        on_result(&r);
        results.push(r);
    }
    let summary = summarize(&results, started.elapsed().as_millis() as u64);
    (results, summary)
}

pub fn summarize(results: &[RecheckResult], elapsed_ms: u64) -> RecheckSummary {
    let count = |f: &dyn Fn(&RecheckResult) -> bool| results.iter().filter(|r| f(r)).count() as u32;
    let passed = count(&|r| r.ok);
    let cancelled = count(&|r| r.cancelled && !r.ok);
    let failed = count(&|r| !r.ok && !r.cancelled);
    let total = results.len() as u32;
    let noun = if total == 1 { "connection" } else { "connections" };
    let mut parts = vec![format!("{passed} work")];
    if failed > 0 {
        parts.push(format!("{failed} failed"));
    }
    if cancelled > 0 {
        parts.push(format!("{cancelled} not re-tested (cancelled)"));
    }
    let line = format!("{total} {noun} re-tested in {:.1} s: {}.", elapsed_ms as f64 / 1000.0, parts.join(", "));
    RecheckSummary { total, passed, failed, cancelled, elapsed_ms, line }
}

pub fn not_run(profile: &Profile, cancelled: bool, summary: &str) -> RecheckResult {
    RecheckResult {
        profile_id: profile.id.clone(),
        name: profile.name.clone(),
        psa: profile.psa(),
        last_check: None,
        ok: false,
        summary: summary.to_string(),
        cancelled,
        elapsed_ms: 0,
        requests: 0,
        moved: None,
    }
}

/// Turns a finished check into a result (and the `lastCheck` to record).
pub fn result_from(profile: &Profile, report: &CheckReport) -> RecheckResult {
    let last = service::last_check_from(report);
    let cancelled = report.error.as_ref().is_some_and(|e| e.code == ErrorCode::Cancelled);
    RecheckResult {
        profile_id: profile.id.clone(),
        name: profile.name.clone(),
        psa: profile.psa(),
        ok: last.ok,
        summary: last.summary.clone(),
        last_check: Some(last),
        cancelled,
        elapsed_ms: report.elapsed_ms,
        requests: report.requests,
        moved: ZoneMove::found(profile, report).map(Box::new),
    }
}

/// Where re-checks go and with which HTTP settings.
#[derive(Clone)]
pub struct RecheckEnv {
    pub autotask: AutotaskEndpoints,
    pub connectwise: CwEndpoints,
    pub http: HttpSettings,
}

impl RecheckEnv {
    /// Production HTTP settings with one transport shared by every re-check of the run (call it inside the
    /// runtime that runs them).
    pub fn new(autotask: AutotaskEndpoints, connectwise: CwEndpoints) -> Self {
        let http = HttpSettings::default();
        let http = http.clone().with_shared_transport().unwrap_or(http);
        RecheckEnv { autotask, connectwise, http }
    }

    pub fn from_env() -> Self {
        Self::new(AutotaskEndpoints::from_env(), CwEndpoints::from_env())
    }
}

/// The re-check of one saved profile with its saved zone or site (no lookup unless the zone moved) and
/// its template's probes; the secret comes from `secrets` and goes nowhere else.
pub async fn recheck_one(
    profile: &Profile,
    secrets: &dyn SecretStore,
    env: &RecheckEnv,
    cancel: CancellationToken,
) -> Result<CheckReport, PsaError> {
    let secret = service::load_secret(profile, secrets)?;
    Ok(recheck_with_secret(profile, secret, env, cancel).await)
}

/// [`recheck_one`] once the secret is loaded.
pub async fn recheck_with_secret(
    profile: &Profile,
    secret: crate::Secret,
    env: &RecheckEnv,
    cancel: CancellationToken,
) -> CheckReport {
    // The same re-check as a single `psa-connect profile check` (profiles::recheck), with this run's endpoints
    // and its shared transport.
    let opts = recheck::RecheckOptions {
        autotask: env.autotask.clone(),
        connectwise: env.connectwise.clone(),
        http: env.http.clone(),
        cancel,
        lookup_beside: false,
    };
    recheck::run(profile, &profile.connection.with_secret(secret), &opts, &|_| {}).await
}

/// [`recheck_one`] with a keychain, as a [`RecheckOne`]. The keychain read blocks (D-Bus), so it runs on
/// the blocking pool.
pub struct KeychainRecheck {
    pub secrets: Arc<dyn SecretStore>,
    pub env: RecheckEnv,
}

impl RecheckOne for KeychainRecheck {
    async fn recheck(&self, profile: Profile, cancel: CancellationToken) -> RecheckResult {
        let started = Instant::now();
        let secrets = self.secrets.clone();
        let p = profile.clone();
        let loaded = tokio::task::spawn_blocking(move || service::load_secret(&p, &*secrets))
            .await
            .map_err(|e| PsaError::internal(format!("keychain task: {e}")))
            .and_then(|r| r);
        match loaded {
            Ok(secret) => result_from(&profile, &recheck_with_secret(&profile, secret, &self.env, cancel).await),
            Err(e) => {
                let mut r = not_run(&profile, false, &e.message);
                r.elapsed_ms = started.elapsed().as_millis() as u64;
                r
            }
        }
    }
}

/// Records every `lastCheck` (and every zone a tenant moved to) in one write, not one locked
/// read-modify-write per profile.
pub fn record_all(store: &ProfileStore, results: &[RecheckResult]) -> Result<(), PsaError> {
    let by_id: HashMap<&str, &RecheckResult> =
        results.iter().filter(|r| r.last_check.is_some()).map(|r| (r.profile_id.as_str(), r)).collect();
    if by_id.is_empty() {
        return Ok(());
    }
    store.modify(|list| {
        for p in list.iter_mut() {
            if let Some(r) = by_id.get(p.id.as_str()) {
                p.last_check = r.last_check.clone();
                if let Some(m) = &r.moved {
                    m.apply(p);
                }
            }
        }
        Ok(())
    })
}
