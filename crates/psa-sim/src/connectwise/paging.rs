//! List parameters shared by every collection endpoint: `page`, `pageSize`, `fields`, `orderBy`, and the
//! RFC 5988 `Link` header with absolute URLs (psa-api.md §B2 "Pagination").

use std::cmp::Ordering;

use serde_json::{Map, Value};

use super::conditions::FieldDef;

pub(crate) struct ListParams {
    pub page: usize,
    pub page_size: usize,
    /// Top-level names; empty: every field.
    pub fields: Vec<String>,
    /// (path segments, descending)
    pub order: Vec<(Vec<String>, bool)>,
}

/// Case-insensitive lookup of a query parameter.
pub(crate) fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

fn positive(pairs: &[(String, String)], name: &str, default: usize) -> Result<usize, String> {
    match param(pairs, name).map(str::trim) {
        None | Some("") => Ok(default),
        Some(v) => match v.parse::<i64>() {
            Ok(n) if n >= 1 => Ok(n as usize),
            _ => Err(format!("{name} must be a whole number of 1 or more.")),
        },
    }
}

impl ListParams {
    /// `order_by` comes from the query string or, for `…/search`, from the body.
    pub fn parse(
        pairs: &[(String, String)],
        order_by: Option<&str>,
        sortable: &[FieldDef],
        max_page_size: usize,
    ) -> Result<ListParams, String> {
        let page = positive(pairs, "page", 1)?;
        let page_size = positive(pairs, "pageSize", super::fixtures::DEFAULT_PAGE_SIZE)?.min(max_page_size);
        let fields = param(pairs, "fields")
            .map(|f| {
                f.split(',')
                    .map(|s| s.trim().split('/').next().unwrap_or("").to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let mut order = Vec::new();
        for part in order_by.unwrap_or("").split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let mut words = part.split_whitespace();
            let name = words.next().unwrap_or("");
            let (canonical, _) = sortable
                .iter()
                .find(|(f, _)| f.eq_ignore_ascii_case(name))
                .ok_or_else(|| format!("orderBy: {name} is not a recognized name."))?;
            let desc = match words.next().map(str::to_ascii_lowercase).as_deref() {
                None | Some("asc") => false,
                Some("desc") => true,
                Some(other) => return Err(format!("orderBy: '{other}' must be asc or desc.")),
            };
            order.push((canonical.split('/').map(str::to_string).collect(), desc));
        }
        Ok(ListParams { page, page_size, fields, order })
    }

    /// Sorts (by id when no orderBy), returns this page's rows, projected to `fields`.
    pub fn page_of(&self, mut rows: Vec<&Value>) -> Vec<Value> {
        if !self.order.is_empty() {
            rows.sort_by(|a, b| {
                for (path, desc) in &self.order {
                    let o = cmp_values(lookup(a, path), lookup(b, path));
                    let o = if *desc { o.reverse() } else { o };
                    if o != Ordering::Equal {
                        return o;
                    }
                }
                Ordering::Equal
            });
        }
        rows.into_iter()
            .skip((self.page - 1).saturating_mul(self.page_size))
            .take(self.page_size)
            .map(|r| self.project(r))
            .collect()
    }

    fn project(&self, row: &Value) -> Value {
        let (true, Some(obj)) = (!self.fields.is_empty(), row.as_object()) else {
            return row.clone();
        };
        let kept: Map<String, Value> = obj
            .iter()
            .filter(|(k, _)| self.fields.iter().any(|f| f.eq_ignore_ascii_case(k)))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Value::Object(kept)
    }

    /// The `Link` header for a list of `total` rows; `url_base` is the absolute URL without the query.
    pub fn link_header(&self, url_base: &str, pairs: &[(String, String)], total: usize) -> String {
        let last = total.div_ceil(self.page_size).max(1);
        let url = |page: usize| {
            let mut ser = url::form_urlencoded::Serializer::new(String::new());
            for (k, v) in pairs {
                if !k.eq_ignore_ascii_case("page") && !k.eq_ignore_ascii_case("pageSize") {
                    ser.append_pair(k, v);
                }
            }
            ser.append_pair("pageSize", &self.page_size.to_string());
            ser.append_pair("page", &page.to_string());
            format!("<{url_base}?{}>", ser.finish())
        };
        let mut links = Vec::new();
        if self.page > 1 {
            links.push(format!("{}; rel=\"prev\"", url((self.page - 1).min(last))));
        }
        if self.page < last {
            links.push(format!("{}; rel=\"next\"", url(self.page + 1)));
        }
        links.push(format!("{}; rel=\"first\"", url(1)));
        links.push(format!("{}; rel=\"last\"", url(last)));
        links.join(", ")
    }
}

fn lookup<'a>(row: &'a Value, path: &[String]) -> &'a Value {
    let mut v = row;
    for seg in path {
        v = v
            .as_object()
            .and_then(|o| o.iter().find(|(k, _)| k.eq_ignore_ascii_case(seg)))
            .map_or(&Value::Null, |(_, x)| x);
    }
    v
}

/// Nulls first, numbers numerically, strings case-insensitively (as SQL Server sorts).
fn cmp_values(a: &Value, b: &Value) -> Ordering {
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        (Value::Number(x), Value::Number(y)) => x.as_f64().partial_cmp(&y.as_f64()).unwrap_or(Ordering::Equal),
        (Value::String(x), Value::String(y)) => x.to_lowercase().cmp(&y.to_lowercase()),
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        _ => Ordering::Equal,
    }
}
