//! Hand-offs in the app: what a support agent prepared for a partner, without the secret. The agent creates
//! one ([`handoff_create`]: a `*.psaconnect` file and a `psa-connect://` link); the partner's app receives
//! it and opens the wizard on it. Thin adapters over `psa_core::support::handoff`. The last hand-off shown to
//! the window stays here, so the window only says "open it", never sends its zone or site back.
//!
//! A link reaches the app in one of two ways: as the command line of a first start ([`launch_handoff`],
//! handed to the page once, with its start-up answers, `crate::startup`), or, while the app runs, through the
//! single-instance plugin, which hands it to the deep-link plugin, whose `deep-link://new-url` event [`plugin`]
//! turns into a `handoff-opened` event and a push to the page ([`push_script`]). A hand-off *file* comes the
//! same two ways, as a path on the command line (macOS sends both as events, as `file://` URLs for files).
//! Either way the UI gets a checked, secret-free draft or an error.
//!
//! The page neither listens to the event nor asks for arrivals: a listener set up from the page makes Tauri
//! run a script in the webview whose answer starts a JavaScript engine in the app process (about 4 MB), and a
//! request waiting for the next hand-off is a command, and the first command a page sends loads WebKit's
//! fetch machinery into the web process (about 1 MB; README "Start-up and memory"). A hand-off that arrives
//! is rare, so it pays: the app runs one small script in the page. Only a page that has finished loading
//! gets one; until then (no window yet, as on a macOS start; the page loading or reloading) arrivals wait
//! here and are pushed when it has.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use psa_core::profiles::ProfileInput;
use psa_core::support::handoff::{self, Handoff, HandoffDraft, HandoffOpened, WizardStep, LINK_SCHEME};
use psa_core::support::handoff_file::{self, FILE_EXTENSION};
use psa_core::PsaError;
use serde::Serialize;
use tauri::plugin::TauriPlugin;
use tauri::webview::PageLoadEvent;
use tauri::{AppHandle, Listener, Manager, Runtime, State};
#[cfg(target_os = "linux")]
use tauri_plugin_deep_link::DeepLinkExt;
use ts_rs::TS;

use crate::commands::support::write_new;
use crate::error::CmdResult;
use crate::events::{self, HandoffOpenedEvent};
use crate::state::{lock, Location, Session};

/// The window whose page hand-offs are pushed to (the one `tauri.conf.json` makes).
pub const MAIN_WINDOW: &str = "main";

/// Hand-offs kept for a page that cannot take them yet (a burst of double-clicks while it loads): the oldest
/// go first.
const WAITING_KEPT: usize = 8;

/// Where hand-offs stand in this run: the draft the window was given last, and the arrivals waiting for a
/// page that has finished loading.
#[derive(Default)]
pub struct Handoffs {
    last_draft: Mutex<Option<HandoffDraft>>,
    delivery: Mutex<Delivery>,
}

#[derive(Default)]
struct Delivery {
    page: Page,
    waiting: VecDeque<HandoffOpened>,
}

/// Where the main window's page stands, for pushing to it.
#[derive(Default)]
enum Page {
    /// No page has started loading yet (a macOS start delivers its link before the window exists).
    #[default]
    None,
    /// A navigation or load began at this moment and has not finished since.
    Changing(Instant),
    /// Finished loading, and no navigation has begun since.
    Ready,
}

/// How long a page may take to load before arrivals go to it anyway: a load that fails after it started
/// (stopped, or its web process gone) may never report finishing, and arrivals must not wait for ever.
const LOAD_GIVES_UP: Duration = Duration::from_secs(10);

impl Page {
    fn takes_pushes(&self) -> bool {
        match self {
            Page::None => false,
            Page::Changing(since) => since.elapsed() >= LOAD_GIVES_UP,
            Page::Ready => true,
        }
    }
}

impl Handoffs {
    /// Remembers a draft the page is given, for [`handoff_open`]; a refused hand-off leaves the last one.
    fn shown(&self, opened: &HandoffOpened) {
        if let Some(draft) = &opened.draft {
            *lock(&self.last_draft) = Some(draft.clone());
        }
    }

    /// The launch hand-off, given to the page with its start-up answers: logged here (a second launch, which
    /// hands its arguments over and exits before this, logs nothing), and its draft is the one to open.
    pub fn launch_given(&self, opened: &HandoffOpened) {
        log_outcome(opened);
        self.shown(opened);
    }

    /// A hand-off that arrived while running: what to push to the page now (it, after any that waited), or
    /// nothing while the page cannot take it. Either way its draft is the one to open: the page shows
    /// arrivals in order, so the newest is the one on screen.
    fn arrive(&self, opened: HandoffOpened) -> Vec<HandoffOpened> {
        self.shown(&opened);
        let mut delivery = lock(&self.delivery);
        if delivery.waiting.len() == WAITING_KEPT {
            delivery.waiting.pop_front();
        }
        delivery.waiting.push_back(opened);
        if delivery.page.takes_pushes() {
            delivery.waiting.drain(..).collect()
        } else {
            Vec::new()
        }
    }

    /// What the main window's page did: a navigation began or a page load started (arrivals wait from now
    /// on: a script run now would land in the page being left), or it finished (what waited, to push now).
    fn page_changed(&self, finished: bool) -> Vec<HandoffOpened> {
        let mut delivery = lock(&self.delivery);
        if finished {
            delivery.page = Page::Ready;
            return delivery.waiting.drain(..).collect();
        }
        if !matches!(delivery.page, Page::Changing(_)) {
            delivery.page = Page::Changing(Instant::now());
        }
        Vec::new()
    }
}

/// The script that hands one arrival to the page: it joins `window.__PSA_HANDOFFS__` and a `psa-handoff`
/// event says so (`ui/src/support/handoff.ts`), which finds it there at start too. The hand-off goes in as a
/// JSON string for `JSON.parse`, not as an object literal, so its keys are only ever data (a `__proto__` in
/// an unchecked setting stays a key). `None` if it cannot be written as JSON.
pub fn push_script(opened: &HandoffOpened) -> Option<String> {
    Some(format!(
        "(window.__PSA_HANDOFFS__ = window.__PSA_HANDOFFS__ || []).push(JSON.parse({})); \
         window.dispatchEvent(new Event(\"psa-handoff\"));",
        crate::page_data::json_string_literal(opened)?
    ))
}

/// Listens for deep links, forwards each as a checked `handoff-opened` event and pushes it to the page, and
/// keeps arrivals for a page that is still loading.
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
        .on_navigation(|webview, url| {
            // A navigation of the page (a reload, say) leaves it before the new one commits: hold arrivals.
            // The ready report is not one (the start-up plugin refuses it, and the page stays).
            if webview.label() == MAIN_WINDOW && crate::startup::ready_report(url).is_none() {
                if let Some(handoffs) = webview.try_state::<Handoffs>() {
                    handoffs.page_changed(false);
                }
            }
            true
        })
        .on_page_load(|webview, payload| {
            if webview.label() != MAIN_WINDOW {
                return;
            }
            let Some(handoffs) = webview.try_state::<Handoffs>() else { return };
            let finished = matches!(payload.event(), PageLoadEvent::Finished);
            for opened in handoffs.page_changed(finished) {
                push(webview, &opened);
            }
        })
        .build()
}

fn push<R: Runtime>(webview: &tauri::Webview<R>, opened: &HandoffOpened) {
    let Some(script) = push_script(opened) else {
        tracing::warn!("could not write the hand-off for the page");
        return;
    };
    if let Err(e) = webview.eval(script) {
        tracing::warn!(error = %e, "could not hand the hand-off to the page");
    }
}

fn is_handoff_link(text: &str) -> bool {
    text.trim().get(..LINK_SCHEME.len() + 1).is_some_and(|p| p.eq_ignore_ascii_case(&format!("{LINK_SCHEME}:")))
}

/// A link or a hand-off file's text, checked (not logged: see [`log_outcome`]).
fn check(text: &str) -> HandoffOpened {
    handoff::parse(text).into()
}

/// One log line per hand-off the app takes: what it opens, or why it was refused (never the secret, which a
/// hand-off never holds; a refused one says so by its code).
fn log_outcome(opened: &HandoffOpened) {
    match (&opened.draft, &opened.error) {
        (Some(d), _) => tracing::info!(template = %d.profile.template, step = ?d.open_step, "hand-off opened"),
        (None, Some(e)) => tracing::warn!(code = %e.code.name(), "hand-off refused: {}", e.message),
        (None, None) => {}
    }
}

fn opened(text: &str) -> HandoffOpened {
    let result = check(text);
    log_outcome(&result);
    result
}

/// Parses a link received while running, tells the UI, and brings the window forward.
pub fn deliver<R: Runtime>(app: &AppHandle<R>, link: &str) {
    send(app, opened(link));
}

fn send<R: Runtime>(app: &AppHandle<R>, payload: HandoffOpened) {
    if let Err(e) = events::emit::<HandoffOpenedEvent, _>(app, &payload) {
        tracing::warn!(error = %e, "could not send the hand-off to the window");
    }
    let now = match app.try_state::<Handoffs>() {
        Some(handoffs) => handoffs.arrive(payload),
        None => vec![payload],
    };
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        for opened in &now {
            push(window.as_ref(), opened);
        }
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

/// The hand-off the app was started with, checked (logged when the page is given it, by
/// [`Handoffs::launch_given`]): a `psa-connect://` link as its only argument (how Linux and Windows pass a
/// clicked link, as the deep-link plugin reads it) or a hand-off file's path (a double-click). macOS sends
/// both as events instead, which wait for the page as any other arrival.
pub fn launch_handoff() -> Option<HandoffOpened> {
    launch_handoff_in(std::env::args_os().collect(), &std::env::current_dir().unwrap_or_default())
}

/// [`launch_handoff`] for this command line (program name first) and working directory.
fn launch_handoff_in(args: Vec<std::ffi::OsString>, cwd: &Path) -> Option<HandoffOpened> {
    if let [_, only] = args.as_slice() {
        if let Some(link) = only.to_str().filter(|a| is_handoff_link(a)) {
            return Some(check(link));
        }
    }
    handoff_file::file_argument(args, cwd).map(|path| checked_file(&path))
}

/// The window starts the wizard on the hand-off it was given last (by `handoff_parse`, the start-up answers
/// or a push): its zone or site becomes the session's, so the test connects where the support agent said
/// without the window sending an address. A draft without one leaves the location unknown.
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
    let result = checked_file(path);
    log_outcome(&result);
    result
}

/// A hand-off file, read and checked (not logged); an unreadable file is an error that says so.
fn checked_file(path: &Path) -> HandoffOpened {
    match handoff_file::read(path) {
        Ok(text) => check(&text),
        Err(e) => Err::<HandoffDraft, _>(e).into(),
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
mod tests;
