//! Export and import of saved connections. Exports hold no secret (the document type has no field for
//! one); they are written next to the user's other downloads under a name that never replaces an earlier
//! file. Imports arrive as text the webview read from a file the user picked, so no native dialog is needed.

use std::path::PathBuf;

use psa_core::profiles::{service, transfer, ImportOptions, ImportReport};
use psa_core::{ErrorCode, PsaError};
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_opener::OpenerExt;
use ts_rs::TS;

use crate::error::{internal, CmdResult};
use crate::vault::Vault;

/// Where exports go instead of the Downloads folder (tests, or a support desk's shared folder).
pub const EXPORT_DIR_ENV: &str = "PSA_CONNECT_EXPORT_DIR";

/// Imports larger than this are not profile exports (a hundred profiles take well under 200 KB).
const MAX_IMPORT_BYTES: usize = 2 * 1024 * 1024;

/// What `profiles_export` answers: where the file went and how many connections it holds.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportWritten {
    pub path: String,
    pub count: usize,
}

/// Where the app writes files the user asked for (exports, hand-offs, reports): `PSA_CONNECT_EXPORT_DIR`,
/// else Downloads, else Documents, else home.
pub(crate) fn save_dir<R: Runtime>(app: &AppHandle<R>) -> CmdResult<PathBuf> {
    if let Some(dir) = std::env::var_os(EXPORT_DIR_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    let paths = app.path();
    paths
        .download_dir()
        .or_else(|_| paths.document_dir())
        .or_else(|_| paths.home_dir())
        .map_err(|e| internal("finding the Downloads folder", e))
}

/// Exports one profile (`id`) or all of them to a new file; returns where it went.
#[tauri::command]
pub async fn profiles_export<R: Runtime>(
    app: AppHandle<R>,
    vault: State<'_, Vault>,
    id: Option<String>,
) -> CmdResult<ExportWritten> {
    let store = vault.profiles()?;
    let dir = save_dir(&app)?;
    tauri::async_runtime::spawn_blocking(move || {
        let doc = transfer::export(&store, id.as_deref())?;
        if doc.profiles.is_empty() {
            return Err(PsaError::invalid_input(
                "There are no saved connections to export.",
                "Finish the wizard and save a connection first.",
            ));
        }
        std::fs::create_dir_all(&dir).map_err(|e| {
            PsaError::new(
                ErrorCode::ProfileStoreIo,
                format!("Could not create the folder {}.", dir.display()),
                "Check that your Downloads folder exists and you may write to it.",
            )
            .with_details(e.to_string())
        })?;
        let path = psa_core::support::free_file_name(&dir, "psa-connect-profiles", "json");
        transfer::write_document(&doc, &path)?;
        Ok(ExportWritten { path: path.display().to_string(), count: doc.profiles.len() })
    })
    .await
    .map_err(|e| internal("export task", e))?
}

/// Imports the text of an export file. Clashing names come back in `clashes` (nothing imported) until the
/// user has chosen for each; imported profiles have no secret yet (`needsSecret`).
#[tauri::command]
pub async fn profiles_import(vault: State<'_, Vault>, text: String, options: ImportOptions) -> CmdResult<ImportReport> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(PsaError::new(
            ErrorCode::ImportInvalid,
            "That file is far too large to be a PSA Connect export.",
            "Pick the .json file PSA Connect or `psa-connect profile export` wrote.",
        ));
    }
    let (store, secrets) = (vault.profiles()?, vault.secrets()?);
    tauri::async_runtime::spawn_blocking(move || service::import_profiles(&store, &text, &options, &*secrets))
        .await
        .map_err(|e| internal("import task", e))?
}

/// Shows a file the app wrote (an export) in the system's file manager.
#[tauri::command]
pub fn reveal_path<R: Runtime>(app: AppHandle<R>, path: String) -> CmdResult<()> {
    let path = PathBuf::from(path);
    if !path.is_absolute() || !path.exists() {
        return Err(PsaError::invalid_input(
            "That file is no longer there.",
            "Export the connections again; the new file's location is shown when it is written.",
        ));
    }
    app.opener().reveal_item_in_dir(&path).map_err(|e| internal("opening the file manager", e))
}
