//! The wizard's last step, "Enter it in <vendor>": the vendor's form (from the template) and a Copy button per
//! value. Every copy is composed here and written to the system clipboard through Tauri's clipboard plugin,
//! so a value holding the secret never reaches the webview. A copied secret is taken off the clipboard after
//! `psa_core::portal::clipboard_clear_secs()` seconds, unless something else was copied meanwhile.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use psa_core::model::Psa;
use psa_core::portal::{self, PortalCopied, PortalFacts, PortalView};
use psa_core::templates::{self, PortalValue};
use psa_core::{ErrorCode, PsaError, Secret};
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::error::CmdResult;
use crate::state::Session;

/// Which copy of a secret is the latest: an older timer must not clear a newer copy early.
#[derive(Default)]
pub struct ClipboardWatch {
    generation: AtomicU64,
}

/// The vendor's form for this session's connection. The page names the template only: the login, the zone
/// or site and the secret are the session's.
#[tauri::command]
pub fn portal_view(session: State<'_, Session>, template_id: String) -> CmdResult<PortalView> {
    let template = templates::get(&template_id)?;
    let (psa, facts, _) = session_facts(&session)?;
    portal::view(&template, psa, &facts)
}

#[tauri::command]
pub async fn portal_copy<R: Runtime>(
    app: AppHandle<R>,
    session: State<'_, Session>,
    template_id: String,
    value: PortalValue,
) -> CmdResult<PortalCopied> {
    let template = templates::get(&template_id)?;
    let (psa, facts, secret) = session_facts(&session)?;
    // Only fields the vendor's form asks for can be copied.
    let asked = portal::plan(&template, psa).is_some_and(|p| p.items.iter().any(|i| i.value == Some(value)));
    if !asked {
        return Err(PsaError::invalid_input(
            "That value is not part of this vendor's form.",
            "Copy the values listed on this step.",
        ));
    }
    let secret = value.holds_secret().then_some(secret);
    let text = portal::compose(value, &facts, secret.as_ref())?;
    let clipboard = app.clipboard();
    let written =
        if value.holds_secret() { clipboard.write_secret(text.as_str()) } else { clipboard.write_text(text.as_str()) };
    written.map_err(clipboard_failed)?;
    tracing::info!(template = %template_id, field = ?value, secret = value.holds_secret(), "vendor portal value copied");

    let watch = app.state::<Arc<ClipboardWatch>>().inner().clone();
    let generation = watch.generation.fetch_add(1, Ordering::SeqCst) + 1;
    if !value.holds_secret() {
        return Ok(PortalCopied { value, secret: false, clears_after_secs: 0 });
    }
    let secs = portal::clipboard_clear_secs();
    let written = Secret::new(text);
    let handle = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(Duration::from_secs(secs)).await;
        // A later copy (secret or not) owns the clipboard now.
        if watch.generation.load(Ordering::SeqCst) != generation {
            return;
        }
        // Reading the clipboard must not happen on the main thread (the plugin's warning); this is a worker.
        let _ = tauri::async_runtime::spawn_blocking(move || {
            let clipboard = handle.clipboard();
            let current = clipboard.read_text().ok();
            if should_clear(current.as_deref(), written.expose()) {
                match clipboard.clear() {
                    Ok(()) => tracing::info!("copied secret cleared from the clipboard"),
                    Err(e) => tracing::warn!(error = %e, "could not clear the clipboard"),
                }
            } else {
                tracing::info!("clipboard changed since the secret was copied; left alone");
            }
        })
        .await;
    });
    Ok(PortalCopied { value, secret: true, clears_after_secs: secs })
}

/// Clear only what we wrote: if the partner copied something else meanwhile, that stays.
pub fn should_clear(current: Option<&str>, written: &str) -> bool {
    current == Some(written)
}

/// What the vendor's values are made from, all this session's: the login and secret it holds (typed in the
/// wizard, or read from the keychain when a saved connection was opened) and the zone or site it found.
fn session_facts(session: &Session) -> CmdResult<(Psa, PortalFacts, Secret)> {
    let creds = session.credentials().ok_or_else(not_held)?;
    let mut connection = creds.connection();
    session.place(&mut connection);
    Ok((creds.psa(), portal::facts_of(&connection), creds.secret().clone()))
}

fn not_held() -> PsaError {
    PsaError::new(
        ErrorCode::SecretNotHeld,
        "PSA Connect does not hold the secret for this login right now.",
        "Go back to the secret step and enter it again, or open the saved connection from the home screen so \
         PSA Connect reads it from the keychain.",
    )
}

fn clipboard_failed(e: impl std::fmt::Display) -> PsaError {
    PsaError::new(
        ErrorCode::ClipboardFailed,
        "PSA Connect could not put the value on the clipboard.",
        "Try Copy again. On Linux, the clipboard needs a desktop session (X11 or Wayland).",
    )
    .with_details(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_own_copy_is_cleared() {
        assert!(should_clear(Some("user:s3cret"), "user:s3cret"));
        assert!(!should_clear(Some("something else"), "user:s3cret"));
        assert!(!should_clear(None, "user:s3cret"));
    }
}
