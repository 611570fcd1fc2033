//! Integration templates (which vendor the partner is connecting to), served from `psa_core::templates`.

use psa_core::templates::{self, PackStatus, Template, TemplateSummary};

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
