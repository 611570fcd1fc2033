//! Shared helpers of the Autotask engine tests (autotask_zone, _check, _preview, _faults).
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use psa_core::autotask::{AutotaskEndpoints, CheckOptions};
use psa_core::http::HttpSettings;
use psa_core::model::{AutotaskCredentials, AutotaskZone, CheckItem, CheckReport};
use psa_core::{PsaError, Secret};
use psa_tests::autotask::fixtures as fx;
use psa_tests::autotask::{AccessForm, AutotaskSim, SimConfig};

pub async fn sim() -> AutotaskSim {
    AutotaskSim::start(SimConfig::standard()).await.expect("simulator starts")
}

/// The standard world with `userAccessFor*` spelled `form` (numbers as documented, words as live).
pub async fn sim_in(form: AccessForm) -> AutotaskSim {
    AutotaskSim::start(SimConfig::standard().with_access_form(form)).await.expect("simulator starts")
}

pub fn creds(user: &str, secret: &str) -> AutotaskCredentials {
    AutotaskCredentials {
        username: user.to_string(),
        integration_code: fx::INTEGRATION_CODE.to_string(),
        secret: Secret::new(secret),
    }
}

pub fn good() -> AutotaskCredentials {
    creds(fx::GOOD_USER, fx::GOOD_SECRET)
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

pub fn opts(sim: &AutotaskSim) -> CheckOptions {
    let mut o = CheckOptions::new(AutotaskEndpoints::with_lookup_url(sim.zone_lookup_url()));
    o.http = fast_http();
    o
}

pub fn opts_with_zone(sim: &AutotaskSim, zone: AutotaskZone) -> CheckOptions {
    let mut o = opts(sim);
    o.zone = Some(zone);
    o
}

/// Runs the check and records every `on_item` call.
pub async fn check(c: &AutotaskCredentials, o: &CheckOptions) -> (CheckReport, Vec<CheckItem>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s2 = seen.clone();
    let report = psa_core::autotask::run_check(c, o, &move |i: &CheckItem| s2.lock().unwrap().push(i.clone())).await;
    let events = seen.lock().unwrap().clone();
    assert_no_secret_in(&format!("{report:?}"), c.secret.expose());
    assert_no_secret_in(&serde_json::to_string(&report).unwrap(), c.secret.expose());
    assert_no_secret_in(&format!("{events:?}"), c.secret.expose());
    (report, events)
}

pub fn item<'a>(r: &'a CheckReport, id: &str) -> &'a CheckItem {
    r.items.iter().find(|i| i.id == id).unwrap_or_else(|| panic!("no item {id} in {:#?}", r.items))
}

pub fn assert_no_secret_in(text: &str, secret: &str) {
    assert!(!secret.is_empty());
    assert!(!text.contains(secret), "the secret leaked into: {text}");
}

/// The error's code, with the secret checked absent from its Debug and JSON forms.
pub fn code_of(e: &PsaError, secret: &str) -> psa_core::ErrorCode {
    assert_no_secret_in(&format!("{e:?} {e}"), secret);
    assert_no_secret_in(&serde_json::to_string(e).unwrap(), secret);
    assert!(!e.message.is_empty() && !e.fix.is_empty(), "error without message or fix: {e:?}");
    e.code
}

/// A loopback port nobody listens on: bound, then released.
pub fn dead_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let p = l.local_addr().unwrap().port();
    drop(l);
    p
}

/// A keychain in memory for the engine tests (psa-core's own test store is private to its unit tests).
#[derive(Default)]
pub struct TestKeys(Mutex<std::collections::HashMap<String, Secret>>);

impl psa_core::keychain::SecretStore for TestKeys {
    fn set(&self, account: &str, secret: &Secret) -> Result<(), PsaError> {
        self.0.lock().unwrap().insert(account.to_string(), secret.clone());
        Ok(())
    }

    fn get(&self, account: &str) -> Result<Secret, PsaError> {
        self.0
            .lock()
            .unwrap()
            .get(account)
            .cloned()
            .ok_or_else(|| PsaError::new(psa_core::ErrorCode::KeychainEntryMissing, "no entry", "save it again"))
    }

    fn delete(&self, account: &str) -> Result<(), PsaError> {
        self.0.lock().unwrap().remove(account);
        Ok(())
    }

    fn describe(&self) -> String {
        "test keys".into()
    }
}
