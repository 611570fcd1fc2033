//! Lists longer than a page: ask for `pageSize=1000` (ConnectWise's maximum) and follow `Link: rel="next"`,
//! which also works when a server caps the page size lower. A page bound keeps the cost known in advance.

use serde_json::Value;

use super::client::{Answer, CwClient};
use super::errors::{self, Subject};
use crate::error::PsaError;

pub const PAGE_SIZE: usize = 1000;

#[derive(Debug, Clone, Default)]
pub struct Listed {
    pub items: Vec<Value>,
    /// More pages existed than were read (`max_pages` or `max_items` reached).
    pub truncated: bool,
    pub pages: u32,
}

/// The query of a list's first page: `query` (already encoded, without `page`/`pageSize`) plus both.
pub fn first_page_query(query: &str) -> String {
    if query.is_empty() {
        format!("pageSize={PAGE_SIZE}&page=1")
    } else {
        format!("{query}&pageSize={PAGE_SIZE}&page=1")
    }
}

/// Reads `path` page by page. `query` is encoded and must not name `page`/`pageSize` (added here).
pub async fn get_all(
    client: &CwClient,
    path: &str,
    query: &str,
    subject: Option<Subject<'_>>,
    max_pages: u32,
    max_items: usize,
) -> Result<Listed, PsaError> {
    let first = client.get(path, &first_page_query(query), subject).await?;
    get_rest(client, path, first, subject, max_pages, max_items).await
}

/// [`get_all`] once the first page (asked for with [`first_page_query`]) has arrived: its items, then the
/// pages after it.
pub async fn get_rest(
    client: &CwClient,
    path: &str,
    first: Answer,
    subject: Option<Subject<'_>>,
    max_pages: u32,
    max_items: usize,
) -> Result<Listed, PsaError> {
    let mut answer = first;
    let mut out = Listed::default();
    loop {
        out.pages += 1;
        let items = match answer.value {
            Value::Array(a) => a,
            _ => return Err(errors::malformed(path, "not a list")),
        };
        out.items.extend(items);
        let Some(next) = answer.next.take() else {
            break;
        };
        if out.pages >= max_pages || out.items.len() >= max_items {
            out.truncated = true;
            break;
        }
        answer = client.get_next(path, &next, subject).await?;
    }
    if out.items.len() > max_items {
        out.items.truncate(max_items);
        out.truncated = true;
    }
    Ok(out)
}
