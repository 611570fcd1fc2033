//! How long the app took to become usable, as the partner experiences it: from the operating system starting
//! the process to the first screen being painted and clickable (the UI reports that moment once). Logged so a
//! support agent can see a slow start in the diagnostic report, and read by the start-up benchmark.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use psa_core::support::handoff::HandoffOpened;

/// The log line the benchmark and the diagnostic report look for.
pub use psa_core::support::diagnose::STARTUP_READY_MESSAGE as READY_MESSAGE;

static RUN_STARTED: OnceLock<Instant> = OnceLock::new();
static REPORTED: AtomicBool = AtomicBool::new(false);

/// Called first thing in `run()`: the fallback origin where the process start time can't be read.
pub fn mark_run_started() {
    let _ = RUN_STARTED.set(Instant::now());
}

/// Time since the process started. On Linux from the kernel's start time (so dynamic linking before `main`
/// counts too); elsewhere from [`mark_run_started`].
pub fn since_process_start() -> Option<Duration> {
    #[cfg(target_os = "linux")]
    if let Some(d) = linux_process_age() {
        return Some(d);
    }
    RUN_STARTED.get().map(Instant::elapsed)
}

/// Records the moment once; later calls (a reload of the page) are ignored. Returns whether it was recorded.
pub fn report_ready(ui_ms: f64) -> bool {
    if REPORTED.swap(true, Ordering::SeqCst) {
        return false;
    }
    let process_ms = since_process_start().map(|d| d.as_millis() as u64);
    tracing::info!(process_ms, ui_ms = ui_ms.round() as u64, "{READY_MESSAGE}");
    true
}

/// Process age from /proc: uptime now minus the start time (field 22 of /proc/self/stat, in clock ticks of
/// 1/100 s on every Linux we ship to), so the resolution is 10 ms.
#[cfg(target_os = "linux")]
fn linux_process_age() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let start_ticks: u64 = stat.rsplit_once(')')?.1.split_whitespace().nth(19)?.parse().ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime").ok()?.split_whitespace().next()?.parse().ok()?;
    let age = uptime - start_ticks as f64 / 100.0;
    (age >= 0.0).then(|| Duration::from_secs_f64(age))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_process_age_is_known_and_grows() {
        mark_run_started();
        let a = since_process_start().expect("age");
        std::thread::sleep(Duration::from_millis(30));
        let b = since_process_start().expect("age");
        assert!(b > a, "{a:?} then {b:?}");
        // A test process has not been running for an hour.
        assert!(b < Duration::from_secs(3600), "{b:?}");
    }

    #[test]
    fn only_the_first_report_counts() {
        assert!(report_ready(120.0));
        assert!(!report_ready(130.0));
    }
}

/// The first answers step 1 and the home screen need, set as `window.__PSA_STARTUP__` (its TypeScript type
/// is generated into `ui/src/commands.gen.ts` with the commands').
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct StartupAnswers {
    /// What `templates_list` would answer.
    pub templates: Vec<psa_core::templates::TemplateSummary>,
    /// What `profiles_list` would answer; `null` when the list cannot be read.
    pub profiles: Option<Vec<psa_core::profiles::Profile>>,
    /// Why the list could not be read, when it could not. A damaged file is moved aside as it is read, so
    /// this is the one answer that says where it went: the page's own request then finds an empty list.
    pub profiles_error: Option<psa_core::PsaError>,
    /// What `app_info` would answer (the header's demo-mode note).
    pub app: psa_core::model::AppInfo,
    /// What `pack_status` would answer (step 1's vendor note; the pack cannot change while the app runs).
    pub pack: psa_core::templates::PackStatus,
    /// The hand-off the app was started with, checked, or `null`: given to the page only here, once.
    pub handoff: Option<psa_core::support::handoff::HandoffOpened>,
    /// Where the page navigates to say its first screen is interactive (`ready_url`); the app refuses that
    /// navigation and logs the moment instead. Used in place of the `app_ready` command.
    pub ready_url: String,
}

/// The scheme of the page's "first screen interactive" report: a navigation the app always refuses
/// ([`answers_plugin`] watches for it). Not a command: the first command a page sends loads WebKit's whole
/// fetch machinery into the web process (about 1 MB, README "Start-up and memory"), and with the start-up
/// answers and hand-offs pushed to the page, this report was the only command a launch sent before a click.
pub const READY_SCHEME: &str = "psa-connect-ready";

/// The URL the page navigates to (with `?ui_ms=` added) when its first screen is interactive.
pub fn ready_url() -> String {
    format!("{READY_SCHEME}://interactive")
}

/// Reads a ready report's navigation: `Some(ui_ms)` for the report (the page's clock, 0 when unreadable),
/// `None` for any other URL.
pub fn ready_report(url: &url::Url) -> Option<f64> {
    if url.scheme() != READY_SCHEME {
        return None;
    }
    let ui_ms = url.query_pairs().find(|(k, _)| k == "ui_ms").and_then(|(_, v)| v.parse::<f64>().ok());
    Some(ui_ms.filter(|ms| ms.is_finite() && *ms >= 0.0).unwrap_or(0.0))
}

/// The first answers step 1 and the home screen need (templates, saved profiles, the app's own facts, the
/// vendor pack and the hand-off it was started with), handed to the page in an initialisation script that
/// runs before its own: no IPC round trip, and no command on the main thread, before the first paint. The
/// page takes each answer once (`ui/src/ipc.ts`); later calls go through IPC as before. A profile list that
/// cannot be read is left out and its error handed over instead; the page then asks for the list itself.
/// Call it after the pack is loaded.
pub fn answers_script(app: psa_core::model::AppInfo, handoff: Option<HandoffOpened>) -> String {
    answers_with_profiles(app, handoff, psa_core::profiles::ProfileStore::from_env().and_then(|s| s.list()))
}

fn answers_with_profiles(
    app: psa_core::model::AppInfo,
    handoff: Option<HandoffOpened>,
    profiles: Result<Vec<psa_core::profiles::Profile>, psa_core::PsaError>,
) -> String {
    let (profiles, profiles_error) = match profiles {
        Ok(list) => (Some(list), None),
        Err(e) => (None, Some(e)),
    };
    let answers = StartupAnswers {
        templates: psa_core::templates::list(),
        profiles,
        profiles_error,
        app,
        pack: psa_core::templates::pack_status(),
        handoff,
        ready_url: ready_url(),
    };
    // As data for JSON.parse (page_data says why): a saved connection's settings are the user's.
    let literal = crate::page_data::json_string_literal(&answers).unwrap_or_else(|| "\"{}\"".into());
    format!("window.__PSA_STARTUP__ = JSON.parse({literal});")
}

/// Installs [`answers_script`] in the window, records the launch hand-off as given (the page takes it from
/// the answers; a reloaded page, which does not use them, is not given it again), and takes the page's ready
/// report ([`READY_SCHEME`]).
pub fn answers_plugin<R: tauri::Runtime>(
    app: psa_core::model::AppInfo,
    handoff: Option<HandoffOpened>,
) -> tauri::plugin::TauriPlugin<R> {
    let script = answers_script(app, handoff.clone());
    tauri::plugin::Builder::new("psa-startup")
        .js_init_script(script)
        .setup(move |app, _api| {
            use tauri::Manager;
            if let (Some(opened), Some(handoffs)) = (&handoff, app.try_state::<crate::commands::handoff::Handoffs>()) {
                handoffs.launch_given(opened);
            }
            Ok(())
        })
        .on_navigation(|_webview, url| match ready_report(url) {
            Some(ui_ms) => {
                report_ready(ui_ms);
                false
            }
            None => true,
        })
        .build()
}

#[cfg(test)]
mod answers_tests {
    fn app() -> psa_core::model::AppInfo {
        psa_core::model::AppInfo {
            version: "9.9.9".into(),
            zone_lookup_overridden: false,
            connectwise_cloud_url: None,
            zone_lookup_url: psa_core::autotask::PRODUCTION_ZONE_LOOKUP_URL.into(),
        }
    }

    /// The answers a script hands to `JSON.parse`.
    fn answers_in(script: &str) -> serde_json::Value {
        let literal =
            script.strip_prefix("window.__PSA_STARTUP__ = JSON.parse(").and_then(|s| s.strip_suffix(");")).unwrap();
        let json: String = serde_json::from_str(literal).unwrap();
        serde_json::from_str(&json).unwrap()
    }

    #[test]
    fn the_script_carries_the_templates_as_json() {
        let v = answers_in(&super::answers_script(app(), None));
        assert_eq!(v["templates"].as_array().unwrap().len(), psa_core::templates::list().len());
        assert!(v.get("profiles").is_some());
        assert_eq!(v["app"]["version"], "9.9.9");
        assert!(v["pack"].is_object(), "{}", v["pack"]);
        assert!(v["handoff"].is_null(), "{}", v["handoff"]);
        assert_eq!(v["readyUrl"], "psa-connect-ready://interactive");
    }

    #[test]
    fn a_damaged_profile_file_is_reported_with_where_it_was_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = psa_core::profiles::ProfileStore::new(dir.path());
        std::fs::write(store.file_path(), "{ not json").unwrap();
        let v = answers_in(&super::answers_with_profiles(app(), None, store.list()));
        assert!(v["profiles"].is_null(), "{v}");
        assert_eq!(v["profilesError"]["code"], "profile_store_corrupt", "{v}");
        // The file is kept beside, and the message is the one place that names it.
        let kept: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("corrupt"))
            .collect();
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert!(v["profilesError"]["message"].as_str().unwrap().contains(&kept[0]), "{v}");
        assert_eq!(std::fs::read_to_string(dir.path().join(&kept[0])).unwrap(), "{ not json");

        let fine = answers_in(&super::answers_with_profiles(app(), None, Ok(Vec::new())));
        assert!(fine["profilesError"].is_null() && fine["profiles"].as_array().unwrap().is_empty(), "{fine}");
    }

    #[test]
    fn the_launch_hand_off_rides_in_the_answers_as_data() {
        let refused: super::HandoffOpened =
            Err::<psa_core::support::handoff::HandoffDraft, _>(psa_core::PsaError::internal("a \"__proto__\" link"))
                .into();
        let v = answers_in(&super::answers_script(app(), Some(refused)));
        assert_eq!(v["handoff"]["error"]["details"], "a \"__proto__\" link", "{v}");
    }

    #[test]
    fn the_ready_report_is_read_from_its_navigation_and_nothing_else_is() {
        let read = |s: &str| super::ready_report(&url::Url::parse(s).unwrap());
        assert_eq!(read("psa-connect-ready://interactive?ui_ms=79.5"), Some(79.5));
        // A report without a readable clock still counts (the process age is the app's own).
        assert_eq!(read("psa-connect-ready://interactive"), Some(0.0));
        assert_eq!(read("psa-connect-ready://interactive?ui_ms=-3"), Some(0.0));
        assert_eq!(read("psa-connect-ready://interactive?ui_ms=NaN"), Some(0.0));
        // The app's own pages and links are ordinary navigations.
        assert_eq!(read("tauri://localhost/"), None);
        assert_eq!(read("http://tauri.localhost/index.html"), None);
        assert_eq!(read("psa-connect://setup?d=abc"), None);
        let with_clock = format!("{}?ui_ms=12", super::ready_url());
        assert_eq!(read(&with_clock), Some(12.0));
    }
}
