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
