//! What a ConnectWise simulator instance serves: tenants (cloud or self-hosted), API members with their
//! security-role rows, registered clientIds, page-size cap. `CwSimConfig::standard()` is the fixture world
//! of [`super::fixtures`]; tests adjust it (`with_member`, `with_max_page_size`, …) rather than start over.

use std::time::Duration;

use super::fixtures as fx;

/// Where a tenant lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CwLocation {
    /// Login host `/{region}/`, API host `/api-{region}/`.
    Cloud { region: String },
    /// Login and API under `/onprem/` (the API also answers at the server root, and companyinfo's
    /// `SiteUrl` is bare `127.0.0.1:PORT`: an engine that builds the API URL from `SiteUrl` and one that keeps
    /// the typed site's path both reach it).
    SelfHosted,
}

/// Which generated data set a tenant serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CwDataSet {
    /// > 1000 companies (some deleted), > 2000 contacts, every picklist filled.
    Contoso,
    /// Small, no markets at all.
    Fabrikam,
    /// Small, self-hosted.
    Northwind,
}

#[derive(Debug, Clone)]
pub struct CwTenantDef {
    /// As the partner types it at the login screen; matched case-insensitively.
    pub company_id: String,
    pub name: String,
    pub location: CwLocation,
    /// Ends with `/`: `v2025_1/` (cloud) or `v4_6_release/` (self-hosted).
    pub codebase: String,
    pub data: CwDataSet,
    /// Fabrikam answers `"IsCloud":"True"` (a string, as the developer guide shows it).
    pub is_cloud_as_string: bool,
    /// The API version the server runs (companyinfo `VersionCode`); `None`: derived from the codebase.
    pub server_version: Option<(u32, u32)>,
    /// An older server that does not know a newer model version: an `Accept` version above `server_version`
    /// gets a 400 (issue 13; christaylorcodes/ConnectWiseManageAPI `Connect-CWM` takes the version from the
    /// server for this reason; the status a real server answers is UNCONFIRMED, the simulator CHOOSES 400).
    pub refuses_newer_accept: bool,
}

/// A security-role level as `system/mysecurity` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CwLevel {
    All,
    Mine,
    MyCompany,
    None,
}

impl CwLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            CwLevel::All => "All",
            // HealthITAU/pyconnectwise `MySecurity` model: "None" | "My" | "All".
            CwLevel::Mine => "My",
            CwLevel::MyCompany => "My Company",
            CwLevel::None => "None",
        }
    }
}

/// One `system/mysecurity` row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityRow {
    pub module: &'static str,
    pub function_id: &'static str,
    pub function_name: &'static str,
    pub inquire: CwLevel,
    pub add: CwLevel,
    pub edit: CwLevel,
    pub delete: CwLevel,
}

/// (moduleIdentifier, moduleFunctionIdentifier, moduleFunctionName) of every row the simulator reports.
/// A real role lists dozens of module functions and `system/mysecurity` is a paged list of 25 rows by default
/// (connectpyse issue #11; HealthITAU/pyconnectwise `SystemMysecurityEndpoint` pages it; christaylorcodes
/// ConnectWiseManageAPI `Get-CWMMySecurity -all`). So the role here has 50 rows and every function a template
/// names comes after row 25: an engine that reads one page misses them (issue 13). The filler names are
/// stand-ins for the rest of a role page, not claims about ConnectWise's exact list.
pub const MODULE_FUNCTIONS: &[(&str, &str, &str)] = &[
    ("Companies", "CompanyFinance", "Company Finance"),
    ("Companies", "CompanyGroupMaintenance", "Company/Contact Group Maintenance"),
    ("Companies", "ConfigurationMaintenance", "Configuration Maintenance"),
    ("Companies", "CRMCustomization", "Manage Attachments"),
    ("Companies", "Notes", "Notes"),
    ("Companies", "ReportWriter", "Report Writer"),
    ("Finance", "Billing", "Billing View Time"),
    ("Finance", "Expense", "Expense Reports"),
    ("Finance", "GLInterface", "GL Interface"),
    ("Finance", "InvoiceApproval", "Invoice Approval"),
    ("Finance", "Quotes", "Quotes"),
    ("Marketing", "Campaigns", "Campaigns"),
    ("Marketing", "Groups", "Groups"),
    ("Project", "ProjectHeaders", "Project Headers"),
    ("Project", "ProjectTickets", "Project Tickets"),
    ("Project", "ProjectTemplates", "Project Templates"),
    ("Sales", "Activities", "Activities"),
    ("Sales", "Opportunities", "Opportunities"),
    ("Sales", "SalesFunnel", "Sales Funnel"),
    ("Schedule", "ScheduleEntries", "Schedule Entries"),
    ("Schedule", "Dispatch", "Dispatch Portal"),
    ("ServiceDesk", "ServiceTemplates", "Service Templates"),
    ("ServiceDesk", "Resolutions", "Resolutions"),
    ("ServiceDesk", "KnowledgeBase", "Knowledge Base"),
    ("System", "APIReports", "API Reports"),
    ("System", "MemberMaintenance", "Member Maintenance"),
    ("System", "SecurityRoles", "Security Roles"),
    ("System", "MyCompany", "My Company"),
    ("TimeAndExpense", "TimeSheets", "Time Sheets"),
    ("TimeAndExpense", "TimeEntry", "Time Entry"),
    // From row 31 on: every function a template names (templates/*.toml).
    ("Companies", "CompanyMaintenance", "Company Maintenance"),
    ("Companies", "Contacts", "Contacts"),
    ("Companies", "Configurations", "Configurations"),
    ("Companies", "TeamMembers", "Team Members"),
    ("ServiceDesk", "ServiceTickets", "Service Tickets"),
    ("Finance", "Agreements", "Agreements"),
    ("Finance", "AgreementInvoicing", "Agreement Invoicing"),
    ("Finance", "Invoicing", "Invoicing"),
    ("System", "TableSetup", "Table Setup"),
    ("Procurement", "ProductCatalog", "Product Catalog"),
    ("Procurement", "Products", "Products"),
    ("Procurement", "PurchaseOrders", "Purchase Orders"),
    ("Procurement", "Inventory", "Inventory"),
    ("Procurement", "Vendors", "Vendors"),
    ("Service", "Surveys", "Surveys"),
    ("System", "Setup", "Setup Tables"),
    ("System", "Portal", "Portal Configuration"),
    ("System", "Workflows", "Workflow Rules"),
    ("TimeAndExpense", "ExpenseEntry", "Expense Entry"),
    ("TimeAndExpense", "Approvals", "Approvals"),
];

/// Where `Link` headers point. ConnectWise's published examples show next-page links under
/// `/v4_6_release/apis/3.0/` whatever the cloud codebase (shared/psa-api.md "Corrections found later"), and
/// HealthITAU/pyconnectwise `src/pyconnectwise/utils/helpers.py` (`parse_link_headers`) keeps only the page
/// number from them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkStyle {
    /// The request's own path (what the simulator always did).
    #[default]
    SamePath,
    /// `/v4_6_release/apis/3.0/...` on every server, cloud included.
    V46Release,
}

/// An API member and the keys of one of its API keys.
#[derive(Debug, Clone)]
pub struct CwMemberDef {
    pub company_id: String,
    pub member_id: String,
    pub public_key: String,
    pub private_key: String,
    pub rows: Vec<SecurityRow>,
}

impl CwMemberDef {
    /// Every function with inquire All and nothing else.
    pub fn new(keys: &fx::CwKeys, member_id: &str) -> Self {
        let rows = MODULE_FUNCTIONS
            .iter()
            .map(|(m, id, name)| SecurityRow {
                module: m,
                function_id: id,
                function_name: name,
                inquire: CwLevel::All,
                add: CwLevel::None,
                edit: CwLevel::None,
                delete: CwLevel::None,
            })
            .collect();
        CwMemberDef {
            company_id: keys.company_id.into(),
            member_id: member_id.into(),
            public_key: keys.public_key.into(),
            private_key: keys.private_key.into(),
            rows,
        }
    }

    /// Sets the levels of one function (by `moduleFunctionName`, case-insensitive).
    pub fn with_levels(
        mut self,
        function_name: &str,
        inquire: CwLevel,
        add: CwLevel,
        edit: CwLevel,
        delete: CwLevel,
    ) -> Self {
        for r in self.rows.iter_mut().filter(|r| r.function_name.eq_ignore_ascii_case(function_name)) {
            (r.inquire, r.add, r.edit, r.delete) = (inquire, add, edit, delete);
        }
        self
    }

    /// Every level of every function set to `level`.
    pub fn with_everything(mut self, level: CwLevel) -> Self {
        for r in &mut self.rows {
            (r.inquire, r.add, r.edit, r.delete) = (level, level, level, level);
        }
        self
    }

    pub fn inquire(&self, function_name: &str) -> CwLevel {
        self.rows
            .iter()
            .find(|r| r.function_name.eq_ignore_ascii_case(function_name))
            .map_or(CwLevel::None, |r| r.inquire)
    }
}

/// How a missing or unregistered clientId is refused (UNCONFIRMED in production, psa-api.md §B1 "Errors", so
/// each possibility exists).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientIdError {
    Unauthorized401,
    Forbidden403,
    /// A 403 whose text names neither the clientId nor the role (`fixtures::MSG_FORBIDDEN_PLAIN`), so the
    /// engine cannot tell it from a refusal it has no wording for.
    Forbidden403Unworded,
}

/// The body of `company/companies/count` and `company/contacts/count`. psa-api.md §B2 marks the shape
/// UNCONFIRMED (`{"count": N}` is the likely one; generated SDKs show a `Count` model).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CountShape {
    /// `{"count": N}`.
    #[default]
    Object,
    /// `{"total": N}`: a shape the engine does not read, standing for any other one.
    Unfamiliar,
}

#[derive(Debug, Clone)]
pub struct CwSimConfig {
    pub tenants: Vec<CwTenantDef>,
    pub members: Vec<CwMemberDef>,
    /// clientIds registered at developer.connectwise.com (matched case-insensitively, as GUIDs are).
    pub client_ids: Vec<String>,
    pub client_id_error: ClientIdError,
    /// The most rows a page holds; a larger `pageSize` is cut down to it silently.
    pub max_page_size: usize,
    pub latency: Duration,
    /// Port to bind on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Where next-page links point (issue 13).
    pub link_style: LinkStyle,
    pub count_shape: CountShape,
}

impl CwSimConfig {
    pub fn standard() -> Self {
        let cloud = |r: &str| CwLocation::Cloud { region: r.into() };
        let tenants = vec![
            CwTenantDef {
                company_id: fx::CONTOSO.into(),
                name: fx::CONTOSO_NAME.into(),
                location: cloud(fx::CONTOSO_REGION),
                codebase: fx::CONTOSO_CODEBASE.into(),
                data: CwDataSet::Contoso,
                is_cloud_as_string: false,
                server_version: None,
                refuses_newer_accept: false,
            },
            CwTenantDef {
                company_id: fx::FABRIKAM.into(),
                name: fx::FABRIKAM_NAME.into(),
                location: cloud(fx::FABRIKAM_REGION),
                codebase: fx::FABRIKAM_CODEBASE.into(),
                data: CwDataSet::Fabrikam,
                is_cloud_as_string: true,
                server_version: None,
                refuses_newer_accept: false,
            },
            CwTenantDef {
                company_id: fx::SELFHOSTED.into(),
                name: fx::SELFHOSTED_NAME.into(),
                location: CwLocation::SelfHosted,
                codebase: fx::SELFHOSTED_CODEBASE.into(),
                data: CwDataSet::Northwind,
                is_cloud_as_string: false,
                server_version: None,
                refuses_newer_accept: false,
            },
        ];
        use CwLevel::{All, Mine, None as No};
        let full = |keys: &fx::CwKeys, id: &str| {
            CwMemberDef::new(keys, id)
                .with_levels("Company Maintenance", All, All, All, No)
                .with_levels("Contacts", All, All, All, No)
        };
        let members = vec![
            full(&fx::GOOD, "SimGood"),
            CwMemberDef::new(&fx::READ_ONLY, "SimReadOnly"),
            full(&fx::NO_CONTACTS, "SimNoContacts").with_levels("Contacts", No, No, No, No),
            full(&fx::MINE_ONLY, "SimMineOnly").with_levels("Company Maintenance", Mine, No, No, No),
            CwMemberDef::new(&fx::ADMIN, "SimAdmin").with_everything(All),
            full(&fx::FABRIKAM_GOOD, "SimGood"),
            full(&fx::NORTHWIND_GOOD, "SimGood"),
        ];
        CwSimConfig {
            tenants,
            members,
            client_ids: vec![fx::CLIENT_ID.into(), fx::OTHER_CLIENT_ID.into()],
            client_id_error: ClientIdError::Unauthorized401,
            max_page_size: 1000,
            latency: Duration::ZERO,
            port: 0,
            link_style: LinkStyle::SamePath,
            count_shape: CountShape::Object,
        }
    }

    /// What the live API looks like as far as issue 13 knows: `/v4_6_release/` next links on every server
    /// (the role is always 50 rows paged at 25).
    pub fn live_like() -> Self {
        CwSimConfig::standard().with_link_style(LinkStyle::V46Release).with_old_self_hosted()
    }

    /// Northwind's self-hosted server runs v2020.4 and refuses a newer `Accept` version.
    pub fn with_old_self_hosted(mut self) -> Self {
        for t in self.tenants.iter_mut().filter(|t| t.location == CwLocation::SelfHosted) {
            t.server_version = Some(fx::OLD_SERVER_VERSION);
            t.refuses_newer_accept = true;
        }
        self
    }

    pub fn with_link_style(mut self, style: LinkStyle) -> Self {
        self.link_style = style;
        self
    }

    /// Adds (or replaces, by public key) a member.
    pub fn with_member(mut self, member: CwMemberDef) -> Self {
        self.members.retain(|m| m.public_key != member.public_key);
        self.members.push(member);
        self
    }

    pub fn with_max_page_size(mut self, n: usize) -> Self {
        self.max_page_size = n.max(1);
        self
    }

    pub fn with_client_id_error(mut self, e: ClientIdError) -> Self {
        self.client_id_error = e;
        self
    }

    pub fn with_count_shape(mut self, shape: CountShape) -> Self {
        self.count_shape = shape;
        self
    }

    pub fn with_latency(mut self, latency: Duration) -> Self {
        self.latency = latency;
        self
    }

    pub fn tenant(&self, company_id: &str) -> Option<&CwTenantDef> {
        self.tenants.iter().find(|t| t.company_id.eq_ignore_ascii_case(company_id))
    }
}
