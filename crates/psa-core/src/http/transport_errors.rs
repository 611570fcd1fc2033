//! Transport failures (cancelled, timed out, too large, refused, DNS, TLS) as `PsaError`s with a fix a
//! partner can act on.

use crate::error::{ErrorCode, PsaError};

pub(super) fn cancelled() -> PsaError {
    PsaError::new(ErrorCode::Cancelled, "The check was cancelled.", "Start it again when you are ready.")
}

pub(super) fn too_large(host: &str, cap: usize) -> PsaError {
    PsaError::new(
        ErrorCode::ResponseTooLarge,
        format!("The server at {host} sent a far larger answer than an Autotask API call produces."),
        "Check that the address points to the Autotask API (webservicesN.autotask.net) and not to a web page or proxy.",
    )
    .with_details(format!("response exceeded {cap} bytes"))
}

pub(super) fn timeout_error(host: &str) -> PsaError {
    PsaError::new(
        ErrorCode::NetworkTimeout,
        format!("{host} did not answer in time."),
        "Check your internet connection and any proxy or firewall, then try again. Autotask can be slow when the API is busy.",
    )
    .with_details(format!("timeout talking to {host}"))
}

/// Maps reqwest's error to a transport code by walking its source chain (reqwest exposes no structured
/// DNS/TLS kinds).
pub fn map_reqwest_error(e: &reqwest::Error, host: &str) -> PsaError {
    let mut chain = Vec::new();
    let mut cur: Option<&dyn std::error::Error> = Some(e);
    let mut refused = false;
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            refused |= io.kind() == std::io::ErrorKind::ConnectionRefused;
        }
        chain.push(err.to_string());
        cur = err.source();
    }
    let text = chain.join(": ");
    let lower = text.to_ascii_lowercase();
    // The URL in reqwest's message carries no secret (auth goes in headers); keep it for support.
    let details = text.clone();
    if e.is_timeout() {
        return timeout_error(host).with_details(details);
    }
    if refused || lower.contains("connection refused") {
        return PsaError::new(
            ErrorCode::NetworkRefused,
            format!("{host} refused the connection."),
            "Check the address and that a firewall or proxy is not blocking it. If you typed a zone by hand, use the zone lookup instead.",
        )
        .with_details(details);
    }
    if lower.contains("dns error")
        || lower.contains("failed to lookup address")
        || lower.contains("name or service not known")
    {
        return PsaError::new(
            ErrorCode::NetworkDns,
            format!("The name {host} could not be found."),
            "Check your internet connection and DNS settings, and check the address for typos.",
        )
        .with_details(details);
    }
    let tls_words = ["tls", "ssl", "certificate", "handshake", "invalidcontenttype", "corrupt message", "rustls"];
    if tls_words.iter().any(|w| lower.contains(w)) {
        return PsaError::new(
            ErrorCode::NetworkTls,
            format!("A secure connection to {host} could not be set up."),
            "A proxy or security product may be intercepting HTTPS. Ask IT to allow *.autotask.net, or try another network.",
        )
        .with_details(details);
    }
    PsaError::new(
        ErrorCode::NetworkOther,
        format!("The connection to {host} failed."),
        "Check your internet connection, proxy and firewall, then try again.",
    )
    .with_details(details)
}
