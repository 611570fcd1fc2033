//! Where PSA Connect keeps its data (profiles, a vendor pack). A leaf module: the profile store and the pack
//! loader both need it, and neither may import the other.
//! The default matches Tauri's app-data directory for the app's identifier, so the
//! desktop app and the `psa-connect` command line see the same profiles.

use std::path::PathBuf;

use crate::error::{ErrorCode, PsaError};

/// Overrides the data directory (tests, portable setups).
pub const DATA_DIR_ENV: &str = "PSA_CONNECT_DATA_DIR";
/// Must equal `identifier` in `src-tauri/tauri.conf.json`.
pub const APP_IDENTIFIER: &str = "com.psaconnect.desktop";

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// The OS's per-user application data directory for PSA Connect, without looking at `PSA_CONNECT_DATA_DIR`:
/// Tauri's `app_data_dir`, from the same `dirs` lookup Tauri makes (Linux `$XDG_DATA_HOME` when absolute,
/// else `~/.local/share`; macOS `~/Library/Application Support`; Windows `%APPDATA%`).
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER))
}

/// `PSA_CONNECT_DATA_DIR` when set, else [`default_data_dir`].
pub fn resolve_data_dir() -> Result<PathBuf, PsaError> {
    if let Some(dir) = env_path(DATA_DIR_ENV) {
        return Ok(dir);
    }
    default_data_dir().ok_or_else(|| {
        PsaError::new(
            ErrorCode::ProfileStoreIo,
            "PSA Connect cannot tell where to keep its profiles: the home folder is not set.",
            format!("Set {DATA_DIR_ENV} to a folder PSA Connect may write to, or run it as a normal user."),
        )
    })
}
