//! What the Autotask and ConnectWise simulators have in common, kept in one place so a fix to the plumbing
//! reaches both. What a PSA says (its error envelope, routes, fixtures) stays in its own simulator.

pub(crate) mod controls;
pub(crate) mod faults;
pub(crate) mod gauge;
pub(crate) mod lcg;
pub(crate) mod records;
pub(crate) mod reply;
pub(crate) mod serve;

use axum::http::HeaderMap;

/// A request header as text without surrounding white space; `None` when absent or not visible ASCII.
pub(crate) fn header<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim)
}
