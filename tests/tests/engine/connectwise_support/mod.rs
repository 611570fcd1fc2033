//! Shared helpers of the ConnectWise engine tests (connectwise_site, _check, _preview, _faults).
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use psa_core::connectwise::{CwCheckOptions, CwEndpoints};
use psa_core::http::HttpSettings;
use psa_core::model::{CheckItem, CheckReport, ConnectwiseCredentials, ConnectwiseSite};
use psa_core::{PsaError, Secret};
use psa_tests::connectwise::fixtures::{self as fx, CwKeys};
use psa_tests::connectwise::{CwSim, CwSimConfig};

pub async fn sim() -> CwSim {
    sim_with(CwSimConfig::standard()).await
}

pub async fn sim_with(cfg: CwSimConfig) -> CwSim {
    CwSim::start(cfg).await.expect("simulator starts")
}

pub fn creds(keys: &CwKeys) -> ConnectwiseCredentials {
    creds_with_client(keys, fx::CLIENT_ID)
}

pub fn creds_with_client(keys: &CwKeys, client_id: &str) -> ConnectwiseCredentials {
    ConnectwiseCredentials {
        company_id: keys.company_id.to_string(),
        public_key: keys.public_key.to_string(),
        private_key: Secret::new(keys.private_key),
        client_id: client_id.to_string(),
    }
}

/// Short timeouts and waits, so fault tests finish quickly (no assertion depends on them).
pub fn fast_http() -> HttpSettings {
    HttpSettings {
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_millis(1500),
        max_retry_wait: Duration::from_millis(200),
        base_backoff: Duration::from_millis(20),
        ..HttpSettings::default()
    }
}

pub fn endpoints(sim: &CwSim) -> CwEndpoints {
    CwEndpoints::with_cloud_override(sim.cloud_url())
}

/// Check options for a site as the partner types it (a region or the self-hosted base).
pub fn opts(sim: &CwSim, site: &str) -> CwCheckOptions {
    let mut o = CwCheckOptions::new(endpoints(sim), site);
    o.http = fast_http();
    o
}

/// Where a tenant's site input points: its region, or the simulator's self-hosted base.
pub fn site_input(sim: &CwSim, keys: &CwKeys) -> String {
    match keys.company_id {
        fx::FABRIKAM => fx::FABRIKAM_REGION.to_string(),
        fx::SELFHOSTED => sim.self_hosted_site(),
        _ => fx::CONTOSO_REGION.to_string(),
    }
}

pub async fn detect(sim: &CwSim, keys: &CwKeys) -> ConnectwiseSite {
    psa_core::connectwise::detect_site_with(
        &endpoints(sim),
        &site_input(sim, keys),
        keys.company_id,
        &fast_http(),
        &Default::default(),
    )
    .await
    .expect("site detected")
}

/// Runs the check and records every `on_item` call; the private key must appear in none of it.
pub async fn check(c: &ConnectwiseCredentials, o: &CwCheckOptions) -> (CheckReport, Vec<CheckItem>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s2 = seen.clone();
    let report = psa_core::connectwise::run_check(c, o, &move |i: &CheckItem| s2.lock().unwrap().push(i.clone())).await;
    let events = seen.lock().unwrap().clone();
    let key = c.private_key.expose();
    assert_no_secret_in(&format!("{report:?}"), key);
    assert_no_secret_in(&serde_json::to_string(&report).unwrap(), key);
    assert_no_secret_in(&format!("{events:?}"), key);
    assert_no_secret_in(&format!("{c:?}"), key);
    (report, events)
}

pub fn item<'a>(r: &'a CheckReport, id: &str) -> &'a CheckItem {
    r.items.iter().find(|i| i.id == id).unwrap_or_else(|| panic!("no item {id} in {:#?}", r.items))
}

pub fn has_item(r: &CheckReport, id: &str) -> bool {
    r.items.iter().any(|i| i.id == id)
}

pub fn assert_no_secret_in(text: &str, secret: &str) {
    assert!(!secret.is_empty());
    assert!(!text.contains(secret), "the private key leaked into: {text}");
}

/// The error's code, with the private key checked absent from its Debug, Display and JSON forms.
pub fn code_of(e: &PsaError, secret: &str) -> psa_core::ErrorCode {
    assert_no_secret_in(&format!("{e:?} {e}"), secret);
    assert_no_secret_in(&serde_json::to_string(e).unwrap(), secret);
    assert!(!e.message.is_empty() && !e.fix.is_empty(), "error without message or fix: {e:?}");
    e.code
}

/// The blocking error of a report (its code checked for a message and fix).
pub fn report_error(r: &CheckReport) -> &PsaError {
    let e = r.error.as_ref().unwrap_or_else(|| panic!("no blocking error in {r:#?}"));
    assert!(!e.message.is_empty() && !e.fix.is_empty(), "{e:?}");
    e
}
