//! What a connection check must verify, as the templates state it and the PSA modules check it: the
//! Autotask entities and ConnectWise role functions needed, and the requirements beyond permissions.
//! A leaf module (it imports nothing from this crate), so `templates` can build these and `report`,
//! `autotask` and `connectwise` can read them without importing one another.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The Autotask entities the engine knows how to probe. Templates name entities by these strings.
pub const KNOWN_ENTITIES: &[&str] = &[
    "Companies",
    "Contacts",
    "Resources",
    "Tickets",
    "Contracts",
    "Products",
    "Services",
    "Opportunities",
    "Quotes",
    "Invoices",
    "ConfigurationItems",
    "Projects",
    "TimeEntries",
    "CompanyLocations",
    "ContractServices",
    "BillingItems",
];

/// One entity the integration needs and what it must be allowed to do with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityNeed {
    /// REST entity path name, one of [`KNOWN_ENTITIES`].
    pub entity: String,
    pub read: bool,
    pub create: bool,
    pub update: bool,
    /// `Some(false)`: the guide says delete must NOT be granted (an excess is a warning).
    pub delete: Option<bool>,
    /// Where to change it in Autotask, for the fix text.
    pub guide_step: Option<String>,
}

impl EntityNeed {
    pub fn read(entity: &str) -> Self {
        EntityNeed {
            entity: entity.to_string(),
            read: true,
            create: false,
            update: false,
            delete: None,
            guide_step: None,
        }
    }
}

/// One module function the integration needs from the API member's security role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleNeed {
    /// The module heading, e.g. "Companies" (matches `moduleIdentifier` loosely).
    pub module: String,
    /// The function, e.g. "Company Maintenance" (matches `moduleFunctionName`).
    pub function: String,
    pub inquire: bool,
    pub add: bool,
    pub edit: bool,
    /// `Some(false)`: the guide says delete must NOT be granted (an excess is a warning).
    pub delete: Option<bool>,
    /// Where to change it, for the fix text (e.g. "System > Security Roles > …").
    pub guide_step: Option<String>,
}

impl RoleNeed {
    /// Inquire only, nothing said of delete: the starting point of most rows.
    pub fn inquire(module: &str, function: &str) -> Self {
        RoleNeed {
            module: module.to_string(),
            function: function.to_string(),
            inquire: true,
            add: false,
            edit: false,
            delete: None,
            guide_step: None,
        }
    }
}

/// A requirement outside the permission table. On the wire: `{"kind": "contact_must_exist", ...fields}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Extra {
    ContactMustExist(ContactMustExist),
    ProtectedUdfNote(ProtectedUdfNote),
    ManualCheck(ManualCheck),
}

/// A contact with this name (and e-mail) must exist; checked live by a Contacts query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContactMustExist {
    pub first_name: String,
    pub last_name: String,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub why: String,
}

/// Protected user-defined fields of this entity are not returned to the API user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProtectedUdfNote {
    /// One of `autotask::KNOWN_ENTITIES`.
    pub entity: String,
    pub why: String,
}

/// Something the API cannot show: the checklist says "confirm by hand".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ManualCheck {
    pub text: String,
}
