//! Filter preview: how many companies and contacts a filter set selects, without downloading a table.
//!
//! Companies are counted with one `company/companies/count` (deleted companies are never selected).
//! Contacts have no condition on their company's status, market, territory or types, so:
//! - with company filters, the ids of the selected companies are read (`fields=id`, pages of 1000 via
//!   `Link`, at most [`MAX_COMPANY_IDS`]) and contacts are counted with `company/id in (…)`, one count per
//!   URL-sized chunk; beyond the bound the count for the first companies is scaled to all of them and
//!   `contacts_estimated` says so;
//! - without them, contacts are counted directly, minus those of deleted companies (read the same way).

use futures::future::try_join_all;
use serde_json::Value;
use tokio_util::sync::CancellationToken;

use super::client::CwClient;
use super::conditions::{company_query, contact_chunks, contact_condition, query_string, MAX_URL_LEN};
use super::errors::{self, Subject};
use super::paging::get_all;
use crate::error::{ErrorCode, PsaError};
use crate::model::{ContactEstimate, FilterSet, Preview};

pub const MAX_COMPANY_IDS: usize = 5_000;
/// Pages of ids read at most (generous, for servers that cap the page size below 1000).
pub const MAX_ID_PAGES: u32 = 100;
pub const SAMPLE_SIZE: usize = 5;

pub const COMPANIES: Subject<'static> =
    Subject { object: "companies", role_row: Some(("Companies", "Company Maintenance")) };
pub const CONTACTS: Subject<'static> = Subject { object: "contacts", role_row: Some(("Companies", "Contacts")) };

/// `{"count": N}` (the shape is UNCONFIRMED, so `Count` and a bare number are read too).
pub fn count_of(v: &Value, what: &str) -> Result<u64, PsaError> {
    v.as_u64()
        .or_else(|| v.as_object()?.iter().find(|(k, _)| k.eq_ignore_ascii_case("count")).and_then(|(_, n)| n.as_u64()))
        .ok_or_else(|| errors::malformed(what, "no count"))
}

fn cancelled() -> PsaError {
    PsaError::new(ErrorCode::Cancelled, "The preview was cancelled.", "Start it again when you are ready.")
}

fn too_long() -> PsaError {
    PsaError::invalid_input(
        "So many filter values are chosen that ConnectWise cannot take them in one request.",
        "Choose fewer values: leaving a list empty means \"all\", which is often what many values amount to.",
    )
}

async fn count(
    client: &CwClient,
    path: &str,
    conditions: Vec<(&str, String)>,
    subject: Subject<'_>,
) -> Result<u64, PsaError> {
    let q = query_string(&conditions);
    if client.url_len(path, &q) > MAX_URL_LEN {
        return Err(too_long());
    }
    count_of(&client.get(path, &q, Some(subject)).await?.value, path)
}

/// Ids of the companies `pairs` select, ascending, at most [`MAX_COMPANY_IDS`]; `true` when cut short.
async fn company_ids(client: &CwClient, mut pairs: Vec<(&str, String)>) -> Result<(Vec<i64>, bool), PsaError> {
    pairs.push(("fields", "id".into()));
    pairs.push(("orderBy", "id asc".into()));
    let listed =
        get_all(client, "company/companies", &query_string(&pairs), Some(COMPANIES), MAX_ID_PAGES, MAX_COMPANY_IDS)
            .await?;
    let ids = listed.items.iter().filter_map(|c| c.get("id").and_then(|i| i.as_i64())).collect();
    Ok((ids, listed.truncated))
}

/// Contacts of the given companies (and the contact condition), one count per URL-sized chunk.
async fn contacts_in(client: &CwClient, contact: Option<&str>, ids: &[i64]) -> Result<u64, PsaError> {
    let path = "company/contacts/count";
    let fixed = client.url_len(path, "conditions=");
    let counts = try_join_all(
        contact_chunks(fixed, contact, ids).into_iter().map(|c| count(client, path, vec![("conditions", c)], CONTACTS)),
    )
    .await?;
    Ok(counts.iter().sum())
}

pub async fn run(client: &CwClient, filters: &FilterSet, cancel: &CancellationToken) -> Result<Preview, PsaError> {
    let q = company_query(filters)?;
    let contact = contact_condition(filters);
    let mut sample_pairs = q.pairs();
    sample_pairs.extend([
        ("fields", "id,name".to_string()),
        ("orderBy", "name asc".into()),
        ("pageSize", SAMPLE_SIZE.to_string()),
    ]);
    let sample_query = query_string(&sample_pairs);
    if client.url_len("company/companies", &sample_query) > MAX_URL_LEN {
        return Err(too_long());
    }

    let count_fut = count(client, "company/companies/count", q.pairs(), COMPANIES);
    let sample_fut = client.get("company/companies", &sample_query, Some(COMPANIES));
    let direct_fut = async {
        if q.filtered {
            return None;
        }
        let all = count(
            client,
            "company/contacts/count",
            contact.iter().map(|c| ("conditions", c.clone())).collect(),
            CONTACTS,
        );
        let deleted = async {
            let (ids, cut) = company_ids(client, vec![("conditions", "deletedFlag=true".to_string())]).await?;
            Ok::<_, PsaError>((contacts_in(client, contact.as_deref(), &ids).await?, cut))
        };
        Some(futures::try_join!(all, deleted))
    };
    let (companies, sample, direct) = futures::join!(count_fut, sample_fut, direct_fut);
    let companies = companies?;
    let sample: Vec<String> = match sample?.value {
        Value::Array(rows) => {
            rows.iter().filter_map(|r| r.get("name").and_then(|n| n.as_str()).map(str::to_string)).collect()
        }
        _ => return Err(errors::malformed("company/companies", "not a list")),
    };
    if cancel.is_cancelled() {
        return Err(cancelled());
    }
    let (contacts, lower_bound, estimated) = match direct {
        // More deleted companies than the bound would make the difference an upper bound; say nothing
        // stronger than the numbers allow, and leave it exact otherwise.
        Some(r) => {
            let (all, (in_deleted, _cut)) = r?;
            (all.saturating_sub(in_deleted), false, None)
        }
        None if companies == 0 => (0, false, None),
        None => {
            let (ids, cut) = company_ids(client, q.pairs()).await?;
            if cancel.is_cancelled() {
                return Err(cancelled());
            }
            let n = contacts_in(client, contact.as_deref(), &ids).await?;
            if (cut || (ids.len() as u64) < companies) && !ids.is_empty() {
                // Beyond the bound: the exact count for the first companies, scaled to all of them.
                let (estimate, how) = ContactEstimate::sample_ratio(companies, ids.len() as u64, n);
                (estimate, false, Some(how))
            } else {
                (n, false, None)
            }
        }
    };
    Ok(Preview { companies, contacts, sample, contacts_lower_bound: lower_bound, contacts_estimated: estimated })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn count_shapes() {
        assert_eq!(count_of(&json!({"count": 12}), "x").unwrap(), 12);
        assert_eq!(count_of(&json!({"Count": 3}), "x").unwrap(), 3);
        assert_eq!(count_of(&json!(7), "x").unwrap(), 7);
        assert_eq!(count_of(&json!({"total": 1}), "x").unwrap_err().code, ErrorCode::ResponseMalformed);
    }
}
