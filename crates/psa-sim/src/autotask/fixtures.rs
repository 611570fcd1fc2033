//! The fixture world of `SimConfig::standard()`: names, secrets, tenants and helpers that compute expected
//! counts from the same generated data the simulator serves (so tests never hard-code guessed numbers).
//! None of these secrets is real; they exist only inside this simulator.

use std::sync::OnceLock;

use super::config::DataSet;
use super::data::{Company, Contact, TenantData};
pub use super::picklists::*;

/// A vendor tracking identifier (27 characters, like Autotask's) that works for every tenant.
pub const INTEGRATION_CODE: &str = "SIMVENDOR7QXK2M4PZ8RT3WB6HJ";
/// A custom ("Internal Integration") identifier that works only for Contoso.
pub const CONTOSO_CUSTOM_CODE: &str = "SIMCONTOSO4GH7NQ2VX9KD5MW3E";
/// Well-formed (27 characters) but assigned to nobody: answers 500 "IntegrationCode is invalid.".
pub const WRONG_INTEGRATION_CODE: &str = "SIMNOBODY00000000000000000X";
/// A second vendor's tracking identifier, known to the simulator (in `vendor_codes`) like a real vendor's.
pub const OTHER_VENDOR_CODE: &str = "SIMOTHERVND3KQ8ZP2MX5RT7WB4";

pub const ZONE5_NAME: &str = "AW01";
pub const ZONE14_NAME: &str = "AE02";
pub const ZONE15_NAME: &str = "AW02";
/// Zones served by the standard config.
pub const ZONES: &[u32] = &[5, 14, 15];

pub const CONTOSO_CI: i64 = 100014;
pub const CONTOSO_NAME: &str = "Contoso Ltd";
pub const CONTOSO_ZONE: u32 = 14;
pub const FABRIKAM_CI: i64 = 100015;
pub const FABRIKAM_NAME: &str = "Fabrikam Inc";
pub const FABRIKAM_ZONE: u32 = 15;
/// Where tests move Fabrikam to exercise "zone moved" (`sim.move_tenant(FABRIKAM_CI, MOVE_TARGET_ZONE)`).
pub const MOVE_TARGET_ZONE: u32 = 5;

pub const DEFAULT_REQUEST_THRESHOLD: u64 = 10_000;
/// Contoso's `currentTimeframeRequestCount` before the first request (Fabrikam starts at 0).
pub const INITIAL_REQUEST_COUNT: u64 = 124;
pub const THREAD_LIMIT: usize = 3;

/// Contoso, read/write on Companies and Contacts, read on everything else.
pub const GOOD_USER: &str = "sim.good@contoso.example";
pub const GOOD_SECRET: &str = "Good-Secret-4f9a!";
/// Contoso, query/create/update/delete on everything (delete is an excess for most integrations).
pub const FULL_ACCESS_USER: &str = "sim.full@contoso.example";
pub const FULL_ACCESS_SECRET: &str = "Full-Secret-81c2!";
/// Contoso, Contacts userAccessForQuery 0: Contacts queries answer 403 "does not have the adequate permissions".
pub const NO_CONTACTS_USER: &str = "sim.nocontacts@contoso.example";
pub const NO_CONTACTS_SECRET: &str = "NoContacts-Secret-2b7e!";
/// Same as NO_CONTACTS_USER, but the denial arrives as HTTP 500 (Autotask does both).
pub const NO_CONTACTS_500_USER: &str = "sim.nocontacts500@contoso.example";
pub const NO_CONTACTS_500_SECRET: &str = "NoContacts500-Secret-6d1c!";
/// Contoso, Companies userAccessForQuery 2 (Restricted): queries answer 200 with no rows, counts 0.
pub const RESTRICTED_USER: &str = "sim.restricted@contoso.example";
pub const RESTRICTED_SECRET: &str = "Restricted-Secret-93aa!";
/// Contoso, a UI resource rather than an API-only user.
pub const NOT_API_USER: &str = "sim.notapi@contoso.example";
pub const NOT_API_SECRET: &str = "NotApi-Secret-5e0d!";
/// Contoso, locked after bad passwords.
pub const LOCKED_USER: &str = "sim.locked@contoso.example";
pub const LOCKED_SECRET: &str = "Locked-Secret-7c3f!";
/// Contoso, deactivated.
pub const INACTIVE_USER: &str = "sim.inactive@contoso.example";
pub const INACTIVE_SECRET: &str = "Inactive-Secret-0a8b!";
/// Fabrikam (zone 15): empty market and territory picklists, no companyCategoryID.
pub const FABRIKAM_USER: &str = "sim.good@fabrikam.example";
pub const FABRIKAM_SECRET: &str = "Fabrikam-Secret-3d6e!";
/// Fabrikam user meant for zone-move tests.
pub const MOVED_USER: &str = "sim.moved@fabrikam.example";
pub const MOVED_SECRET: &str = "Moved-Secret-1f4b!";
/// Known to no tenant: zone lookup answers 500 "Zone information could not be determined".
pub const UNKNOWN_USER: &str = "sim.nobody@nowhere.example";

/// Error texts the simulator sends (for assertions on pass-through, not for the engine to depend on).
pub const MSG_ZONE_UNKNOWN: &str = "Zone information could not be determined";
pub const MSG_INTEGRATION_CODE_INVALID: &str = "IntegrationCode is invalid.";
pub const MSG_NO_PERMISSION_PART: &str = "does not have the adequate permissions";
pub const MSG_THREAD_THRESHOLD_PART: &str = "thread threshold";
pub const MSG_NOT_API_USER: &str = "This version of the API is only accessible to API Only users.";
pub const MSG_LOCKED: &str = "The user account has been locked. Please see your Autotask Administrator for details.";
pub const MSG_INACTIVE: &str = "The user account is inactive. Please see your Autotask Administrator for details.";
pub const MSG_UNAUTHORIZED: &str = "Authentication failed: check the user name, secret and API tracking identifier.";

/// The company UDF every generated company carries.
pub const EMPLOYEES_UDF: &str = "Number of Employees";

pub const UNREGISTERED_FIRST_NAME: &str = "Unregistered";
pub const UNREGISTERED_LAST_NAME: &str = "User";
/// The address the Helpdesk Buttons guide asks for. Only Contoso has this contact; Fabrikam has none, so a
/// Helpdesk Buttons check against Fabrikam proves the "missing" line.
pub const UNREGISTERED_USER_EMAIL: &str = "unregistered@helpdeskbuttons.com";

/// Contoso's ConfigurationItems user-defined fields: one open, one protected (`isProtected: true`).
pub const OPEN_CI_UDF: &str = "Asset Tag";
pub const PROTECTED_CI_UDF: &str = "Local Admin Password";

pub const CONTOSO_COMPANY_COUNT: usize = 1234;
/// 2467 generated contacts plus "Unregistered User".
pub const CONTOSO_CONTACT_COUNT: usize = 2468;
pub const FABRIKAM_COMPANY_COUNT: usize = 48;
pub const FABRIKAM_CONTACT_COUNT: usize = 97;
/// Rows per query page.
pub const PAGE_SIZE: usize = 500;

/// The generated data of a data set, built once per process.
pub fn tenant_data(set: DataSet) -> &'static TenantData {
    static CONTOSO: OnceLock<TenantData> = OnceLock::new();
    static FABRIKAM: OnceLock<TenantData> = OnceLock::new();
    match set {
        DataSet::Contoso => CONTOSO.get_or_init(|| TenantData::generate(DataSet::Contoso)),
        DataSet::Fabrikam => FABRIKAM.get_or_init(|| TenantData::generate(DataSet::Fabrikam)),
        DataSet::Sized(n) => {
            // One generation per size for the whole process (benchmarks start several simulators).
            static SIZED: OnceLock<std::sync::Mutex<std::collections::HashMap<u32, &'static TenantData>>> =
                OnceLock::new();
            let mut all = SIZED.get_or_init(Default::default).lock().unwrap();
            all.entry(n).or_insert_with(|| Box::leak(Box::new(TenantData::generate(DataSet::Sized(n)))))
        }
    }
}

pub fn contoso_companies() -> &'static [Company] {
    &tenant_data(DataSet::Contoso).companies
}
pub fn contoso_contacts() -> &'static [Contact] {
    &tenant_data(DataSet::Contoso).contacts
}
pub fn fabrikam_companies() -> &'static [Company] {
    &tenant_data(DataSet::Fabrikam).companies
}
pub fn fabrikam_contacts() -> &'static [Contact] {
    &tenant_data(DataSet::Fabrikam).contacts
}

/// Contoso companies matching `f`, e.g. `contoso_count(|c| c.is_active && c.company_type == TYPE_CUSTOMER)`.
pub fn contoso_count(f: impl Fn(&Company) -> bool) -> usize {
    contoso_companies().iter().filter(|c| f(c)).count()
}
pub fn contoso_contact_count(f: impl Fn(&Contact) -> bool) -> usize {
    contoso_contacts().iter().filter(|c| f(c)).count()
}
pub fn fabrikam_count(f: impl Fn(&Company) -> bool) -> usize {
    fabrikam_companies().iter().filter(|c| f(c)).count()
}
pub fn fabrikam_contact_count(f: impl Fn(&Contact) -> bool) -> usize {
    fabrikam_contacts().iter().filter(|c| f(c)).count()
}

/// Contoso contacts whose company matches `company` and who match `contact` (for "contacts of the
/// selected companies" previews).
pub fn contoso_contacts_of(company: impl Fn(&Company) -> bool, contact: impl Fn(&Contact) -> bool) -> usize {
    let ids: std::collections::HashSet<i64> = contoso_companies().iter().filter(|c| company(c)).map(|c| c.id).collect();
    contoso_contacts().iter().filter(|c| ids.contains(&c.company_id) && contact(c)).count()
}

/// Password of a fixture user (by username, case-insensitive), for tests that iterate over users.
pub fn secret_of(username: &str) -> Option<&'static str> {
    const PAIRS: &[(&str, &str)] = &[
        (GOOD_USER, GOOD_SECRET),
        (FULL_ACCESS_USER, FULL_ACCESS_SECRET),
        (NO_CONTACTS_USER, NO_CONTACTS_SECRET),
        (NO_CONTACTS_500_USER, NO_CONTACTS_500_SECRET),
        (RESTRICTED_USER, RESTRICTED_SECRET),
        (NOT_API_USER, NOT_API_SECRET),
        (LOCKED_USER, LOCKED_SECRET),
        (INACTIVE_USER, INACTIVE_SECRET),
        (FABRIKAM_USER, FABRIKAM_SECRET),
        (MOVED_USER, MOVED_SECRET),
    ];
    PAIRS.iter().find(|(u, _)| u.eq_ignore_ascii_case(username)).map(|(_, s)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_constants_and_spread() {
        assert_eq!(contoso_companies().len(), CONTOSO_COMPANY_COUNT);
        assert_eq!(contoso_contacts().len(), CONTOSO_CONTACT_COUNT);
        assert_eq!(fabrikam_companies().len(), FABRIKAM_COMPANY_COUNT);
        assert_eq!(fabrikam_contacts().len(), FABRIKAM_CONTACT_COUNT);
        assert!(contoso_companies().len() > 1000 && contoso_contacts().len() > 2000);
        for t in [TYPE_CUSTOMER, TYPE_PROSPECT, TYPE_LEAD, TYPE_VENDOR, TYPE_PARTNER, TYPE_DEAD, TYPE_FORMER_RESELLER] {
            assert!(contoso_count(|c| c.company_type == t) > 5, "type {t} too rare");
        }
        assert!(contoso_count(|c| !c.is_active) > 50);
        assert!(contoso_count(|c| c.market_segment_id.is_none()) > 50);
        assert!(contoso_count(|c| c.territory_id == Some(TERRITORY_OVERSEAS)) > 10);
        assert!(contoso_count(|c| c.company_category_id == Some(CATEGORY_LEGACY)) > 10);
        assert!(contoso_contact_count(|c| c.is_active == 0) > 100);
        assert_eq!(fabrikam_count(|c| c.market_segment_id.is_some() || c.territory_id.is_some()), 0);
        assert_eq!(
            fabrikam_contact_count(|c| c.first_name == UNREGISTERED_FIRST_NAME && c.last_name == UNREGISTERED_LAST_NAME),
            0
        );
        assert_eq!(
            contoso_contact_count(|c| c.first_name == UNREGISTERED_FIRST_NAME
                && c.last_name == UNREGISTERED_LAST_NAME
                && c.email_address == UNREGISTERED_USER_EMAIL),
            1
        );
    }

    #[test]
    fn generation_is_deterministic() {
        let again = TenantData::generate(DataSet::Contoso);
        assert_eq!(again.companies, contoso_companies());
        assert_eq!(again.contacts, contoso_contacts());
        assert_eq!(INTEGRATION_CODE.len(), 27);
        assert_eq!(CONTOSO_CUSTOM_CODE.len(), 27);
        assert_eq!(WRONG_INTEGRATION_CODE.len(), 27);
        assert_eq!(OTHER_VENDOR_CODE.len(), 27);
    }
}
