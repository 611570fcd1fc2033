//! Fresh identifiers for profiles, keychain self-tests and operations, and the shape of the identifiers others
//! issue (a ConnectWise clientId). A leaf module, so the keychain, the profile store, the template packs and
//! the ConnectWise client can all use it without importing each other.

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use time::OffsetDateTime;

/// A fresh random-looking identifier (16 hex digits), unique across processes without extra dependencies.
pub fn new_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(OffsetDateTime::now_utc().unix_timestamp_nanos() as u128);
    h.write_u32(std::process::id());
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    format!("{:016x}", h.finish())
}

/// The compile-time setting a vendor's own build of PSA Connect uses to embed its registered clientId.
pub const BUILD_CLIENT_ID_ENV: &str = "PSA_CONNECT_CW_CLIENT_ID";

/// The clientId embedded at build time, if any (psa-core's build script refuses a value that is not a GUID).
pub fn build_client_id() -> Option<&'static str> {
    option_env!("PSA_CONNECT_CW_CLIENT_ID").map(str::trim).filter(|id| is_guid(id))
}

/// `8-4-4-4-12` hexadecimal digits, the form ConnectWise issues clientIds in.
pub fn is_guid(id: &str) -> bool {
    id.len() == 36
        && id
            .chars()
            .enumerate()
            .all(|(i, c)| if [8, 13, 18, 23].contains(&i) { c == '-' } else { c.is_ascii_hexdigit() })
}
