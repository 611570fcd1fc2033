//! Which URLs the client may contact, and how calls are grouped per endpoint for the in-flight limit.

use url::Url;

use crate::error::{ErrorCode, PsaError};

/// `host/entity` for `…/V1.0/Companies/query` → `host/companies`; ConnectWise's `…/apis/3.0/company/contacts/count`
/// → `host/company/contacts`. Paths without a version segment use their last segment.
pub fn endpoint_key(url: &Url) -> String {
    let segs: Vec<&str> = url.path_segments().map(|s| s.filter(|x| !x.is_empty()).collect()).unwrap_or_default();
    let pos = segs.iter().position(|s| s.eq_ignore_ascii_case("v1.0"));
    let cw = segs.windows(2).position(|w| w[0].eq_ignore_ascii_case("apis") && w[1] == "3.0");
    let joined;
    let entity = match (pos, cw) {
        (Some(i), _) => segs.get(i + 1).copied().unwrap_or(""),
        (None, Some(i)) => {
            joined = segs.iter().skip(i + 2).take(2).copied().collect::<Vec<_>>().join("/");
            joined.as_str()
        }
        (None, None) => segs.last().copied().unwrap_or(""),
    };
    format!(
        "{}:{}/{}",
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0),
        entity.to_ascii_lowercase()
    )
}

pub fn is_loopback_host(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

/// https only to the allowed host suffixes; plain http (and https) to loopback for tests and demos.
pub fn check_url_policy(url: &Url, allowed_https_suffixes: &[String]) -> Result<(), PsaError> {
    let scheme = url.scheme();
    if (scheme == "http" || scheme == "https") && is_loopback_host(url) {
        return Ok(());
    }
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    if scheme == "https" && url.username().is_empty() && url.password().is_none() {
        let allowed = allowed_https_suffixes.iter().any(|s| {
            let s = s.to_ascii_lowercase();
            let bare = s.trim_start_matches('.');
            host == bare || host.ends_with(&format!(".{bare}"))
        });
        if allowed {
            return Ok(());
        }
        return Err(PsaError::new(
            ErrorCode::InsecureUrl,
            format!("PSA Connect only talks to the PSA's own servers, and {host} is not one of them."),
            "Use the address Autotask gives (a webservicesN.autotask.net or wwN.autotask.net address).",
        )
        .with_details(format!("refused host {host}")));
    }
    Err(PsaError::new(
        ErrorCode::InsecureUrl,
        format!("The address {host} would be contacted without encryption (or with an unsupported scheme)."),
        "Use an https:// address. Plain http is only allowed to this computer (127.0.0.1) for tests and demos.",
    )
    .with_details(format!("refused {scheme}://{host}")))
}
