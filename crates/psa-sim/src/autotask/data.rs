//! Deterministic generated companies and contacts (see [`Lcg`]); tests compute expected counts from the
//! same data via [`super::fixtures`].

use serde_json::{json, Map, Value};

use super::config::DataSet;
use super::picklists::*;
use crate::sim_common::lcg::Lcg;

#[derive(Debug, Clone, PartialEq)]
pub struct Company {
    pub id: i64,
    pub company_name: String,
    pub company_type: i64,
    pub market_segment_id: Option<i64>,
    pub territory_id: Option<i64>,
    pub classification: Option<i64>,
    pub is_active: bool,
    /// Always `None` for tenants without the field (the JSON then has no such key).
    pub company_category_id: Option<i64>,
    pub phone: String,
    pub city: String,
    pub owner_resource_id: i64,
    /// User-defined field "Number of Employees".
    pub employees: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub id: i64,
    pub company_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email_address: String,
    /// An integer 0/1 on Contacts (psa-api.md §A5), unlike Companies.isActive.
    pub is_active: i64,
    pub title: String,
}

pub struct TenantData {
    pub set: DataSet,
    pub companies: Vec<Company>,
    pub contacts: Vec<Contact>,
}

const NAME_A: &[&str] = &[
    "Alder",
    "Birch",
    "Cedar",
    "Delta",
    "Ember",
    "Falcon",
    "Granite",
    "Harbor",
    "Iris",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Maple",
    "Nimbus",
    "Orchid",
    "Pioneer",
    "Quarry",
    "Riverside",
    "Summit",
    "Tidewater",
    "Upland",
    "Vertex",
    "Willow",
    "Yarrow",
    "Zephyr",
    "O'Brien",
];
const NAME_B: &[&str] = &[
    "Logistics",
    "Dental",
    "Legal Partners",
    "Manufacturing",
    "Clinic",
    "Accounting",
    "& Sons",
    "Studios",
    "Engineering",
    "Foods",
    "Realty",
    "Consulting",
    "Schools",
    "Motors",
    "Labs",
];
const CITIES: &[&str] = &["Springfield", "Riverton", "Lakeside", "Hillsboro", "Fairview", "Georgetown", "Ashland"];
const FIRST: &[&str] = &[
    "Alex", "Bea", "Carlos", "Dana", "Elif", "Femi", "Grace", "Hiro", "Ines", "Jonas", "Kaya", "Liam", "Maya", "Nora",
    "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wen", "Yusuf", "Zoe", "Zoë",
];
const LAST: &[&str] = &[
    "Anders", "Brown", "Chen", "Diaz", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen", "Khan", "Lopez",
    "Müller", "Nakamura", "O'Neil", "Patel", "Quist", "Rossi", "Smith", "Tanaka",
];
const TITLES: &[&str] = &["Owner", "Office Manager", "IT Contact", "Accounts Payable", "Director", ""];

impl TenantData {
    pub fn generate(set: DataSet) -> TenantData {
        let (seed, n_companies, n_contacts, domain, root_name) = match set {
            DataSet::Contoso => (0x0C02_7014_u64, 1234usize, 2467usize, "contoso.example", "Contoso Ltd"),
            DataSet::Fabrikam => (0x00FA_B015u64, 48usize, 97usize, "fabrikam.example", "Fabrikam Inc"),
            DataSet::Sized(n) => (0x5123_0000u64 + n as u64, n as usize, 2 * n as usize, "sized.example", "Sized Ltd"),
        };
        let mut rng = Lcg::new(seed);
        let mut companies = Vec::with_capacity(n_companies);
        for k in 0..n_companies {
            companies.push(gen_company(&mut rng, set, k, root_name));
        }
        let mut contacts = Vec::with_capacity(n_contacts + 1);
        for k in 0..n_contacts {
            let company = rng.pick(&companies);
            let first = *rng.pick(FIRST);
            let last = *rng.pick(LAST);
            let active_pct = if company.is_active { 85 } else { 40 };
            let email_local = format!("{}.{}{}", first, last, k).to_lowercase().replace(['\'', ' '], "");
            contacts.push(Contact {
                id: 30_000 + 2 * k as i64,
                company_id: company.id,
                first_name: first.to_string(),
                last_name: last.to_string(),
                email_address: format!("{email_local}@{domain}"),
                is_active: rng.percent(active_pct) as i64,
                title: rng.pick(TITLES).to_string(),
            });
        }
        if set == DataSet::Contoso {
            // The templates issue checks for this exact contact.
            contacts.push(Contact {
                id: 30_000 + 2 * n_contacts as i64,
                company_id: 0,
                first_name: "Unregistered".into(),
                last_name: "User".into(),
                email_address: super::fixtures::UNREGISTERED_USER_EMAIL.into(),
                is_active: 1,
                title: String::new(),
            });
        }
        TenantData { set, companies, contacts }
    }
}

fn gen_company(rng: &mut Lcg, set: DataSet, k: usize, root_name: &str) -> Company {
    let has_category = has_company_category(set);
    if k == 0 {
        // Company id 0 is the tenant's own ("root") company.
        return Company {
            id: 0,
            company_name: root_name.to_string(),
            company_type: TYPE_CUSTOMER,
            market_segment_id: None,
            territory_id: None,
            classification: None,
            is_active: true,
            company_category_id: has_category.then_some(CATEGORY_STANDARD),
            phone: "555-0100".into(),
            city: CITIES[0].into(),
            owner_resource_id: 29_682_885,
            employees: Some(25),
        };
    }
    let roll = rng.below(100);
    let company_type = match (set, roll) {
        (_, 0..=49) => TYPE_CUSTOMER,
        (_, 50..=64) => TYPE_PROSPECT,
        (_, 65..=74) => TYPE_LEAD,
        (_, 75..=82) => TYPE_VENDOR,
        (_, 83..=89) => TYPE_PARTNER,
        (DataSet::Contoso | DataSet::Sized(_), 90..=94) => TYPE_DEAD,
        (DataSet::Contoso | DataSet::Sized(_), 95..=97) => TYPE_CANCELLATION,
        (DataSet::Contoso | DataSet::Sized(_), _) => TYPE_FORMER_RESELLER,
        (DataSet::Fabrikam, _) => TYPE_CUSTOMER,
    };
    let (market_segment_id, territory_id) = match set {
        DataSet::Contoso | DataSet::Sized(_) => (
            (!rng.percent(20)).then(|| 101 + rng.below(4) as i64),
            (!rng.percent(15)).then(|| 201 + rng.below(5) as i64),
        ),
        DataSet::Fabrikam => (None, None),
    };
    let classification = match set {
        DataSet::Contoso | DataSet::Sized(_) => (!rng.percent(30)).then(|| 301 + rng.below(4) as i64),
        DataSet::Fabrikam => (!rng.percent(50)).then(|| 301 + rng.below(2) as i64),
    };
    let inactive_pct = if matches!(company_type, TYPE_DEAD | TYPE_CANCELLATION) { 50 } else { 12 };
    let is_active = !rng.percent(inactive_pct);
    let company_category_id = has_category.then(|| match rng.below(100) {
        0..=69 => CATEGORY_STANDARD,
        70..=94 => CATEGORY_MANAGED,
        _ => CATEGORY_LEGACY,
    });
    let name = format!("{} {} {}", rng.pick(NAME_A), rng.pick(NAME_B), k);
    Company {
        id: 1000 + 3 * k as i64,
        company_name: name,
        company_type,
        market_segment_id,
        territory_id,
        classification,
        is_active,
        company_category_id,
        phone: format!("555-{:04}", rng.below(10_000)),
        city: rng.pick(CITIES).to_string(),
        owner_resource_id: 29_682_885 + rng.below(5) as i64,
        employees: (!rng.percent(25)).then(|| 1 + rng.below(400) as i64),
    }
}

impl Company {
    pub fn to_json(&self, set: DataSet) -> Value {
        if let DataSet::Sized(_) = set {
            return json!({
                "id": self.id,
                "companyName": self.company_name,
                "companyType": self.company_type,
                "marketSegmentID": self.market_segment_id,
                "territoryID": self.territory_id,
                "classification": self.classification,
                "isActive": self.is_active,
            });
        }
        let mut m = Map::new();
        m.insert("id".into(), json!(self.id));
        m.insert("companyName".into(), json!(self.company_name));
        m.insert("companyType".into(), json!(self.company_type));
        m.insert("marketSegmentID".into(), json!(self.market_segment_id));
        m.insert("territoryID".into(), json!(self.territory_id));
        m.insert("classification".into(), json!(self.classification));
        m.insert("isActive".into(), json!(self.is_active));
        if has_company_category(set) {
            m.insert("companyCategoryID".into(), json!(self.company_category_id));
        }
        m.insert("phone".into(), json!(self.phone));
        m.insert("city".into(), json!(self.city));
        m.insert("ownerResourceID".into(), json!(self.owner_resource_id));
        // UDF values come back as strings.
        m.insert(
            "userDefinedFields".into(),
            json!([{"name": super::fixtures::EMPLOYEES_UDF, "value": self.employees.map(|e| e.to_string())}]),
        );
        Value::Object(m)
    }
}

impl Contact {
    /// The fields a preview filters on, for [`DataSet::Sized`].
    pub fn to_lean_json(&self) -> Value {
        json!({"id": self.id, "companyID": self.company_id, "isActive": self.is_active})
    }

    pub fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "companyID": self.company_id,
            "firstName": self.first_name,
            "lastName": self.last_name,
            "emailAddress": self.email_address,
            "isActive": self.is_active,
            "title": self.title,
        })
    }
}
