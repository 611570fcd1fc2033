//! Integration templates (which vendor the partner is connecting to), served from `psa_core::templates`.

use psa_core::autotask::EntityNeed;
use psa_core::templates::{self, Extra, PackStatus, Template, TemplateSummary};

use crate::error::CmdResult;

#[tauri::command]
pub fn templates_list() -> Vec<TemplateSummary> {
    templates::list()
}

/// Whose vendor pack is in use (shown on the first step and in the header), or why the one found was refused.
#[tauri::command]
pub fn pack_status() -> PackStatus {
    templates::pack_status()
}

#[tauri::command]
pub fn template_get(id: String) -> CmdResult<Template> {
    templates::get(&id)
}

/// The entities a connection test must probe for a template. No template: the engine's default
/// (Companies and Contacts, read).
pub fn needs_for_template(id: Option<&str>) -> CmdResult<Vec<EntityNeed>> {
    match id {
        None => Ok(Vec::new()),
        Some(id) => Ok(templates::get(id)?.autotask_needs()),
    }
}

/// A template's extra checks (a contact that must exist, protected fields, "confirm by hand"). No template: none.
pub fn extras_for_template(id: Option<&str>) -> CmdResult<Vec<Extra>> {
    match id {
        None => Ok(Vec::new()),
        Some(id) => Ok(templates::get(id)?.autotask_extras()),
    }
}
