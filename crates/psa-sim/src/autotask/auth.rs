//! The three authentication headers and Autotask's answers when they don't fit (psa-api.md §A2).
//! Header names are case-insensitive by HTTP (the `http` crate lower-cases them), so `APIIntegrationcode`,
//! `Username` etc. all work as they do against the real service.
//!
//! Only a wrong secret and an unknown user are documented as 401 ([AT-RESTAUTH]); the answers to a locked,
//! inactive or not-API user, a code of another vendor and a missing code are UNCONFIRMED, so each has a
//! [`RefusalStyle`]: a distinct text, or the same bare 401 a wrong secret gets.

use axum::http::HeaderMap;

use crate::sim_common::header;

use super::config::{RefusalStyle, TenantDef, UserDef, UserStatus};
use super::fixtures as fx;
use super::reply::Reply;
use super::Shared;

pub(crate) struct Caller<'a> {
    pub user: &'a UserDef,
    pub tenant: &'a TenantDef,
}

fn unauthorized(shared: &Shared) -> Reply {
    if shared.cfg.empty_401_body {
        Reply::empty(401)
    } else {
        Reply::error(401, fx::MSG_UNAUTHORIZED)
    }
}

fn refuse(shared: &Shared, style: RefusalStyle, worded: Reply) -> Reply {
    match style {
        RefusalStyle::Worded => worded,
        RefusalStyle::Bare401 => unauthorized(shared),
    }
}

/// Order of checks: user known in this zone → (bare: account state) → secret → account state → tracking
/// identifier.
pub(crate) fn authenticate<'a>(shared: &'a Shared, zone: u32, headers: &HeaderMap) -> Result<Caller<'a>, Reply> {
    let cfg = &shared.cfg;
    let username = header(headers, "username").unwrap_or("");
    let secret = header(headers, "secret").unwrap_or("");
    let user =
        cfg.users.iter().find(|u| u.username.eq_ignore_ascii_case(username)).ok_or_else(|| unauthorized(shared))?;
    let tenant = cfg.tenants.iter().find(|t| t.ci == user.ci).ok_or_else(|| unauthorized(shared))?;
    // After a zone move the old zone no longer knows the tenant: a plain 401, which is what makes clients
    // re-detect the zone.
    if shared.tenant_zone(tenant.ci) != Some(zone) {
        return Err(unauthorized(shared));
    }
    // A bare refusal says nothing, so it does not depend on the secret either.
    if user.status != UserStatus::Active && cfg.account_refusal == RefusalStyle::Bare401 {
        return Err(unauthorized(shared));
    }
    if user.secret != secret {
        return Err(unauthorized(shared));
    }
    match user.status {
        UserStatus::Active => {}
        UserStatus::NotApiUser => return Err(Reply::error(401, fx::MSG_NOT_API_USER)),
        UserStatus::Locked => return Err(Reply::error(401, fx::MSG_LOCKED)),
        UserStatus::Inactive => return Err(Reply::error(401, fx::MSG_INACTIVE)),
    }
    let invalid = || Reply::error(500, fx::MSG_INTEGRATION_CODE_INVALID);
    let code = header(headers, "apiintegrationcode").unwrap_or("").trim();
    if code.is_empty() {
        return Err(refuse(shared, cfg.missing_code_refusal, invalid()));
    }
    if !cfg.vendor_codes.iter().any(|c| c == code) && !tenant.custom_codes.iter().any(|c| c == code) {
        return Err(invalid());
    }
    // A known code, but the API user is tied to another identifier (psa-api.md §A2 [CLOUDDEPOT-CREDS]).
    if user.tracking_id.as_deref().is_some_and(|t| t != code) {
        return Err(refuse(shared, cfg.foreign_code_refusal, invalid()));
    }
    Ok(Caller { user, tenant })
}
