//! Deterministic generated companies and contacts per data set (see [`Lcg`]); tests compute expected
//! counts from the same data via [`super::fixtures`].

use serde_json::{json, Map, Value};

use super::config::CwDataSet;
use super::picklists::*;
use crate::sim_common::lcg::Lcg;

#[derive(Debug, Clone, PartialEq)]
pub struct CwCompany {
    pub id: i64,
    pub identifier: String,
    pub name: String,
    pub status_id: i64,
    /// 0 to 2 distinct company types.
    pub type_ids: Vec<i64>,
    pub market_id: Option<i64>,
    /// ConnectWise calls the territory a "location" in the system API.
    pub territory_id: Option<i64>,
    pub deleted: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CwContact {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub inactive: bool,
    pub company_id: i64,
    pub type_ids: Vec<i64>,
}

pub struct CwTenantData {
    pub set: CwDataSet,
    pub companies: Vec<CwCompany>,
    pub contacts: Vec<CwContact>,
}

const NAME_A: &[&str] = &[
    "Acorn",
    "Basalt",
    "Copper",
    "Dune",
    "Elm",
    "Fjord",
    "Glacier",
    "Heron",
    "Indigo",
    "Jasper",
    "Kite",
    "Lagoon",
    "Meadow",
    "North Star",
    "Oak & Ash",
    "Prairie",
    "Quill",
    "Redwood",
    "Saffron",
    "Thistle",
    "Umber",
    "Vale",
    "Wren",
    "Yew",
    "Zinc",
    "D'Arcy",
];
const NAME_B: &[&str] = &[
    "Veterinary",
    "Law Group",
    "Plastics",
    "Pharmacy",
    "Bakery",
    "Architects",
    "Freight",
    "Dental Care",
    "Tooling",
    "Insurance",
    "Hotels",
    "Medical",
    "Printing",
    "Brewing",
    "Holdings",
];
const FIRST: &[&str] = &[
    "Ada", "Bram", "Chloé", "Dev", "Esra", "Finn", "Gita", "Hugo", "Ivy", "Jae", "Kofi", "Lena", "Mats", "Noor",
    "Otto", "Pia", "Rafa", "Sami", "Teo", "Una", "Vik", "Wanda", "Xiu", "Yara",
];
const LAST: &[&str] = &[
    "Abbott",
    "Berg",
    "Costa",
    "Dubois",
    "Ekström",
    "Flores",
    "Gallo",
    "Haas",
    "Iyer",
    "Jovanović",
    "Kowalski",
    "Lind",
    "Moreau",
    "Novak",
    "O'Hara",
    "Park",
    "Reyes",
    "Sato",
    "Toivonen",
    "Weber",
];

impl CwTenantData {
    pub fn generate(set: CwDataSet) -> CwTenantData {
        let (seed, n_companies, n_contacts, own_name) = match set {
            CwDataSet::Contoso => (0xC0_17_05_01u64, 1234usize, 2467usize, "Contoso MSP"),
            CwDataSet::Fabrikam => (0xFA_B0_0E_02u64, 48, 97, "Fabrikam Services"),
            CwDataSet::Northwind => (0x40_27_11_03u64, 60, 131, "Northwind IT"),
        };
        let mut rng = Lcg::new(seed);
        let companies: Vec<CwCompany> = (0..n_companies).map(|k| gen_company(&mut rng, set, k, own_name)).collect();
        let contacts = (0..n_contacts)
            .map(|k| {
                let company = rng.pick(&companies);
                let inactive_pct = if company.status_id == STATUS_INACTIVE { 45 } else { 12 };
                let type_ids = if rng.percent(60) { vec![*rng.pick(contact_types_of(set))] } else { vec![] };
                CwContact {
                    id: 500 + 2 * k as i64,
                    first_name: rng.pick(FIRST).to_string(),
                    last_name: rng.pick(LAST).to_string(),
                    inactive: rng.percent(inactive_pct),
                    company_id: company.id,
                    type_ids,
                }
            })
            .collect();
        CwTenantData { set, companies, contacts }
    }
}

fn gen_company(rng: &mut Lcg, set: CwDataSet, k: usize, own_name: &str) -> CwCompany {
    if k == 0 {
        // Company id 1 is the partner's own company in every ConnectWise database.
        return CwCompany {
            id: 1,
            identifier: own_name.replace(' ', ""),
            name: own_name.into(),
            status_id: STATUS_ACTIVE,
            type_ids: vec![TYPE_PARTNER],
            market_id: None,
            territory_id: Some(LOCATION_NORTH),
            deleted: false,
        };
    }
    let statuses = statuses_of(set);
    let status_id = match rng.below(100) {
        0..=69 => STATUS_ACTIVE,
        70..=81 => STATUS_INACTIVE,
        r if statuses.len() > 2 && r < 90 => STATUS_NOT_APPROVED,
        _ if statuses.len() > 2 => STATUS_IMPORTED,
        _ => STATUS_ACTIVE,
    };
    let n_types = match rng.below(100) {
        0..=9 => 0,
        10..=74 => 1,
        _ => 2,
    };
    let mut type_ids: Vec<i64> = Vec::new();
    while type_ids.len() < n_types {
        // Customers dominate, as in a real MSP's database.
        let t = if rng.percent(55) { TYPE_CUSTOMER } else { *rng.pick(types_of(set)) };
        if !type_ids.contains(&t) {
            type_ids.push(t);
        }
    }
    let markets = markets_of(set);
    let market_id = (!markets.is_empty() && !rng.percent(20)).then(|| *rng.pick(markets));
    let territory_id = (!rng.percent(15)).then(|| *rng.pick(locations_of(set)));
    let deleted = rng.percent(4);
    let (a, b) = (*rng.pick(NAME_A), *rng.pick(NAME_B));
    let name = format!("{a} {b} {k}");
    let identifier: String = format!("{a}{b}{k}").chars().filter(char::is_ascii_alphanumeric).collect();
    CwCompany { id: 100 + 3 * k as i64, identifier, name, status_id, type_ids, market_id, territory_id, deleted }
}

fn reference(id: i64, name: &str) -> Value {
    json!({"id": id, "name": name})
}

impl CwCompany {
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), json!(self.id));
        m.insert("identifier".into(), json!(self.identifier));
        m.insert("name".into(), json!(self.name));
        m.insert("status".into(), reference(self.status_id, status_name(self.status_id)));
        let types: Vec<Value> = self.type_ids.iter().map(|&t| reference(t, type_name(t))).collect();
        m.insert("types".into(), Value::Array(types));
        // ConnectWise leaves unset references out of the JSON rather than sending null.
        if let Some(id) = self.market_id {
            m.insert("market".into(), reference(id, market_name(id)));
        }
        if let Some(id) = self.territory_id {
            m.insert("territory".into(), reference(id, location_name(id)));
        }
        m.insert("deletedFlag".into(), json!(self.deleted));
        Value::Object(m)
    }
}

impl CwContact {
    pub fn to_json(&self, company: Option<&CwCompany>) -> Value {
        let types: Vec<Value> = self.type_ids.iter().map(|&t| json!({"id": t, "name": contact_type_name(t)})).collect();
        json!({
            "id": self.id,
            "firstName": self.first_name,
            "lastName": self.last_name,
            "inactiveFlag": self.inactive,
            "company": company.map(|c| json!({"id": c.id, "identifier": c.identifier, "name": c.name})),
            "types": types,
        })
    }
}
