//! Hand-offs in the app: what a support agent prepared for a partner, without the secret. The agent creates
//! one ([`handoff_create`]: a `*.psaconnect` file and a `psa-connect://` link); the partner's app receives
//! it and opens the wizard on it. Thin adapters over `psa_core::support::handoff`. The last hand-off shown to
//! the window stays here, so the window only says "open it", never sends its zone or site back.
//!
//! A link reaches the app in one of two ways: as the command line of a first start ([`launch_handoff`],
//! handed to the page with its start-up answers, `crate::startup`), or, while the app runs, through the
//! single-instance plugin, which hands it to the deep-link plugin, whose `deep-link://new-url` event [`plugin`]
//! turns into a `handoff-opened` event and a push to the page ([`push_script`]). A hand-off *file* comes the
//! same two ways, as a path on the command line. Either way the UI gets a checked, secret-free draft or an
//! error.
//!
//! The page neither listens to the event nor asks for arrivals: a listener set up from the page makes Tauri
//! run a script in the webview whose answer starts a JavaScript engine in the app process (about 4 MB), and a
//! request waiting for the next hand-off is a command, and the first command a page sends loads WebKit's
//! fetch machinery into the web process (about 1 MB; README "Start-up and memory"). A hand-off that arrives
//! is rare, so it pays: the app runs one small script in the page.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
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

/// Where hand-offs stand in this run: whether the first-start link was given, and the draft the window was
/// given last.
#[derive(Default)]
pub struct Handoffs {
    pending_taken: AtomicBool,
    last_draft: Mutex<Option<HandoffDraft>>,
}

impl Handoffs {
    /// Remembers a draft about to be shown, for [`handoff_open`]; a refused hand-off leaves the last one.
    fn shown(&self, opened: &HandoffOpened) {
        if let Some(draft) = &opened.draft {
            *lock(&self.last_draft) = Some(draft.clone());
        }
    }

    /// The launch hand-off was given to the page with its start-up answers: [`handoff_pending`] (which a
    /// reloaded page asks) must not give it again. Its draft is the one [`handoff_open`] opens.
    pub fn mark_pending_taken(&self) {
        self.pending_taken.store(true, Ordering::SeqCst);
    }

    /// Records the launch hand-off handed to the page in its start-up answers.
    pub fn launch_shown(&self, opened: &HandoffOpened) {
        self.mark_pending_taken();
        self.shown(opened);
    }
}

/// The script that hands one arrival to the page: it joins `window.__PSA_HANDOFFS__` and a `psa-handoff`
/// event says so (`ui/src/support/handoff.ts`). A script the app runs before the page's own (wry runs scripts
/// sent during a load when the page is committed) leaves it in the list, where the page finds it at start.
pub fn push_script(opened: &HandoffOpened) -> String {
    // JSON is a JavaScript expression; serde_json escapes nothing a script could break out of here, since
    // the text is run as a script, not placed in HTML.
    let json = serde_json::to_string(opened).unwrap_or_else(|_| "null".into());
    format!(
        "(window.__PSA_HANDOFFS__ = window.__PSA_HANDOFFS__ || []).push({json}); \
         window.dispatchEvent(new Event(\"psa-handoff\"));"
    )
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
        // The page shows the newest arrival last, so the newest is what `handoff_open` opens.
        handoffs.shown(&payload);
    }
    if let Err(e) = events::emit::<HandoffOpenedEvent, _>(app, &payload) {
        tracing::warn!(error = %e, "could not send the hand-off to the window");
    }
    if let Some(window) = app.get_webview_window("main") {
        if let Err(e) = window.eval(push_script(&payload)) {
            tracing::warn!(error = %e, "could not hand the hand-off to the page");
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

/// The link the app was started with, once per run; `None` when there was none (or it was taken, also by the
/// page's start-up answers). A reloaded page asks; a first start finds it in its start-up answers.
#[tauri::command]
pub fn handoff_pending<R: Runtime>(app: AppHandle<R>, handoffs: State<'_, Handoffs>) -> Option<HandoffOpened> {
    if handoffs.pending_taken.swap(true, Ordering::SeqCst) {
        return None;
    }
    let opened = pending_link(&app);
    if let Some(o) = &opened {
        handoffs.shown(o);
    }
    opened
}

/// The hand-off the app was started with, checked: a `psa-connect://` link as its only argument (how Linux and
/// Windows pass a clicked link, as the deep-link plugin reads it) or a hand-off file's path (a double-click).
/// macOS delivers both as an event after start instead, which reaches the page as any other arrival.
pub fn launch_handoff() -> Option<HandoffOpened> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let [_, only] = args.as_slice() {
        if let Some(link) = only.to_str().filter(|a| is_handoff_link(a)) {
            return Some(opened(link));
        }
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    handoff_file::file_argument(args, &cwd).map(|path| opened_file(&path))
}

/// The window starts the wizard on the hand-off it was given last (by `handoff_parse`, `handoff_pending`, the
/// start-up answers or a push): its zone or site becomes the session's, so the test connects where the
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

    fn refused(message: &str) -> HandoffOpened {
        Err::<HandoffDraft, _>(PsaError::internal(message)).into()
    }

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

    #[test]
    fn the_pushed_script_carries_the_hand_off_as_json_into_the_pages_list() {
        let script = push_script(&draft("a@example.com"));
        let json = script
            .strip_prefix("(window.__PSA_HANDOFFS__ = window.__PSA_HANDOFFS__ || []).push(")
            .and_then(|s| s.split_once("); window.dispatchEvent(new Event(\"psa-handoff\"));"))
            .map(|(json, rest)| {
                assert_eq!(rest, "", "{script}");
                json
            })
            .unwrap_or_else(|| panic!("unexpected script: {script}"));
        let back: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(back["draft"]["profile"]["connection"]["username"], "a@example.com");
        let refused_script = push_script(&refused("no </script> \u{2028} here"));
        assert!(refused_script.contains("\"error\""), "{refused_script}");
    }

    #[test]
    fn the_launch_hand_off_counts_as_given_and_is_the_one_opened() {
        let handoffs = Handoffs::default();
        assert_eq!(last_name(&handoffs), None);
        handoffs.launch_shown(&draft("a@example.com"));
        assert!(handoffs.pending_taken.load(Ordering::SeqCst));
        assert_eq!(last_name(&handoffs).as_deref(), Some("a@example.com"));
        // A refused one shown later leaves the draft to open as it was.
        handoffs.shown(&refused("bad link"));
        assert_eq!(last_name(&handoffs).as_deref(), Some("a@example.com"));
        handoffs.shown(&draft("b@example.com"));
        assert_eq!(last_name(&handoffs).as_deref(), Some("b@example.com"));
    }
}
