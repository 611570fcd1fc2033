//! ConnectWise's query language in the URL: `conditions` on the record's own fields (`status/id in (1,2)
//! and deletedFlag=false`) and `childConditions` on its lists (`types/id=3`). psa-api.md §B2.
//!
//! Filter values are ids and are sent as bare integers; anything else is refused rather than quoted, so a
//! value can never change the meaning of a condition. Every query component is percent-encoded (the
//! developer guide names `& " ' * % +`), and URLs stay within ConnectWise's 2,000 characters.

use crate::error::PsaError;
use crate::filters::only_state;
use crate::model::{ActiveState, FilterSet};

pub const MAX_URL_LEN: usize = 2000;

/// Percent-encodes everything but RFC 3986's unreserved characters (so `+` and `*` survive as themselves).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `a=1&b=x%20y`, in the given order.
pub fn query_string(pairs: &[(&str, String)]) -> String {
    pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
}

/// A string literal for a condition: double quotes, with `\` and `"` escaped by a backslash.
pub fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Picklist ids as integers, de-duplicated in order; a non-integer is refused with the filter's name.
pub fn ids(values: &[String], what: &str) -> Result<Vec<i64>, PsaError> {
    let mut out: Vec<i64> = Vec::new();
    for v in values {
        let n = v.trim().parse::<i64>().map_err(|_| {
            PsaError::invalid_input(
                format!("The {what} filter has a value ConnectWise cannot use (\"{}\").", v.trim()),
                "Pick the values again from the lists PSA Connect shows (they come from your ConnectWise).",
            )
        })?;
        if !out.contains(&n) {
            out.push(n);
        }
    }
    Ok(out)
}

/// `field=1` for one id, `field in (1,2)` for several, nothing for none.
pub fn any_of(field: &str, ids: &[i64]) -> Option<String> {
    match ids {
        [] => None,
        [one] => Some(format!("{field}={one}")),
        many => Some(format!("{field} in ({})", many.iter().map(i64::to_string).collect::<Vec<_>>().join(","))),
    }
}

/// The company part of a filter set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanyQuery {
    /// Always excludes deleted companies.
    pub conditions: String,
    pub child_conditions: Option<String>,
    /// True when a filter narrows the companies beyond "not deleted".
    pub filtered: bool,
}

impl CompanyQuery {
    /// The `conditions` and (when set) `childConditions` query pairs.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![("conditions", self.conditions.clone())];
        if let Some(c) = &self.child_conditions {
            p.push(("childConditions", c.clone()));
        }
        p
    }
}

/// Company types are a list on the company, hence `childConditions`; statuses, markets and territories
/// (ConnectWise's "locations") are references. Autotask-only filters (categories, classifications, the
/// active/inactive company status) do not apply to ConnectWise and are ignored.
pub fn company_query(f: &FilterSet) -> Result<CompanyQuery, PsaError> {
    let parts: Vec<String> = [
        any_of("status/id", &ids(&f.company_status_ids, "company status")?),
        any_of("market/id", &ids(&f.markets, "market")?),
        any_of("territory/id", &ids(&f.territories, "territory")?),
    ]
    .into_iter()
    .flatten()
    .collect();
    let child_conditions = any_of("types/id", &ids(&f.company_types, "company type")?);
    let filtered = !parts.is_empty() || child_conditions.is_some();
    let mut conditions = parts;
    conditions.push("deletedFlag=false".to_string());
    Ok(CompanyQuery { conditions: conditions.join(" and "), child_conditions, filtered })
}

/// The contact part: only the active state (`inactiveFlag`).
pub fn contact_condition(f: &FilterSet) -> Option<String> {
    only_state(&f.contact_statuses).map(|s| format!("inactiveFlag={}", s == ActiveState::Inactive))
}

/// `base and company/id in (…)`; splits `ids` so that `fixed_len` (the URL without the conditions
/// value) plus the encoded conditions stays within [`MAX_URL_LEN`]. Returns the conditions, one per request.
pub fn contact_chunks(fixed_len: usize, base: Option<&str>, ids: &[i64]) -> Vec<String> {
    let head = match base {
        Some(b) => format!("{b} and company/id in ("),
        None => "company/id in (".to_string(),
    };
    let start = fixed_len + encode(&head).len() + encode(")").len();
    let comma = encode(",").len();
    let mut out = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut len = start;
    for id in ids {
        let s = id.to_string();
        let add = s.len() + if cur.is_empty() { 0 } else { comma };
        if !cur.is_empty() && len + add > MAX_URL_LEN {
            out.push(format!("{head}{})", cur.join(",")));
            cur.clear();
            len = start;
            len += s.len();
        } else {
            len += add;
        }
        cur.push(s);
    }
    if !cur.is_empty() {
        out.push(format!("{head}{})", cur.join(",")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_and_quoting() {
        assert_eq!(
            encode("status/id in (1,2) and x=\"a*b\"&'%+"),
            "status%2Fid%20in%20%281%2C2%29%20and%20x%3D%22a%2Ab%22%26%27%25%2B"
        );
        assert_eq!(
            query_string(&[("pageSize", "1000".into()), ("fields", "id,name".into())]),
            "pageSize=1000&fields=id%2Cname"
        );
        assert_eq!(quote(r#"say "hi" \ bye"#), r#""say \"hi\" \\ bye""#);
    }

    #[test]
    fn company_and_contact_conditions() {
        let f = FilterSet {
            company_types: vec!["3".into(), "1".into(), "3".into()],
            company_status_ids: vec!["1".into()],
            markets: vec!["7".into(), "8".into()],
            contact_statuses: vec![ActiveState::Active],
            // Autotask-only filters are ignored here.
            classifications: vec!["x".into()],
            ..Default::default()
        };
        let q = company_query(&f).unwrap();
        assert_eq!(q.conditions, "status/id=1 and market/id in (7,8) and deletedFlag=false");
        assert_eq!(q.child_conditions.as_deref(), Some("types/id in (3,1)"));
        assert!(q.filtered);
        assert_eq!(contact_condition(&f).as_deref(), Some("inactiveFlag=false"));
        let none = company_query(&FilterSet::default()).unwrap();
        assert_eq!(
            (none.conditions.as_str(), none.child_conditions, none.filtered),
            ("deletedFlag=false", None, false)
        );
        let bad = FilterSet { territories: vec!["1) or (id>0".into()], ..Default::default() };
        assert_eq!(company_query(&bad).unwrap_err().code, crate::ErrorCode::InvalidInput);
        let inactive = FilterSet { contact_statuses: vec![ActiveState::Inactive], ..Default::default() };
        assert_eq!(contact_condition(&inactive).as_deref(), Some("inactiveFlag=true"));
    }

    #[test]
    fn chunks_fit_the_url_limit_and_cover_every_id() {
        let ids: Vec<i64> = (1..=3000).map(|n| n * 7).collect();
        let fixed = "https://api-na.myconnectwise.net/v2025_1/apis/3.0/company/contacts/count?conditions=".len();
        let chunks = contact_chunks(fixed, Some("inactiveFlag=false"), &ids);
        assert!(chunks.len() > 1);
        let mut seen = Vec::new();
        for c in &chunks {
            assert!(fixed + encode(c).len() <= MAX_URL_LEN, "{}", fixed + encode(c).len());
            assert!(c.starts_with("inactiveFlag=false and company/id in (") && c.ends_with(')'));
            let inner = &c[c.find('(').unwrap() + 1..c.len() - 1];
            seen.extend(inner.split(',').map(|s| s.parse::<i64>().unwrap()));
        }
        assert_eq!(seen, ids);
        // Chunks are nearly full: no more requests than needed.
        let last_but_one = &chunks[chunks.len() - 2];
        assert!(fixed + encode(last_but_one).len() > MAX_URL_LEN - 40);
        assert_eq!(contact_chunks(fixed, None, &[5]), ["company/id in (5)"]);
    }
}
