use std::fs;
use std::sync::{Arc, Barrier};
use std::time::Duration;

use super::ops;
use super::store::{ProfileStore, LOCK_FILE, PROFILES_FILE};
use super::test_support::{input, temp_store, while_locked};
use crate::error::ErrorCode;

fn aside_files(store: &ProfileStore) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(store.dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("profiles.json.corrupt-"))
        .collect();
    v.sort();
    v
}

#[test]
fn missing_store_lists_empty_and_creates_nothing() {
    let (_t, store) = temp_store();
    assert!(store.list().unwrap().is_empty());
    assert!(!store.dir().exists());
}

#[test]
fn saved_file_is_versioned_and_reloads() {
    let (_t, store) = temp_store();
    let (p, warnings) = ops::create(&store, input("Acme")).unwrap();
    assert!(warnings.is_empty());
    let raw: serde_json::Value = serde_json::from_slice(&fs::read(store.file_path()).unwrap()).unwrap();
    assert_eq!(raw["version"], 2);
    assert_eq!(raw["profiles"][0]["name"], "Acme");
    assert_eq!(raw["profiles"][0]["connection"]["psa"], "autotask");
    assert_eq!(raw["profiles"][0]["connection"]["integrationCode"], "TRACKING-ID-1");
    let reopened = ProfileStore::new(store.dir());
    assert_eq!(reopened.list().unwrap(), vec![p]);
}

#[test]
fn atomic_write_leaves_no_temp_files_and_cleans_debris_of_killed_writers() {
    let (_t, store) = temp_store();
    ops::create(&store, input("One")).unwrap();
    // What a writer killed between creating and renaming its temporary file leaves behind.
    let debris = store.dir().join(".profiles.json.tmp-99999-0");
    fs::write(&debris, b"{\"version\":1,\"profiles\":[").unwrap();
    assert_eq!(store.list().unwrap().len(), 1, "debris must not affect reads");
    ops::create(&store, input("Two")).unwrap();
    let names: Vec<String> =
        fs::read_dir(store.dir()).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    let mut names = names;
    names.sort();
    assert_eq!(names, vec![PROFILES_FILE.to_string(), LOCK_FILE.to_string()]);
}

#[test]
fn corrupt_file_is_kept_aside_with_a_clear_error_and_never_overwritten() {
    let (_t, store) = temp_store();
    ops::create(&store, input("Acme")).unwrap();
    let damaged = b"{\"version\": 1, \"profiles\": [ {\"name\": tru".to_vec();
    fs::write(store.file_path(), &damaged).unwrap();

    let e = ops::create(&store, input("Other")).unwrap_err();
    assert_eq!(e.code, ErrorCode::ProfileStoreCorrupt);
    let aside = aside_files(&store);
    assert_eq!(aside.len(), 1);
    assert!(e.message.contains(&aside[0]), "message names the kept file: {}", e.message);
    assert_eq!(fs::read(store.dir().join(&aside[0])).unwrap(), damaged, "kept byte for byte");
    assert!(!store.file_path().exists(), "the failed create wrote nothing");

    // Once told, the user carries on with an empty list.
    assert!(store.list().unwrap().is_empty());
    ops::create(&store, input("Other")).unwrap();
    assert_eq!(fs::read(store.dir().join(&aside[0])).unwrap(), damaged);
}

#[test]
fn corrupt_file_found_by_a_read_is_also_moved_aside() {
    let (_t, store) = temp_store();
    fs::create_dir_all(store.dir()).unwrap();
    for bad in [
        &b""[..],
        b"[]",
        b"{\"profiles\": []}",
        b"{\"version\": 0, \"profiles\": []}",
        b"{\"version\":1,\"profiles\":[{\"id\":1}]}",
    ] {
        fs::write(store.file_path(), bad).unwrap();
        let e = store.list().unwrap_err();
        assert_eq!(e.code, ErrorCode::ProfileStoreCorrupt, "{}", String::from_utf8_lossy(bad));
        assert!(!store.file_path().exists());
    }
    assert_eq!(aside_files(&store).len(), 5, "each damaged file is kept under its own name");
}

#[test]
fn newer_version_is_refused_and_left_untouched() {
    let (_t, store) = temp_store();
    fs::create_dir_all(store.dir()).unwrap();
    let newer = br#"{"version": 3, "profiles": [{"shape": "from the future"}]}"#;
    fs::write(store.file_path(), newer).unwrap();
    let e = store.list().unwrap_err();
    assert_eq!(e.code, ErrorCode::ProfileStoreNewer);
    assert!(e.fix.contains("Update PSA Connect"));
    let e = ops::create(&store, input("Acme")).unwrap_err();
    assert_eq!(e.code, ErrorCode::ProfileStoreNewer);
    assert_eq!(fs::read(store.file_path()).unwrap(), newer);
    assert!(aside_files(&store).is_empty());
}

#[test]
fn a_held_lock_gives_profile_store_locked_after_a_bounded_wait() {
    let (_t, store) = temp_store();
    ops::create(&store, input("Acme")).unwrap();
    let e = while_locked(&store, |waiting| ops::create(waiting, input("Blocked")).unwrap_err());
    assert_eq!(e.code, ErrorCode::ProfileStoreLocked);
    ops::create(&store.clone().with_lock_wait(Duration::from_millis(100)), input("Blocked")).unwrap();
}

#[test]
fn concurrent_writers_never_lose_an_update() {
    let (_t, store) = temp_store();
    let threads = 4;
    let per_thread = 15;
    let barrier = Arc::new(Barrier::new(threads));
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let store = store.clone().with_lock_wait(Duration::from_secs(30));
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                for i in 0..per_thread {
                    ops::create(&store, input(&format!("T{t} P{i}"))).unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    assert_eq!(store.list().unwrap().len(), threads * per_thread);
}
