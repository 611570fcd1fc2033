//! What the release before `Connection` wrote still works: its profile store is migrated on first read (a
//! backup kept until the new file reads back), and its exports and hand-offs still import. The documents are
//! real ones, written by that release (`tests/fixtures/format-v1/README.md`).

use std::fs;
use std::path::{Path, PathBuf};

use psa_core::connection::{AutotaskConnection, Connection, ConnectwiseConnection};
use psa_core::profiles::{transfer, ImportOptions, ProfileStore, STORE_VERSION};
use psa_core::support::handoff::{self, WizardStep};
use psa_core::ErrorCode;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/format-v1").join(name)
}

fn read(name: &str) -> String {
    fs::read_to_string(fixture(name)).unwrap()
}

fn v1_store() -> (tempfile::TempDir, ProfileStore) {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixture("profiles.json"), dir.path().join("profiles.json")).unwrap();
    let store = ProfileStore::new(dir.path());
    (dir, store)
}

fn cw(c: &Connection) -> &ConnectwiseConnection {
    match c {
        Connection::Connectwise(c) => c,
        other => panic!("not ConnectWise: {other:?}"),
    }
}

fn at(c: &Connection) -> &AutotaskConnection {
    match c {
        Connection::Autotask(a) => a,
        other => panic!("not Autotask: {other:?}"),
    }
}

#[test]
fn the_old_store_is_migrated_on_first_read_and_loses_nothing() {
    let (dir, store) = v1_store();
    let old: serde_json::Value = serde_json::from_str(&read("profiles.json")).unwrap();
    let profiles = store.list().unwrap();
    assert_eq!(profiles.len(), 3);

    // Every field outside the connection is kept as it was, the keychain reference above all.
    for (p, o) in profiles.iter().zip(old["profiles"].as_array().unwrap()) {
        assert_eq!(p.id, o["id"].as_str().unwrap());
        assert_eq!(p.name, o["name"].as_str().unwrap());
        assert_eq!(p.template, o["template"].as_str().unwrap());
        assert_eq!(p.secret_ref.as_deref(), o["secretRef"].as_str());
        assert_eq!(p.notes, o["notes"].as_str().unwrap());
        assert_eq!(serde_json::to_value(&p.filters).unwrap(), o["filters"]);
        assert_eq!(serde_json::to_value(&p.last_check).unwrap(), o["lastCheck"]);
        let created = o["createdAt"].as_str().unwrap();
        assert_eq!(
            p.created_at,
            time::OffsetDateTime::parse(created, &time::format_description::well_known::Rfc3339).unwrap()
        );
    }

    // Autotask keeps its names and zone; ConnectWise gets its own, with the company from the saved site.
    let a = at(&profiles[0].connection);
    assert_eq!(a.username, "sim.full@contoso.example");
    assert_eq!(a.integration_code, "SIMVENDOR7QXK2M4PZ8RT3WB6HJ");
    assert_eq!(a.zone.as_ref().unwrap().ci, Some(100014));
    let c = cw(&profiles[1].connection);
    assert_eq!(c.company_id, "contoso");
    assert_eq!(c.public_key, "SimGoodPub4f9a2c");
    assert_eq!(c.client_id, "5b0c6f0e-2f4d-4a8e-9c53-7c1d2a9e4b61");
    assert_eq!(c.site.as_ref().unwrap().codebase, "v2025_1/");
    assert_eq!(at(&profiles[2].connection).zone.as_ref().unwrap().source, psa_core::model::ZoneSource::Manual);

    // The file is now format 2, and the backup went once the new file read back.
    let raw: serde_json::Value = serde_json::from_slice(&fs::read(store.file_path()).unwrap()).unwrap();
    assert_eq!(raw["version"], STORE_VERSION);
    assert_eq!(raw["profiles"][1]["connection"]["publicKey"], "SimGoodPub4f9a2c");
    assert!(raw["profiles"][1].get("username").is_none());
    assert!(!store.backup_path(1).exists());
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(
        leftovers.iter().all(|n| n == "profiles.json" || n == "profiles.lock"),
        "only the store and its lock remain: {leftovers:?}"
    );

    // A second start reads the migrated file as it is.
    let again = ProfileStore::new(dir.path()).list().unwrap();
    assert_eq!(again, profiles);
}

#[test]
fn a_migration_that_cannot_back_up_changes_nothing_and_says_so() {
    let (_dir, store) = v1_store();
    let before = fs::read(store.file_path()).unwrap();
    // A folder where the backup should go: the copy fails before anything is rewritten.
    fs::create_dir(store.backup_path(1)).unwrap();
    let e = store.list().unwrap_err();
    assert_eq!(e.code, ErrorCode::ProfileStoreIo, "{e:?}");
    assert!(e.message.contains("back up"), "{e:?}");
    assert_eq!(fs::read(store.file_path()).unwrap(), before, "the old file is untouched");
    fs::remove_dir(store.backup_path(1)).unwrap();
    assert_eq!(store.list().unwrap().len(), 3, "the next start migrates it");
}

#[test]
fn an_old_export_still_imports_with_each_psas_own_names() {
    let dir = tempfile::tempdir().unwrap();
    let store = ProfileStore::new(dir.path());
    let report = transfer::import(&store, &read("export.json"), &ImportOptions::default()).unwrap();
    assert_eq!(report.imported.len(), 3);
    assert!(report.imported.iter().all(|p| p.needs_secret));
    let p = store.get("Contoso CW (Sync 365)").unwrap();
    let c = cw(&p.connection);
    assert_eq!((c.company_id.as_str(), c.public_key.as_str()), ("contoso", "SimGoodPub4f9a2c"));
    assert_eq!(at(&store.get("Contoso (Binox)").unwrap().connection).integration_code, "SIMVENDOR7QXK2M4PZ8RT3WB6HJ");

    // What this version exports is format 2 and imports back to the same connections.
    let doc = transfer::export(&store, None).unwrap();
    assert_eq!(doc.version, transfer::EXPORT_VERSION);
    let text = serde_json::to_string(&doc).unwrap();
    let back = tempfile::tempdir().unwrap();
    let back = ProfileStore::new(back.path());
    transfer::import(&back, &text, &ImportOptions::default()).unwrap();
    let conns = |s: &ProfileStore| s.list().unwrap().into_iter().map(|p| p.details.connection).collect::<Vec<_>>();
    assert_eq!(conns(&back), conns(&store));
}

#[test]
fn old_hand_off_files_and_links_still_open() {
    let d = handoff::parse(&read("handoff-autotask.json")).unwrap();
    assert_eq!(d.open_step, WizardStep::Secret);
    let a = at(&d.profile.connection);
    assert_eq!(a.username, "sim.full@contoso.example");
    assert_eq!(a.zone.as_ref().unwrap().api_url, "https://webservices14.autotask.net/ATServicesRest/V1.0");
    assert_eq!(d.secret_hosts, vec!["webservices14.autotask.net".to_string()]);

    let d = handoff::parse(read("handoff-connectwise.link").trim()).unwrap();
    let c = cw(&d.profile.connection);
    assert_eq!(c.company_id, "contoso", "taken from the site, where format 1 kept it");
    assert_eq!(c.client_id, "5b0c6f0e-2f4d-4a8e-9c53-7c1d2a9e4b61");
    assert_eq!(d.open_step, WizardStep::Username, "no public key yet");

    let d = handoff::parse(&read("handoff-connectwise-nosite.json")).unwrap();
    let c = cw(&d.profile.connection);
    assert!(c.site.is_none() && c.company_id.is_empty());

    // A new hand-off is format 2 and names the ConnectWise parts in ConnectWise's words.
    let (doc, _) = handoff::Handoff::create(d.profile.clone(), None).unwrap();
    let v: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
    assert_eq!(v["version"], handoff::HANDOFF_VERSION);
    assert_eq!(v["connection"]["psa"], "connectwise");
    assert!(v["connection"].get("clientId").is_some() && v.get("username").is_none());
}

#[test]
fn the_fixtures_hold_no_secret() {
    for name in ["profiles.json", "export.json", "handoff-autotask.json", "handoff-connectwise-nosite.json"] {
        let text = read(name);
        for s in ["Full-Secret-81c2!", "SimGoodPriv-7e3b1d", "Good-Secret-4f9a!"] {
            assert!(!text.contains(s), "{name} holds a secret");
        }
    }
}
