use super::service::{self, last_check_from};
use super::test_support::{input, temp_store, while_locked};
use super::{ops, secret_account};
use crate::error::{ErrorCode, PsaError};
use crate::keychain::{MemoryStore, SecretStore};
use crate::model::{CheckItem, CheckReport, CheckStatus, Psa};
use crate::secret::Secret;

const SECRET: &str = "Xy7-unit-test-secret-Qz9";

#[test]
fn save_writes_the_secret_only_when_given_and_never_into_the_file() {
    let (_t, store) = temp_store();
    let keys = MemoryStore::new();
    let out = service::save_profile(&store, input("Acme"), Some(&Secret::new(SECRET)), &keys).unwrap();
    assert!(out.created);
    let account = out.profile.secret_ref.clone().unwrap();
    assert_eq!(account, secret_account(&out.profile.id));
    assert_eq!(keys.get(&account).unwrap().expose(), SECRET);
    let file = std::fs::read_to_string(store.file_path()).unwrap();
    assert!(!file.contains(SECRET));

    // Saving again without a secret updates the profile and keeps the stored secret and reference.
    let mut edited = input("acme");
    edited.notes = "edited".into();
    let out2 = service::save_profile(&store, edited, None, &keys).unwrap();
    assert!(!out2.created);
    assert_eq!(out2.profile.id, out.profile.id);
    assert_eq!(out2.profile.secret_ref.as_deref(), Some(account.as_str()));
    assert_eq!(service::load_secret(&out2.profile, &keys).unwrap().expose(), SECRET);
    assert_eq!(keys.accounts(), vec![account]);

    let bare = service::save_profile(&store, input("No secret"), None, &keys).unwrap();
    assert_eq!(bare.profile.secret_ref, None);
    assert_eq!(service::load_secret(&bare.profile, &keys).unwrap_err().code, ErrorCode::KeychainEntryMissing);
}

#[test]
fn a_save_told_to_refuse_a_taken_name_changes_nothing() {
    let (_t, store) = temp_store();
    let keys = MemoryStore::new();
    let first = service::save_profile(&store, input("Acme"), Some(&Secret::new(SECRET)), &keys).unwrap().profile;
    let before = std::fs::read(store.file_path()).unwrap();
    let mut other = input(" ACME ");
    other.notes = "someone else's".into();
    let refuse = service::IfNameTaken::Refuse;
    let e = service::save_profile_if(&store, other, Some(&Secret::new("another-secret")), &keys, refuse).unwrap_err();
    assert_eq!(e.code, ErrorCode::ProfileExists);
    assert!(e.message.contains("\"Acme\""), "names the saved profile: {}", e.message);
    assert_eq!(std::fs::read(store.file_path()).unwrap(), before, "the profile file untouched");
    assert_eq!(keys.accounts(), vec![first.secret_ref.clone().unwrap()], "no new keychain entry");
    assert_eq!(service::load_secret(&first, &keys).unwrap().expose(), SECRET, "the saved secret untouched");

    // A free name is saved as usual.
    let out = service::save_profile_if(&store, input("Beta"), Some(&Secret::new(SECRET)), &keys, refuse).unwrap();
    assert!(out.created);
    assert_eq!(store.list().unwrap().len(), 2);
}

#[test]
fn a_failing_keychain_means_no_profile_is_written() {
    let (_t, store) = temp_store();
    let keys = MemoryStore::new();
    keys.fail_with(Some(ErrorCode::KeychainUnavailable));
    let e = service::save_profile(&store, input("Acme"), Some(&Secret::new(SECRET)), &keys).unwrap_err();
    assert_eq!(e.code, ErrorCode::KeychainUnavailable);
    assert!(!store.dir().exists(), "nothing written anywhere");
}

#[test]
fn a_failing_profile_write_takes_the_new_secret_back_out() {
    let (_t, store) = temp_store();
    let keys = MemoryStore::new();
    std::fs::create_dir_all(store.dir()).unwrap();
    std::fs::write(store.file_path(), br#"{"version": 9, "profiles": []}"#).unwrap();
    let e = service::save_profile(&store, input("Acme"), Some(&Secret::new(SECRET)), &keys).unwrap_err();
    assert_eq!(e.code, ErrorCode::ProfileStoreNewer);
    assert!(keys.accounts().is_empty());
}

#[test]
fn a_failing_update_puts_the_replaced_secret_back() {
    let (_t, store) = temp_store();
    let keys = MemoryStore::new();
    let p = service::save_profile(&store, input("Acme"), Some(&Secret::new(SECRET)), &keys).unwrap().profile;
    let e = while_locked(&store, |s| {
        service::save_profile(s, input("Acme"), Some(&Secret::new("a-new-secret")), &keys).unwrap_err()
    });
    assert_eq!(e.code, ErrorCode::ProfileStoreLocked);
    assert_eq!(service::load_secret(&p, &keys).unwrap().expose(), SECRET, "the old secret still signs in");
}

#[test]
fn a_failing_update_of_a_profile_without_a_secret_leaves_no_entry_behind() {
    let (_t, store) = temp_store();
    let keys = MemoryStore::new();
    service::save_profile(&store, input("Acme"), None, &keys).unwrap();
    let e = while_locked(&store, |s| {
        service::save_profile(s, input("Acme"), Some(&Secret::new(SECRET)), &keys).unwrap_err()
    });
    assert_eq!(e.code, ErrorCode::ProfileStoreLocked);
    assert!(keys.accounts().is_empty(), "no entry that no profile points at");
}

#[test]
fn an_update_stops_before_changing_anything_when_the_keychain_is_locked_to_reads() {
    let (_t, store) = temp_store();
    let keys = MemoryStore::new();
    let p = service::save_profile(&store, input("Acme"), Some(&Secret::new(SECRET)), &keys).unwrap().profile;
    // Writes would work: the stop comes from not knowing what to put back.
    keys.fail_reads_with(Some(ErrorCode::KeychainLocked));
    let e = service::save_profile(&store, input("Acme"), Some(&Secret::new("a-new-secret")), &keys).unwrap_err();
    assert_eq!(e.code, ErrorCode::KeychainLocked);
    keys.fail_reads_with(None);
    assert_eq!(service::load_secret(&p, &keys).unwrap().expose(), SECRET);
}

#[test]
fn an_entry_that_cannot_be_read_is_still_replaced_and_deleted() {
    let (_t, store) = temp_store();
    let keys = MemoryStore::new();
    let p = service::save_profile(&store, input("Acme"), Some(&Secret::new(SECRET)), &keys).unwrap().profile;
    // Not text, say: a new secret is the way out, as it was before reads came first.
    keys.fail_reads_with(Some(ErrorCode::KeychainFailed));
    service::save_profile(&store, input("Acme"), Some(&Secret::new("a-new-secret")), &keys).unwrap();
    keys.fail_reads_with(None);
    assert_eq!(service::load_secret(&p, &keys).unwrap().expose(), "a-new-secret");
    keys.fail_reads_with(Some(ErrorCode::KeychainFailed));
    service::delete_profile(&store, "Acme", &keys).unwrap();
    assert!(keys.accounts().is_empty() && store.list().unwrap().is_empty());
}

#[test]
fn a_delete_whose_profile_write_fails_puts_the_secret_back() {
    let (_t, store) = temp_store();
    let keys = MemoryStore::new();
    let p = service::save_profile(&store, input("Acme"), Some(&Secret::new(SECRET)), &keys).unwrap().profile;
    let e = while_locked(&store, |s| service::delete_profile(s, "Acme", &keys).unwrap_err());
    assert_eq!(e.code, ErrorCode::ProfileStoreLocked);
    assert!(store.get(&p.id).is_ok());
    assert_eq!(service::load_secret(&p, &keys).unwrap().expose(), SECRET, "the kept profile still signs in");
}

#[test]
fn delete_removes_the_secret_first_and_keeps_the_profile_if_that_fails() {
    let (_t, store) = temp_store();
    let keys = MemoryStore::new();
    let p = service::save_profile(&store, input("Acme"), Some(&Secret::new(SECRET)), &keys).unwrap().profile;

    keys.fail_with(Some(ErrorCode::KeychainLocked));
    assert_eq!(service::delete_profile(&store, "Acme", &keys).unwrap_err().code, ErrorCode::KeychainLocked);
    assert!(store.get(&p.id).is_ok(), "profile kept while its secret could not be removed");

    keys.fail_with(None);
    service::delete_profile(&store, "acme", &keys).unwrap();
    assert!(keys.accounts().is_empty());
    assert!(store.list().unwrap().is_empty());
}

#[test]
fn delete_goes_ahead_when_the_secret_was_already_gone() {
    let (_t, store) = temp_store();
    let keys = MemoryStore::new();
    let p = service::save_profile(&store, input("Acme"), Some(&Secret::new(SECRET)), &keys).unwrap().profile;
    keys.delete(p.secret_ref.as_deref().unwrap()).unwrap();
    service::delete_profile(&store, &p.id, &keys).unwrap();
    assert!(store.list().unwrap().is_empty());
}

#[test]
fn duplicate_copies_the_secret_into_its_own_entry() {
    let (_t, store) = temp_store();
    let keys = MemoryStore::new();
    let a = service::save_profile(&store, input("Acme"), Some(&Secret::new(SECRET)), &keys).unwrap().profile;
    let d = service::duplicate_profile(&store, "Acme", "Acme copy", &keys).unwrap();
    assert_ne!(d.secret_ref, a.secret_ref);
    assert_eq!(service::load_secret(&d, &keys).unwrap().expose(), SECRET);
    // Deleting the original leaves the copy working.
    service::delete_profile(&store, "Acme", &keys).unwrap();
    assert_eq!(service::load_secret(&store.get("Acme copy").unwrap(), &keys).unwrap().expose(), SECRET);

    let bare = service::save_profile(&store, input("Bare"), None, &keys).unwrap().profile;
    let bare_copy = service::duplicate_profile(&store, &bare.id, "Bare copy", &keys).unwrap();
    assert_eq!(bare_copy.secret_ref, None);
}

#[test]
fn import_replace_deletes_secrets_no_profile_uses_any_more() {
    let (_t, store) = temp_store();
    let keys = MemoryStore::new();
    service::save_profile(&store, input("Acme"), Some(&Secret::new(SECRET)), &keys).unwrap();
    let (_t2, other) = temp_store();
    let mut changed = input("Acme");
    *changed.connection.login_mut() = "new-user@example.com".into();
    ops::create(&other, changed).unwrap();
    let text = serde_json::to_string(&super::transfer::export(&other, None).unwrap()).unwrap();
    let opts = super::ImportOptions { default_choice: Some(super::ClashChoice::Replace), ..Default::default() };
    let report = service::import_profiles(&store, &text, &opts, &keys).unwrap();
    assert!(report.imported[0].needs_secret);
    assert!(keys.accounts().is_empty());
}

fn item(id: &str, status: CheckStatus) -> CheckItem {
    CheckItem {
        id: id.into(),
        label: id.into(),
        status,
        message: String::new(),
        fix: None,
        code: None,
        guide_step: None,
        details: None,
        elapsed_ms: None,
    }
}

#[test]
fn last_check_summarises_a_report() {
    let mut report = CheckReport {
        psa: Psa::Autotask,
        zone: None,
        site: None,
        items: vec![item("zone", CheckStatus::Ok), item("probe.contacts", CheckStatus::Missing)],
        threshold: None,
        picklists: None,
        ok: false,
        error: None,
        requests: 3,
        elapsed_ms: 10,
    };
    let c = last_check_from(&report);
    assert!(!c.ok);
    assert_eq!(c.failing_checks, vec!["probe.contacts".to_string()]);
    report.error = Some(PsaError::new(ErrorCode::AuthWrongSecret, "The secret is wrong.", "fix"));
    assert_eq!(last_check_from(&report).summary, "The secret is wrong.");
    // Not passed, with nothing failing: an unclear sign-in and no line that read live data.
    report.items = vec![item("zone", CheckStatus::Ok), item("auth", CheckStatus::Warning)];
    report.error = None;
    assert_eq!(last_check_from(&report).summary, "Nothing could be proven; confirm the warnings by hand.");
    report.items = vec![item("zone", CheckStatus::Ok), item("auth", CheckStatus::Ok)];
    report.ok = true;
    let c = last_check_from(&report);
    assert!(c.ok && c.failing_checks.is_empty());
    assert_eq!(c.summary, "All 2 checks passed.");

    // Partners read these lines on the home screen: counts agree with their nouns.
    report.items = vec![item("auth", CheckStatus::Ok)];
    assert_eq!(last_check_from(&report).summary, "The check passed.");
    report.items = vec![item("auth", CheckStatus::Ok), item("threshold", CheckStatus::Warning)];
    assert_eq!(last_check_from(&report).summary, "Connection works; 1 check needs attention.");
    report.items.push(item("picklists", CheckStatus::Warning));
    assert_eq!(last_check_from(&report).summary, "Connection works; 2 checks need attention.");
    report.ok = false;
    report.items = vec![item("auth", CheckStatus::Ok), item("probe.contacts", CheckStatus::Missing)];
    assert_eq!(last_check_from(&report).summary, "1 check failed.");
    report.items.push(item("probe.companies", CheckStatus::Failed));
    assert_eq!(last_check_from(&report).summary, "2 checks failed.");
}
