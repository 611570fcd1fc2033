//! Picklist values per tenant. Numbers follow the commonly seen Autotask system values (UNCONFIRMED; the
//! engine must read them live), plus inactive and tenant-specific values so filters see realistic variety.

use super::config::DataSet;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickValue {
    pub value: i64,
    pub label: &'static str,
    pub is_active: bool,
    pub sort_order: i32,
    pub is_default: bool,
    pub is_system: bool,
}

const fn pv(
    value: i64,
    label: &'static str,
    is_active: bool,
    sort_order: i32,
    is_default: bool,
    is_system: bool,
) -> PickValue {
    PickValue { value, label, is_active, sort_order, is_default, is_system }
}

pub const TYPE_CUSTOMER: i64 = 1;
pub const TYPE_LEAD: i64 = 2;
pub const TYPE_PROSPECT: i64 = 3;
pub const TYPE_DEAD: i64 = 4;
pub const TYPE_CANCELLATION: i64 = 6;
pub const TYPE_VENDOR: i64 = 7;
pub const TYPE_PARTNER: i64 = 8;
/// An inactive company type that some Contoso companies still carry.
pub const TYPE_FORMER_RESELLER: i64 = 9;

const COMPANY_TYPES_CONTOSO: &[PickValue] = &[
    pv(TYPE_CUSTOMER, "Customer", true, 1, true, true),
    pv(TYPE_LEAD, "Lead", true, 2, false, true),
    pv(TYPE_PROSPECT, "Prospect", true, 3, false, true),
    pv(TYPE_DEAD, "Dead", true, 4, false, true),
    pv(TYPE_CANCELLATION, "Cancellation", true, 5, false, true),
    pv(TYPE_VENDOR, "Vendor", true, 6, false, true),
    pv(TYPE_PARTNER, "Partner", true, 7, false, true),
    pv(TYPE_FORMER_RESELLER, "Former Reseller", false, 8, false, false),
];

const COMPANY_TYPES_FABRIKAM: &[PickValue] = &[
    pv(TYPE_CUSTOMER, "Customer", true, 1, true, true),
    pv(TYPE_LEAD, "Lead", true, 2, false, true),
    pv(TYPE_PROSPECT, "Prospect", true, 3, false, true),
    pv(TYPE_VENDOR, "Vendor", true, 6, false, true),
    pv(TYPE_PARTNER, "Partner", true, 7, false, true),
];

pub const MARKET_HEALTHCARE: i64 = 101;
pub const MARKET_LEGAL: i64 = 102;
pub const MARKET_MANUFACTURING: i64 = 103;
/// Inactive market segment.
pub const MARKET_RETAIL_RETIRED: i64 = 104;

const MARKETS_CONTOSO: &[PickValue] = &[
    pv(MARKET_HEALTHCARE, "Healthcare", true, 1, false, false),
    pv(MARKET_LEGAL, "Legal", true, 2, false, false),
    pv(MARKET_MANUFACTURING, "Manufacturing", true, 3, false, false),
    pv(MARKET_RETAIL_RETIRED, "Retail (retired)", false, 4, false, false),
];

pub const TERRITORY_NORTH: i64 = 201;
pub const TERRITORY_SOUTH: i64 = 202;
pub const TERRITORY_EAST: i64 = 203;
pub const TERRITORY_WEST: i64 = 204;
/// Inactive territory.
pub const TERRITORY_OVERSEAS: i64 = 205;

const TERRITORIES_CONTOSO: &[PickValue] = &[
    pv(TERRITORY_NORTH, "North", true, 1, false, false),
    pv(TERRITORY_SOUTH, "South", true, 2, false, false),
    pv(TERRITORY_EAST, "East", true, 3, false, false),
    pv(TERRITORY_WEST, "West", true, 4, false, false),
    pv(TERRITORY_OVERSEAS, "Overseas", false, 5, false, false),
];

pub const CLASS_GOLD: i64 = 301;
pub const CLASS_SILVER: i64 = 302;
pub const CLASS_BRONZE: i64 = 303;
/// Inactive classification.
pub const CLASS_PLATINUM_OLD: i64 = 304;

const CLASSIFICATIONS_CONTOSO: &[PickValue] = &[
    pv(CLASS_GOLD, "Gold", true, 1, false, false),
    pv(CLASS_SILVER, "Silver", true, 2, false, false),
    pv(CLASS_BRONZE, "Bronze", true, 3, false, false),
    pv(CLASS_PLATINUM_OLD, "Platinum (old)", false, 4, false, false),
];

const CLASSIFICATIONS_FABRIKAM: &[PickValue] =
    &[pv(CLASS_GOLD, "Gold", true, 1, false, false), pv(CLASS_SILVER, "Silver", true, 2, false, false)];

pub const CATEGORY_STANDARD: i64 = 1;
pub const CATEGORY_MANAGED: i64 = 2;
/// Inactive company category.
pub const CATEGORY_LEGACY: i64 = 3;

const CATEGORIES_CONTOSO: &[PickValue] = &[
    pv(CATEGORY_STANDARD, "Standard", true, 1, true, true),
    pv(CATEGORY_MANAGED, "Managed Services", true, 2, false, false),
    pv(CATEGORY_LEGACY, "Legacy", false, 3, false, false),
];

/// The picklist of a Companies field for a data set. `None`: the field is not a picklist there or the
/// tenant lacks the field (Fabrikam has no `companyCategoryID`); `Some(empty)`: a picklist with no values.
pub fn company_picklist(data: DataSet, field: &str) -> Option<&'static [PickValue]> {
    // Sized tenants use Contoso's picklists (without company categories).
    let data = match data {
        DataSet::Sized(_) if field.eq_ignore_ascii_case("companyCategoryID") => return None,
        DataSet::Sized(_) => DataSet::Contoso,
        other => other,
    };
    let f = field.to_ascii_lowercase();
    match (data, f.as_str()) {
        (DataSet::Contoso, "companytype") => Some(COMPANY_TYPES_CONTOSO),
        (DataSet::Fabrikam, "companytype") => Some(COMPANY_TYPES_FABRIKAM),
        (DataSet::Contoso, "marketsegmentid") => Some(MARKETS_CONTOSO),
        (DataSet::Fabrikam, "marketsegmentid") => Some(&[]),
        (DataSet::Contoso, "territoryid") => Some(TERRITORIES_CONTOSO),
        (DataSet::Fabrikam, "territoryid") => Some(&[]),
        (DataSet::Contoso, "classification") => Some(CLASSIFICATIONS_CONTOSO),
        (DataSet::Fabrikam, "classification") => Some(CLASSIFICATIONS_FABRIKAM),
        (DataSet::Contoso, "companycategoryid") => Some(CATEGORIES_CONTOSO),
        _ => None,
    }
}

/// Whether the tenant's Companies entity has a `companyCategoryID` field.
pub fn has_company_category(data: DataSet) -> bool {
    data == DataSet::Contoso
}
