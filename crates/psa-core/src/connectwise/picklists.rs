//! The live lists the filter step offers: company types, company statuses, markets
//! (`company/marketDescriptions`) and territories (`system/locations`: ConnectWise calls territories
//! locations). Contacts have no status list, only `inactiveFlag`, so they get the shared Active/Inactive
//! pair. psa-api.md §B2.
//!
//! Values are ids (what the conditions use), labels are names, ordered by name. A list that cannot be read
//! is left empty and named in the report line; the others still arrive.

use serde_json::Value;

use super::client::CwClient;
use super::errors::Subject;
use super::paging::get_all;
use crate::error::PsaError;
use crate::filters::active_inactive;
use crate::model::{PicklistValue, Picklists};

/// Pages per list; 10 pages of 1000 is far beyond any real picklist.
pub const MAX_PAGES: u32 = 10;

pub const TYPES_PATH: &str = "company/companies/types";
pub const STATUSES_PATH: &str = "company/companies/statuses";
pub const MARKETS_PATH: &str = "company/marketDescriptions";
pub const LOCATIONS_PATH: &str = "system/locations";

/// One list's items → values. Items without an id are skipped; `inactiveFlag` greys a value out.
pub fn values_of(items: &[Value]) -> Vec<PicklistValue> {
    let mut out: Vec<PicklistValue> = items
        .iter()
        .filter_map(|v| {
            let id = v.get("id").and_then(|i| i.as_i64())?;
            let label = ["name", "description"]
                .iter()
                .find_map(|k| v.get(*k).and_then(|n| n.as_str()))
                .map(str::to_string)
                .unwrap_or_else(|| id.to_string());
            let inactive = v.get("inactiveFlag").and_then(|f| f.as_bool()).unwrap_or(false);
            Some(PicklistValue { value: id.to_string(), label, is_active: !inactive, sort_order: 0 })
        })
        .collect();
    out.sort_by(|a, b| a.label.to_lowercase().cmp(&b.label.to_lowercase()).then_with(|| a.value.cmp(&b.value)));
    for (n, v) in out.iter_mut().enumerate() {
        v.sort_order = n as i32;
    }
    out
}

/// What the picklist step found: the lists, and `(list name, error)` for each one that failed.
pub struct Found {
    pub picklists: Picklists,
    pub failures: Vec<(&'static str, PsaError)>,
    pub truncated: Vec<&'static str>,
}

pub async fn run(client: &CwClient) -> Found {
    let list = |path: &'static str, object: &'static str| async move {
        let subject = Subject { object, role_row: None };
        get_all(client, path, "", Some(subject), MAX_PAGES, usize::MAX).await
    };
    let (types, statuses, markets, locations) = futures::join!(
        list(TYPES_PATH, "company types"),
        list(STATUSES_PATH, "company statuses"),
        list(MARKETS_PATH, "markets"),
        list(LOCATIONS_PATH, "territories"),
    );
    let mut failures = Vec::new();
    let mut truncated = Vec::new();
    let mut take = |name: &'static str, r: Result<super::paging::Listed, PsaError>| match r {
        Ok(l) => {
            if l.truncated {
                truncated.push(name);
            }
            values_of(&l.items)
        }
        Err(e) => {
            failures.push((name, e));
            Vec::new()
        }
    };
    let picklists = Picklists {
        company_types: take("company types", types),
        company_statuses: take("company statuses", statuses),
        markets: take("markets", markets),
        territories: take("territories", locations),
        contact_statuses: active_inactive(),
        ..Default::default()
    };
    Found { picklists, failures, truncated }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_names_flags_and_order() {
        let v = values_of(&[
            json!({"id": 3, "name": "Prospect", "defaultFlag": false}),
            json!({"id": 1, "name": "customer"}),
            json!({"id": 9, "name": "Legacy", "inactiveFlag": true}),
            json!({"name": "no id"}),
            json!({"id": 4, "description": "Decision maker"}),
        ]);
        let shown: Vec<(&str, &str, bool, i32)> =
            v.iter().map(|p| (p.value.as_str(), p.label.as_str(), p.is_active, p.sort_order)).collect();
        assert_eq!(
            shown,
            [
                ("1", "customer", true, 0),
                ("4", "Decision maker", true, 1),
                ("9", "Legacy", false, 2),
                ("3", "Prospect", true, 3)
            ]
        );
    }
}
