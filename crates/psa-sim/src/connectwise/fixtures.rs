//! The fixture world of `CwSimConfig::standard()`: tenants, API member keys, clientIds, picklist ids, and
//! helpers that compute expected counts from the same generated data the simulator serves. None of these
//! keys is real; they exist only inside this simulator.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::config::CwDataSet;
use super::data::{CwCompany, CwContact, CwTenantData};
pub use super::picklists::*;

/// The simulated vendor's registered clientId: what the test vendor pack (`tests/fixtures/sim-vendor.psapack.toml`)
/// and the demo supply. It exists only inside this simulator; PSA Connect itself has no clientId of its own.
pub const CLIENT_ID: &str = "5b0c6f0e-2f4d-4a8e-9c53-7c1d2a9e4b61";
/// A second registered clientId (a vendor's), to show the header value is passed through as given.
pub const OTHER_CLIENT_ID: &str = "0e7d3c1a-9b64-4f2e-8a15-63c2b9d7e480";
/// A well-formed GUID that nobody registered: refused like a missing clientId.
pub const UNREGISTERED_CLIENT_ID: &str = "00000000-1111-4222-8333-444444444444";

pub const CONTOSO: &str = "contoso";
pub const CONTOSO_NAME: &str = "Contoso MSP";
pub const CONTOSO_REGION: &str = "na";
pub const CONTOSO_CODEBASE: &str = "v2025_1/";
/// Contoso's companyinfo `VersionCode` (derived from its codebase).
pub const CONTOSO_VERSION_CODE: &str = "v2025.1";
pub const FABRIKAM: &str = "fabrikam";
pub const FABRIKAM_NAME: &str = "Fabrikam Services";
pub const FABRIKAM_REGION: &str = "eu";
pub const FABRIKAM_CODEBASE: &str = "v2024_3/";
/// The self-hosted tenant, served under `/onprem/`.
pub const SELFHOSTED: &str = "northwind";
pub const SELFHOSTED_NAME: &str = "Northwind IT";
pub const SELFHOSTED_CODEBASE: &str = "v4_6_release/";
/// Regions the simulator answers for (the engine's cloud list); only na and eu have tenants.
pub const REGIONS: &[&str] = &["na", "eu", "au", "aus", "za"];

/// `companyinfo` values shared by every cloud tenant (Fabrikam's codebase differs).
pub const VERSION_CODE: &str = "v2025.1";
pub const VERSION_NUMBER: &str = "v4.6.12345";
/// The older self-hosted server of `CwSimConfig::with_old_self_hosted` (companyinfo `VersionCode` "v2020.4").
pub const OLD_SERVER_VERSION: (u32, u32) = (2020, 4);
pub const SYSTEM_VERSION: &str = "v2025.1.12345";

/// One API key of an API member: what a partner types into the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CwKeys {
    pub company_id: &'static str,
    pub public_key: &'static str,
    pub private_key: &'static str,
}

/// Contoso: Company Maintenance and Contacts inquire/add/edit All (delete None), inquire All elsewhere.
pub const GOOD: CwKeys =
    CwKeys { company_id: CONTOSO, public_key: "SimGoodPub4f9a2c", private_key: "SimGoodPriv-7e3b1d" };
/// Contoso: inquire All everywhere, add/edit/delete None.
pub const READ_ONLY: CwKeys =
    CwKeys { company_id: CONTOSO, public_key: "SimReadPub82d0e1", private_key: "SimReadPriv-3c9f55" };
/// Contoso: as GOOD, but Contacts inquire None: `company/contacts*` answers 403.
pub const NO_CONTACTS: CwKeys =
    CwKeys { company_id: CONTOSO, public_key: "SimNoConPub61b7a", private_key: "SimNoConPriv-a04e2b" };
/// Contoso: as GOOD, but Company Maintenance inquire Mine: company lists empty, counts 0.
pub const MINE_ONLY: CwKeys =
    CwKeys { company_id: CONTOSO, public_key: "SimMinePub0d5c93", private_key: "SimMinePriv-e81f07" };
/// Contoso: every level of every function All, delete included (an excess to warn about).
pub const ADMIN: CwKeys =
    CwKeys { company_id: CONTOSO, public_key: "SimAdminPub7a31f", private_key: "SimAdminPriv-5b6d2c" };
/// Fabrikam (eu): as GOOD.
pub const FABRIKAM_GOOD: CwKeys =
    CwKeys { company_id: FABRIKAM, public_key: "SimFabPub93e4d0", private_key: "SimFabPriv-1a7c6e" };
/// Northwind (self-hosted): as GOOD.
pub const NORTHWIND_GOOD: CwKeys =
    CwKeys { company_id: SELFHOSTED, public_key: "SimNwPub2b8f61", private_key: "SimNwPriv-d3905a" };

/// Every fixture member, for listings (psa-sim) and loops.
pub const MEMBERS: &[(&str, CwKeys)] = &[
    ("GOOD", GOOD),
    ("READ_ONLY", READ_ONLY),
    ("NO_CONTACTS", NO_CONTACTS),
    ("MINE_ONLY", MINE_ONLY),
    ("ADMIN", ADMIN),
    ("FABRIKAM_GOOD", FABRIKAM_GOOD),
    ("NORTHWIND_GOOD", NORTHWIND_GOOD),
];

/// Error texts the simulator sends (for pass-through assertions, not for the engine to depend on).
pub const MSG_UNAUTHORIZED: &str = "The supplied authentication is incorrect.";
pub const MSG_FORBIDDEN_ROLE: &str = "Improper security role settings for the supplied authentication.";
pub const MSG_SSL_REQUIRED: &str = "SSL is required.";
pub const MSG_CLIENT_ID_MISSING: &str = "A clientId header is required. Register one at developer.connectwise.com.";
pub const MSG_CLIENT_ID_INVALID: &str = "The clientId is not valid.";
/// A refusal that says nothing about why (no source gives a real text for it; invented on purpose).
pub const MSG_FORBIDDEN_PLAIN: &str = "Access is denied.";

pub const CONTOSO_COMPANY_COUNT: usize = 1234;
pub const CONTOSO_CONTACT_COUNT: usize = 2467;
pub const FABRIKAM_COMPANY_COUNT: usize = 48;
pub const FABRIKAM_CONTACT_COUNT: usize = 97;
pub const NORTHWIND_COMPANY_COUNT: usize = 60;
pub const NORTHWIND_CONTACT_COUNT: usize = 131;
/// `pageSize` when none is sent.
pub const DEFAULT_PAGE_SIZE: usize = 25;

/// The generated data of a data set, built once per process.
pub fn tenant_data(set: CwDataSet) -> &'static CwTenantData {
    static CONTOSO_DATA: OnceLock<CwTenantData> = OnceLock::new();
    static FABRIKAM_DATA: OnceLock<CwTenantData> = OnceLock::new();
    static NORTHWIND_DATA: OnceLock<CwTenantData> = OnceLock::new();
    let cell = match set {
        CwDataSet::Contoso => &CONTOSO_DATA,
        CwDataSet::Fabrikam => &FABRIKAM_DATA,
        CwDataSet::Northwind => &NORTHWIND_DATA,
    };
    cell.get_or_init(|| CwTenantData::generate(set))
}

pub fn companies(set: CwDataSet) -> &'static [CwCompany] {
    &tenant_data(set).companies
}
pub fn contacts(set: CwDataSet) -> &'static [CwContact] {
    &tenant_data(set).contacts
}

/// Contoso companies matching `f`. Deleted companies are included unless `f` excludes them, as the API
/// does without `deletedFlag=false`.
pub fn contoso_count(f: impl Fn(&CwCompany) -> bool) -> usize {
    companies(CwDataSet::Contoso).iter().filter(|c| f(c)).count()
}
pub fn contoso_contact_count(f: impl Fn(&CwContact) -> bool) -> usize {
    contacts(CwDataSet::Contoso).iter().filter(|c| f(c)).count()
}
pub fn fabrikam_count(f: impl Fn(&CwCompany) -> bool) -> usize {
    companies(CwDataSet::Fabrikam).iter().filter(|c| f(c)).count()
}
pub fn northwind_count(f: impl Fn(&CwCompany) -> bool) -> usize {
    companies(CwDataSet::Northwind).iter().filter(|c| f(c)).count()
}

/// Contacts of the data set whose company matches `company` and who match `contact`.
pub fn contacts_of(
    set: CwDataSet,
    company: impl Fn(&CwCompany) -> bool,
    contact: impl Fn(&CwContact) -> bool,
) -> usize {
    let ids: HashSet<i64> = companies(set).iter().filter(|c| company(c)).map(|c| c.id).collect();
    contacts(set).iter().filter(|c| ids.contains(&c.company_id) && contact(c)).count()
}
pub fn contoso_contacts_of(company: impl Fn(&CwCompany) -> bool, contact: impl Fn(&CwContact) -> bool) -> usize {
    contacts_of(CwDataSet::Contoso, company, contact)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_constants_and_spread() {
        let set = CwDataSet::Contoso;
        assert_eq!(companies(set).len(), CONTOSO_COMPANY_COUNT);
        assert_eq!(contacts(set).len(), CONTOSO_CONTACT_COUNT);
        assert_eq!(companies(CwDataSet::Fabrikam).len(), FABRIKAM_COMPANY_COUNT);
        assert_eq!(contacts(CwDataSet::Fabrikam).len(), FABRIKAM_CONTACT_COUNT);
        assert_eq!(companies(CwDataSet::Northwind).len(), NORTHWIND_COMPANY_COUNT);
        assert_eq!(contacts(CwDataSet::Northwind).len(), NORTHWIND_CONTACT_COUNT);
        assert!(contoso_count(|c| c.deleted) > 10);
        assert!(contoso_count(|c| c.type_ids.is_empty()) > 20);
        assert!(contoso_count(|c| c.type_ids.len() == 2) > 50);
        for t in [TYPE_CUSTOMER, TYPE_PROSPECT, TYPE_VENDOR, TYPE_PARTNER] {
            assert!(contoso_count(|c| c.type_ids.contains(&t)) > 20, "type {t} too rare");
        }
        for s in [STATUS_ACTIVE, STATUS_INACTIVE, STATUS_NOT_APPROVED, STATUS_IMPORTED] {
            assert!(contoso_count(|c| c.status_id == s) > 20, "status {s} too rare");
        }
        assert!(contoso_count(|c| c.market_id == Some(MARKET_RETAIL)) > 10);
        assert!(contoso_count(|c| c.market_id.is_none()) > 50);
        assert!(contoso_count(|c| c.territory_id == Some(LOCATION_OVERSEAS)) > 50);
        assert!(contoso_contact_count(|c| c.inactive) > 100);
        assert_eq!(fabrikam_count(|c| c.market_id.is_some()), 0);
        let ids: HashSet<i64> = companies(set).iter().map(|c| c.id).collect();
        assert_eq!(ids.len(), CONTOSO_COMPANY_COUNT);
    }

    #[test]
    fn generation_is_deterministic() {
        let again = CwTenantData::generate(CwDataSet::Contoso);
        assert_eq!(again.companies, companies(CwDataSet::Contoso));
        assert_eq!(again.contacts, contacts(CwDataSet::Contoso));
    }
}
