//! What the simulator saw. Header VALUES are never stored (a secret must not reach stats); only names.

use std::collections::{BTreeSet, HashMap};

use crate::sim_common::gauge::Gauge;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    pub method: String,
    pub path: String,
    /// Raw query string (without `?`), empty when none.
    pub query: String,
    /// 0 when the request never got an answer (a `Hang` fault).
    pub status: u16,
    /// E.g. "ZoneInformation", "Companies/query", "Companies/query/count", "Companies/entityInformation/fields",
    /// "Companies/{id}", "ThresholdInformation", "Version".
    pub endpoint: String,
    /// Header names as sent, lowercase (never their values: `Secret` carries the API secret).
    pub header_names: Vec<String>,
    /// The request body (a query model; Autotask requests carry no secret in their bodies).
    pub body: String,
}

#[derive(Debug, Clone, Default)]
pub struct SimStats {
    pub total_requests: usize,
    pub requests: Vec<RequestRecord>,
    /// Highest number of requests in flight at once per endpoint key (all integration codes together).
    pub peak_in_flight_per_endpoint: HashMap<String, usize>,
    /// Highest number in flight at once per thread-limit bucket (the entity, e.g. "Companies", by default).
    pub peak_in_flight_per_bucket: HashMap<String, usize>,
    pub peak_in_flight_total: usize,
    /// Highest number admitted at once per thread-limit slot (what the limit counts), keyed `ci/bucket`
    /// (the tracking identifier is left out: stats hold no header values).
    pub peak_in_flight_per_slot: HashMap<String, usize>,
    /// Highest number in flight at once per zone and endpoint key, e.g. `zone14/Companies/query` (every
    /// database and code together); lookups are keyed by their endpoint alone.
    pub peak_in_flight_per_zone_endpoint: HashMap<String, usize>,
    /// Lower-cased header names seen on any request.
    pub header_names_seen: BTreeSet<String>,
}

impl SimStats {
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
    pub stats: SimStats,
    endpoints: Gauge,
    buckets: Gauge,
    zone_endpoints: Gauge,
    in_flight_total: usize,
    /// Admitted (not rejected) requests per (integration code, bucket): what the thread limit counts.
    admitted: HashMap<(String, String), usize>,
}

impl Live {
    pub fn enter(&mut self, endpoint: &str, bucket: &str, zone_endpoint: &str) {
        self.endpoints.enter(endpoint, &mut self.stats.peak_in_flight_per_endpoint);
        self.zone_endpoints.enter(zone_endpoint, &mut self.stats.peak_in_flight_per_zone_endpoint);
        self.buckets.enter(bucket, &mut self.stats.peak_in_flight_per_bucket);
        self.in_flight_total += 1;
        self.stats.peak_in_flight_total = self.stats.peak_in_flight_total.max(self.in_flight_total);
    }

    pub fn leave(&mut self, endpoint: &str, bucket: &str, zone_endpoint: &str) {
        self.endpoints.leave(endpoint);
        self.zone_endpoints.leave(zone_endpoint);
        self.buckets.leave(bucket);
        self.in_flight_total = self.in_flight_total.saturating_sub(1);
    }

    /// Takes a thread slot unless `limit` are already taken.
    pub fn admit(&mut self, key: &(String, String), limit: usize) -> bool {
        let n = self.admitted.entry(key.clone()).or_default();
        if *n >= limit {
            return false;
        }
        *n += 1;
        // The database and bucket only: stats never hold header values, not even the tracking identifier.
        let db = key.0.split(':').next().unwrap_or("");
        let peak = self.stats.peak_in_flight_per_slot.entry(format!("{db}/{}", key.1)).or_default();
        *peak = (*peak).max(*n);
        true
    }

    pub fn release(&mut self, key: &(String, String)) {
        if let Some(n) = self.admitted.get_mut(key) {
            *n = n.saturating_sub(1);
        }
    }

    pub fn record(&mut self, rec: RequestRecord) {
        self.stats.total_requests += 1;
        self.stats.requests.push(rec);
    }

    /// Clears history and peaks; requests still in flight keep being counted.
    pub fn reset(&mut self) {
        self.stats = SimStats::default();
    }
}
