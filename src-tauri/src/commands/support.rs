//! Support tools in the app: the diagnostic report and the log folder (hand-offs are in `handoff/`). Thin
//! adapters over `psa_core::support`. The last diagnostic report stays here, so the window only says "save
//! it", never sends it back.

use std::sync::Mutex;

use psa_core::model::CheckItem;
use psa_core::profiles::Profile;
use psa_core::support::diagnose::{check_not_run, is_keychain_error, DiagnosticReport, DEFAULT_LOG_LINES};
use psa_core::support::logging::{LogFiles, APP_LOG_STEM};
use psa_core::{ErrorCode, PsaError};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;
use ts_rs::TS;

use crate::commands::profiles::recheck;
use crate::commands::transfer::save_dir;
use crate::error::{internal, CmdResult};
use crate::state::{lock, Session};
use crate::vault::Vault;

/// Where saved reports and hand-offs go instead of the Downloads folder (same as exports).
pub use crate::commands::transfer::EXPORT_DIR_ENV;

/// What the support commands share: where this app logs and the last diagnostic report it showed.
pub struct Support {
    log_files: Result<LogFiles, PsaError>,
    last_report: Mutex<Option<DiagnosticReport>>,
}

impl Support {
    pub fn new(log_files: Result<LogFiles, PsaError>) -> Self {
        Support { log_files, last_report: Mutex::new(None) }
    }

    /// The app's log files in `PSA_CONNECT_LOG_DIR` or the OS log directory.
    pub fn from_env() -> Self {
        Self::new(LogFiles::from_env(APP_LOG_STEM))
    }

    pub fn log_files(&self) -> CmdResult<LogFiles> {
        self.log_files.clone()
    }
}

/// What `diagnose_profile` answers: the report for the panel's summary and its plain text to show and copy.
/// The app keeps the report; `diagnostic_save` writes that copy.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Diagnosis {
    pub report: DiagnosticReport,
    pub text: String,
}

/// Re-tests a saved profile (streaming each line like `profile_recheck`) and returns the report for
/// support, with its text. A test that cannot start (no keychain, no secret yet) is reported rather than
/// refused. The report is kept for `diagnostic_save`.
#[tauri::command]
pub async fn diagnose_profile<R: Runtime>(
    app: AppHandle<R>,
    session: State<'_, Session>,
    vault: State<'_, Vault>,
    support: State<'_, Support>,
    id: String,
    op_id: String,
    on_item: Channel<CheckItem>,
) -> CmdResult<Diagnosis> {
    let version = app.package_info().version.to_string();
    tracing::info!(profile_id = %id, "diagnose: testing the profile");
    let (profile, report) = match recheck(&session, &vault, id.clone(), &op_id, &on_item).await {
        Ok(r) => (r.profile, r.report),
        Err(e) if is_keychain_error(e.code) => {
            tracing::warn!(code = %e.code.name(), "diagnose: the test could not run");
            let profile = load_profile(&vault, id).await?;
            let report = check_not_run(&profile, e);
            (profile, report)
        }
        Err(e) => return Err(e),
    };
    let log_files = support.log_files().ok();
    let lines = log_files.as_ref().map(|f| f.tail(DEFAULT_LOG_LINES)).unwrap_or_default();
    let mut diag = DiagnosticReport::build(&version, &profile, &report, lines).with_startup(log_files.as_ref());
    // A last net: the report is secret-free by construction, but the profile's secret is at hand to prove it.
    if let (Ok(secrets), Some(_)) = (vault.secrets(), profile.secret_ref.as_ref()) {
        let p = profile.clone();
        let secret =
            tauri::async_runtime::spawn_blocking(move || psa_core::profiles::service::load_secret(&p, &*secrets)).await;
        if let Ok(Ok(secret)) = secret {
            diag = diag.redact(&secret);
        }
    }
    *lock(&support.last_report) = Some(diag.clone());
    Ok(Diagnosis { text: diag.to_text(), report: diag })
}

/// Writes the last report `diagnose_profile` made (plain text, or JSON when `json`) to the Downloads folder
/// under a new name; returns the path.
#[tauri::command]
pub async fn diagnostic_save<R: Runtime>(
    app: AppHandle<R>,
    support: State<'_, Support>,
    json: Option<bool>,
) -> CmdResult<String> {
    let report = lock(&support.last_report).clone().ok_or_else(|| {
        PsaError::invalid_input(
            "There is no diagnostic report to save yet.",
            "Choose a saved connection and press Create report first.",
        )
    })?;
    let (ext, body) = match json.unwrap_or(false) {
        true => ("json", serde_json::to_string_pretty(&report).map_err(|e| internal("report json", e))? + "\n"),
        false => ("txt", report.to_text()),
    };
    write_new(&app, "psa-connect-diagnostic", ext, body).await
}

/// Shows the log folder in the file manager, with the current log file selected when there is one.
#[tauri::command]
pub fn open_log_folder<R: Runtime>(app: AppHandle<R>, support: State<'_, Support>) -> CmdResult<String> {
    let files = support.log_files()?;
    std::fs::create_dir_all(&files.dir).map_err(|e| internal("creating the log folder", e))?;
    let current = files.current();
    let opened = if current.exists() {
        app.opener().reveal_item_in_dir(&current)
    } else {
        app.opener().open_path(files.dir.to_string_lossy(), None::<&str>)
    };
    opened.map_err(|e| internal("opening the file manager", e))?;
    Ok(files.dir.display().to_string())
}

async fn load_profile(vault: &Vault, id: String) -> CmdResult<Profile> {
    let store = vault.profiles()?;
    tauri::async_runtime::spawn_blocking(move || store.get(&id)).await.map_err(|e| internal("profile task", e))?
}

/// Writes `body` to a new file in the Downloads folder (or `EXPORT_DIR_ENV`); returns its path.
pub(crate) async fn write_new<R: Runtime>(
    app: &AppHandle<R>,
    prefix: &'static str,
    ext: &'static str,
    body: String,
) -> CmdResult<String> {
    let dir = save_dir(app)?;
    tauri::async_runtime::spawn_blocking(move || {
        let cant = |e: std::io::Error| {
            PsaError::new(
                ErrorCode::ProfileStoreIo,
                format!("Could not write the file to {}.", dir.display()),
                "Check that your Downloads folder exists and you may write to it.",
            )
            .with_details(e.to_string())
        };
        std::fs::create_dir_all(&dir).map_err(cant)?;
        let path = psa_core::support::free_file_name(&dir, prefix, ext);
        std::fs::write(&path, body).map_err(cant)?;
        Ok(path.display().to_string())
    })
    .await
    .map_err(|e| internal("write task", e))?
}
