//! Fresh identifiers for profiles, keychain self-tests and operations. A leaf module, so the keychain
//! and the profile store can both use it without importing each other.

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
