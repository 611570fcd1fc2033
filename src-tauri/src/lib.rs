//! The PSA Connect desktop app: a Tauri shell around `psa_core`. The wizard itself is the web UI in `ui/`;
//! this crate only wires commands, session state and plugins.

pub mod commands;
pub mod error;
pub mod state;
pub mod vault;

use psa_core::autotask::{AutotaskEndpoints, ZONE_URL_ENV};
use tauri::{Builder, Manager, Runtime};

use crate::state::Session;
use crate::vault::Vault;

/// Set (to anything) to allow several windows at once: tests and demos only.
pub const MULTI_INSTANCE_ENV: &str = "PSA_CONNECT_MULTI_INSTANCE";

/// Everything the app and the command tests share: plugins that work on any runtime, state, commands.
pub fn configure<R: Runtime>(builder: Builder<R>, endpoints: AutotaskEndpoints) -> Builder<R> {
    configure_with(builder, endpoints, Vault::from_env())
}

/// [`configure`] with the profile and keychain stores given (the command tests use their own).
pub fn configure_with<R: Runtime>(builder: Builder<R>, endpoints: AutotaskEndpoints, vault: Vault) -> Builder<R> {
    configure_session(builder, Session::new(endpoints), vault)
}

/// [`configure_with`] with a session built by the caller (tests point ConnectWise at a simulator).
pub fn configure_session<R: Runtime>(builder: Builder<R>, session: Session, vault: Vault) -> Builder<R> {
    builder
        .plugin(tauri_plugin_opener::init())
        .manage(session)
        .manage(vault)
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::session_clear,
            commands::app::cancel_operation,
            commands::app::open_external,
            commands::templates::templates_list,
            commands::templates::template_get,
            commands::autotask::autotask_detect_zone,
            commands::autotask::autotask_parse_zone,
            commands::autotask::autotask_set_credentials,
            commands::autotask::autotask_check,
            commands::autotask::autotask_preview,
            commands::connectwise::connectwise_detect_site,
            commands::connectwise::connectwise_set_credentials,
            commands::connectwise::connectwise_check,
            commands::connectwise::connectwise_preview,
            commands::profiles::keychain_status,
            commands::profiles::profiles_list,
            commands::profiles::profile_get,
            commands::profiles::profile_save,
            commands::profiles::profile_delete,
            commands::profiles::profile_duplicate,
            commands::profiles::profile_rename,
            commands::profiles::profile_open,
            commands::profiles::profile_recheck,
        ])
}

pub fn run() {
    apply_linux_workarounds();
    init_logging();

    let endpoints = AutotaskEndpoints::from_env();
    if std::env::var_os(ZONE_URL_ENV).is_some() {
        tracing::info!(zone_lookup_url = %endpoints.zone_lookup_url, "Autotask zone lookup overridden");
    }

    // Single-instance first, so a second launch hands over before anything else starts. End-to-end tests
    // launch the app back to back under one D-Bus session; they turn it off so a launch that overlaps the
    // previous instance's shutdown does not hand over to it and exit.
    let mut builder = Builder::default();
    if std::env::var_os(MULTI_INSTANCE_ENV).is_none() {
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }));
    }

    configure(builder, endpoints)
        .run(tauri::generate_context!())
        .expect("PSA Connect could not start its window");
}

/// WebKitGTK's DMA-BUF renderer shows a blank window on some GPU and driver combinations; turning it off
/// costs nothing visible for a form-based app. A value the user set wins.
fn apply_linux_workarounds() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
}

/// `RUST_LOG` picks the level (default: warnings). Nothing logged by the app includes a secret.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}
