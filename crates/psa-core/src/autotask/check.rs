//! The connection check, in three waves: zone lookup, then one authenticated call, then everything else
//! at once (threshold, probes, picklists) inside the per-endpoint thread limit.
//!
//! Authentication is deliberately alone in its wave: with a wrong secret, parallel calls would each count
//! as a failed sign-in and bring the account closer to Autotask's lock-out. Its answer (Companies'
//! `entityInformation`) is reused by the Companies probe, so nothing is asked twice.

use std::sync::Arc;
use std::time::Instant;

use serde_json::Value;

use super::client::AtClient;
use super::{extras, picklists, probe, zone, CheckOptions, EntityNeed};
use crate::error::{ErrorCode, PsaError};
use crate::http::HttpClient;
use crate::model::{AutotaskCredentials, CheckItem, CheckReport, CheckStatus, Picklists, Psa, Threshold, ZoneSource};
use crate::report::{failed, item, thousands, timed};

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

    // Wave 1: the zone.
    let (zone, redetect) = match &opts.zone {
        Some(z) => {
            let mut it = item("zone", "Zone", CheckStatus::Ok, format!("Using zone {} ({}).", z.zone_name, z.web_url));
            it.elapsed_ms = Some(0);
            on_item(&it);
            report.items.push(it);
            // A zone typed by hand is the user's word: no re-detection on 401.
            (z.clone(), (z.source == ZoneSource::Detected).then(|| opts.endpoints.clone()))
        }
        None => {
            let mut found = None;
            let it = timed("zone", "Zone", on_item, async {
                match zone::lookup(http, &opts.endpoints, &username, &opts.cancel).await {
                    Ok(z) => {
                        let msg = format!("Found zone {} ({}).", z.zone_name, z.web_url);
                        found = Some(z);
                        item("zone", "Zone", CheckStatus::Ok, msg)
                    }
                    Err(e) => {
                        report.error = Some(e.clone());
                        failed("zone", "Zone", &e)
                    }
                }
            })
            .await;
            report.items.push(it);
            match found {
                Some(z) => (z, Some(opts.endpoints.clone())),
                None => return,
            }
        }
    };
    report.zone = Some(zone.clone());
    let client = AtClient::new(http.clone(), creds.clone(), zone, redetect, opts.cancel.clone());

    // Wave 2: authentication, alone (see the module comment).
    let mut companies_info: Option<Result<Value, PsaError>> = None;
    let auth = timed("auth", "Sign-in", on_item, async {
        match client.get("Companies/entityInformation", Some("Companies")).await {
            Ok(v) => {
                companies_info = Some(Ok(v));
                item("auth", "Sign-in", CheckStatus::Ok, "Autotask accepted the username, secret and integration code.")
            }
            // Credentials were accepted; only the object is off limits. The Companies probe says so.
            Err(e) if e.code == ErrorCode::PermissionDenied => {
                companies_info = Some(Err(e));
                item("auth", "Sign-in", CheckStatus::Ok, "Autotask accepted the username, secret and integration code.")
            }
            Err(e) => {
                report.error = Some(e.clone());
                failed("auth", "Sign-in", &e)
            }
        }
    })
    .await;
    let auth_ok = auth.status == CheckStatus::Ok;
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
            "Nothing to do now. If you saved a profile before, save it again so it remembers the new zone.".into(),
        );
        it.details = Some(format!("old API URL {from}, new API URL {}", to.api_url));
        on_item(&it);
        report.items.push(it);
        report.zone = Some(to);
    }
    report.items.push(auth);
    if !auth_ok {
        return;
    }

    // Wave 3: everything else at once; the HTTP layer keeps each endpoint within its thread limit.
    let needs = if opts.needs.is_empty() { default_needs() } else { opts.needs.clone() };
    let mut threshold_value: Option<Threshold> = None;
    let mut picklist_value: Option<Picklists> = None;
    let threshold_fut = timed("threshold", "API budget", on_item, async {
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
    });
    let probes_fut = futures::future::join_all(needs.iter().map(|need| {
        let known = if need.entity.eq_ignore_ascii_case("Companies") { companies_info.clone() } else { None };
        let id = probe::probe_id(&need.entity);
        let label = probe::probe_label(need);
        let client = &client;
        async move {
            timed(&id, &label, on_item, async move {
                match known {
                    Some(Ok(v)) => probe::run(client, need, Some(v)).await,
                    Some(Err(e)) => {
                        let q = if need.read {
                            Some(
                                client
                                    .post(&format!("{}/query", need.entity), probe::one_row_query(), Some(&need.entity))
                                    .await,
                            )
                        } else {
                            None
                        };
                        probe::evaluate(need, Err(e), q)
                    }
                    None => probe::run(client, need, None).await,
                }
            })
            .await
        }
    }));
    let extras_fut = futures::future::join_all(opts.extras.iter().enumerate().map(|(n, extra)| {
        let client = &client;
        let id = extras::extra_id(n, extra);
        let label = extras::extra_label(extra);
        async move { timed(&id, &label, on_item, extras::run(client, n, extra)).await }
    }));
    let picklists_fut = async {
        if !opts.picklists {
            return None;
        }
        Some(
            timed("picklists", "Filter lists", on_item, async {
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
            })
            .await,
        )
    };
    let (threshold_item, probe_items, picklist_item, extra_items) =
        futures::join!(threshold_fut, probes_fut, picklists_fut, extras_fut);
    report.items.push(threshold_item);
    let probes_ok = probe_items.iter().all(|i| matches!(i.status, CheckStatus::Ok | CheckStatus::Warning));
    // A missing required contact fails the check; "confirm by hand" and "could not verify" do not.
    let extras_ok = extra_items.iter().all(|i| !matches!(i.status, CheckStatus::Missing | CheckStatus::Failed));
    report.items.extend(probe_items);
    report.items.extend(extra_items);
    report.items.extend(picklist_item);
    report.threshold = threshold_value;
    report.picklists = picklist_value;
    report.ok = probes_ok && extras_ok && !opts.cancel.is_cancelled();
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
