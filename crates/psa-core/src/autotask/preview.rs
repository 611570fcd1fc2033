//! Filter preview: how many companies and contacts a filter set selects, without downloading a table.
//!
//! Companies are counted with one `Companies/query/count`. Contacts cannot be filtered by their company's
//! fields (Autotask's query has no joins), so when company filters are set:
//! - the ids of the selected companies are read in pages of 500 (`IncludeFields: ["id"]`, paging by
//!   `id > last id`), at most [`MAX_COMPANY_IDS`] of them, and
//! - contacts are counted with `companyID in [those ids]`, one `query/count` per page of ids.
//!
//! When more than [`MAX_COMPANY_IDS`] companies are selected, the contact count covers only the first
//! ones and `contacts_lower_bound` says so: the number is honest ("at least"), the cost stays bounded
//! (at most 2 × MAX_COMPANY_IDS / 500 + 2 requests). Without company filters contacts are counted directly.

use futures::future::try_join_all;
use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

use super::client::AtClient;
use super::errors;
use crate::error::PsaError;
use crate::filters::only_state;
use crate::model::{ActiveState, FilterSet, Preview};

/// Autotask's page size, and the size of one `in` list.
pub const PAGE: usize = 500;
/// Selected companies whose contacts are counted exactly (5 pages of ids).
pub const MAX_COMPANY_IDS: usize = 2_500;
pub const SAMPLE_SIZE: usize = 5;

/// Picklist values are strings on the wire but integers in the data: send numbers when they are numbers.
fn typed(v: &str) -> Value {
    match v.trim().parse::<i64>() {
        Ok(n) => json!(n),
        Err(_) => json!(v.trim()),
    }
}

/// One condition per filtered field: `eq` for a single value, `in` for several.
fn any_of(field: &str, values: &[String]) -> Option<Value> {
    let mut vals: Vec<Value> = values.iter().map(|v| typed(v)).collect();
    vals.dedup();
    match vals.len() {
        0 => None,
        1 => Some(json!({"op": "eq", "field": field, "value": vals.remove(0)})),
        _ => Some(json!({"op": "in", "field": field, "value": vals})),
    }
}

/// The company conditions of a filter set (empty: every company).
pub fn company_conditions(f: &FilterSet) -> Vec<Value> {
    let mut out: Vec<Value> = [
        any_of("companyType", &f.company_types),
        any_of("marketSegmentID", &f.markets),
        any_of("territoryID", &f.territories),
        any_of("classification", &f.classifications),
        any_of("companyCategoryID", &f.company_categories),
    ]
    .into_iter()
    .flatten()
    .collect();
    // Companies.isActive is a boolean; anything but true/false is rejected by Autotask.
    if let Some(s) = only_state(&f.company_statuses) {
        out.push(json!({"op": "eq", "field": "isActive", "value": s == ActiveState::Active}));
    }
    out
}

/// The contact conditions (Contacts.isActive is an integer 0/1).
pub fn contact_conditions(f: &FilterSet) -> Vec<Value> {
    match only_state(&f.contact_statuses) {
        Some(s) => {
            vec![json!({"op": "eq", "field": "isActive", "value": if s == ActiveState::Active { 1 } else { 0 }})]
        }
        None => Vec::new(),
    }
}

/// A filter array Autotask accepts: at least one condition, "every row" being `id >= 0`.
pub fn filter_array(mut conditions: Vec<Value>) -> Value {
    if conditions.is_empty() {
        conditions.push(json!({"op": "gte", "field": "id", "value": 0}));
    }
    Value::Array(conditions)
}

fn count_of(v: &Value, what: &str) -> Result<u64, PsaError> {
    v.get("queryCount").and_then(|c| c.as_u64()).ok_or_else(|| errors::malformed(what, "no queryCount"))
}

fn items(v: &Value, what: &str) -> Result<Vec<Value>, PsaError> {
    v.get("items").and_then(|i| i.as_array()).cloned().ok_or_else(|| errors::malformed(what, "no items"))
}

/// Ids of the selected companies, ascending, at most `limit`.
async fn company_ids(client: &AtClient, conditions: &[Value], limit: usize) -> Result<Vec<i64>, PsaError> {
    let mut ids: Vec<i64> = Vec::new();
    let mut last: i64 = -1;
    while ids.len() < limit {
        let mut conds = conditions.to_vec();
        conds.push(json!({"op": "gt", "field": "id", "value": last}));
        let body = json!({"MaxRecords": PAGE, "IncludeFields": ["id"], "filter": conds});
        let page = items(&client.post("Companies/query", body, Some("Companies")).await?, "the company id page")?;
        let mut page_ids: Vec<i64> = page.iter().filter_map(|r| r.get("id").and_then(|i| i.as_i64())).collect();
        page_ids.sort_unstable();
        let Some(&max) = page_ids.last() else { break };
        let full = page.len() >= PAGE;
        ids.extend(page_ids);
        last = max;
        if !full {
            break;
        }
    }
    ids.truncate(limit);
    Ok(ids)
}

pub async fn run(client: &AtClient, filters: &FilterSet, cancel: &CancellationToken) -> Result<Preview, PsaError> {
    let company_conds = company_conditions(filters);
    let contact_conds = contact_conditions(filters);

    let count_fut =
        client.post("Companies/query/count", json!({"filter": filter_array(company_conds.clone())}), Some("Companies"));
    let sample_body = json!({"MaxRecords": SAMPLE_SIZE, "IncludeFields": ["id", "companyName"], "filter": filter_array(company_conds.clone())});
    let sample_fut = client.post("Companies/query", sample_body, Some("Companies"));
    let direct_contacts = company_conds.is_empty();
    let contacts_fut = async {
        if direct_contacts {
            let body = json!({"filter": filter_array(contact_conds.clone())});
            Some(client.post("Contacts/query/count", body, Some("Contacts")).await)
        } else {
            None
        }
    };
    let (count, sample, direct) = futures::join!(count_fut, sample_fut, contacts_fut);
    let companies = count_of(&count?, "the company count")?;
    let sample: Vec<String> = items(&sample?, "the company sample")?
        .iter()
        .filter_map(|r| r.get("companyName").and_then(|n| n.as_str()).map(str::to_string))
        .collect();

    if cancel.is_cancelled() {
        return Err(PsaError::new(
            crate::error::ErrorCode::Cancelled,
            "The preview was cancelled.",
            "Start it again when you are ready.",
        ));
    }
    let (contacts, lower_bound) = match direct {
        Some(r) => (count_of(&r?, "the contact count")?, false),
        None if companies == 0 => (0, false),
        None => {
            let ids = company_ids(client, &company_conds, MAX_COMPANY_IDS).await?;
            let counts = try_join_all(ids.chunks(PAGE).map(|chunk| {
                let mut conds = contact_conds.clone();
                conds.push(json!({"op": "in", "field": "companyID", "value": chunk}));
                async move {
                    count_of(
                        &client.post("Contacts/query/count", json!({"filter": conds}), Some("Contacts")).await?,
                        "the contact count",
                    )
                }
            }))
            .await?;
            (counts.iter().sum(), (ids.len() as u64) < companies)
        }
    };
    Ok(Preview { companies, contacts, sample, contacts_lower_bound: lower_bound })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_json() {
        let f = FilterSet {
            company_types: vec!["1".into(), "8".into()],
            markets: vec!["12".into()],
            company_statuses: vec![ActiveState::Active],
            contact_statuses: vec![ActiveState::Inactive],
            ..Default::default()
        };
        assert_eq!(
            Value::Array(company_conditions(&f)),
            json!([
                {"op": "in", "field": "companyType", "value": [1, 8]},
                {"op": "eq", "field": "marketSegmentID", "value": 12},
                {"op": "eq", "field": "isActive", "value": true}
            ])
        );
        assert_eq!(Value::Array(contact_conditions(&f)), json!([{"op": "eq", "field": "isActive", "value": 0}]));
        let both =
            FilterSet { company_statuses: vec![ActiveState::Active, ActiveState::Inactive], ..Default::default() };
        assert!(company_conditions(&both).is_empty());
        assert_eq!(filter_array(vec![]), json!([{"op": "gte", "field": "id", "value": 0}]));
        let inactive = FilterSet {
            company_statuses: vec![ActiveState::Inactive],
            contact_statuses: vec![ActiveState::Active],
            ..Default::default()
        };
        assert_eq!(company_conditions(&inactive), vec![json!({"op": "eq", "field": "isActive", "value": false})]);
        assert_eq!(contact_conditions(&inactive), vec![json!({"op": "eq", "field": "isActive", "value": 1})]);
    }
}
