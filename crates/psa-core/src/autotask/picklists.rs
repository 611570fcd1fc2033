//! The live lists the filter step offers, read from `Companies/entityInformation/fields` (one call).
//! Company and contact status are not picklists in Autotask: companies have a boolean `isActive`,
//! contacts an integer `isActive` (0/1), so both become a fixed Active/Inactive list whose values match
//! `ActiveState` on the wire.

use serde_json::Value;

use super::errors;
use crate::error::PsaError;
use crate::model::{PicklistValue, Picklists};

pub const COMPANY_FIELDS_PATH: &str = "Companies/entityInformation/fields";

pub use crate::filters::active_inactive;

fn field<'a>(fields: &'a [Value], name: &str) -> Option<&'a Value> {
    fields.iter().find(|f| f.get("name").and_then(|n| n.as_str()).is_some_and(|n| n.eq_ignore_ascii_case(name)))
}

fn as_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// One field's picklist, ordered by Autotask's sort order then label. A missing field or an empty list
/// gives an empty list: markets and territories are optional features of a tenant.
pub fn picklist_of(fields: &[Value], name: &str) -> Vec<PicklistValue> {
    let Some(values) = field(fields, name).and_then(|f| f.get("picklistValues")).and_then(|p| p.as_array()) else {
        return Vec::new();
    };
    let mut out: Vec<PicklistValue> = values
        .iter()
        .filter_map(|v| {
            let value = as_text(v.get("value"))?;
            let label = as_text(v.get("label")).unwrap_or_else(|| value.clone());
            Some(PicklistValue {
                value,
                label,
                is_active: v.get("isActive").and_then(|a| a.as_bool()).unwrap_or(true),
                sort_order: v.get("sortOrder").and_then(|s| s.as_i64()).unwrap_or(0) as i32,
            })
        })
        .collect();
    out.sort_by(|a, b| {
        a.sort_order.cmp(&b.sort_order).then_with(|| a.label.to_lowercase().cmp(&b.label.to_lowercase()))
    });
    out
}

/// Builds every filter list from the Companies field list.
pub fn from_company_fields(body: &Value) -> Result<Picklists, PsaError> {
    let fields = body
        .get("fields")
        .and_then(|f| f.as_array())
        .ok_or_else(|| errors::malformed("the Companies field list", "no fields array"))?;
    Ok(Picklists {
        company_types: picklist_of(fields, "companyType"),
        company_statuses: active_inactive(),
        company_categories: picklist_of(fields, "companyCategoryID"),
        markets: picklist_of(fields, "marketSegmentID"),
        territories: picklist_of(fields, "territoryID"),
        classifications: picklist_of(fields, "classification"),
        contact_statuses: active_inactive(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_values_labels_flags_and_order() {
        let body = json!({"fields": [
            {"name": "companyType", "isPickList": true, "picklistValues": [
                {"value": "8", "label": "Partner", "isActive": true, "sortOrder": 2},
                {"value": "1", "label": "Customer", "isActive": true, "sortOrder": 1},
                {"value": "4", "label": "Dead", "isActive": false, "sortOrder": 1}]},
            {"name": "MarketSegmentID", "isPickList": true, "picklistValues": []},
            {"name": "companyName", "isPickList": false}
        ]});
        let p = from_company_fields(&body).unwrap();
        let labels: Vec<_> = p.company_types.iter().map(|v| v.label.as_str()).collect();
        assert_eq!(labels, ["Customer", "Dead", "Partner"]);
        assert!(!p.company_types[1].is_active);
        assert!(p.markets.is_empty() && p.territories.is_empty() && p.company_categories.is_empty());
        assert_eq!(p.contact_statuses.iter().map(|v| v.value.as_str()).collect::<Vec<_>>(), ["active", "inactive"]);
        assert!(from_company_fields(&json!({"nope": 1})).is_err());
    }
}
