//! Hand-offs in the app: what a support agent prepared for a partner, without the secret. The agent creates
//! one ([`handoff_create`]: a `*.psaconnect` file and a `psa-connect://` link); the partner's app receives
//! it and opens the wizard on it. Thin adapters over `psa_core::support::handoff`. The last hand-off shown to
//! the window stays here, so the window only says "open it", never sends its zone or site back.
//!
//! A link reaches the app in one of two ways: as the command line of a first start (the UI asks
//! [`handoff_pending`] once it has loaded), or, while the app runs, through the single-instance plugin, which
//! hands it to the deep-link plugin, whose `deep-link://new-url` event [`plugin`] turns into a
//! `handoff-opened` event and an answer to the UI's waiting [`handoff_next`]. A hand-off *file* comes the
//! same two ways, as a path on the command line. Either way the UI gets a checked, secret-free draft or an
//! error.
//!
//! The UI waits with [`handoff_next`] instead of listening to the event: a listener set up from the page
//! makes Tauri run a script in the webview, and the answer to that script starts a JavaScript engine in the
//! app process (about 4 MB, see README "Start-up and memory"). A request that waits costs nothing of that.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;

use psa_core::profiles::ProfileInput;
use psa_core::support::handoff::{self, Handoff, HandoffDraft, HandoffOpened, WizardStep, LINK_SCHEME};
use psa_core::support::handoff_file::{self, FILE_EXTENSION};
use psa_core::PsaError;
use serde::Serialize;
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Listener, Manager, Runtime, State};
use tauri_plugin_deep_link::DeepLinkExt;
use ts_rs::TS;

use crate::commands::support::write_new;
use crate::error::CmdResult;
use crate::events::{self, HandoffOpenedEvent};
use crate::state::{lock, Location, Session};

/// Where hand-offs stand in this run: whether the first-start link was taken, the draft the window was
/// given last, and the ones that arrived while the window was not asking.
#[derive(Default)]
pub struct Handoffs {
    pending_taken: AtomicBool,
    last_draft: Mutex<Option<HandoffDraft>>,
    /// Hand-offs received while running that the window has not taken yet ([`handoff_next`]).
    arrivals: Mutex<VecDeque<HandoffOpened>>,
    arrived: tokio::sync::Notify,
    /// The number of the latest [`handoff_next`] request; an older one (a page since reloaded) gives way.
    latest_waiter: AtomicU64,
}

/// Hand-offs kept for a window that is not asking (a burst of double-clicks): the oldest go first.
const ARRIVALS_KEPT: usize = 8;

impl Handoffs {
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
}

/// Listens for deep links and forwards each as a checked `handoff-opened` event.
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("psa-handoff")
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
    if let Some(handoffs) = app.try_state::<Handoffs>() {
        handoffs.arrive(payload.clone());
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
pub fn handoff_parse(handoffs: State<'_, Handoffs>, text: String) -> CmdResult<HandoffDraft> {
    let result = opened(&text);
    handoffs.shown(&result);
    match (result.draft, result.error) {
        (Some(d), _) => Ok(d),
        (None, Some(e)) => Err(e),
        (None, None) => Err(PsaError::internal("hand-off: neither draft nor error")),
    }
}

/// The link the app was started with, once per run; `None` when there was none (or it was taken).
#[tauri::command]
pub fn handoff_pending<R: Runtime>(app: AppHandle<R>, handoffs: State<'_, Handoffs>) -> Option<HandoffOpened> {
    if handoffs.pending_taken.swap(true, Ordering::SeqCst) {
        return None;
    }
    let opened = pending_link(&app);
    if let Some(o) = &opened {
        handoffs.shown(o);
        // On macOS the deep-link plugin also announces the launch link as an arrival: it is this one, so it
        // must not open a second time through `handoff_next`.
        lock(&handoffs.arrivals).retain(|a| a != o);
    }
    opened
}

/// The next `psa-connect://` link or hand-off file the running app receives (from a second launch), checked;
/// answers as soon as one arrives, or at once with one that arrived while nobody asked. The window asks
/// again after each answer. `null` when a newer request took over (the page was reloaded).
#[tauri::command]
pub async fn handoff_next(handoffs: State<'_, Handoffs>) -> CmdResult<Option<HandoffOpened>> {
    Ok(handoffs.next_arrival().await)
}

/// The window starts the wizard on the hand-off it was given last (by `handoff_parse`, `handoff_pending` or
/// `handoff_next`): its zone or site becomes the session's, so the test connects where the
/// support agent said without the window sending an address. A draft without one leaves the location unknown.
#[tauri::command]
pub fn handoff_open(session: State<'_, Session>, handoffs: State<'_, Handoffs>) -> CmdResult<()> {
    let draft = lock(&handoffs.last_draft).clone().ok_or_else(|| {
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
        let handoffs = Arc::new(Handoffs::default());
        // Kept until asked for, in order.
        handoffs.arrive(refused("one"));
        handoffs.arrive(refused("two"));
        assert_eq!(handoffs.next_arrival().await, Some(refused("one")));
        assert_eq!(handoffs.next_arrival().await, Some(refused("two")));

        // A waiting request gets the next arrival.
        let waiting = tokio::spawn({
            let s = handoffs.clone();
            async move { s.next_arrival().await }
        });
        while handoffs.latest_waiter.load(Ordering::SeqCst) < 3 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        handoffs.arrive(refused("three"));
        assert_eq!(waiting.await.unwrap(), Some(refused("three")));

        // A reloaded page asks again: the old request ends empty-handed and the new one gets what comes.
        let old = tokio::spawn({
            let s = handoffs.clone();
            async move { s.next_arrival().await }
        });
        while handoffs.latest_waiter.load(Ordering::SeqCst) < 4 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let new = tokio::spawn({
            let s = handoffs.clone();
            async move { s.next_arrival().await }
        });
        assert_eq!(old.await.unwrap(), None);
        handoffs.arrive(refused("four"));
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

    fn last_name(handoffs: &Handoffs) -> Option<String> {
        lock(&handoffs.last_draft).as_ref().map(|d| d.profile.name.clone())
    }

    #[tokio::test]
    async fn handoff_open_takes_the_draft_handed_to_the_page_not_the_last_arrived() {
        let handoffs = Handoffs::default();
        handoffs.arrive(draft("a@example.com"));
        handoffs.arrive(draft("b@example.com"));
        assert_eq!(last_name(&handoffs), None, "nothing was handed out yet");
        assert_eq!(handoffs.next_arrival().await, Some(draft("a@example.com")));
        assert_eq!(last_name(&handoffs).as_deref(), Some("a@example.com"));
        assert_eq!(handoffs.next_arrival().await, Some(draft("b@example.com")));
        assert_eq!(last_name(&handoffs).as_deref(), Some("b@example.com"));
    }
}
