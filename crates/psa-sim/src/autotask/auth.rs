//! The three authentication headers and Autotask's answers when they don't fit (psa-api.md §A2).
//! Header names are case-insensitive by HTTP (the `http` crate lower-cases them), so `APIIntegrationcode`,
//! `Username` etc. all work as they do against the real service.

use axum::http::HeaderMap;

use crate::sim_common::header;

use super::config::{TenantDef, UserDef, UserStatus};
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

/// Order of checks: user known in this zone → secret → account state → tracking identifier.
pub(crate) fn authenticate<'a>(shared: &'a Shared, zone: u32, headers: &HeaderMap) -> Result<Caller<'a>, Reply> {
    let username = header(headers, "username").unwrap_or("");
    let secret = header(headers, "secret").unwrap_or("");
    let user = shared
        .cfg
        .users
        .iter()
        .find(|u| u.username.eq_ignore_ascii_case(username))
        .ok_or_else(|| unauthorized(shared))?;
    let tenant = shared.cfg.tenants.iter().find(|t| t.ci == user.ci).ok_or_else(|| unauthorized(shared))?;
    // After a zone move the old zone no longer knows the tenant: a plain 401, which is what makes clients
    // re-detect the zone.
    if shared.tenant_zone(tenant.ci) != Some(zone) {
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
    let code = header(headers, "apiintegrationcode").unwrap_or("");
    let code_ok = shared.cfg.vendor_codes.iter().any(|c| c == code) || tenant.custom_codes.iter().any(|c| c == code);
    if !code_ok {
        return Err(Reply::error(500, fx::MSG_INTEGRATION_CODE_INVALID));
    }
    Ok(Caller { user, tenant })
}
