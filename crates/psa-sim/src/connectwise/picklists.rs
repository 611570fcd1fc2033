//! Picklists per tenant. Ids sit in distinct ranges (types 1–9, statuses 11–19, markets 21–29, locations
//! 31–39, contact types 41–49) so a test notices when an engine sends one kind of id for another.

use serde_json::{json, Value};

use super::config::CwDataSet;

pub const TYPE_CUSTOMER: i64 = 1;
pub const TYPE_PROSPECT: i64 = 2;
pub const TYPE_VENDOR: i64 = 3;
pub const TYPE_PARTNER: i64 = 4;

pub const STATUS_ACTIVE: i64 = 11;
/// `inactiveFlag: true`.
pub const STATUS_INACTIVE: i64 = 12;
pub const STATUS_NOT_APPROVED: i64 = 13;
pub const STATUS_IMPORTED: i64 = 14;

pub const MARKET_HEALTHCARE: i64 = 21;
pub const MARKET_LEGAL: i64 = 22;
pub const MARKET_MANUFACTURING: i64 = 23;
/// `inactiveFlag: true`; some Contoso companies still carry it.
pub const MARKET_RETAIL: i64 = 24;

pub const LOCATION_NORTH: i64 = 31;
pub const LOCATION_SOUTH: i64 = 32;
pub const LOCATION_OVERSEAS: i64 = 33;

pub const CONTACT_TYPE_BILLING: i64 = 41;
pub const CONTACT_TYPE_TECHNICAL: i64 = 42;
pub const CONTACT_TYPE_DECISION_MAKER: i64 = 43;

pub fn type_name(id: i64) -> &'static str {
    match id {
        TYPE_CUSTOMER => "Customer",
        TYPE_PROSPECT => "Prospect",
        TYPE_VENDOR => "Vendor",
        TYPE_PARTNER => "Partner",
        _ => "",
    }
}

pub fn status_name(id: i64) -> &'static str {
    match id {
        STATUS_ACTIVE => "Active",
        STATUS_INACTIVE => "Inactive",
        STATUS_NOT_APPROVED => "Not-Approved",
        STATUS_IMPORTED => "Imported",
        _ => "",
    }
}

pub fn market_name(id: i64) -> &'static str {
    match id {
        MARKET_HEALTHCARE => "Healthcare",
        MARKET_LEGAL => "Legal",
        MARKET_MANUFACTURING => "Manufacturing",
        MARKET_RETAIL => "Retail",
        _ => "",
    }
}

pub fn location_name(id: i64) -> &'static str {
    match id {
        LOCATION_NORTH => "North",
        LOCATION_SOUTH => "South",
        LOCATION_OVERSEAS => "Overseas",
        _ => "",
    }
}

pub fn contact_type_name(id: i64) -> &'static str {
    match id {
        CONTACT_TYPE_BILLING => "Billing",
        CONTACT_TYPE_TECHNICAL => "Technical",
        CONTACT_TYPE_DECISION_MAKER => "Decision Maker",
        _ => "",
    }
}

/// The ids a data set uses, per picklist.
pub fn types_of(_set: CwDataSet) -> &'static [i64] {
    &[TYPE_CUSTOMER, TYPE_PROSPECT, TYPE_VENDOR, TYPE_PARTNER]
}

pub fn statuses_of(set: CwDataSet) -> &'static [i64] {
    match set {
        CwDataSet::Contoso => &[STATUS_ACTIVE, STATUS_INACTIVE, STATUS_NOT_APPROVED, STATUS_IMPORTED],
        _ => &[STATUS_ACTIVE, STATUS_INACTIVE],
    }
}

pub fn markets_of(set: CwDataSet) -> &'static [i64] {
    match set {
        CwDataSet::Fabrikam => &[],
        _ => &[MARKET_HEALTHCARE, MARKET_LEGAL, MARKET_MANUFACTURING, MARKET_RETAIL],
    }
}

pub fn locations_of(set: CwDataSet) -> &'static [i64] {
    match set {
        CwDataSet::Contoso => &[LOCATION_NORTH, LOCATION_SOUTH, LOCATION_OVERSEAS],
        _ => &[LOCATION_NORTH, LOCATION_SOUTH],
    }
}

pub fn contact_types_of(_set: CwDataSet) -> &'static [i64] {
    &[CONTACT_TYPE_BILLING, CONTACT_TYPE_TECHNICAL, CONTACT_TYPE_DECISION_MAKER]
}

/// The JSON rows of a picklist endpoint (its path below `apis/3.0/`, lower-cased), or `None`.
pub fn picklist_json(path: &str, set: CwDataSet) -> Option<Vec<Value>> {
    let rows = match path {
        "company/companies/types" => types_of(set)
            .iter()
            .map(|&id| json!({"id": id, "name": type_name(id), "defaultFlag": id == TYPE_CUSTOMER, "vendorFlag": id == TYPE_VENDOR}))
            .collect(),
        "company/companies/statuses" => statuses_of(set)
            .iter()
            .map(|&id| json!({"id": id, "name": status_name(id), "defaultFlag": id == STATUS_ACTIVE, "inactiveFlag": id == STATUS_INACTIVE}))
            .collect(),
        "company/marketdescriptions" => markets_of(set)
            .iter()
            .map(|&id| json!({"id": id, "name": market_name(id), "inactiveFlag": id == MARKET_RETAIL}))
            .collect(),
        "system/locations" => locations_of(set).iter().map(|&id| json!({"id": id, "name": location_name(id)})).collect(),
        "company/contacts/types" => contact_types_of(set)
            .iter()
            .map(|&id| json!({"id": id, "description": contact_type_name(id)}))
            .collect(),
        _ => return None,
    };
    Some(rows)
}
