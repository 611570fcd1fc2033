//! Data that crosses a boundary: to the webview (TypeScript types are generated from these), to the CLI's
//! `--json` output, and into saved profiles. Field names are camelCase on the wire.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ErrorCode, PsaError};
use crate::secret::Secret;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Psa {
    Autotask,
    Connectwise,
}

impl Psa {
    /// The product's name as partners know it, for reports and messages that stand on their own.
    pub fn product_name(self) -> &'static str {
        match self {
            Psa::Autotask => "Datto Autotask",
            Psa::Connectwise => "ConnectWise PSA",
        }
    }

    /// The short name, for messages where the product is already clear ("no Autotask setup").
    pub fn short_name(self) -> &'static str {
        match self {
            Psa::Autotask => "Autotask",
            Psa::Connectwise => "ConnectWise",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ZoneSource {
    /// Found by Autotask's zone lookup from the username.
    Detected,
    /// Typed or pasted by the user.
    Manual,
}

/// Where an Autotask database lives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AutotaskZone {
    /// Autotask's name for the zone, e.g. "AE02"; for a manual zone the friendly name from our table.
    pub zone_name: String,
    /// REST base including the pinned version, no trailing slash:
    /// `https://webservices14.autotask.net/ATServicesRest/V1.0`.
    pub api_url: String,
    /// The web UI host the partner logs into, no trailing slash: `https://ww14.autotask.net`.
    pub web_url: String,
    /// Autotask's database id, used to recognise the same tenant across profiles. Unknown for manual zones.
    #[ts(optional, as = "Option<f64>")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ci: Option<i64>,
    pub source: ZoneSource,
}

/// Where a ConnectWise company's API lives, found from `login/companyinfo/{companyId}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectwiseSite {
    /// What the partner chose: a cloud region (`na`, `eu`, `au`, `aus`, `za`) or a self-hosted base
    /// (`https://cw.example.com`; plain http only for loopback).
    pub site: String,
    /// The company ID typed at the ConnectWise login screen (e.g. "contoso"), as ConnectWise spells it.
    pub company_id: String,
    /// `CompanyName` from companyinfo; empty for a manual site.
    pub company_name: String,
    /// `Codebase`, always ending in `/`, e.g. `v2025_1/` (cloud) or `v4_6_release/` (self-hosted).
    pub codebase: String,
    pub is_cloud: bool,
    /// REST base, no trailing slash: `https://api-na.myconnectwise.net/v2025_1/apis/3.0`.
    pub api_url: String,
    /// The login site the partner uses in the browser, no trailing slash: `https://na.myconnectwise.net`.
    pub web_url: String,
    pub source: ZoneSource,
    /// `VersionCode` from companyinfo (e.g. "v2025.1", "v2020.4" on an older self-hosted server): the API
    /// version the server runs, which decides the `Accept` version sent (see `connectwise::accept_for`).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_code: Option<String>,
}

/// What the user typed to reach ConnectWise. Arrives from the UI once; never sent back (no `Serialize`).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectwiseCredentials {
    pub company_id: String,
    pub public_key: String,
    #[ts(type = "string")]
    pub private_key: Secret,
    /// The integration's registered clientId (a GUID). Templates carry it; only Custom asks for it.
    pub client_id: String,
}

/// What the user typed to reach Autotask. Arrives from the UI once; never sent back (no `Serialize`).
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AutotaskCredentials {
    pub username: String,
    /// The API tracking identifier ("integration code") sent as `ApiIntegrationCode`.
    pub integration_code: String,
    #[ts(type = "string")]
    pub secret: Secret,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    Running,
    Ok,
    /// Works, but something deserves attention (an excess permission, a 200 with no rows).
    Warning,
    /// The permission or object is absent.
    Missing,
    /// Present but narrower than needed (e.g. "mine only" instead of "all").
    Restricted,
    Failed,
    Skipped,
}

/// One line of a connection test, as the wizard shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckItem {
    /// Stable id, e.g. "zone", "auth", "probe.companies", "threshold", "picklists".
    pub id: String,
    pub label: String,
    pub status: CheckStatus,
    pub message: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<ErrorCode>,
    /// Where in the PSA to change it, e.g. "Admin > Account Settings & Users > Security Levels > …".
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guide_step: Option<String>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    #[ts(optional, as = "Option<f64>")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elapsed_ms: Option<u64>,
}

/// Autotask's API budget, read once from `ThresholdInformation`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Threshold {
    #[ts(type = "number")]
    pub limit: i64,
    #[ts(type = "number")]
    pub used: i64,
    #[ts(type = "number")]
    pub timeframe_minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PicklistValue {
    pub value: String,
    pub label: String,
    pub is_active: bool,
    pub sort_order: i32,
}

/// The live lists the filter step offers. An empty list is normal (markets and territories are optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Picklists {
    pub company_types: Vec<PicklistValue>,
    pub company_statuses: Vec<PicklistValue>,
    pub company_categories: Vec<PicklistValue>,
    pub markets: Vec<PicklistValue>,
    pub territories: Vec<PicklistValue>,
    pub classifications: Vec<PicklistValue>,
    pub contact_statuses: Vec<PicklistValue>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActiveState {
    Active,
    Inactive,
}

/// What the integration will sync. An empty list means "no restriction" on that field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct FilterSet {
    pub company_types: Vec<String>,
    pub company_statuses: Vec<ActiveState>,
    pub company_categories: Vec<String>,
    pub markets: Vec<String>,
    pub territories: Vec<String>,
    pub classifications: Vec<String>,
    pub contact_statuses: Vec<ActiveState>,
    /// ConnectWise only: company status ids (ConnectWise statuses are a picklist, not active/inactive).
    pub company_status_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    #[ts(type = "number")]
    pub companies: u64,
    #[ts(type = "number")]
    pub contacts: u64,
    /// A few company names, to recognise the selection.
    pub sample: Vec<String>,
    /// True when so many companies are selected that `contacts` covers only the first of them (the
    /// engine bounds its requests): show it as "at least".
    #[serde(default)]
    pub contacts_lower_bound: bool,
    /// Set when `contacts` is an estimate (so many companies are selected that counting all their contacts
    /// would cost too many requests): how it was estimated. `None`: the count is exact.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contacts_estimated: Option<ContactEstimate>,
}

/// How a contact count was estimated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactEstimate {
    /// `sample_ratio`: contacts counted exactly for the first `sampled_companies` selected companies (by id),
    /// scaled by `companies / sampled_companies`.
    pub method: EstimateMethod,
    #[ts(type = "number")]
    pub sampled_companies: u64,
    #[ts(type = "number")]
    pub sampled_contacts: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EstimateMethod {
    SampleRatio,
}

impl ContactEstimate {
    /// The estimate for `companies` from an exact count over the first `sampled_companies` of them.
    pub fn sample_ratio(companies: u64, sampled_companies: u64, sampled_contacts: u64) -> (u64, ContactEstimate) {
        let estimate = if sampled_companies == 0 {
            0
        } else {
            ((sampled_contacts as f64) * (companies as f64) / (sampled_companies as f64)).round() as u64
        };
        (estimate, ContactEstimate { method: EstimateMethod::SampleRatio, sampled_companies, sampled_contacts })
    }

    /// One sentence for people: "estimated from the contacts of the first 2,500 of 60,000 companies".
    pub fn describe(&self, companies: u64) -> String {
        match self.method {
            EstimateMethod::SampleRatio => format!(
                "estimated from the {} contacts of the first {} of {} selected companies",
                crate::numbers::thousands(self.sampled_contacts),
                crate::numbers::thousands(self.sampled_companies),
                crate::numbers::thousands(companies)
            ),
        }
    }
}

/// The whole result of a connection test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckReport {
    pub psa: Psa,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<AutotaskZone>,
    /// ConnectWise only: the site and codebase the check used.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<ConnectwiseSite>,
    pub items: Vec<CheckItem>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Threshold>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picklists: Option<Picklists>,
    /// True when authentication worked and no required check failed.
    pub ok: bool,
    /// The first blocking error (zone or authentication), when there is one.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<PsaError>,
    #[ts(type = "number")]
    pub requests: u32,
    #[ts(type = "number")]
    pub elapsed_ms: u64,
}

impl CheckReport {
    /// The one "did the test pass" rule, for the app, the command line and (as `ok && !error`) the wizard: the
    /// engine set `ok` (signed in, nothing required missing or failed; warnings and manual checks do not
    /// block) and nothing blocking happened.
    pub fn passed(&self) -> bool {
        self.ok && self.error.is_none()
    }
}

/// What the desktop app tells the UI about itself at start-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    /// The Autotask zone lookup base in force.
    pub zone_lookup_url: String,
    /// True when `PSA_CONNECT_AUTOTASK_ZONE_URL` points somewhere other than production (a demo or test).
    pub zone_lookup_overridden: bool,
    /// Where ConnectWise cloud hosts are reached instead of production (`PSA_CONNECT_CONNECTWISE_CLOUD_URL`).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connectwise_cloud_url: Option<String>,
}
