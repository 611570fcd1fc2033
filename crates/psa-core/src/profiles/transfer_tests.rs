use std::collections::BTreeMap;

use super::ops;
use super::test_support::{input, temp_store};
use super::transfer::{self, ClashChoice, ImportOptions};
use crate::error::ErrorCode;

fn export_text(store: &super::ProfileStore, which: Option<&str>) -> String {
    serde_json::to_string_pretty(&transfer::export(store, which).unwrap()).unwrap()
}

#[test]
fn export_has_the_documented_shape_and_no_secret_or_reference() {
    let (_t, store) = temp_store();
    let (a, _) = ops::create(&store, input("Acme")).unwrap();
    ops::create(&store, input("Beta")).unwrap();
    ops::set_secret_ref(&store, &a.id, Some("profile-very-private-ref".into())).unwrap();

    let all = export_text(&store, None);
    let v: serde_json::Value = serde_json::from_str(&all).unwrap();
    assert_eq!(v["format"], "psa-connect-profiles");
    assert_eq!(v["version"], 2);
    assert_eq!(v["profiles"].as_array().unwrap().len(), 2);
    assert_eq!(v["profiles"][0]["connection"]["integrationCode"], "TRACKING-ID-1");
    assert!(!all.contains("profile-very-private-ref"));
    assert!(!all.to_lowercase().contains("secret"), "{all}");
    assert!(!all.contains(&a.id), "ids are per machine");

    let one: serde_json::Value = serde_json::from_str(&export_text(&store, Some("beta"))).unwrap();
    assert_eq!(one["profiles"].as_array().unwrap().len(), 1);
    assert_eq!(one["profiles"][0]["name"], "Beta");
}

#[test]
fn import_into_an_empty_store_needs_every_secret() {
    let (_t, from) = temp_store();
    ops::create(&from, input("Acme")).unwrap();
    ops::create(&from, input("Beta")).unwrap();
    let text = export_text(&from, None);

    let (_t2, to) = temp_store();
    let report = transfer::import(&to, &text, &ImportOptions::default()).unwrap();
    assert!(report.clashes.is_empty());
    assert_eq!(report.imported.len(), 2);
    assert!(report.imported.iter().all(|p| p.needs_secret && !p.replaced));
    let listed = to.list().unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed.iter().all(|p| p.secret_ref.is_none() && p.last_check.is_none()));
    assert_eq!(listed[0].filters, from.get("Acme").unwrap().filters);
}

#[test]
fn import_refuses_anything_that_looks_like_a_secret_and_names_only_the_field() {
    let (_t, store) = temp_store();
    ops::create(&store, input("Acme")).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&export_text(&store, None)).unwrap();
    let (_t2, to) = temp_store();
    for (key, nested) in [("secret", false), ("apiPassword", false), ("private_key", true), ("secretRef", false)] {
        let mut d = doc.clone();
        let target = if nested { &mut d["profiles"][0]["settings"] } else { &mut d["profiles"][0] };
        target[key] = serde_json::json!("hunter2-value");
        let e = transfer::import(&to, &d.to_string(), &ImportOptions::default()).unwrap_err();
        assert_eq!(e.code, ErrorCode::ImportContainsSecret, "{key}");
        let shown = format!("{} {} {:?}", e.message, e.fix, e.details);
        assert!(shown.contains(key) && !shown.contains("hunter2"), "{shown}");
    }
    assert!(!to.file_path().exists(), "nothing imported");
    doc["format"] = "something-else".into();
    let e = transfer::import(&to, &doc.to_string(), &ImportOptions::default()).unwrap_err();
    assert_eq!(e.code, ErrorCode::ImportInvalid);
    assert_eq!(
        transfer::import(&to, "not json", &ImportOptions::default()).unwrap_err().code,
        ErrorCode::ImportInvalid
    );
}

#[test]
fn clashes_are_reported_and_nothing_is_written_until_the_caller_chooses() {
    let (_t, from) = temp_store();
    ops::create(&from, input("Acme")).unwrap();
    ops::create(&from, input("Beta")).unwrap();
    ops::create(&from, input("Gamma")).unwrap();
    let text = export_text(&from, None);

    let (_t2, to) = temp_store();
    let mut local_acme = input("ACME");
    local_acme.notes = "local".into();
    ops::create(&to, local_acme).unwrap();
    ops::create(&to, input("Beta")).unwrap();
    let before = std::fs::read(to.file_path()).unwrap();

    let report = transfer::import(&to, &text, &ImportOptions::default()).unwrap();
    assert_eq!(report.clashes, vec!["Acme".to_string(), "Beta".to_string()]);
    assert!(report.imported.is_empty());
    assert_eq!(std::fs::read(to.file_path()).unwrap(), before, "file untouched");

    let opts = ImportOptions {
        choices: BTreeMap::from([("acme".to_string(), ClashChoice::Rename), ("Beta".to_string(), ClashChoice::Skip)]),
        default_choice: None,
    };
    let report = transfer::import(&to, &text, &opts).unwrap();
    assert!(report.clashes.is_empty());
    assert_eq!(report.skipped, vec!["Beta".to_string()]);
    let names: Vec<&str> = report.imported.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["Acme (imported)", "Gamma"]);
    assert_eq!(to.get("ACME").unwrap().notes, "local", "the original is untouched");
    assert_eq!(to.list().unwrap().len(), 4);
}

#[test]
fn replace_keeps_the_secret_only_for_the_same_login() {
    let (_t, to) = temp_store();
    let (acme, _) = ops::create(&to, input("Acme")).unwrap();
    ops::set_secret_ref(&to, &acme.id, Some("profile-acme".into())).unwrap();
    let (beta, _) = ops::create(&to, input("Beta")).unwrap();
    ops::set_secret_ref(&to, &beta.id, Some("profile-beta".into())).unwrap();

    let (_t2, from) = temp_store();
    let mut new_acme = input("Acme");
    new_acme.notes = "imported".into();
    ops::create(&from, new_acme).unwrap();
    let mut new_beta = input("Beta");
    *new_beta.connection.login_mut() = "another-user@example.com".into();
    ops::create(&from, new_beta).unwrap();

    let opts = ImportOptions { choices: BTreeMap::new(), default_choice: Some(ClashChoice::Replace) };
    let report = transfer::import(&to, &export_text(&from, None), &opts).unwrap();
    assert!(report.imported.iter().all(|p| p.replaced));
    assert_eq!(report.orphaned_secret_refs, vec!["profile-beta".to_string()]);
    let a = to.get("Acme").unwrap();
    assert_eq!(
        (a.id.as_str(), a.notes.as_str(), a.secret_ref.as_deref()),
        (acme.id.as_str(), "imported", Some("profile-acme"))
    );
    assert_eq!(to.get("Beta").unwrap().secret_ref, None);
    assert_eq!(to.list().unwrap().len(), 2);
}
