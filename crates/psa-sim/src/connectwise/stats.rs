//! What the simulator saw. The `Authorization` value is never stored (it carries the private key); only
//! whether one came. The clientId and Accept values are public and are kept so tests can check them.

use std::collections::HashMap;

use crate::sim_common::gauge::Gauge;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CwRequestRecord {
    pub method: String,
    pub path: String,
    /// Raw query string (without `?`), empty when none.
    pub query: String,
    /// 0 when the request never got an answer (a `Hang` fault).
    pub status: u16,
    /// E.g. "companyinfo", "system/info", "system/mysecurity", "company/companies", "company/companies/count",
    /// "company/companies/{id}", "company/marketDescriptions"; "login-host:…" for API paths sent to a login host.
    pub endpoint: String,
    pub client_id: Option<String>,
    pub accept: Option<String>,
    pub had_auth: bool,
    /// Header names as sent, lowercase (never their values).
    pub header_names: Vec<String>,
    /// The request body (`…/search` conditions; never a key).
    pub body: String,
}

#[derive(Debug, Clone, Default)]
pub struct CwSimStats {
    pub total_requests: usize,
    pub requests: Vec<CwRequestRecord>,
    /// Highest number of requests in flight at once per endpoint key.
    pub peak_in_flight_per_endpoint: HashMap<String, usize>,
    pub peak_in_flight_total: usize,
}

impl CwSimStats {
    /// Requests whose endpoint key equals `endpoint` (case-insensitive).
    pub fn count_endpoint(&self, endpoint: &str) -> usize {
        self.requests.iter().filter(|r| r.endpoint.eq_ignore_ascii_case(endpoint)).count()
    }

    pub fn max_peak_per_endpoint(&self) -> usize {
        self.peak_in_flight_per_endpoint.values().copied().max().unwrap_or(0)
    }
}

#[derive(Default)]
pub(crate) struct Live {
    pub stats: CwSimStats,
    endpoints: Gauge,
    in_flight_total: usize,
}

impl Live {
    pub fn enter(&mut self, endpoint: &str) {
        self.endpoints.enter(endpoint, &mut self.stats.peak_in_flight_per_endpoint);
        self.in_flight_total += 1;
        self.stats.peak_in_flight_total = self.stats.peak_in_flight_total.max(self.in_flight_total);
    }

    pub fn leave(&mut self, endpoint: &str) {
        self.endpoints.leave(endpoint);
        self.in_flight_total = self.in_flight_total.saturating_sub(1);
    }

    pub fn record(&mut self, rec: CwRequestRecord) {
        self.stats.total_requests += 1;
        self.stats.requests.push(rec);
    }

    /// Clears history and peaks; requests still in flight keep being counted.
    pub fn reset(&mut self) {
        self.stats = CwSimStats::default();
    }
}
