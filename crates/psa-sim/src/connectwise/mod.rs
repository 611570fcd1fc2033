//! A ConnectWise Manage (PSA) REST 3.0 simulator served on 127.0.0.1, written from `shared/psa-api.md` §B.
//! The engine talks to it over real HTTP with only the base URL changed. Its users, keys and record
//! counts are in `fixtures`.
//!
//! Hosts are path prefixes under one port: `/{region}/` (na, eu, au, aus, za) is a cloud login host with
//! `login/companyinfo/{companyId}`; `/api-{region}/{codebase}apis/3.0/…` is its API host; `/onprem/` is a
//! self-hosted server (companyinfo and `v4_6_release/apis/3.0/…`), also reachable at the server root so the
//! `SiteUrl` it reports (`127.0.0.1:PORT`) leads back to it.
//!
//! Choices where the docs are silent (UNCONFIRMED in production): a missing or unregistered clientId answers
//! per [`ClientIdError`] and is checked before the keys; keys sent to another region's API host answer 401;
//! API paths on a login host answer 400 "SSL is required."; an unknown codebase answers 404 before any
//! authentication; a bad `conditions` text answers 400 `InvalidObject`; the count endpoints answer
//! `{"count": N}` (or another shape, [`CountShape`]); an inquire level of "My" (`CwLevel::Mine`; pyconnectwise's `MySecurity` model spells the
//! levels "None" | "My" | "All") sees no rows (the API member owns none) and `My Company` sees only the
//! partner's own company (id 1); a malformed `page`/`pageSize` answers 400 and a `pageSize` above
//! `max_page_size` is cut down silently. `system/mySecurity` is paged like every list (issue 13), the role has
//! 50 rows with every template function past row 25; `CwSimConfig::live_like` adds `/v4_6_release/` next links
//! and an older self-hosted server that refuses a newer `Accept` version.

mod api;
mod auth;
pub mod conditions;
#[cfg(test)]
mod conditions_tests;
pub mod config;
pub mod data;
pub mod faults;
pub mod fixtures;
mod paging;
pub mod picklists;
mod reply;
mod routes;
pub mod stats;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use crate::sim_common::controls::Controls;
use crate::sim_common::records::Records;
use crate::sim_common::serve::{Listening, ServerTask};

pub use auth::basic_auth_value;
pub use config::{
    ClientIdError, CountShape, CwDataSet, CwLevel, CwLocation, CwMemberDef, CwSimConfig, CwTenantDef, LinkStyle,
    SecurityRow,
};
pub use data::{CwCompany, CwContact};
pub use faults::{CwFault, CwFaultTarget};
pub use stats::{CwRequestRecord, CwSimStats};

pub(crate) struct Shared {
    pub cfg: CwSimConfig,
    pub base_url: String,
    pub records: HashMap<CwDataSet, Arc<Records>>,
    pub controls: Controls<CwFaultTarget, CwFault, stats::Live>,
}

fn build_records(set: CwDataSet) -> Records {
    let d = fixtures::tenant_data(set);
    let by_id: HashMap<i64, &CwCompany> = d.companies.iter().map(|c| (c.id, c)).collect();
    Records::sorted(
        d.companies.iter().map(CwCompany::to_json).collect(),
        d.contacts.iter().map(|c| c.to_json(by_id.get(&c.company_id).copied())).collect(),
    )
}

/// A running simulator. Dropping it stops the server.
pub struct CwSim {
    shared: Arc<Shared>,
    addr: SocketAddr,
    server: ServerTask,
}

impl CwSim {
    /// Binds 127.0.0.1:`cfg.port` (0 = any free port) and serves in the background.
    pub async fn start(cfg: CwSimConfig) -> std::io::Result<CwSim> {
        let listening = Listening::bind(cfg.port).await?;
        let records = Records::per_set(cfg.tenants.iter().map(|t| t.data), build_records);
        let shared = Arc::new(Shared {
            base_url: listening.base_url(),
            records,
            controls: Controls::new(cfg.latency, listening.shutdown_signal()),
            cfg,
        });
        let addr = listening.addr();
        let server = listening.serve(routes::router(shared.clone()), "connectwise");
        Ok(CwSim { shared, addr, server })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`
    pub fn base_url(&self) -> String {
        self.shared.base_url.clone()
    }

    /// `http://127.0.0.1:PORT/`: the value of `PSA_CONNECT_CONNECTWISE_CLOUD_URL` / `--cloud-url`.
    pub fn cloud_url(&self) -> String {
        format!("{}/", self.shared.base_url)
    }

    /// `http://127.0.0.1:PORT/onprem`: what a partner types as a self-hosted site.
    pub fn self_hosted_site(&self) -> String {
        format!("{}/onprem", self.shared.base_url)
    }

    /// `http://127.0.0.1:PORT/api-{region}/{codebase}apis/3.0` (no trailing slash) for a cloud tenant.
    pub fn api_url(&self, company_id: &str) -> Option<String> {
        let t = self.shared.cfg.tenant(company_id)?;
        let host = match &t.location {
            CwLocation::Cloud { region } => format!("api-{region}"),
            CwLocation::SelfHosted => "onprem".into(),
        };
        Some(format!("{}/{host}/{}apis/3.0", self.shared.base_url, t.codebase))
    }

    pub fn config(&self) -> &CwSimConfig {
        &self.shared.cfg
    }

    /// Added to every response, companyinfo included.
    pub fn set_latency(&self, latency: Duration) {
        self.shared.controls.set_latency(latency);
    }

    /// Sets (`Some`) or clears (`None`) the fault on a target.
    pub fn set_fault(&self, target: CwFaultTarget, fault: Option<CwFault>) {
        self.shared.controls.set_fault(target, fault);
    }

    pub fn clear_faults(&self) {
        self.shared.controls.clear_faults();
    }

    pub fn stats(&self) -> CwSimStats {
        self.shared.controls.live().stats.clone()
    }

    pub fn reset_stats(&self) {
        self.shared.controls.live().reset();
    }

    /// Stops serving; hanging responses end at once.
    pub async fn shutdown(mut self) {
        self.server.stop().await;
    }
}
