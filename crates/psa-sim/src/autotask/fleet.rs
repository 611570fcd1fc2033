//! A fleet of small Autotask customers for "Re-test all": `n` databases (one API user each, the vendor's
//! tracking identifier) spread over `zones` zones, and saved profiles pointing at them, secrets in an
//! in-memory keychain. Used by the re-test-all tests and the round-trips benchmark.

use std::time::Duration;

use std::collections::HashMap;
use std::sync::Mutex;

use psa_core::connection::Connection;
use psa_core::error::ErrorCode;
use psa_core::keychain::SecretStore;
use psa_core::model::{AutotaskZone, ZoneSource};
use psa_core::profiles::{Profile, ProfileInput};
use psa_core::PsaError;
use psa_core::Secret;

use super::fixtures as fx;
use super::{Access, AutotaskSim, DataSet, SimConfig, TenantDef, UserDef, ZoneDef};

/// An in-memory keychain for the fleet's secrets (psa-core's own is test-only).
#[derive(Default)]
pub struct FleetKeys {
    secrets: Mutex<HashMap<String, String>>,
}

impl SecretStore for FleetKeys {
    fn set(&self, account: &str, secret: &Secret) -> Result<(), PsaError> {
        self.secrets.lock().unwrap().insert(account.to_string(), secret.expose().to_string());
        Ok(())
    }

    fn get(&self, account: &str) -> Result<Secret, PsaError> {
        match self.secrets.lock().unwrap().get(account) {
            Some(s) => Ok(Secret::new(s.clone())),
            None => Err(PsaError::new(ErrorCode::KeychainEntryMissing, "No such entry.", "Save it first.")),
        }
    }

    fn delete(&self, account: &str) -> Result<(), PsaError> {
        self.secrets.lock().unwrap().remove(account);
        Ok(())
    }

    fn describe(&self) -> String {
        "in-memory fleet keychain".into()
    }
}

/// Database ids of the fleet start here.
pub const FIRST_CI: i64 = 300_000;

pub fn user(i: usize) -> String {
    format!("api{i}@customer{i}.example")
}

pub fn secret(i: usize) -> String {
    format!("Fleet-Secret-{i}-x!")
}

pub fn zone_of(i: usize, zones: u32) -> u32 {
    1 + (i as u32 % zones)
}

/// The simulator world: zones 1..=`zones`, `n` small databases, one API user each.
pub fn config(n: usize, zones: u32, latency: Duration) -> SimConfig {
    let mut cfg = SimConfig::standard().with_latency(latency);
    cfg.zones = (1..=zones).map(|z| ZoneDef { number: z, name: format!("Z{z:02}") }).collect();
    cfg.tenants.clear();
    cfg.users.clear();
    for i in 0..n {
        let ci = FIRST_CI + i as i64;
        cfg.tenants.push(TenantDef {
            ci,
            name: format!("Customer {i}"),
            zone: zone_of(i, zones),
            data: DataSet::Fabrikam,
            custom_codes: vec![],
            request_threshold: fx::DEFAULT_REQUEST_THRESHOLD,
            initial_request_count: 0,
        });
        cfg.users.push(
            UserDef::new(&user(i), &secret(i), ci)
                .with_access("Companies", Access::READ)
                .with_access("Contacts", Access::READ),
        );
    }
    cfg
}

/// Saved profiles pointing at their zones (as a detected zone would be saved); secrets go into `keys`.
pub fn profiles(sim: &AutotaskSim, n: usize, zones: u32, keys: &FleetKeys) -> Vec<Profile> {
    let now = time::OffsetDateTime::now_utc();
    (0..n)
        .map(|i| {
            let zone = zone_of(i, zones);
            let account = format!("fleet-{i}");
            keys.set(&account, &Secret::new(secret(i))).expect("memory keychain");
            Profile {
                id: format!("p{i:03}"),
                details: ProfileInput {
                    name: format!("Customer {i}"),
                    // Not a shipped template: the default probes (Companies and Contacts, read).
                    template: "fleet-default".into(),
                    connection: Connection::autotask(
                        user(i),
                        fx::INTEGRATION_CODE,
                        Some(AutotaskZone {
                            zone_name: format!("Z{zone:02}"),
                            api_url: sim.zone_api_url(zone),
                            web_url: sim.zone_web_url(zone),
                            ci: Some(FIRST_CI + i as i64),
                            source: ZoneSource::Detected,
                        }),
                    ),
                    filters: Default::default(),
                    settings: Default::default(),
                    notes: String::new(),
                },
                created_at: now,
                updated_at: now,
                last_check: None,
                secret_ref: Some(account),
            }
        })
        .collect()
}
