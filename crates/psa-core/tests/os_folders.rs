//! The per-OS data and log folders (looked up with the `dirs` crate) are the ones the README documents and
//! Tauri's `app_data_dir` / `app_log_dir` use, and the `PSA_CONNECT_*_DIR` variables override them.
//! One test in its own binary: it changes the process environment, which nothing else here reads.

use std::path::PathBuf;

use psa_core::profiles::{default_data_dir, resolve_data_dir, APP_IDENTIFIER, DATA_DIR_ENV};
use psa_core::support::logging::{default_log_dir, resolve_log_dir, LOG_DIR_ENV};

fn set(name: &str, value: Option<&str>) {
    match value {
        Some(v) => std::env::set_var(name, v),
        None => std::env::remove_var(name),
    }
}

#[test]
fn folders_are_the_documented_ones_and_the_variables_move_them() {
    assert_eq!(APP_IDENTIFIER, "com.psaconnect.desktop");
    set(DATA_DIR_ENV, None);
    set(LOG_DIR_ENV, None);

    #[cfg(target_os = "linux")]
    {
        let id = APP_IDENTIFIER;
        set("HOME", Some("/home/pat"));
        set("XDG_DATA_HOME", Some("/data"));
        assert_eq!(default_data_dir(), Some(PathBuf::from(format!("/data/{id}"))));
        assert_eq!(default_log_dir(), Some(PathBuf::from(format!("/data/{id}/logs"))));
        // A relative XDG_DATA_HOME is invalid and ignored, as is an unset one: ~/.local/share.
        for xdg in [Some("relative"), None] {
            set("XDG_DATA_HOME", xdg);
            assert_eq!(default_data_dir(), Some(PathBuf::from(format!("/home/pat/.local/share/{id}"))), "{xdg:?}");
            assert_eq!(default_log_dir(), Some(PathBuf::from(format!("/home/pat/.local/share/{id}/logs"))), "{xdg:?}");
        }
        assert_eq!(resolve_data_dir().unwrap(), PathBuf::from(format!("/home/pat/.local/share/{id}")));
        assert_eq!(resolve_log_dir().unwrap(), PathBuf::from(format!("/home/pat/.local/share/{id}/logs")));
    }
    #[cfg(target_os = "macos")]
    {
        set("HOME", Some("/Users/pat"));
        let id = APP_IDENTIFIER;
        assert_eq!(default_data_dir(), Some(PathBuf::from(format!("/Users/pat/Library/Application Support/{id}"))));
        assert_eq!(default_log_dir(), Some(PathBuf::from(format!("/Users/pat/Library/Logs/{id}"))));
    }
    #[cfg(windows)]
    {
        let logs = default_log_dir().expect("a log folder");
        assert!(logs.ends_with(format!(r"AppData\Local\{APP_IDENTIFIER}\logs")), "{}", logs.display());
        let data = default_data_dir().expect("a data folder");
        assert!(data.ends_with(format!(r"AppData\Roaming\{APP_IDENTIFIER}")), "{}", data.display());
    }

    // The variables win; an empty one counts as unset.
    set(DATA_DIR_ENV, Some("/portable/data"));
    set(LOG_DIR_ENV, Some("/portable/logs"));
    assert_eq!(resolve_data_dir().unwrap(), PathBuf::from("/portable/data"));
    assert_eq!(resolve_log_dir().unwrap(), PathBuf::from("/portable/logs"));
    set(DATA_DIR_ENV, Some(""));
    set(LOG_DIR_ENV, Some(""));
    assert_eq!(resolve_data_dir().ok(), default_data_dir());
    assert_eq!(resolve_log_dir().ok(), default_log_dir());
}
