//! An Autotask REST v1.0 simulator served on 127.0.0.1, written from the documented behaviour in
//! `shared/psa-api.md` §A. It is a test fixture: the engine under test talks to it over real HTTP with a
//! different base URL. Its users, secrets and record counts are in `fixtures`.
//!
//! Layout: `/ATServicesRest/V1.0/ZoneInformation?user=U` (zone lookup, no auth, exempt from the thread
//! limit), `/ATServicesRest/VersionInformation`, and `/zone{N}/ATServicesRest/V1.0/...` per zone (5, 14,
//! 15 in the standard config). Paths are case-insensitive.
//!
//! Fixture users (`fixtures`; Contoso = ci 100014 in zone 14 "AE02", Fabrikam = ci 100015 in zone 15):
//! - `GOOD_USER`: Contoso, read/write Companies and Contacts, read elsewhere. The happy path.
//! - `FULL_ACCESS_USER`: Contoso, every access 1 including delete (an excess permission to warn about).
//! - `NO_CONTACTS_USER` / `NO_CONTACTS_500_USER`: Contacts `userAccessForQuery` 0; Contacts queries answer
//!   403 / 500 with "The logged in Resource does not have the adequate permissions …" (Autotask does both).
//! - `RESTRICTED_USER`: Companies `userAccessForQuery` 2; queries answer 200 with no rows, counts 0.
//! - `NOT_API_USER`, `LOCKED_USER`, `INACTIVE_USER`: right secret, but the account is not usable. Their REST
//!   answers are UNCONFIRMED; the simulator CHOOSES 401 with distinct bodies: `MSG_NOT_API_USER` ("…only
//!   accessible to API Only users."), `MSG_LOCKED` ("…has been locked…"), `MSG_INACTIVE` ("…is inactive…").
//! - `FABRIKAM_USER`: a small tenant with empty market/territory picklists and no `companyCategoryID`.
//! - `MOVED_USER`: Fabrikam; tests call `move_tenant(FABRIKAM_CI, MOVE_TARGET_ZONE)`, after which zone 15
//!   answers 401 and the zone lookup points at zone 5.
//! - `UNKNOWN_USER`: zone lookup 500 "Zone information could not be determined"; API calls 401.
//!
//! Other choices where the docs are silent: a wrong secret, an unknown user and a moved tenant all answer
//! 401 `{"errors":[MSG_UNAUTHORIZED]}` (or an empty body with `SimConfig::empty_401_body`); a missing or
//! unknown tracking identifier answers 500 "IntegrationCode is invalid." (checked after the secret and the
//! account state); a query without filter items, with MaxRecords outside 1–500, with an unknown field or a
//! non-boolean value on a boolean field answers 500 with a message; the hourly threshold answers
//! `threshold_exceeded_status` (500) with "…external request threshold…"; the thread limit counts per
//! (database, tracking identifier, entity) so `entityInformation/fields` shares the entity's bucket.

mod api;
mod auth;
pub mod config;
mod data;
pub mod entities;
pub mod faults;
pub mod fixtures;
pub mod fleet;
pub mod picklists;
pub mod query;
#[cfg(test)]
mod query_tests;
mod reply;
mod routes;
pub mod stats;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::sim_common::controls::Controls;
use crate::sim_common::records::Records;
use crate::sim_common::serve::{Listening, ServerTask};

pub use config::{
    Access, AccessForm, DataSet, DenialStyle, RefusalStyle, SimConfig, TenantDef, ThreadBucket, UserDef, UserStatus,
    ZoneDef,
};
pub use data::{Company, Contact, TenantData};
pub use faults::{Fault, FaultTarget};
pub use stats::{RequestRecord, SimStats};

pub(crate) struct Shared {
    pub cfg: SimConfig,
    pub base_url: String,
    pub records: HashMap<DataSet, Arc<Records>>,
    pub tenant_zones: Mutex<HashMap<i64, u32>>,
    pub request_counts: Mutex<HashMap<i64, u64>>,
    pub controls: Controls<FaultTarget, Fault, stats::Live>,
}

impl Shared {
    pub fn tenant_zone(&self, ci: i64) -> Option<u32> {
        self.tenant_zones.lock().unwrap().get(&ci).copied()
    }

    pub fn zone_def(&self, number: u32) -> Option<&ZoneDef> {
        self.cfg.zones.iter().find(|z| z.number == number)
    }

    pub fn zone_api_root(&self, number: u32) -> String {
        format!("{}/zone{number}/ATServicesRest/", self.base_url)
    }
}

/// A running simulator. Dropping it stops the server.
pub struct AutotaskSim {
    shared: Arc<Shared>,
    addr: SocketAddr,
    server: ServerTask,
}

impl AutotaskSim {
    /// Binds 127.0.0.1:`cfg.port` (0 = any free port) and serves in the background.
    pub async fn start(cfg: SimConfig) -> std::io::Result<AutotaskSim> {
        let listening = Listening::bind(cfg.port).await?;
        let records = Records::per_set(cfg.tenants.iter().map(|t| t.data), |set| {
            let d = fixtures::tenant_data(set);
            Records::sorted(
                d.companies.iter().map(|c| c.to_json(set)).collect(),
                d.contacts
                    .iter()
                    .map(|c| if let DataSet::Sized(_) = set { c.to_lean_json() } else { c.to_json() })
                    .collect(),
            )
        });
        let shared = Arc::new(Shared {
            base_url: listening.base_url(),
            records,
            tenant_zones: Mutex::new(cfg.tenants.iter().map(|t| (t.ci, t.zone)).collect()),
            request_counts: Mutex::new(cfg.tenants.iter().map(|t| (t.ci, t.initial_request_count)).collect()),
            controls: Controls::new(cfg.latency, listening.shutdown_signal()),
            cfg,
        });
        let addr = listening.addr();
        let server = listening.serve(routes::router(shared.clone()), "autotask");
        Ok(AutotaskSim { shared, addr, server })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// `http://127.0.0.1:PORT/ATServicesRest/`: the value for `--zone-lookup-url`.
    pub fn zone_lookup_url(&self) -> String {
        format!("{}/ATServicesRest/", self.shared.base_url)
    }

    /// `http://127.0.0.1:PORT/zone{N}/ATServicesRest/V1.0` (no trailing slash): the value for `--api-url`.
    pub fn zone_api_url(&self, zone: u32) -> String {
        format!("{}V1.0", self.shared.zone_api_root(zone))
    }

    /// `http://127.0.0.1:PORT/ww{N}`: the web UI URL the zone lookup reports (without the trailing slash).
    pub fn zone_web_url(&self, zone: u32) -> String {
        format!("{}/ww{zone}", self.shared.base_url)
    }

    pub fn config(&self) -> &SimConfig {
        &self.shared.cfg
    }

    /// Added to every response, zone lookup included.
    pub fn set_latency(&self, latency: Duration) {
        self.shared.controls.set_latency(latency);
    }

    /// Sets (`Some`) or clears (`None`) the fault on a target.
    pub fn set_fault(&self, target: FaultTarget, fault: Option<Fault>) {
        self.shared.controls.set_fault(target, fault);
    }

    pub fn clear_faults(&self) {
        self.shared.controls.clear_faults();
    }

    /// Moves a tenant to another zone: the lookup then reports the new zone and the old one answers 401.
    pub fn move_tenant(&self, ci: i64, zone: u32) {
        self.shared.tenant_zones.lock().unwrap().insert(ci, zone);
    }

    /// Sets `currentTimeframeRequestCount` (e.g. to just below the threshold).
    pub fn set_request_count(&self, ci: i64, count: u64) {
        self.shared.request_counts.lock().unwrap().insert(ci, count);
    }

    pub fn request_count(&self, ci: i64) -> u64 {
        self.shared.request_counts.lock().unwrap().get(&ci).copied().unwrap_or(0)
    }

    pub fn stats(&self) -> SimStats {
        self.shared.controls.live().stats.clone()
    }

    pub fn reset_stats(&self) {
        self.shared.controls.live().reset();
    }

    /// Stops serving; hanging and trickling responses end at once.
    pub async fn shutdown(mut self) {
        self.server.stop().await;
    }
}
