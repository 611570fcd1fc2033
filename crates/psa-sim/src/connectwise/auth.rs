//! The clientId header, then Basic authentication `company+publicKey:privateKey` (psa-api.md §B1). The
//! clientId is checked first: a request without one never reaches the key check.

use axum::http::HeaderMap;

use crate::sim_common::header;

use super::config::{ClientIdError, CwLocation, CwMemberDef, CwTenantDef};
use super::fixtures as fx;
use super::reply::Reply;
use super::Shared;

pub(crate) struct Caller<'a> {
    pub member: &'a CwMemberDef,
    pub tenant: &'a CwTenantDef,
}

/// `host`: the tenant location the request arrived at (`Cloud{region}` or `SelfHosted`).
pub(crate) fn authenticate<'a>(
    shared: &'a Shared,
    host: &CwLocation,
    headers: &HeaderMap,
) -> Result<Caller<'a>, Reply> {
    let client_id = header(headers, "clientid").unwrap_or("");
    if !shared.cfg.client_ids.iter().any(|c| !client_id.is_empty() && c.eq_ignore_ascii_case(client_id)) {
        return Err(match shared.cfg.client_id_error {
            ClientIdError::Unauthorized401 => Reply::error(401, "Unauthorized", fx::MSG_CLIENT_ID_MISSING),
            ClientIdError::Forbidden403 => Reply::error(403, "Forbidden", fx::MSG_CLIENT_ID_INVALID),
            ClientIdError::Forbidden403Unworded => Reply::error(403, "Forbidden", fx::MSG_FORBIDDEN_PLAIN),
        });
    }
    let decoded = header(headers, "authorization")
        .and_then(|v| v.strip_prefix("Basic ").or_else(|| v.strip_prefix("basic ")))
        .and_then(|b| base64_decode(b.trim()))
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or_else(Reply::unauthorized)?;
    let (user, private_key) = decoded.split_once(':').ok_or_else(Reply::unauthorized)?;
    let (company, public_key) = user.split_once('+').ok_or_else(Reply::unauthorized)?;
    let member = shared.cfg.members.iter().find(|m| m.public_key == public_key).ok_or_else(Reply::unauthorized)?;
    if !member.company_id.eq_ignore_ascii_case(company) || member.private_key != private_key {
        return Err(Reply::unauthorized());
    }
    let tenant = shared.cfg.tenant(&member.company_id).ok_or_else(Reply::unauthorized)?;
    // A cloud host serves only the companies of its region; keys sent to another region are unknown there.
    if tenant.location != *host {
        return Err(Reply::unauthorized());
    }
    Ok(Caller { member, tenant })
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding, as HTTP Basic uses it; `None` for anything malformed.
pub fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The `Authorization` header value for a fixture key (tests building raw requests).
pub fn basic_auth_value(keys: &fx::CwKeys) -> String {
    let raw = format!("{}+{}:{}", keys.company_id, keys.public_key, keys.private_key);
    format!("Basic {}", base64_encode(raw.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for s in ["", "f", "fo", "foo", "foob", "contoso+Pub:Priv-1"] {
            assert_eq!(base64_decode(&base64_encode(s.as_bytes())).unwrap(), s.as_bytes());
        }
        assert_eq!(base64_encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64_encode(b"fo"), "Zm8=");
        assert!(base64_decode("Zm9v!").is_none());
    }
}
