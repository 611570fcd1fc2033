//! The PSA Connect desktop app: a Tauri shell around `psa_core`. The wizard itself is the web UI in `ui/`;
//! this crate only wires commands, session state and plugins.

pub mod commands;
pub mod error;
pub mod events;
pub mod page_data;
pub mod startup;
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
        // Driven from Rust only (commands/portal.rs); the webview has no clipboard permission.
        .plugin(tauri_plugin_clipboard_manager::init())
        // Deep links before the hand-off plugin, whose listener turns them into hand-offs.
        .plugin(tauri_plugin_deep_link::init())
        .plugin(commands::handoff::plugin())
        .manage(session)
        .manage(std::sync::Arc::new(commands::portal::ClipboardWatch::default()))
        .manage(vault)
        .manage(commands::support::Support::from_env())
        .manage(commands::handoff::Handoffs::default())
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::app_ready,
            commands::app::session_clear,
            commands::app::cancel_operation,
            commands::app::autotask_open_web,
            commands::templates::templates_list,
            commands::templates::template_get,
            commands::templates::pack_status,
            commands::autotask::autotask_detect_zone,
            commands::autotask::autotask_parse_zone,
            commands::autotask::autotask_set_credentials,
            commands::connectwise::connectwise_detect_site,
            commands::connectwise::connectwise_set_credentials,
            commands::connection::connection_check,
            commands::connection::connection_preview,
            commands::profiles::keychain_status,
            commands::profiles::profiles_list,
            commands::profiles::profile_get,
            commands::profiles::profile_save,
            commands::profiles::profile_delete,
            commands::profiles::profile_duplicate,
            commands::profiles::profile_rename,
            commands::profiles::profile_open,
            commands::profiles::profile_recheck,
            commands::profiles::profiles_recheck_all,
            commands::transfer::profiles_export,
            commands::transfer::profiles_import,
            commands::transfer::reveal_path,
            commands::handoff::handoff_parse,
            commands::handoff::handoff_create,
            commands::handoff::handoff_open,
            commands::support::diagnose_profile,
            commands::support::diagnostic_save,
            commands::support::open_log_folder,
            commands::portal::portal_view,
            commands::portal::portal_copy,
        ])
}

pub fn run() {
    startup::mark_run_started();
    apply_linux_workarounds();
    init_logging();
    // The vendor pack (PSA_CONNECT_PACK, beside the program, or in the data folder) before any template is read.
    psa_core::templates::load_pack(None);

    let endpoints = AutotaskEndpoints::from_env();
    if std::env::var_os(ZONE_URL_ENV).is_some() {
        tracing::info!(zone_lookup_url = %endpoints.zone_lookup_url, "Autotask zone lookup overridden");
    }

    // Single-instance first, so a second launch hands over before anything else starts (the end-to-end
    // test `a_link_clicked_while_the_app_runs_opens_the_wizard_on_it` relies on it; the start-up benchmark,
    // which starts launches back to back, keeps it on too). With its `deep-link` feature, the plugin passes a
    // second launch's `psa-connect://` argument to the deep-link plugin, whose event the hand-off plugin
    // pushes to the page (commands/handoff/mod.rs). The order of the plugins matters: the deep-link plugin also
    // announces the launch's own link while it is set up, before the hand-off plugin listens, so that link
    // reaches the page once, in the start-up answers, and not a second time as an arrival.
    let mut builder = Builder::default();
    if std::env::var_os(MULTI_INSTANCE_ENV).is_none() {
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, argv, cwd| {
            // A double-clicked hand-off file: its path is on the second launch's command line.
            if commands::handoff::deliver_file_from_args(app, argv, &cwd) {
                return;
            }
            if let Some(window) = app.get_webview_window(commands::handoff::MAIN_WINDOW) {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }));
    }

    // The first screen's answers ride along with the page (startup.rs), instead of four IPC round trips.
    let context = tauri::generate_context!();
    let session = Session::new(endpoints);
    let info = commands::app::app_info_of(
        context.package_info().version.to_string(),
        session.endpoints(),
        session.cw_endpoints(),
    );
    builder = builder.plugin(startup::answers_plugin(info, commands::handoff::launch_handoff()));
    configure_session(builder, session, Vault::from_env())
        .run(context)
        .expect("PSA Connect could not start its window");
}

/// Sets [`LINUX_WEBKIT_SETTINGS`] in the app's environment, each unless the user set it. The web process
/// inherits them. So does a browser the app starts for "Open Autotask" (`autotask_open_web`, the one link it
/// opens) when none is running: a WebKitGTK browser such as GNOME Web then runs Autotask's own pages with the
/// later JIT, more slowly but correctly; other browsers ignore them. Public for the benchmark's blank window
/// (examples/blank_window.rs), which must start WebKit the same way.
pub fn apply_linux_workarounds() {
    #[cfg(target_os = "linux")]
    for (name, value) in unset_settings(|name| std::env::var_os(name).is_some()) {
        std::env::set_var(name, value);
    }
}

/// The settings of [`LINUX_WEBKIT_SETTINGS`] the user has not set.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn unset_settings(is_set: impl Fn(&str) -> bool) -> Vec<(&'static str, &'static str)> {
    LINUX_WEBKIT_SETTINGS.iter().copied().filter(|(name, _)| !is_set(name)).collect()
}

/// WebKitGTK and JavaScriptCore settings for Linux (README "Start-up and memory" has the measurements):
/// - WebKitGTK's DMA-BUF renderer shows a blank window on some GPU and driver combinations; turning it off
///   costs nothing visible for a form-based app.
/// - JavaScriptCore's optimising compiler (DFG, and FTL above it) is left out: the page's script runs for
///   milliseconds at a time, so compiling it again in the background never pays back, while it took CPU
///   from the first paint and kept 3-4 MB of the web process's memory.
/// - The baseline JIT starts on a function after about 1,300 calls or 20,000 loop turns instead of 500
///   units: start-up code stays below that and is left to the interpreter (as fast at start-up, and 2.4 MB
///   less), while a long list re-rendered many times is still compiled.
/// - Regular expressions are interpreted: the page's are a handful of short patterns (0.6 MB less).
pub const LINUX_WEBKIT_SETTINGS: &[(&str, &str)] = &[
    ("WEBKIT_DISABLE_DMABUF_RENDERER", "1"),
    (NO_OPTIMISING_JIT_ENV, "0"),
    ("JSC_thresholdForJITAfterWarmUp", "20000"),
    ("JSC_thresholdForJITSoon", "20000"),
    ("JSC_useRegExpJIT", "0"),
];

/// The JavaScriptCore option that turns its optimising compiler off (see [`LINUX_WEBKIT_SETTINGS`]).
pub const NO_OPTIMISING_JIT_ENV: &str = "JSC_useDFGJIT";

/// On stderr, `RUST_LOG` picks the level (default: warnings; targets and levels only, see
/// `psa_core::support::logging::parse_filter`). Independently, info and up go to size-capped
/// files in the OS log directory (`PSA_CONNECT_LOG_DIR` overrides it), which the diagnostic report quotes
/// and "Show log folder" opens. Nothing logged by the app includes a secret (see `psa_core::support::logging`).
fn init_logging() {
    use psa_core::support::logging::{file_filter, file_layer, parse_filter, LogFiles, RotatingWriter, APP_LOG_STEM};
    use tracing_subscriber::layer::{Layer, SubscriberExt};
    use tracing_subscriber::util::SubscriberInitExt;

    let filter = std::env::var("RUST_LOG")
        .ok()
        .and_then(|f| parse_filter(&f))
        .unwrap_or_else(|| tracing_subscriber::filter::Targets::new().with_default(tracing::Level::WARN));
    let console = tracing_subscriber::fmt::layer().with_writer(std::io::stderr).with_filter(filter);
    let file =
        LogFiles::from_env(APP_LOG_STEM).and_then(RotatingWriter::open).ok().map(|w| file_layer(w, file_filter()));
    let _ = tracing_subscriber::registry().with(console).with(file).try_init();
    tracing::info!(version = env!("CARGO_PKG_VERSION"), os = std::env::consts::OS, "PSA Connect started");
}

#[cfg(test)]
mod webkit_settings_tests {
    use super::*;

    #[test]
    fn every_setting_is_applied_when_the_user_set_none() {
        let unset = unset_settings(|_| false);
        assert_eq!(unset, LINUX_WEBKIT_SETTINGS.to_vec());
        assert!(unset.contains(&(NO_OPTIMISING_JIT_ENV, "0")));
    }

    #[test]
    fn a_value_the_user_set_wins() {
        let unset = unset_settings(|name| name == "JSC_useRegExpJIT");
        assert!(!unset.iter().any(|(name, _)| *name == "JSC_useRegExpJIT"), "{unset:?}");
        assert_eq!(unset.len(), LINUX_WEBKIT_SETTINGS.len() - 1);
    }

    #[test]
    fn the_settings_are_javascriptcore_and_webkit_options() {
        // JavaScriptCore reads only JSC_-prefixed variables; a typo in the prefix would silently do nothing.
        for (name, value) in LINUX_WEBKIT_SETTINGS {
            assert!(name.starts_with("JSC_") || name.starts_with("WEBKIT_"), "{name}");
            assert!(!value.is_empty(), "{name}");
        }
    }
}
