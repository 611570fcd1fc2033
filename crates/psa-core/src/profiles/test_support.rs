//! Shared fixtures for the profile unit tests.

use super::ops::ProfileInput;
use super::store::ProfileStore;
use crate::connection::Connection;
use crate::model::{AutotaskZone, FilterSet, ZoneSource};

pub(crate) fn zone(ci: i64) -> AutotaskZone {
    AutotaskZone {
        zone_name: "AE14".into(),
        api_url: "https://webservices14.autotask.net/ATServicesRest/V1.0".into(),
        web_url: "https://ww14.autotask.net".into(),
        ci: Some(ci),
        source: ZoneSource::Detected,
    }
}

pub(crate) fn input(name: &str) -> ProfileInput {
    ProfileInput {
        name: name.into(),
        template: "generic-autotask".into(),
        connection: Connection::autotask(
            format!("{}@example.com", name.to_lowercase().replace(' ', "-")),
            "TRACKING-ID-1",
            Some(zone(777)),
        ),
        filters: FilterSet { company_types: vec!["1".into()], ..Default::default() },
        settings: Default::default(),
        notes: "note".into(),
    }
}

pub(crate) fn temp_store() -> (tempfile::TempDir, ProfileStore) {
    let dir = tempfile::tempdir().unwrap();
    let store = ProfileStore::new(dir.path().join("data"));
    (dir, store)
}

/// Runs `work` on a copy of `store` that waits 100 ms for the lock, while another writer holds the lock: every
/// write in `work` times out with `profile_store_locked`, and reads go on.
pub(crate) fn while_locked<T>(store: &ProfileStore, work: impl FnOnce(&ProfileStore) -> T) -> T {
    let (held_tx, held_rx) = std::sync::mpsc::channel();
    let (release_tx, release_rx) = std::sync::mpsc::channel::<()>();
    let holder = store.clone();
    let t = std::thread::spawn(move || {
        holder
            .modify(|_| {
                held_tx.send(()).unwrap();
                release_rx.recv().unwrap();
                Ok(())
            })
            .unwrap();
    });
    held_rx.recv().unwrap();
    let out = work(&store.clone().with_lock_wait(std::time::Duration::from_millis(100)));
    release_tx.send(()).unwrap();
    t.join().unwrap();
    out
}
