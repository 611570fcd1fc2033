//! What a simulator instance serves: zones, tenants, users and their per-entity access, limits.
//! `SimConfig::standard()` is the fixture world described in [`super::fixtures`]; tests that need
//! something else build on it (`with_user`, field tweaks) instead of writing a config from scratch.

use std::collections::HashMap;
use std::time::Duration;

use super::fixtures as fx;

/// One Autotask zone the simulator answers for, under `/zone{number}/ATServicesRest/V1.0`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneDef {
    pub number: u32,
    /// What ZoneInformation reports as `zoneName`, e.g. "AE02".
    pub name: String,
}

/// Which generated data set a tenant serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DataSet {
    /// > 1000 companies, > 2000 contacts, every picklist filled, has `companyCategoryID`.
    Contoso,
    /// A small database with empty market and territory picklists and no company categories.
    Fabrikam,
    /// `n` companies and 2 × `n` contacts with Contoso's picklists and company-type mix, in lean rows (the
    /// fields a preview filters on, and the name): for previews over 1,000 to 100,000 companies. Built on
    /// first use and kept for the process.
    Sized(u32),
}

/// One Autotask database ("ci").
#[derive(Debug, Clone)]
pub struct TenantDef {
    pub ci: i64,
    pub name: String,
    /// Zone number the tenant lives in at start (see `AutotaskSim::move_tenant`).
    pub zone: u32,
    pub data: DataSet,
    /// Custom ("Internal Integration") tracking identifiers that work only for this database.
    pub custom_codes: Vec<String>,
    /// `externalRequestThreshold` (requests per rolling hour); beyond it every call errors.
    pub request_threshold: u64,
    /// `currentTimeframeRequestCount` before the first request of this run.
    pub initial_request_count: u64,
}

/// 0 None, 1 All, 2 Restricted: the `userAccessFor*` numbers of `entityInformation`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    pub query: u8,
    pub create: u8,
    pub update: u8,
    pub delete: u8,
}

impl Access {
    pub const NONE: Access = Access { query: 0, create: 0, update: 0, delete: 0 };
    pub const READ: Access = Access { query: 1, create: 0, update: 0, delete: 0 };
    /// Query, create and update; no delete (what most integration guides ask for).
    pub const READ_WRITE: Access = Access { query: 1, create: 1, update: 1, delete: 0 };
    pub const ALL: Access = Access { query: 1, create: 1, update: 1, delete: 1 };
    pub const RESTRICTED_READ: Access = Access { query: 2, create: 0, update: 0, delete: 0 };
}

/// How `entityInformation` spells `userAccessFor*`. The help page (REST_EntityInformationCall) documents the
/// numbers 0/1/2; client libraries written against the live API read the words "None"/"All"/"Restricted"
/// (msoukhomlinov/n8n-nodes-autotask `nodes/Autotask/types/base/entities.ts`; panoramicdata/AutoTask.Psa.Api
/// `EntityInformationDeserializationTests.cs`). The simulator serves either (issue 13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AccessForm {
    /// 0 / 1 / 2, as documented.
    #[default]
    Numbers,
    /// "None" / "All" / "Restricted", as the live API answers.
    Words,
}

impl AccessForm {
    pub const ALL: [AccessForm; 2] = [AccessForm::Numbers, AccessForm::Words];

    /// `numbers` or `words` (the `psa-sim --autotask-access` values).
    pub fn parse(s: &str) -> Option<AccessForm> {
        match s.to_ascii_lowercase().as_str() {
            "numbers" | "numeric" => Some(AccessForm::Numbers),
            "words" | "strings" | "live" => Some(AccessForm::Words),
            _ => None,
        }
    }

    pub fn render(self, level: u8) -> serde_json::Value {
        match self {
            AccessForm::Numbers => serde_json::json!(level),
            AccessForm::Words => serde_json::json!(match level {
                0 => "None",
                1 => "All",
                2 => "Restricted",
                _ => "Unknown",
            }),
        }
    }
}

/// How a denied action shows up. Autotask documents 403 but answers 500 in some cases (psa-api.md §A2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DenialStyle {
    Forbidden403,
    ServerError500,
}

/// Account states whose REST answers are UNCONFIRMED; see the module doc for what the simulator sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserStatus {
    Active,
    /// A normal (UI) resource, not an "API User (API-only)" security level.
    NotApiUser,
    /// Locked after repeated bad passwords.
    Locked,
    /// Deactivated API user.
    Inactive,
}

/// How a sign-in Autotask refuses for a reason other than the secret is answered. The REST answers for
/// these cases are UNCONFIRMED (psa-api.md §A2 error matrix; [AT-RESTAUTH] says only that a 401 means the
/// username/secret/integration-code combination is wrong), so tests run both the worded and the bare form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RefusalStyle {
    /// As chosen so far: a distinct text (account state: 401 after the right secret; tracking identifier:
    /// 500 "IntegrationCode is invalid.").
    #[default]
    Worded,
    /// The same plain 401 a wrong secret gets.
    Bare401,
}

#[derive(Debug, Clone)]
pub struct UserDef {
    pub username: String,
    pub secret: String,
    pub ci: i64,
    pub status: UserStatus,
    pub denial: DenialStyle,
    /// Access per entity path name ("Companies"); entities not listed get `default_access`.
    pub access: HashMap<String, Access>,
    pub default_access: Access,
    /// The Integration Vendor chosen on the API user ("once assigned, this cannot be changed", psa-api.md
    /// §A2 [SEED-BINOX]). `None`: any known vendor code is accepted, as before.
    pub tracking_id: Option<String>,
}

impl UserDef {
    pub fn new(username: &str, secret: &str, ci: i64) -> Self {
        UserDef {
            username: username.to_string(),
            secret: secret.to_string(),
            ci,
            status: UserStatus::Active,
            denial: DenialStyle::Forbidden403,
            access: HashMap::new(),
            default_access: Access::READ,
            tracking_id: None,
        }
    }

    pub fn with_access(mut self, entity: &str, access: Access) -> Self {
        self.access.insert(entity.to_string(), access);
        self
    }

    pub fn with_status(mut self, status: UserStatus) -> Self {
        self.status = status;
        self
    }

    pub fn with_denial(mut self, denial: DenialStyle) -> Self {
        self.denial = denial;
        self
    }

    pub fn with_tracking_id(mut self, code: &str) -> Self {
        self.tracking_id = Some(code.to_string());
        self
    }

    pub fn with_default_access(mut self, access: Access) -> Self {
        self.default_access = access;
        self
    }

    /// Access for an entity; entity names are matched case-insensitively like Autotask's paths.
    pub fn access_for(&self, entity: &str) -> Access {
        self.access.iter().find(|(k, _)| k.eq_ignore_ascii_case(entity)).map(|(_, a)| *a).unwrap_or(self.default_access)
    }
}

/// What the thread limit counts requests by (psa-api.md §A6: per tracking identifier + object endpoint,
/// and `entityInformation/fields` counts against the entity's bucket).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThreadBucket {
    /// All calls on one entity share a bucket: `Companies/query`, `Companies/entityInformation/fields`, ….
    Entity,
    /// Each endpoint key (`Companies/query` vs `Companies/query/count`) is its own bucket.
    Endpoint,
}

#[derive(Debug, Clone)]
pub struct SimConfig {
    pub zones: Vec<ZoneDef>,
    pub tenants: Vec<TenantDef>,
    pub users: Vec<UserDef>,
    /// Tracking identifiers that work for every tenant (a vendor's code).
    pub vendor_codes: Vec<String>,
    /// Concurrent requests allowed per (integration code, bucket); the next one gets the thread-threshold error.
    pub thread_limit: usize,
    pub thread_bucket: ThreadBucket,
    /// Added to every response, zone lookup included. Can be changed later with `set_latency`.
    pub latency: Duration,
    /// 401 bodies vary in the wild; `true` answers 401 with an empty body instead of `{"errors":[...]}`.
    pub empty_401_body: bool,
    /// Status of the "request threshold exceeded" error (UNCONFIRMED whether Autotask uses 429).
    pub threshold_exceeded_status: u16,
    /// Port to bind on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// How `userAccessFor*` is spelled (numbers as documented, or words as the live API sends).
    pub access_form: AccessForm,
    /// Answers `UserDefinedFieldDefinitions/query` (where `isProtected` lives in the swagger); `false` answers
    /// it like an entity the security level cannot read.
    pub serve_udf_definitions: bool,
    /// How a locked, inactive or not-API user is refused.
    pub account_refusal: RefusalStyle,
    /// How a vendor code other than the one the API user is tied to (`UserDef::tracking_id`) is refused.
    pub foreign_code_refusal: RefusalStyle,
    /// How a request without a tracking identifier is refused (UNCONFIRMED: 500 or 401, psa-api.md §A2).
    pub missing_code_refusal: RefusalStyle,
}

impl SimConfig {
    /// The fixture world: zones 5, 14, 15; Contoso (ci 100014, zone 14), Fabrikam (ci 100015, zone 15);
    /// the users listed in [`super::fixtures`].
    pub fn standard() -> Self {
        let zones = vec![
            ZoneDef { number: 5, name: fx::ZONE5_NAME.into() },
            ZoneDef { number: 14, name: fx::ZONE14_NAME.into() },
            ZoneDef { number: 15, name: fx::ZONE15_NAME.into() },
        ];
        let tenants = vec![
            TenantDef {
                ci: fx::CONTOSO_CI,
                name: fx::CONTOSO_NAME.into(),
                zone: fx::CONTOSO_ZONE,
                data: DataSet::Contoso,
                custom_codes: vec![fx::CONTOSO_CUSTOM_CODE.into()],
                request_threshold: fx::DEFAULT_REQUEST_THRESHOLD,
                initial_request_count: fx::INITIAL_REQUEST_COUNT,
            },
            TenantDef {
                ci: fx::FABRIKAM_CI,
                name: fx::FABRIKAM_NAME.into(),
                zone: fx::FABRIKAM_ZONE,
                data: DataSet::Fabrikam,
                custom_codes: vec![],
                request_threshold: fx::DEFAULT_REQUEST_THRESHOLD,
                initial_request_count: 0,
            },
        ];
        let c = fx::CONTOSO_CI;
        let users = vec![
            UserDef::new(fx::GOOD_USER, fx::GOOD_SECRET, c)
                .with_access("Companies", Access::READ_WRITE)
                .with_access("Contacts", Access::READ_WRITE),
            UserDef::new(fx::FULL_ACCESS_USER, fx::FULL_ACCESS_SECRET, c).with_default_access(Access::ALL),
            UserDef::new(fx::NO_CONTACTS_USER, fx::NO_CONTACTS_SECRET, c).with_access("Contacts", Access::NONE),
            UserDef::new(fx::NO_CONTACTS_500_USER, fx::NO_CONTACTS_500_SECRET, c)
                .with_access("Contacts", Access::NONE)
                .with_denial(DenialStyle::ServerError500),
            UserDef::new(fx::RESTRICTED_USER, fx::RESTRICTED_SECRET, c)
                .with_access("Companies", Access::RESTRICTED_READ),
            UserDef::new(fx::NOT_API_USER, fx::NOT_API_SECRET, c).with_status(UserStatus::NotApiUser),
            UserDef::new(fx::LOCKED_USER, fx::LOCKED_SECRET, c).with_status(UserStatus::Locked),
            UserDef::new(fx::INACTIVE_USER, fx::INACTIVE_SECRET, c).with_status(UserStatus::Inactive),
            UserDef::new(fx::FABRIKAM_USER, fx::FABRIKAM_SECRET, fx::FABRIKAM_CI),
            UserDef::new(fx::MOVED_USER, fx::MOVED_SECRET, fx::FABRIKAM_CI),
        ];
        SimConfig {
            zones,
            tenants,
            users,
            vendor_codes: vec![fx::INTEGRATION_CODE.into(), fx::OTHER_VENDOR_CODE.into()],
            thread_limit: 3,
            thread_bucket: ThreadBucket::Entity,
            latency: Duration::ZERO,
            empty_401_body: false,
            threshold_exceeded_status: 500,
            port: 0,
            access_form: AccessForm::Numbers,
            serve_udf_definitions: true,
            account_refusal: RefusalStyle::Worded,
            foreign_code_refusal: RefusalStyle::Worded,
            missing_code_refusal: RefusalStyle::Worded,
        }
    }

    /// The same world, with `userAccessFor*` spelled `form`.
    pub fn with_access_form(mut self, form: AccessForm) -> Self {
        self.access_form = form;
        self
    }

    /// What the live API looks like as far as issue 13 knows: access in words.
    pub fn live_like() -> Self {
        SimConfig::standard().with_access_form(AccessForm::Words)
    }

    /// Adds (or replaces, by username) a user.
    pub fn with_user(mut self, user: UserDef) -> Self {
        self.users.retain(|u| !u.username.eq_ignore_ascii_case(&user.username));
        self.users.push(user);
        self
    }

    pub fn with_latency(mut self, latency: Duration) -> Self {
        self.latency = latency;
        self
    }

    pub fn tenant_mut(&mut self, ci: i64) -> Option<&mut TenantDef> {
        self.tenants.iter_mut().find(|t| t.ci == ci)
    }
}
