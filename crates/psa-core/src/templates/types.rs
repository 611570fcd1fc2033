//! Wire types of an integration template. The same structs read the TOML files in `templates/` and travel
//! to the webview and the CLI's `--json`, so the keys in the data files are the camelCase wire names.
//! Unknown keys are rejected: a typo in a template must fail its test, not vanish.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::Psa;
// The requirement types live in the leaf module `crate::need` (so `report` needs no template); they are
// still named here, where they appear in the template files.
pub use crate::need::{ContactMustExist, Extra, ManualCheck, ProtectedUdfNote};

/// One line of the template picker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateSummary {
    pub id: String,
    pub name: String,
    pub vendor: String,
    /// The PSAs this template has a setup for, Autotask first.
    pub psas: Vec<Psa>,
    pub description: String,
}

/// Everything one vendor's guide asks of the partner, as data the wizard shows and the check verifies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Template {
    /// Equals the file name without `.toml`; what `--template NAME` takes.
    pub id: String,
    pub name: String,
    pub vendor: String,
    pub description: String,
    /// The vendor guide this template was written from (a file under `shared/guides/`), empty for Custom.
    pub guide_file: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autotask: Option<AutotaskSetup>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connectwise: Option<ConnectwiseSetup>,
    /// Whether the wizard's filter step applies (company types, statuses, markets, territories, contact statuses).
    pub filters: bool,
    /// What the vendor asks for after the PSA side is done; the wizard collects them for the summary.
    #[serde(default)]
    pub settings: Vec<SettingField>,
    /// Things worth knowing that are neither a step nor a check, one sentence each.
    #[serde(default)]
    pub notes: Vec<String>,
    /// The filter groups the vendor itself reads (wizard keys: `companyTypes`, `companyStatuses`, `markets`,
    /// `territories`, `contactStatuses`, ...). Empty: the guide names none, so no group is marked as extra.
    #[serde(default)]
    pub vendor_filters: Vec<String>,
    /// What to type into the vendor's own portal once the PSA side is done, per PSA (`[portal.autotask]`,
    /// `[portal.connectwise]`). Absent: the guide describes no portal form (Custom).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portal: Option<PortalPlans>,
}

/// The vendor-portal form of each PSA the template supports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortalPlans {
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub autotask: Option<PortalPlan>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connectwise: Option<PortalPlan>,
}

/// The last mile: where in the vendor's portal the PSA login goes, what its form asks, in its own order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortalPlan {
    /// The vendor's product as its portal names itself, e.g. "Binox" or "UX1 panel".
    pub portal: String,
    /// Where the form is, levels joined by " > ", in the vendor's words.
    pub menu_path: String,
    /// The form in the vendor's order: actions (press, tick, choose) and fields with the value to type.
    pub items: Vec<PortalItem>,
    /// What the vendor shows when the connection works, word for word; `None` when the guide quotes none.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<String>,
    /// What the guide asks for after the connection, in order.
    #[serde(default)]
    pub later: Vec<String>,
}

/// One line of a vendor's form: a field (`value` set) or something to do (`value` absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortalItem {
    /// The vendor's label for the field, or the action in the vendor's words (button and menu names).
    pub label: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<PortalValue>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Where a portal field's value comes from. Those with the secret in them are composed in Rust and go to the
/// clipboard only; the webview sees a placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PortalValue {
    /// Autotask username (or ConnectWise public key, where the form calls it so).
    Username,
    /// The Autotask secret.
    Secret,
    /// The Autotask zone as `webservicesN`.
    ZoneWebservices,
    /// The Autotask API host without scheme or path, e.g. `webservices14.autotask.net`.
    EndpointHost,
    /// `username:secret`.
    KeyUserColonSecret,
    /// The ConnectWise company ID.
    CompanyId,
    /// The ConnectWise API host: `api-na.myconnectwise.net` or the partner's own host.
    ApiHost,
    PublicKey,
    PrivateKey,
}

impl PortalValue {
    /// The value has the secret (or private key) in it.
    pub fn holds_secret(self) -> bool {
        matches!(self, PortalValue::Secret | PortalValue::KeyUserColonSecret | PortalValue::PrivateKey)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AutotaskSetup {
    pub security_level: SecurityLevelPlan,
    pub tracking_identifier: TrackingIdentifier,
    pub steps: Vec<GuideStep>,
    /// The id of the step in which the permissions are set; its menu path goes into the probe's fix text.
    pub permissions_step: String,
    pub permissions: Vec<PermissionRow>,
    #[serde(default)]
    pub extras: Vec<Extra>,
    /// A rule the guide sets for the API username beyond Autotask's own e-mail form.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username_rule: Option<String>,
}

/// Which security level to copy and what to change in the copy. `changes` empty: use it as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SecurityLevelPlan {
    pub start_from: String,
    #[serde(default)]
    pub changes: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TrackingKind {
    /// "Integration Vendor": the vendor holds the code and sends it with every call.
    IntegrationVendor,
    /// "Custom (Internal Integration)": Autotask generates a code for this database only.
    Custom,
}

/// The "API Tracking Identifier" section of the New API User form. Once saved it cannot be changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TrackingIdentifier {
    pub kind: TrackingKind,
    /// The entry to pick in Autotask's Integration Vendor list, spelled as the guide shows it. `None` with
    /// `kind = custom`: the partner's own code. `None` with `integration_vendor`: the guide does not name the
    /// entry (a manual check says so).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor_name: Option<String>,
    /// The vendor's integration code, when a vendor pack supplies it (built-in templates never carry one).
    /// `None` with `integration_vendor`: the vendor's pack or setup link is needed; the wizard never asks.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// Pages in the partner's own PSA the app can open once it knows the web host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AdminPage {
    Resources,
    SecurityLevels,
    IntegrationCenter,
    Contacts,
    UserDefinedFields,
}

/// One item of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GuideStep {
    /// Stable within the template, snake_case.
    pub id: String,
    pub title: String,
    /// Where it is in the PSA's menus, levels joined by " > ". Empty when the step is not a menu visit.
    pub menu_path: String,
    pub detail: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_page: Option<AdminPage>,
}

/// What the guide says about one kind of access.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    /// The integration needs it (Autotask: "All"; ConnectWise: level "All").
    Required,
    /// The guide does not need it and does not object to it.
    Optional,
    /// The guide says it must not be granted; having it is a warning, not an error.
    Forbidden,
}

/// A row of the permission table: one Autotask entity the engine can probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PermissionRow {
    /// One of `autotask::KNOWN_ENTITIES`.
    pub entity: String,
    /// How the partner finds it on the security level page.
    pub label: String,
    pub read: Access,
    pub create: Access,
    pub update: Access,
    pub delete: Access,
    /// Why the integration wants it, or the guide's exception.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConnectwiseSetup {
    /// Creating the API member and its keys, in order.
    pub api_member_steps: Vec<GuideStep>,
    pub security_role: CwSecurityRole,
    /// The vendor's registered clientId, when a vendor pack (or the build) supplies it. `None`: the vendor's
    /// pack or setup link is needed; only Custom asks the partner for their own.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Only `manual_check` applies to ConnectWise.
    #[serde(default)]
    pub extras: Vec<Extra>,
}

/// A custom security role, or the ready-made one the guide accepts instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CwSecurityRole {
    pub menu_path: String,
    /// A built-in role the guide says works as it is (e.g. "Admin"), for partners who don't want a custom one.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub simple_choice: Option<String>,
    pub modules: Vec<CwRoleRow>,
}

/// One function of a ConnectWise security role module; `Required` means the level "All".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CwRoleRow {
    /// The module heading, e.g. "Companies".
    pub module: String,
    /// The function inside it, e.g. "Company Maintenance" (matches `moduleFunctionName` of `/system/mysecurity`).
    pub function: String,
    pub inquire: Access,
    pub add: Access,
    pub edit: Access,
    pub delete: Access,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SettingKind {
    Choice,
    Text,
    Number,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SettingOption {
    pub value: String,
    pub label: String,
}

/// A question the vendor asks once the PSA is connected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SettingField {
    pub id: String,
    pub label: String,
    pub kind: SettingKind,
    /// Only for `choice`.
    #[serde(default)]
    pub options: Vec<SettingOption>,
    /// An option value for `choice`. `None`: the guide names no default, so the wizard makes the user pick.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    pub help: String,
}
