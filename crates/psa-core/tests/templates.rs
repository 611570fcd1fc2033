//! The shipped template files: every one loads, validates and names only entities the engine can probe,
//! and each keeps the facts its vendor guide insists on.

use std::collections::HashSet;

use psa_core::autotask::KNOWN_ENTITIES;
use psa_core::model::Psa;
use psa_core::templates::{self, Access, Extra, Template, TrackingKind};
use psa_core::ErrorCode;

const EXPECTED_IDS: &[&str] =
    &["binox-msp", "custom", "helpdesk-buttons", "infinigate-cloud-core", "lifecycle-insights", "sync365-license"];

fn template(id: &str) -> Template {
    templates::get(id).unwrap_or_else(|e| panic!("{id}: {e:?}"))
}

#[test]
fn every_file_in_the_templates_directory_is_embedded_and_valid() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".toml"))
        .map(|n| n.trim_end_matches(".toml").to_string())
        .collect();
    on_disk.sort();
    assert_eq!(templates::ids(), on_disk, "build.rs embeds exactly the files in templates/");
    for id in EXPECTED_IDS {
        assert!(on_disk.iter().any(|d| d == id), "{id}.toml is missing");
    }

    let all = templates::load_all().unwrap_or_else(|e| panic!("{}: {:?}", e.message, e.details));
    assert_eq!(all.len(), on_disk.len());
    // Re-parsing the file text must give the same template (the embedded copy is the file).
    for t in &all {
        let text = std::fs::read_to_string(dir.join(format!("{}.toml", t.id))).unwrap();
        assert_eq!(&templates::parse(&format!("{}.toml", t.id), &text).unwrap(), t);
    }
}

#[test]
fn ids_are_unique_and_list_matches_get() {
    let list = templates::list();
    let ids: HashSet<_> = list.iter().map(|s| s.id.clone()).collect();
    assert_eq!(ids.len(), list.len(), "duplicate ids in {list:?}");
    assert_eq!(list.len(), templates::ids().len(), "a shipped template failed to load");
    for summary in &list {
        let t = template(&summary.id);
        assert_eq!(t.summary(), *summary);
        assert!(!summary.psas.is_empty());
    }
    assert_eq!(template("  Binox-MSP ").id, "binox-msp", "ids are matched without case or padding");
}

#[test]
fn every_entity_named_is_one_the_engine_can_probe() {
    for t in templates::load_all().unwrap() {
        let Some(at) = &t.autotask else { continue };
        for row in &at.permissions {
            assert!(KNOWN_ENTITIES.contains(&row.entity.as_str()), "{}: {}", t.id, row.entity);
        }
        for extra in &at.extras {
            if let Extra::ProtectedUdfNote(u) = extra {
                assert!(KNOWN_ENTITIES.contains(&u.entity.as_str()), "{}: {}", t.id, u.entity);
            }
        }
        let needs = t.autotask_needs();
        assert_eq!(needs.len(), at.permissions.len());
        for need in &needs {
            assert!(KNOWN_ENTITIES.contains(&need.entity.as_str()));
            assert!(need.guide_step.as_deref().is_some_and(|s| !s.is_empty()), "{}: no fix text", t.id);
        }
    }
}

#[test]
fn binox_needs_read_add_edit_and_leaves_crm_delete_to_the_impersonation_grid() {
    let t = template("binox-msp");
    assert!(t.filters);
    let at = t.autotask.as_ref().unwrap();
    assert_eq!(
        at.tracking_identifier.vendor_name.as_deref(),
        Some("Binox MSP - Data Synchronization and Sales Reporting")
    );
    assert!(at.username_rule.as_deref().is_some_and(|r| r.contains("domain")));
    for need in t.autotask_needs() {
        assert!(need.read && need.create && need.update, "{need:?}");
        // "Everything but Delete" is the Resource Impersonation grid (a manual check), not these rights.
        assert_eq!(need.delete, None, "the guide says nothing about CRM delete rights: {need:?}");
    }
    let entities: HashSet<_> = at.permissions.iter().map(|r| r.entity.as_str()).collect();
    assert!(entities.contains("Companies") && entities.contains("Contacts"));
    assert!(at.security_level.changes.iter().any(|c| c.contains("Resource Impersonation")));
    assert!(at.security_level.changes.iter().any(|c| c.contains("Internal Cost") && c.contains("Webhooks")));
    assert_eq!(t.vendor_filters.len(), 5, "Company Types, Statuses, Markets, Territories, Contact Statuses");
}

#[test]
fn helpdesk_buttons_needs_the_unregistered_user_contact() {
    let t = template("helpdesk-buttons");
    let at = t.autotask.as_ref().unwrap();
    assert_eq!(at.security_level.start_from, "API User (system)");
    assert_eq!(at.tracking_identifier.vendor_name.as_deref(), Some("Helpdesk Buttons - Tier2Tickets"));
    let contact = at
        .extras
        .iter()
        .find_map(|e| match e {
            Extra::ContactMustExist(c) => Some(c),
            _ => None,
        })
        .expect("contact extra");
    assert_eq!((contact.first_name.as_str(), contact.last_name.as_str()), ("Unregistered", "User"));
    assert_eq!(contact.email.as_deref(), Some("unregistered@helpdeskbuttons.com"));
    let tickets = t.autotask_needs().into_iter().find(|n| n.entity == "Tickets").expect("tickets");
    assert!(tickets.read && tickets.create && tickets.update);
}

#[test]
fn lifecycle_insights_keeps_its_udf_note_and_claims_no_exclusion_on_the_default_level() {
    let t = template("lifecycle-insights");
    let at = t.autotask.as_ref().unwrap();
    assert_eq!(
        at.tracking_identifier.vendor_name.as_deref(),
        Some("Lifecycle Insights - Business Analytics & Marketing")
    );
    for excluded in ["Projects", "TimeEntries"] {
        let row = at.permissions.iter().find(|r| r.entity == excluded).unwrap();
        // The guide accepts API User (system): its No Permission applies to the optional restricted copy only.
        assert_eq!([row.read, row.create, row.update, row.delete], [Access::Optional; 4], "{excluded}");
        assert!(row.note.as_deref().is_some_and(|n| n.contains("restricted level")), "{excluded}");
    }
    assert!(at.security_level.changes.iter().any(|c| c.contains("Projects, Timesheets, Reports and Other")));
    assert!(at.extras.iter().any(|e| matches!(e, Extra::ProtectedUdfNote(u) if u.entity == "ConfigurationItems")));
    assert!(at.extras.iter().any(|e| matches!(e, Extra::ManualCheck(_))), "picture-only settings need a manual check");
}

#[test]
fn sync365_has_both_psas_and_its_role_modules() {
    let t = template("sync365-license");
    assert_eq!(t.summary().psas, vec![Psa::Autotask, Psa::Connectwise]);
    let cw = t.connectwise.as_ref().unwrap();
    assert_eq!(cw.security_role.simple_choice.as_deref(), Some("Admin"));
    let agreements = cw.security_role.modules.iter().find(|m| m.function == "Agreements").unwrap();
    assert_eq!(
        (agreements.inquire, agreements.add, agreements.edit),
        (Access::Required, Access::Required, Access::Required)
    );
    assert!(cw.api_member_steps.iter().any(|s| s.menu_path.starts_with("System > Members")));
    assert!(cw.client_id.is_none(), "PSA Connect does not know Sync 365's clientId");
    let contracts = t.autotask_needs().into_iter().find(|n| n.entity == "Contracts").unwrap();
    assert!(contracts.read && contracts.create);
}

#[test]
fn infinigate_asks_its_four_settings() {
    let t = template("infinigate-cloud-core");
    assert!(!t.filters);
    let ids: Vec<_> = t.settings.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["price_source", "proration", "sync_period", "notification_level"]);
    let period = &t.settings[2];
    let values: Vec<_> = period.options.iter().map(|o| o.value.as_str()).collect();
    assert_eq!(values, ["daily", "every_5_minutes"]);
    let at = t.autotask.as_ref().unwrap();
    let ic = at.steps.iter().find(|s| s.id == "open_integration_center").unwrap();
    assert_eq!(ic.menu_path, "Admin > Extensions & Integrations > Other Extensions & Tools > Integration Center");
}

#[test]
fn custom_has_no_vendor_name_and_no_code() {
    let t = template("custom");
    let tid = &t.autotask.as_ref().unwrap().tracking_identifier;
    assert_eq!(tid.kind, TrackingKind::Custom);
    assert!(tid.vendor_name.is_none());
    assert!(tid.code.is_none());
    // The guide-based templates all use a vendor's tracking identifier, never a custom one.
    for id in EXPECTED_IDS.iter().filter(|id| **id != "custom") {
        let t = template(id);
        assert_eq!(t.autotask.unwrap().tracking_identifier.kind, TrackingKind::IntegrationVendor, "{id}");
    }
}

#[test]
fn unknown_template_is_template_unknown_with_the_valid_ids() {
    let e = templates::get("autotask-generic").unwrap_err();
    assert_eq!(e.code, ErrorCode::TemplateUnknown);
    for id in EXPECTED_IDS {
        assert!(e.fix.contains(id), "{}", e.fix);
    }
}

#[test]
fn malformed_toml_is_template_invalid_naming_the_field() {
    let good = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/helpdesk-buttons.toml"),
    )
    .unwrap();
    let bad = good.replacen("read = \"required\"", "read = true", 1);
    let e = templates::parse("helpdesk-buttons.toml", &bad).unwrap_err();
    assert_eq!(e.code, ErrorCode::TemplateInvalid);
    assert!(e.message.contains("helpdesk-buttons.toml"), "{}", e.message);
    assert!(e.message.contains("autotask.permissions[0].read"), "{}", e.message);
}
