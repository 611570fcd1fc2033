//! Where the end-to-end tests find what they need (a display, tauri-driver, WebKitWebDriver, the built app),
//! and whether a missing piece skips the test or fails it.

use std::path::PathBuf;

use super::driver;

pub(super) fn required() -> bool {
    std::env::var("PSA_CONNECT_E2E_REQUIRED").is_ok_and(|v| v == "1")
}

/// target/ of this build, from the test binary's own path (target/debug/deps/e2e_x-HASH).
pub(super) fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current_exe");
    exe.ancestors().nth(3).expect("target dir above target/debug/deps").to_path_buf()
}

/// The app under test: PSA_CONNECT_E2E_APP, else target/debug/psa-connect-app of this build.
pub fn app_binary() -> PathBuf {
    match std::env::var_os("PSA_CONNECT_E2E_APP") {
        Some(p) => PathBuf::from(p),
        None => target_dir().join("debug").join("psa-connect-app"),
    }
}

/// What is missing to run an end-to-end test here, if anything, with what to do about it.
pub(super) fn missing_environment() -> Option<String> {
    if std::env::var_os("DISPLAY").is_none_or(|d| d.is_empty())
        && std::env::var_os("WAYLAND_DISPLAY").is_none_or(|d| d.is_empty())
    {
        return Some("no display (DISPLAY is empty): run under Xvfb, e.g. bash scripts/test.sh".into());
    }
    if driver::find_tauri_driver().is_none() {
        return Some("tauri-driver is not installed: cargo install tauri-driver --locked --version 2.1.0".into());
    }
    if !driver::on_path("WebKitWebDriver") {
        return Some("WebKitWebDriver is not on PATH: apt-get install webkit2gtk-driver".into());
    }
    let app = app_binary();
    if !app.is_file() {
        return Some(format!(
            "the app binary {} is missing: cd ui && npm run build, then \
             cargo build -p psa-connect-app --features custom-protocol",
            app.display()
        ));
    }
    None
}
