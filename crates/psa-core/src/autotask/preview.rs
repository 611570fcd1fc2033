//! Filter preview: how many companies and contacts a filter set selects, without downloading a table.
//!
//! Companies are counted with one `POST Companies/query/count` (`{"queryCount": N}`; KelvinTegelaar/AutotaskAPI
//! v1.json, operation `Companies_QueryCount` and `QueryCountResultModel`; psa-api.md §A3). Contacts cannot be
//! filtered by their company's fields (Autotask's query has no joins), so when company filters are set:
//! - the ids of the selected companies are read in pages of 500 (`IncludeFields: ["id", "companyName"]`,
//!   paging by `id > last id`), at most [`MAX_COMPANY_IDS`] of them, from the first moment (beside the
//!   company count), and the first page's names are the sample;
//! - contacts are counted with `companyID in [those ids]`, one `Contacts/query/count` per page of ids, each
//!   sent as soon as its page arrives.
//!
//! Up to [`MAX_COMPANY_IDS`] selected companies the contact count is exact. Beyond, it is an estimate and
//! `contacts_estimated` says how it was made: the exact count for the first companies, scaled to all of
//! them. Whatever the tenant's size a preview costs at most 1 + 2 × MAX_COMPANY_IDS / 500 = 11 requests and
//! holds at most MAX_COMPANY_IDS ids. Without company filters contacts are counted directly (3 requests).

use serde_json::{json, Value};
use tokio_util::sync::CancellationToken;

use super::client::AtClient;
use super::errors;
use crate::error::PsaError;
use crate::filters::only_state;
use crate::model::{ActiveState, ContactEstimate, FilterSet, Preview};

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

/// Pages through the selected companies (ids ascending, at most `limit`), sending each page's ids to `pages`
/// as it arrives; answers the number of ids read and the first page's names (the sample).
async fn company_pages(
    client: &AtClient,
    conditions: &[Value],
    limit: usize,
    pages: tokio::sync::mpsc::UnboundedSender<Vec<i64>>,
) -> Result<(usize, Vec<String>), PsaError> {
    let mut read = 0usize;
    let mut sample = Vec::new();
    let mut last: i64 = -1;
    while read < limit {
        let mut conds = conditions.to_vec();
        conds.push(json!({"op": "gt", "field": "id", "value": last}));
        let size = PAGE.min(limit - read);
        let body = json!({"MaxRecords": size, "IncludeFields": ["id", "companyName"], "filter": conds});
        let mut page = items(&client.post("Companies/query", body, Some("Companies")).await?, "the company id page")?;
        page.sort_by_key(|r| r.get("id").and_then(|i| i.as_i64()).unwrap_or(i64::MAX));
        if read == 0 {
            sample = page
                .iter()
                .filter_map(|r| r.get("companyName").and_then(|n| n.as_str()).map(str::to_string))
                .take(SAMPLE_SIZE)
                .collect();
        }
        let ids: Vec<i64> = page.iter().filter_map(|r| r.get("id").and_then(|i| i.as_i64())).collect();
        let Some(&max) = ids.last() else { break };
        let full = page.len() >= size;
        read += ids.len();
        last = max;
        let _ = pages.send(ids);
        if !full {
            break;
        }
    }
    Ok((read, sample))
}

/// Counts the contacts of each page of company ids as the pages arrive; answers the sum.
async fn contacts_of_pages(
    client: &AtClient,
    contact_conds: &[Value],
    mut pages: tokio::sync::mpsc::UnboundedReceiver<Vec<i64>>,
) -> Result<u64, PsaError> {
    use futures::stream::{FuturesUnordered, StreamExt};
    let mut counts = FuturesUnordered::new();
    let mut open = true;
    let mut total = 0u64;
    loop {
        tokio::select! {
            page = pages.recv(), if open => match page {
                Some(ids) => {
                    let mut conds = contact_conds.to_vec();
                    conds.push(json!({"op": "in", "field": "companyID", "value": ids}));
                    counts.push(async move {
                        count_of(
                            &client.post("Contacts/query/count", json!({"filter": conds}), Some("Contacts")).await?,
                            "the contact count",
                        )
                    });
                }
                None => open = false,
            },
            Some(n) = counts.next(), if !counts.is_empty() => total += n?,
            else => break,
        }
    }
    Ok(total)
}

pub async fn run(client: &AtClient, filters: &FilterSet, cancel: &CancellationToken) -> Result<Preview, PsaError> {
    let company_conds = company_conditions(filters);
    let contact_conds = contact_conditions(filters);
    let count_fut =
        client.post("Companies/query/count", json!({"filter": filter_array(company_conds.clone())}), Some("Companies"));

    let (companies, sample, contacts, sampled) = if company_conds.is_empty() {
        // Every company: contacts are counted directly, and the sample is the first five.
        let sample_body =
            json!({"MaxRecords": SAMPLE_SIZE, "IncludeFields": ["id", "companyName"], "filter": filter_array(vec![])});
        let contacts_body = json!({"filter": filter_array(contact_conds.clone())});
        let (count, sample, contacts) = futures::join!(
            count_fut,
            client.post("Companies/query", sample_body, Some("Companies")),
            client.post("Contacts/query/count", contacts_body, Some("Contacts"))
        );
        let sample: Vec<String> = items(&sample?, "the company sample")?
            .iter()
            .filter_map(|r| r.get("companyName").and_then(|n| n.as_str()).map(str::to_string))
            .collect();
        (count_of(&count?, "the company count")?, sample, count_of(&contacts?, "the contact count")?, None)
    } else {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        let (count, paged, contacts) = futures::join!(
            count_fut,
            company_pages(client, &company_conds, MAX_COMPANY_IDS, tx),
            contacts_of_pages(client, &contact_conds, rx)
        );
        let companies = count_of(&count?, "the company count")?;
        let (read, sample) = paged?;
        (companies, sample, contacts?, Some(read as u64))
    };
    if cancel.is_cancelled() {
        return Err(PsaError::new(
            crate::error::ErrorCode::Cancelled,
            "The preview was cancelled.",
            "Start it again when you are ready.",
        ));
    }
    let (contacts, contacts_estimated) = match sampled {
        Some(read) if read < companies && read > 0 => {
            let (n, how) = ContactEstimate::sample_ratio(companies, read, contacts);
            (n, Some(how))
        }
        _ => (contacts, None),
    };
    Ok(Preview { companies, contacts, sample, contacts_lower_bound: false, contacts_estimated })
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
