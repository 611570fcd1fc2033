//! Commands about the app itself: what it is talking to, links out, forgetting the session.

use psa_core::autotask::{AutotaskEndpoints, PRODUCTION_ZONE_LOOKUP_URL};
use psa_core::connectwise::CwEndpoints;
use psa_core::model::AppInfo;
use psa_core::PsaError;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_opener::OpenerExt;
use url::Url;

use crate::error::{internal, CmdResult};
use crate::state::Session;

#[tauri::command]
pub fn app_info<R: Runtime>(app: AppHandle<R>, session: State<'_, Session>) -> AppInfo {
    app_info_of(app.package_info().version.to_string(), session.endpoints(), session.cw_endpoints())
}

/// What `app_info` answers; also handed to the page before its script runs (`crate::startup`).
pub fn app_info_of(version: String, autotask: &AutotaskEndpoints, connectwise: &CwEndpoints) -> AppInfo {
    let url = autotask.zone_lookup_url.clone();
    AppInfo {
        version,
        zone_lookup_overridden: url != PRODUCTION_ZONE_LOOKUP_URL,
        connectwise_cloud_url: connectwise.cloud_override.clone(),
        zone_lookup_url: url,
    }
}

/// The first screen is painted and can be clicked (`ui_ms`: the page's own clock at that moment). A page
/// that has its start-up answers reports this by navigating to `crate::startup::ready_url` instead (no
/// command before a click); a reloaded page, which has none, calls this. See `crate::startup`.
#[tauri::command]
pub fn app_ready(ui_ms: f64) {
    crate::startup::report_ready(ui_ms);
}

#[tauri::command]
pub fn session_clear(session: State<'_, Session>) {
    session.clear_credentials();
}

#[tauri::command]
pub fn cancel_operation(session: State<'_, Session>, op_id: String) {
    session.cancel(&op_id);
}

/// Opens the web root of the session's Autotask zone in the user's browser ("Open Autotask" on the API user
/// step). The page asks for it by name; the address is the session's, so the webview cannot open others.
#[tauri::command]
pub fn autotask_open_web<R: Runtime>(app: AppHandle<R>, session: State<'_, Session>) -> CmdResult<()> {
    let zone = session.zone().ok_or_else(|| {
        PsaError::invalid_input(
            "PSA Connect does not know your Autotask zone yet.",
            "Open the Zone step to find it, or log into Autotask in your browser yourself.",
        )
    })?;
    let url = checked_external_url(&format!("{}/", zone.web_url.trim_end_matches('/')))?;
    app.opener().open_url(url.as_str(), None::<&str>).map_err(|e| internal("opening the browser", e))
}

/// What the app opens in the browser: only https, or plain http to this machine (the simulator in demos),
/// never other schemes or programs.
pub fn checked_external_url(input: &str) -> CmdResult<Url> {
    let refused = || {
        PsaError::invalid_input(
            "PSA Connect only opens secure web addresses (https://) in the browser.",
            "Copy the address and open it in your browser yourself if you trust it.",
        )
        .with_details(format!("refused URL: {}", input.trim()))
    };
    let url = Url::parse(input.trim()).map_err(|_| refused())?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refused());
    }
    let loopback = match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match url.scheme() {
        "https" if url.host().is_some() => Ok(url),
        "http" if loopback => Ok(url),
        _ => Err(refused()),
    }
}

#[cfg(test)]
mod tests {
    use super::checked_external_url;

    #[test]
    fn https_and_loopback_http_are_allowed() {
        assert!(checked_external_url("https://ww14.autotask.net/Mvc/Framework/").is_ok());
        assert!(checked_external_url("  http://127.0.0.1:8787/ww14/ ").is_ok());
        assert!(checked_external_url("http://localhost:1420/").is_ok());
        assert!(checked_external_url("http://[::1]/").is_ok());
    }

    #[test]
    fn everything_else_is_refused_as_invalid_input() {
        for bad in [
            "http://ww14.autotask.net/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ftp://example.com/",
            "https://user:pw@example.com/",
            "http://127.0.0.1.example.com/",
            "not a url",
            "",
        ] {
            let e = checked_external_url(bad).expect_err(bad);
            assert_eq!(e.code, psa_core::ErrorCode::InvalidInput, "{bad}");
        }
    }
}
