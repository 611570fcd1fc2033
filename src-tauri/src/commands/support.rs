//! Support tools in the app: hand-offs (parse, create, links opened from outside), the diagnostic report,
//! and the log folder. Thin adapters over `psa_core::support`. The last hand-off shown to the window and the
//! last diagnostic report stay here, so the window only says "open it" or "save it", never sends them back.
//!
//! A `psa-connect://` link reaches the app in one of two ways: as the command line of a first start
//! (the UI asks [`handoff_pending`] once it has loaded), or, while the app runs, through the single-instance
//! plugin, which hands it to the deep-link plugin, whose `deep-link://new-url` event [`plugin`] turns into
//! a `handoff-opened` event and an answer to the UI's waiting [`handoff_next`]. A hand-off *file*
//! (`*.psaconnect`) comes the same two ways, as a path on the command line. Either way the UI gets a checked,
//! secret-free draft or an error.
//!
//! The UI waits with [`handoff_next`] instead of listening to the event: a listener set up from the page
//! makes Tauri run a script in the webview, and the answer to that script starts a JavaScript engine in the
//! app process (about 4 MB, see README "Start-up and memory"). A request that waits costs nothing of that.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

use psa_core::model::CheckItem;
use psa_core::profiles::{Profile, ProfileInput};
use psa_core::support::diagnose::{check_not_run, is_keychain_error, DiagnosticReport, DEFAULT_LOG_LINES};
use psa_core::support::handoff::{self, Handoff, HandoffDraft, HandoffOpened, WizardStep, LINK_SCHEME};
use psa_core::support::handoff_file::{self, FILE_EXTENSION};
use psa_core::support::logging::{LogFiles, APP_LOG_STEM};
use psa_core::{ErrorCode, PsaError};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Listener, Manager, Runtime, State};
use tauri_plugin_deep_link::DeepLinkExt;
use tauri_plugin_opener::OpenerExt;
use ts_rs::TS;

use crate::commands::profiles::recheck;
use crate::commands::transfer::save_dir;
use crate::error::{internal, CmdResult};
use crate::events::{self, HandoffOpenedEvent};
use crate::state::{Location, Session};
use crate::vault::Vault;

/// Where saved reports and hand-offs go instead of the Downloads folder (same as exports).
pub use crate::commands::transfer::EXPORT_DIR_ENV;

/// What the support commands share: where this app logs, whether the first-start link was taken, the last
/// hand-off draft the window was given and the last diagnostic report it showed.
pub struct Support {
    log_files: Result<LogFiles, PsaError>,
    pending_taken: AtomicBool,
    last_draft: Mutex<Option<HandoffDraft>>,
    last_report: Mutex<Option<DiagnosticReport>>,
    /// Hand-offs received while running that the window has not taken yet ([`handoff_next`]).
    arrivals: Mutex<VecDeque<HandoffOpened>>,
    arrived: tokio::sync::Notify,
    /// The number of the latest [`handoff_next`] request; an older one (a page since reloaded) gives way.
    latest_waiter: AtomicU64,
}

/// Hand-offs kept for a window that is not asking (a burst of double-clicks): the oldest go first.
const ARRIVALS_KEPT: usize = 8;

impl Support {
    pub fn new(log_files: Result<LogFiles, PsaError>) -> Self {
        Support {
            log_files,
            pending_taken: AtomicBool::new(false),
            last_draft: Mutex::new(None),
            last_report: Mutex::new(None),
            arrivals: Mutex::new(VecDeque::new()),
            arrived: tokio::sync::Notify::new(),
            latest_waiter: AtomicU64::new(0),
        }
    }

    /// Remembers a draft about to be shown, for [`handoff_open`]; a refused hand-off leaves the last one.
    fn shown(&self, opened: &HandoffOpened) {
        if let Some(draft) = &opened.draft {
            *lock(&self.last_draft) = Some(draft.clone());
        }
    }

    /// Keeps a hand-off for [`handoff_next`] and wakes the request waiting for it.
    fn arrive(&self, opened: HandoffOpened) {
        let mut arrivals = lock(&self.arrivals);
        if arrivals.len() == ARRIVALS_KEPT {
            arrivals.pop_front();
        }
        arrivals.push_back(opened);
        drop(arrivals);
        self.arrived.notify_waiters();
    }

    /// The next hand-off received while running, once there is one; `None` when a newer request took over.
    pub async fn next_arrival(&self) -> Option<HandoffOpened> {
        let me = self.latest_waiter.fetch_add(1, Ordering::SeqCst) + 1;
        // An older request still waiting (the page was reloaded) wakes, sees it is not the latest and ends.
        self.arrived.notify_waiters();
        loop {
            let notified = self.arrived.notified();
            tokio::pin!(notified);
            // Registered before looking, so an arrival between the look and the wait is not missed.
            notified.as_mut().enable();
            if self.latest_waiter.load(Ordering::SeqCst) != me {
                return None;
            }
            if let Some(opened) = lock(&self.arrivals).pop_front() {
                // Recorded as it is handed to the page, not as it arrived: with two queued, `handoff_open`
                // must take the zone or site of the one the page is opening.
                self.shown(&opened);
                return Some(opened);
            }
            notified.await;
        }
    }

    /// The app's log files in `PSA_CONNECT_LOG_DIR` or the OS log directory.
    pub fn from_env() -> Self {
        Self::new(LogFiles::from_env(APP_LOG_STEM))
    }

    pub fn log_files(&self) -> CmdResult<LogFiles> {
        self.log_files.clone()
    }
}

/// Listens for deep links and forwards each as a checked `handoff-opened` event.
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("psa-support")
        .setup(|app, _api| {
            // An AppImage is not installed, so nothing registered the scheme with the desktop: do it here.
            #[cfg(target_os = "linux")]
            if std::env::var_os("APPIMAGE").is_some() {
                if let Err(e) = app.deep_link().register_all() {
                    tracing::warn!(error = %e, "could not register the psa-connect:// scheme");
                }
            }
            let handle = app.clone();
            app.listen_any("deep-link://new-url", move |event| {
                let urls: Vec<String> = serde_json::from_str(event.payload()).unwrap_or_default();
                for url in urls {
                    if is_handoff_link(&url) {
                        deliver(&handle, &url);
                    } else if let Some(path) = handoff_file::handoff_url(&url) {
                        send(&handle, opened_file(&path));
                    }
                }
            });
            Ok(())
        })
        .build()
}

fn is_handoff_link(text: &str) -> bool {
    text.trim().get(..LINK_SCHEME.len() + 1).is_some_and(|p| p.eq_ignore_ascii_case(&format!("{LINK_SCHEME}:")))
}

fn opened(text: &str) -> HandoffOpened {
    let result = handoff::parse(text);
    match &result {
        Ok(d) => {
            tracing::info!(template = %d.profile.template, step = ?d.open_step, "hand-off opened")
        }
        Err(e) => tracing::warn!(code = %e.code.name(), "hand-off refused: {}", e.message),
    }
    result.into()
}

/// Parses a link received while running, tells the UI, and brings the window forward.
pub fn deliver<R: Runtime>(app: &AppHandle<R>, link: &str) {
    send(app, opened(link));
}

fn send<R: Runtime>(app: &AppHandle<R>, payload: HandoffOpened) {
    if let Some(support) = app.try_state::<Support>() {
        support.arrive(payload.clone());
    }
    if let Err(e) = events::emit::<HandoffOpenedEvent, _>(app, &payload) {
        tracing::warn!(error = %e, "could not send the hand-off to the window");
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// A hand-off file's text (read by the webview from a file the user picked) or a pasted link.
#[tauri::command]
pub fn handoff_parse(support: State<'_, Support>, text: String) -> CmdResult<HandoffDraft> {
    let result = opened(&text);
    support.shown(&result);
    match (result.draft, result.error) {
        (Some(d), _) => Ok(d),
        (None, Some(e)) => Err(e),
        (None, None) => Err(PsaError::internal("hand-off: neither draft nor error")),
    }
}

/// The link the app was started with, once per run; `None` when there was none (or it was taken).
#[tauri::command]
pub fn handoff_pending<R: Runtime>(app: AppHandle<R>, support: State<'_, Support>) -> Option<HandoffOpened> {
    if support.pending_taken.swap(true, Ordering::SeqCst) {
        return None;
    }
    let opened = pending_link(&app);
    if let Some(o) = &opened {
        support.shown(o);
        // On macOS the deep-link plugin also announces the launch link as an arrival: it is this one, so it
        // must not open a second time through `handoff_next`.
        lock(&support.arrivals).retain(|a| a != o);
    }
    opened
}

/// The next `psa-connect://` link or hand-off file the running app receives (from a second launch), checked;
/// answers as soon as one arrives, or at once with one that arrived while nobody asked. The window asks
/// again after each answer. `null` when a newer request took over (the page was reloaded).
#[tauri::command]
pub async fn handoff_next(support: State<'_, Support>) -> CmdResult<Option<HandoffOpened>> {
    Ok(support.next_arrival().await)
}

/// The window starts the wizard on the hand-off it was given last (by `handoff_parse`, `handoff_pending` or
/// `handoff_next`): its zone or site becomes the session's, so the test connects where the
/// support agent said without the window sending an address. A draft without one leaves the location unknown.
#[tauri::command]
pub fn handoff_open(session: State<'_, Session>, support: State<'_, Support>) -> CmdResult<()> {
    let draft = lock(&support.last_draft).clone().ok_or_else(|| {
        PsaError::invalid_input(
            "PSA Connect has no hand-off open.",
            "Open the hand-off file or link from your support contact again.",
        )
    })?;
    let p = &draft.profile;
    session.set_location(Location::of(&p.connection));
    Ok(())
}

fn pending_link<R: Runtime>(app: &AppHandle<R>) -> Option<HandoffOpened> {
    let urls = app.deep_link().get_current().ok().flatten().unwrap_or_default();
    if let Some(link) = urls.iter().map(|u| u.as_str()).find(|u| is_handoff_link(u)) {
        return Some(opened(link));
    }
    if let Some(path) = urls.iter().find_map(|u| handoff_file::handoff_url(u.as_str())) {
        return Some(opened_file(&path));
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    handoff_file::file_argument(std::env::args_os(), &cwd).map(|path| opened_file(&path))
}

/// A hand-off file double-clicked while the app runs: the second launch's command line reaches us through
/// the single-instance plugin. Returns whether it named a hand-off file.
pub fn deliver_file_from_args<R: Runtime>(app: &AppHandle<R>, argv: Vec<String>, cwd: &str) -> bool {
    let Some(path) = handoff_file::file_argument(argv, Path::new(cwd)) else {
        return false;
    };
    send(app, opened_file(&path));
    true
}

fn opened_file(path: &Path) -> HandoffOpened {
    match handoff_file::read(path) {
        Ok(text) => opened(&text),
        Err(e) => {
            tracing::warn!(code = %e.code.name(), "hand-off file unreadable: {}", e.message);
            Err::<HandoffDraft, _>(e).into()
        }
    }
}

/// What `handoff_create` answers: the hand-off as file text and as link, and the draft it opens.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HandoffCreated {
    /// The file's contents.
    pub document: String,
    pub link: String,
    pub draft: HandoffDraft,
    /// Where the file was written, when `save` was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub path: Option<String>,
}

/// What `diagnose_profile` answers: the report for the panel's summary and its plain text to show and copy.
/// The app keeps the report; `diagnostic_save` writes that copy.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Diagnosis {
    pub report: DiagnosticReport,
    pub text: String,
}

/// Checks what a support agent filled in and returns the hand-off as text and link; `save` also writes the
/// file to the Downloads folder under a new name.
#[tauri::command]
pub async fn handoff_create<R: Runtime>(
    app: AppHandle<R>,
    profile: ProfileInput,
    open_step: Option<WizardStep>,
    save: Option<bool>,
) -> CmdResult<HandoffCreated> {
    let (doc, draft) = Handoff::create(profile, open_step)?;
    let document = doc.to_json();
    let path = match save.unwrap_or(false) {
        true => Some(write_new(&app, "psa-connect-handoff", FILE_EXTENSION, document.clone()).await?),
        false => None,
    };
    tracing::info!(template = %draft.profile.template, saved = path.is_some(), "hand-off created");
    Ok(HandoffCreated { link: doc.to_link(), document, draft, path })
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

/// A poisoned lock only means another command panicked mid-update; the value is still usable.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

async fn load_profile(vault: &Vault, id: String) -> CmdResult<Profile> {
    let store = vault.profiles()?;
    tauri::async_runtime::spawn_blocking(move || store.get(&id)).await.map_err(|e| internal("profile task", e))?
}

async fn write_new<R: Runtime>(
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Duration;

    fn refused(message: &str) -> HandoffOpened {
        Err::<HandoffDraft, _>(PsaError::internal(message)).into()
    }

    #[tokio::test]
    async fn arrivals_wait_for_the_window_and_a_newer_request_takes_over() {
        let support = Arc::new(Support::new(Err(PsaError::internal("no log folder"))));
        // Kept until asked for, in order.
        support.arrive(refused("one"));
        support.arrive(refused("two"));
        assert_eq!(support.next_arrival().await, Some(refused("one")));
        assert_eq!(support.next_arrival().await, Some(refused("two")));

        // A waiting request gets the next arrival.
        let waiting = tokio::spawn({
            let s = support.clone();
            async move { s.next_arrival().await }
        });
        while support.latest_waiter.load(Ordering::SeqCst) < 3 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        support.arrive(refused("three"));
        assert_eq!(waiting.await.unwrap(), Some(refused("three")));

        // A reloaded page asks again: the old request ends empty-handed and the new one gets what comes.
        let old = tokio::spawn({
            let s = support.clone();
            async move { s.next_arrival().await }
        });
        while support.latest_waiter.load(Ordering::SeqCst) < 4 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let new = tokio::spawn({
            let s = support.clone();
            async move { s.next_arrival().await }
        });
        assert_eq!(old.await.unwrap(), None);
        support.arrive(refused("four"));
        assert_eq!(new.await.unwrap(), Some(refused("four")));
    }
}

#[cfg(test)]
mod handout_tests {
    use super::*;

    fn draft(user: &str) -> HandoffOpened {
        let profile = ProfileInput {
            name: user.into(),
            template: "custom".into(),
            connection: psa_core::connection::Connection::autotask(user, "CODE", None),
            filters: Default::default(),
            settings: Default::default(),
            notes: String::new(),
        };
        let draft = HandoffDraft {
            open_step: WizardStep::Secret,
            profile,
            template_name: "Custom".into(),
            secret_hosts: Vec::new(),
        };
        HandoffOpened { draft: Some(draft), error: None }
    }

    fn last_name(support: &Support) -> Option<String> {
        lock(&support.last_draft).as_ref().map(|d| d.profile.name.clone())
    }

    #[tokio::test]
    async fn handoff_open_takes_the_draft_handed_to_the_page_not_the_last_arrived() {
        let support = Support::new(Err(PsaError::internal("no log folder")));
        support.arrive(draft("a@example.com"));
        support.arrive(draft("b@example.com"));
        assert_eq!(last_name(&support), None, "nothing was handed out yet");
        assert_eq!(support.next_arrival().await, Some(draft("a@example.com")));
        assert_eq!(last_name(&support).as_deref(), Some("a@example.com"));
        assert_eq!(support.next_arrival().await, Some(draft("b@example.com")));
        assert_eq!(last_name(&support).as_deref(), Some("b@example.com"));
    }
}
