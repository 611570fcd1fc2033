//! The connection check, in two waves: the zone lookup (skipped when the zone is saved), then everything
//! else at once: sign-in, API budget, probes, picklists and extras, inside the per-endpoint thread limit
//! (3 per tracking identifier and endpoint, psa-api.md §A6 [AT-THREAD]). A re-check of a saved zone is
//! therefore one round trip, a fresh check two; with [`CheckOptions::lookup_beside`] a re-check whose
//! tenant moved is two (the lookup went beside the first wave), not three.
//!
//! Lock-out: Autotask locks an account after repeated failed sign-ins (psa-api.md §A2 [ATDEV-2]), and with a
//! wrong secret every request of the wave fails. So the wave is kept small: at most [`WAVE_BUDGET`]
//! requests (sign-in included) go before the sign-in answer is known; anything beyond (a template with many
//! entities or extras) waits for it and is not sent when it failed. The sign-in call (Companies'
//! `entityInformation`, reused by the Companies probe) is the one line that reports a refused sign-in; every
//! other line then says "Not run: sign-in failed." instead of repeating the error.

use std::sync::Arc;
use std::time::Instant;

use futures::FutureExt;
use serde_json::Value;

use super::client::AtClient;
use super::{extras, picklists, probe, zone, CheckOptions, EntityNeed};
use crate::error::{ErrorCode, PsaError};
use crate::http::HttpClient;
use crate::model::{AutotaskCredentials, CheckItem, CheckReport, CheckStatus, Picklists, Psa, Threshold};
use crate::report::{self, failed, gated, item, thousands, timed};

/// Requests sent before the sign-in answer is known, the sign-in included. The default check (sign-in,
/// Companies query, API budget, picklists, Contacts `entityInformation` and query) is exactly this many,
/// so with the zone lookup a fresh check costs 7 requests, and a wrong secret 6 failed calls at most.
pub const WAVE_BUDGET: usize = 6;

/// The message of every line that waited for a sign-in that failed.
pub use crate::report::NOT_RUN_SIGN_IN;

fn default_needs() -> Vec<EntityNeed> {
    vec![EntityNeed::read("Companies"), EntityNeed::read("Contacts")]
}

fn check_inputs(creds: &AutotaskCredentials) -> Result<(), PsaError> {
    zone::validate_username(&creds.username)?;
    if creds.integration_code.trim().is_empty() {
        return Err(PsaError::invalid_input(
            "The API tracking identifier (integration code) is empty.",
            "Enter the integration code this guide gives, or the Custom tracking identifier shown on the API user in Autotask.",
        ));
    }
    if creds.secret.is_empty() {
        return Err(PsaError::invalid_input(
            "The secret is empty.",
            "Paste the API user's secret (Admin > Account Settings & Users > Resources/Users (HR) > Resources/Users > edit the API user > Generate Secret).",
        ));
    }
    Ok(())
}

pub async fn run(
    creds: &AutotaskCredentials,
    opts: &CheckOptions,
    on_item: &(dyn Fn(&CheckItem) + Send + Sync),
) -> CheckReport {
    let started = Instant::now();
    let mut report = CheckReport {
        psa: Psa::Autotask,
        zone: None,
        site: None,
        items: Vec::new(),
        threshold: None,
        picklists: None,
        ok: false,
        error: None,
        requests: 0,
        elapsed_ms: 0,
    };
    let http = match HttpClient::new(opts.http.clone()) {
        Ok(h) => Arc::new(h),
        Err(e) => {
            report.error = Some(e);
            return report;
        }
    };
    run_inner(creds, opts, on_item, &http, &mut report).await;
    if opts.cancel.is_cancelled() && report.error.as_ref().is_none_or(|e| e.code != ErrorCode::Cancelled) && !report.ok
    {
        report.error =
            Some(PsaError::new(ErrorCode::Cancelled, "The check was cancelled.", "Start it again when you are ready."));
    }
    report.requests = http.request_count();
    report.elapsed_ms = started.elapsed().as_millis() as u64;
    report
}

async fn run_inner(
    creds: &AutotaskCredentials,
    opts: &CheckOptions,
    on_item: &(dyn Fn(&CheckItem) + Send + Sync),
    http: &Arc<HttpClient>,
    report: &mut CheckReport,
) {
    if let Err(e) = check_inputs(creds) {
        let it = failed("input", "Your entries", &e);
        on_item(&it);
        report.items.push(it);
        report.error = Some(e);
        return;
    }
    let username = creds.username.trim().to_string();

    // Wave 1: the zone, unless saved.
    let (zone, redetect) = match &opts.zone {
        Some(z) => {
            let mut it = item("zone", "Zone", CheckStatus::Ok, format!("Using zone {} ({}).", z.zone_name, z.web_url));
            it.elapsed_ms = Some(0);
            on_item(&it);
            report.items.push(it);
            // A saved, detected zone may have moved (psa-api.md §A1): a 401 then triggers one fresh lookup that
            // may follow the move. A zone typed by hand gets the same lookup, only to explain the 401 (a wrong
            // zone, an unknown user); it is never followed (client.rs).
            (z.clone(), Some(opts.endpoints.clone()))
        }
        None => {
            let lookup = zone::lookup(http, &opts.endpoints, &username, &opts.cancel);
            let found = report::locate(report, ("zone", "Zone"), on_item, lookup, |z| {
                format!("Found zone {} ({}).", z.zone_name, z.web_url)
            })
            .await;
            match found {
                // Just looked up: a 401 now is the credentials, not a move, so no second lookup.
                Some(z) => (z, None),
                None => return,
            }
        }
    };
    report.zone = Some(zone.clone());
    let mut client = AtClient::new(http.clone(), creds.clone(), zone, redetect, opts.cancel.clone());
    if opts.lookup_beside {
        client = client.look_up_beside();
    }
    wave(&client, opts, on_item, report).await;
}

/// Requests a probe sends; Companies' `entityInformation` comes from the sign-in call.
fn probe_cost(need: &EntityNeed) -> usize {
    let info = usize::from(!need.entity.eq_ignore_ascii_case("Companies"));
    info + usize::from(need.read)
}

fn extra_cost(extra: &crate::templates::Extra) -> usize {
    usize::from(!matches!(extra, crate::templates::Extra::ManualCheck(_)))
}

/// Which lines go in the first wave, in priority order, within [`WAVE_BUDGET`] (the sign-in takes one).
/// Order: the Companies probe, the API budget, the picklists, then the other probes and the extras.
fn plan(needs: &[EntityNeed], extras: &[crate::templates::Extra], picklists: bool) -> Plan {
    let mut left = WAVE_BUDGET - 1;
    let mut take = |cost: usize| {
        if cost <= left {
            left -= cost;
            true
        } else {
            false
        }
    };
    let companies = needs.iter().position(|n| n.entity.eq_ignore_ascii_case("Companies"));
    let mut probes = vec![false; needs.len()];
    if let Some(i) = companies {
        probes[i] = take(probe_cost(&needs[i]));
    }
    let threshold = take(1);
    let picklists = picklists && take(1);
    for (i, n) in needs.iter().enumerate() {
        if Some(i) != companies {
            probes[i] = take(probe_cost(n));
        }
    }
    let extras = extras.iter().map(|e| take(extra_cost(e))).collect();
    Plan { probes, threshold, picklists, extras }
}

/// `true`: sent at once; `false`: waits for the sign-in answer.
struct Plan {
    probes: Vec<bool>,
    threshold: bool,
    picklists: bool,
    extras: Vec<bool>,
}

type SignIn<'a> = report::SignIn<'a, Value>;

async fn wave<'a>(
    client: &'a AtClient,
    opts: &'a CheckOptions,
    on_item: &'a (dyn Fn(&CheckItem) + Send + Sync),
    report: &mut CheckReport,
) {
    let needs = if opts.needs.is_empty() { default_needs() } else { opts.needs.clone() };
    let plan = plan(&needs, &opts.extras, opts.picklists);
    let sign_in: SignIn<'a> = client.sign_in("Companies/entityInformation", Some("Companies")).boxed().shared();
    let auth_fut = timed("auth", "Sign-in", on_item, async {
        match sign_in.clone().await {
            Ok(_) => {
                item("auth", "Sign-in", CheckStatus::Ok, "Autotask accepted the username, secret and integration code.")
            }
            // Credentials were accepted; only the object is off limits (the 403 or 500 carried the documented
            // permission text: a bare 403 is `AuthUnclear`). The Companies probe says so.
            Err(e) if e.code == ErrorCode::PermissionDenied => {
                item("auth", "Sign-in", CheckStatus::Ok, "Autotask accepted the username, secret and integration code.")
            }
            // A 403 without that text may be a deactivated user (psa-api.md §A2, UNCONFIRMED) or an object
            // refusal: the other lines still run, and the test passes only if one of them reads live data.
            Err(e) if e.code == ErrorCode::AuthUnclear => report::unclear_sign_in(
                "Unclear whether Autotask accepted the sign-in: it refused to describe Companies without saying why.",
                &e,
            ),
            Err(e) => failed("auth", "Sign-in", &e),
        }
    });
    let mut threshold_value: Option<Threshold> = None;
    let mut picklist_value: Option<Picklists> = None;
    let threshold_fut = gated(
        "threshold".into(),
        "API budget".into(),
        plan.threshold,
        sign_in.clone(),
        on_item,
        async {
            match client.get("ThresholdInformation", None).await.and_then(|v| parse_threshold(&v)) {
                Ok(t) => {
                    let busy = t.limit > 0 && t.used * 2 >= t.limit;
                    let msg = format!(
                        "{} of {} requests used in the last {} minutes.",
                        thousands(t.used.max(0) as u64),
                        thousands(t.limit.max(0) as u64),
                        t.timeframe_minutes
                    );
                    threshold_value = Some(t);
                    let mut it =
                        item("threshold", "API budget", if busy { CheckStatus::Warning } else { CheckStatus::Ok }, msg);
                    if busy {
                        it.fix = Some("Autotask slows every integration down above half of the hourly budget. See Admin > Extensions & Integrations > Other Extensions & Tools > API Activity by Hour for who uses it.".into());
                    }
                    it
                }
                Err(e) => failed("threshold", "API budget", &e),
            }
        }
        .boxed(),
    );
    let probes_fut = futures::future::join_all(needs.iter().zip(&plan.probes).map(|(need, first)| {
        let work = if need.entity.eq_ignore_ascii_case("Companies") {
            let sign_in = sign_in.clone();
            async move {
                let query = async {
                    if need.read {
                        Some(client.post("Companies/query", probe::one_row_query(), Some("Companies")).await)
                    } else {
                        None
                    }
                };
                let (info, query) = futures::join!(sign_in, query);
                probe::evaluate(need, info, query)
            }
            .boxed()
        } else {
            probe::run(client, need, None).boxed()
        };
        gated(probe::probe_id(&need.entity), probe::probe_label(need), *first, sign_in.clone(), on_item, work)
    }));
    let extras_fut =
        futures::future::join_all(opts.extras.iter().enumerate().zip(&plan.extras).map(|((n, extra), first)| {
            let work = extras::run(client, n, extra).boxed();
            gated(extras::extra_id(n, extra), extras::extra_label(extra), *first, sign_in.clone(), on_item, work)
        }));
    let picklists_fut = async {
        if !opts.picklists {
            return None;
        }
        let work = async {
            match client
                .get(picklists::COMPANY_FIELDS_PATH, Some("Companies"))
                .await
                .and_then(|v| picklists::from_company_fields(&v))
            {
                Ok(p) => {
                    let msg = format!(
                        "{} company types, {} markets, {} territories, {} classifications{}.",
                        p.company_types.len(),
                        p.markets.len(),
                        p.territories.len(),
                        p.classifications.len(),
                        if p.company_categories.is_empty() {
                            String::new()
                        } else {
                            format!(", {} company categories", p.company_categories.len())
                        }
                    );
                    picklist_value = Some(p);
                    item("picklists", "Filter lists", CheckStatus::Ok, msg)
                }
                Err(e) => failed("picklists", "Filter lists", &e),
            }
        };
        Some(
            gated("picklists".into(), "Filter lists".into(), plan.picklists, sign_in.clone(), on_item, work.boxed())
                .await,
        )
    };
    let (auth, threshold_item, probe_items, picklist_item, extra_items) =
        futures::join!(auth_fut, threshold_fut, probes_fut, picklists_fut, extras_fut);

    if let Some((from, to)) = client.moved().await {
        let mut it = item(
            "zone.moved",
            "Zone moved",
            CheckStatus::Warning,
            format!(
                "Autotask moved this database to zone {} ({}); PSA Connect now uses the new zone.",
                to.zone_name, to.web_url
            ),
        );
        it.code = Some(ErrorCode::AuthZoneMoved);
        it.fix = Some(
            "Nothing to do: PSA Connect follows the move, and a saved profile re-tested here keeps the new zone."
                .into(),
        );
        it.details = Some(format!("old API URL {from}, new API URL {}", to.api_url));
        on_item(&it);
        report.items.push(it);
        report.zone = Some(to);
    }
    report.threshold = threshold_value;
    report.picklists = picklist_value;
    let wave = report::Wave {
        sign_in: sign_in.await,
        auth,
        informative: vec![threshold_item],
        required: probe_items,
        extras: extra_items,
        picklists: picklist_item,
    };
    report::settle(report, wave, opts.cancel.is_cancelled());
}

pub fn parse_threshold(v: &Value) -> Result<Threshold, PsaError> {
    let n = |k: &str| v.get(k).and_then(|x| x.as_i64());
    match (n("externalRequestThreshold"), n("currentTimeframeRequestCount")) {
        (Some(limit), Some(used)) => {
            Ok(Threshold { limit, used, timeframe_minutes: n("requestThresholdTimeframe").unwrap_or(60) })
        }
        _ => Err(super::errors::malformed("ThresholdInformation", "missing fields")),
    }
}
