//! Integration templates: each vendor guide as data. The files in `templates/` are embedded at build time
//! (see `build.rs`), parsed and validated once on first use, and served to the wizard, the CLI and the
//! permission probe. Adding a vendor means adding a TOML file; nothing here names a vendor.

pub mod pack;
mod types;
mod validate;

use std::sync::{Arc, OnceLock, RwLock};

pub use pack::{Pack, PackInfo, PackStatus};

pub use types::*;

use crate::error::{ErrorCode, PsaError};
use crate::model::Psa;
use crate::need::{EntityNeed, RoleNeed};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/templates_index.rs"));
}

/// Every embedded file, parsed and validated, keyed by the file name without `.toml`.
fn loaded() -> &'static [(String, Result<Template, PsaError>)] {
    static LOADED: OnceLock<Vec<(String, Result<Template, PsaError>)>> = OnceLock::new();
    LOADED.get_or_init(|| {
        embedded::FILES
            .iter()
            .map(|(file, text)| {
                let stem = file.strip_suffix(".toml").unwrap_or(file).to_string();
                let parsed = parse(file, text);
                if let Err(e) = &parsed {
                    tracing::error!(file = *file, error = %e, details = ?e.details, "built-in template rejected");
                }
                (stem, parsed)
            })
            .collect()
    })
}

/// The vendor pack in use and how the last look for one went (see [`pack`]).
fn pack_slot() -> &'static RwLock<(Option<Arc<Pack>>, PackStatus)> {
    static SLOT: OnceLock<RwLock<(Option<Arc<Pack>>, PackStatus)>> = OnceLock::new();
    SLOT.get_or_init(|| RwLock::new((None, PackStatus { pack: None, error: None })))
}

fn active_pack() -> Option<Arc<Pack>> {
    pack_slot().read().unwrap_or_else(|p| p.into_inner()).0.clone()
}

/// Makes `pack` the one every template lookup applies (`None`: built-in templates only).
pub fn install_pack(pack: Option<Pack>) {
    let status = PackStatus { pack: pack.as_ref().map(|p| p.info.clone()), error: None };
    *pack_slot().write().unwrap_or_else(|p| p.into_inner()) = (pack.map(Arc::new), status);
}

/// Looks for a pack where [`pack::locate`] says, installs it, and says what happened. A refused pack leaves
/// the built-in templates in use; its error is kept for [`pack_status`] and logged.
pub fn load_pack(explicit: Option<&std::path::Path>) -> PackStatus {
    let found = pack::locate(explicit).and_then(|p| p.map(|p| pack::load(&p)).transpose());
    match found {
        Ok(pack) => {
            if let Some(p) = &pack {
                tracing::info!(vendor = %p.info.vendor, file = %p.info.file, "vendor pack in use");
            }
            install_pack(pack);
        }
        Err(e) => {
            tracing::warn!(error = %e, details = ?e.details, "vendor pack refused");
            install_pack(None);
            pack_slot().write().unwrap_or_else(|p| p.into_inner()).1.error = Some(e);
        }
    }
    pack_status()
}

/// The pack in use, or why the one found was refused.
pub fn pack_status() -> PackStatus {
    pack_slot().read().unwrap_or_else(|p| p.into_inner()).1.clone()
}

/// A built-in template as shipped, without a pack applied.
pub(crate) fn builtin(id: &str) -> Result<Template, PsaError> {
    match loaded().iter().find(|(stem, _)| stem == id) {
        Some((_, result)) => result.clone(),
        None => Err(unknown(id, &builtin_ids())),
    }
}

pub(crate) fn builtin_ids() -> Vec<String> {
    loaded().iter().map(|(id, _)| id.clone()).collect()
}

/// Every template by id: the built-ins in file-name order, then what the pack adds; the pack's templates and
/// identifiers applied, and a build's own ConnectWise clientId given to vendor templates that have none.
fn catalog() -> Vec<(String, Result<Template, PsaError>)> {
    let pack = active_pack();
    let mut out: Vec<(String, Result<Template, PsaError>)> =
        loaded().iter().map(|(id, t)| (id.clone(), finish(id, with_pack(id, t, pack.as_deref())))).collect();
    if let Some(p) = &pack {
        for t in &p.templates {
            if !out.iter().any(|(id, _)| *id == t.id) {
                out.push((t.id.clone(), finish(&t.id, Ok(pack_only(p, t)))));
            }
        }
    }
    out
}

/// A built-in with the pack applied.
fn with_pack(id: &str, t: &Result<Template, PsaError>, pack: Option<&Pack>) -> Result<Template, PsaError> {
    match pack {
        Some(p) => match t {
            Ok(t) => Ok(p.apply(id, Some(t.clone())).unwrap_or_else(|| t.clone())),
            // A broken built-in the pack replaces is fixed by the pack.
            Err(e) => p.apply(id, None).ok_or_else(|| e.clone()),
        },
        None => t.clone(),
    }
}

/// A template only the pack has.
fn pack_only(p: &Pack, t: &Template) -> Template {
    p.apply(&t.id, None).unwrap_or_else(|| t.clone())
}

/// A build's own ConnectWise clientId for vendor templates that have none.
fn finish(id: &str, mut t: Result<Template, PsaError>) -> Result<Template, PsaError> {
    if let Some(build_id) = crate::ids::build_client_id() {
        if let (false, Ok(Template { connectwise: Some(cw), .. })) = (id == CUSTOM_ID, &mut t) {
            cw.client_id.get_or_insert_with(|| build_id.to_string());
        }
    }
    t
}

/// The template for the partner's own integration: the only one that asks for the partner's identifiers.
pub const CUSTOM_ID: &str = "custom";

fn unknown(id: &str, ids: &[String]) -> PsaError {
    PsaError::new(
        ErrorCode::TemplateUnknown,
        format!("PSA Connect has no integration template called \"{}\".", id.trim()),
        format!("Use one of: {}. `psa-connect templates list` shows what each one is for.", ids.join(", ")),
    )
}

/// The templates the wizard offers: built-ins in file-name order, then a pack's additions. A broken built-in
/// file is left out (and logged); `load_all` and the tests are where that surfaces.
pub fn list() -> Vec<TemplateSummary> {
    catalog().iter().filter_map(|(_, t)| t.as_ref().ok()).map(Template::summary).collect()
}

/// The ids `get` accepts, in the order of [`list`] (without building the templates: an unknown id asks).
pub fn ids() -> Vec<String> {
    let mut out = builtin_ids();
    if let Some(p) = active_pack() {
        for t in &p.templates {
            if !out.contains(&t.id) {
                out.push(t.id.clone());
            }
        }
    }
    out
}

/// One template by id (case and surrounding spaces ignored), with the vendor pack applied.
pub fn get(id: &str) -> Result<Template, PsaError> {
    let wanted = id.trim().to_ascii_lowercase();
    // Only the template asked for is built ("Re-test all" asks once per saved connection): the same answer as
    // the catalog's entry for it.
    let pack = active_pack();
    let found = match loaded().iter().find(|(stem, _)| *stem == wanted) {
        Some((stem, t)) => Some(finish(stem, with_pack(stem, t, pack.as_deref()))),
        None => pack
            .as_ref()
            .and_then(|p| p.templates.iter().find(|t| t.id == wanted).map(|t| finish(&t.id, Ok(pack_only(p, t))))),
    };
    found.unwrap_or_else(|| Err(unknown(id, &ids())))
}

/// Every template (pack applied), or the first one that fails to load.
pub fn load_all() -> Result<Vec<Template>, PsaError> {
    catalog().into_iter().map(|(_, t)| t).collect()
}

/// Reads one template file's text and validates it. `file` names the file in errors (and must match `id`).
pub fn parse(file: &str, text: &str) -> Result<Template, PsaError> {
    let template: Template = from_toml(text).map_err(|(path, inner)| {
        let message = inner.message().to_string();
        let field = field_of(&path, &message);
        let line = inner.span().map(|s| 1 + text[..s.start.min(text.len())].matches('\n').count());
        let problem = match line {
            Some(line) => format!("{message} (line {line})"),
            None => message,
        };
        invalid(file, &field, &problem)
    })?;
    template.validate(file)?;
    Ok(template)
}

/// Reads TOML into `T`, or says where it went wrong: the field's path ("." for the document itself, as
/// `serde_path_to_error` names it) and the parser's error, which carries the position.
pub(crate) fn from_toml<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, (String, toml::de::Error)> {
    let de = toml::Deserializer::parse(text).map_err(|e| (".".to_string(), e))?;
    serde_path_to_error::deserialize(de).map_err(|e| (e.path().to_string(), e.into_inner()))
}

/// The error for a template that breaks a rule: names the file and the field so the fault is one look away.
pub(crate) fn invalid(file: &str, field: &str, problem: &str) -> PsaError {
    PsaError::new(
        ErrorCode::TemplateInvalid,
        format!("The integration template {file} is not valid: {field}: {problem}."),
        "The template files ship with PSA Connect, so this is a fault in this build. Choose another template \
         or Custom for now, and tell support the file and field named here.",
    )
    .with_details(format!("file={file} field={field}"))
}

/// serde names a missing field in its message and the enclosing table in the path; join the two.
fn field_of(path: &str, message: &str) -> String {
    let root = if path == "." { "" } else { path };
    let missing =
        message.strip_prefix("missing field `").and_then(|rest| rest.split('`').next()).filter(|name| !name.is_empty());
    match (root, missing) {
        ("", Some(name)) => name.to_string(),
        (root, Some(name)) => format!("{root}.{name}"),
        ("", None) => "(TOML syntax)".to_string(),
        (root, None) => root.to_string(),
    }
}

impl Template {
    pub fn summary(&self) -> TemplateSummary {
        TemplateSummary {
            id: self.id.clone(),
            name: self.name.clone(),
            vendor: self.vendor.clone(),
            psas: self.psas(),
            description: self.description.clone(),
        }
    }

    pub fn psas(&self) -> Vec<Psa> {
        let mut psas = Vec::new();
        if self.autotask.is_some() {
            psas.push(Psa::Autotask);
        }
        if self.connectwise.is_some() {
            psas.push(Psa::Connectwise);
        }
        psas
    }

    /// The Autotask requirements beyond permissions the check verifies (or lists as "confirm by hand").
    pub fn autotask_extras(&self) -> Vec<Extra> {
        self.autotask.as_ref().map(|at| at.extras.clone()).unwrap_or_default()
    }

    /// What the Autotask permission probe must check for this template; empty without an Autotask setup.
    ///
    /// `EntityNeed` can say "must not" only for delete, so a guide's "no permission" on read, add or edit
    /// stays in the permission table the wizard shows but is not probed.
    pub fn autotask_needs(&self) -> Vec<EntityNeed> {
        let Some(at) = &self.autotask else {
            return Vec::new();
        };
        let guide_step = at.steps.iter().find(|s| s.id == at.permissions_step).map(|s| {
            if s.menu_path.is_empty() {
                s.title.clone()
            } else {
                format!("{} ({})", s.title, s.menu_path)
            }
        });
        at.permissions
            .iter()
            .map(|row| EntityNeed {
                entity: row.entity.clone(),
                read: row.read == Access::Required,
                create: row.create == Access::Required,
                update: row.update == Access::Required,
                delete: match row.delete {
                    Access::Required => Some(true),
                    Access::Forbidden => Some(false),
                    Access::Optional => None,
                },
                guide_step: guide_step.clone(),
            })
            .collect()
    }

    /// The ConnectWise manual checks (the only extra kind ConnectWise templates have).
    pub fn connectwise_extras(&self) -> Vec<Extra> {
        self.connectwise.as_ref().map(|cw| cw.extras.clone()).unwrap_or_default()
    }

    /// The security role rows the ConnectWise check must verify; empty without a ConnectWise setup.
    pub fn connectwise_needs(&self) -> Vec<RoleNeed> {
        let Some(cw) = &self.connectwise else {
            return Vec::new();
        };
        let role = &cw.security_role;
        cw.security_role
            .modules
            .iter()
            .map(|row| RoleNeed {
                module: row.module.clone(),
                function: row.function.clone(),
                inquire: row.inquire == Access::Required,
                add: row.add == Access::Required,
                edit: row.edit == Access::Required,
                delete: match row.delete {
                    Access::Required => Some(true),
                    Access::Forbidden => Some(false),
                    Access::Optional => None,
                },
                guide_step: Some(format!("{} > {} > {}", role.menu_path, row.module, row.function)),
            })
            .collect()
    }

    /// The vendor's registered clientId, when a pack, the template or the build supplies it.
    pub fn connectwise_client_id(&self) -> Option<String> {
        self.connectwise.as_ref().and_then(|cw| cw.client_id.clone())
    }
}

#[cfg(test)]
mod tests;
