use super::ops;
use super::test_support::{input, temp_store, zone};
use super::LastCheck;
use crate::connection::Connection;
use crate::error::ErrorCode;
use crate::model::AutotaskZone;

#[test]
fn get_finds_by_id_or_by_name_ignoring_case() {
    let (_t, store) = temp_store();
    let (p, _) = ops::create(&store, input("Acme Corp")).unwrap();
    assert_eq!(store.get(&p.id).unwrap().id, p.id);
    assert_eq!(store.get("  acme CORP ").unwrap().id, p.id);
    assert_eq!(store.get("nope").unwrap_err().code, ErrorCode::ProfileNotFound);
}

#[test]
fn name_clash_is_an_error_whatever_the_case() {
    let (_t, store) = temp_store();
    ops::create(&store, input("Acme")).unwrap();
    assert_eq!(ops::create(&store, input("ACME")).unwrap_err().code, ErrorCode::ProfileExists);
    assert_eq!(ops::create(&store, input("  ")).unwrap_err().code, ErrorCode::InvalidInput);
    assert_eq!(store.list().unwrap().len(), 1);
}

#[test]
fn same_tenant_and_username_twice_is_a_warning_not_an_error() {
    let (_t, store) = temp_store();
    ops::create(&store, input("Acme")).unwrap();
    let mut twin = input("Acme again");
    *twin.connection.login_mut() = "ACME@example.com".into();
    let (_, warnings) = ops::create(&store, twin).unwrap();
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].code, "same_tenant_and_user");
    assert_eq!(warnings[0].other_profile, "Acme");

    let mut other_tenant = input("Acme elsewhere");
    other_tenant.connection = Connection::autotask("acme@example.com", "TRACKING-ID-1", Some(zone(778)));
    assert!(ops::create(&store, other_tenant).unwrap().1.is_empty());

    let mut no_ci = input("Acme manual");
    no_ci.connection =
        Connection::autotask("acme@example.com", "TRACKING-ID-1", Some(AutotaskZone { ci: None, ..zone(777) }));
    assert!(ops::create(&store, no_ci).unwrap().1.is_empty(), "unknown tenant: no claim either way");
}

#[test]
fn update_keeps_identity_and_drops_a_stale_check_only_when_the_connection_changed() {
    let (_t, store) = temp_store();
    let (p, _) = ops::create(&store, input("Acme")).unwrap();
    let check = LastCheck { at: super::now(), ok: true, summary: "ok".into(), failing_checks: vec![] };
    ops::record_check(&store, &p.id, check.clone()).unwrap();
    ops::set_secret_ref(&store, &p.id, Some("profile-x".into())).unwrap();

    let mut notes_only = input("Acme");
    notes_only.notes = "new notes".into();
    let (u, _) = ops::update(&store, "acme", notes_only).unwrap();
    assert_eq!((u.id.as_str(), u.created_at), (p.id.as_str(), p.created_at));
    assert_eq!(u.last_check, Some(check));
    assert_eq!(u.secret_ref.as_deref(), Some("profile-x"));
    assert_eq!(u.notes, "new notes");

    let mut moved = input("Acme");
    *moved.connection.login_mut() = "someone-else@example.com".into();
    let (u, _) = ops::update(&store, &p.id, moved).unwrap();
    assert_eq!(u.last_check, None);
    assert_eq!(u.secret_ref.as_deref(), Some("profile-x"));
}

#[test]
fn rename_checks_clashes_and_keeps_everything_else() {
    let (_t, store) = temp_store();
    let (a, _) = ops::create(&store, input("Acme")).unwrap();
    ops::create(&store, input("Beta")).unwrap();
    assert_eq!(ops::rename(&store, "Acme", "beta").unwrap_err().code, ErrorCode::ProfileExists);
    let r = ops::rename(&store, "Acme", "Acme Corp").unwrap();
    assert_eq!((&r.id, &r.connection), (&a.id, &a.connection));
    assert!(store.get("Acme").is_err());
    // Changing only the case of its own name is allowed.
    assert_eq!(ops::rename(&store, "acme corp", "ACME CORP").unwrap().name, "ACME CORP");
}

#[test]
fn duplicate_gets_a_new_id_and_no_keychain_reference() {
    let (_t, store) = temp_store();
    let (a, _) = ops::create(&store, input("Acme")).unwrap();
    ops::set_secret_ref(&store, &a.id, Some("profile-a".into())).unwrap();
    let d = ops::duplicate(&store, "Acme", "Acme copy").unwrap();
    assert_ne!(d.id, a.id);
    assert_eq!((&d.connection, &d.filters), (&a.connection, &a.filters));
    assert_eq!(d.secret_ref, None);
    assert_eq!(ops::duplicate(&store, "Acme", "acme COPY").unwrap_err().code, ErrorCode::ProfileExists);
    assert_eq!(store.list().unwrap().len(), 2);
}

#[test]
fn remove_takes_an_exact_id() {
    let (_t, store) = temp_store();
    let (a, _) = ops::create(&store, input("Acme")).unwrap();
    assert_eq!(ops::remove(&store, "Acme").unwrap_err().code, ErrorCode::ProfileNotFound);
    assert_eq!(ops::remove(&store, &a.id).unwrap().id, a.id);
    assert!(store.list().unwrap().is_empty());
}
