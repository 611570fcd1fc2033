//! Every template's permission table and extras checked live against the simulator (issue 5, "Verified,
//! not just shown"): the right misses and warnings per user, extras found or missing, manual checks honest.

use crate::autotask_support;

use autotask_support::*;
use psa_core::autotask::CheckOptions;
use psa_core::model::{CheckItem, CheckReport, CheckStatus};
use psa_core::templates::{self, Extra, Template};
use psa_tests::autotask::fixtures as fx;
use psa_tests::autotask::{Access, AutotaskSim, SimConfig};

fn autotask_templates() -> Vec<Template> {
    let all: Vec<Template> = templates::ids().iter().map(|id| templates::get(id).expect("template loads")).collect();
    let with_autotask: Vec<Template> = all.into_iter().filter(|t| t.autotask.is_some()).collect();
    assert!(with_autotask.len() >= 5, "expected the Autotask templates, got {}", with_autotask.len());
    with_autotask
}

fn template_opts(sim: &AutotaskSim, t: &Template) -> CheckOptions {
    let mut o = opts(sim);
    o.needs = t.autotask_needs();
    o.extras = t.autotask_extras();
    o
}

async fn run(sim: &AutotaskSim, t: &Template, user: &str, secret: &str) -> CheckReport {
    check(&creds(user, secret), &template_opts(sim, t)).await.0
}

fn probes(r: &CheckReport) -> Vec<&CheckItem> {
    r.items.iter().filter(|i| i.id.starts_with("probe.")).collect()
}

fn extra_items<'a>(r: &'a CheckReport, kind: &str) -> Vec<&'a CheckItem> {
    r.items.iter().filter(|i| i.id.starts_with("extra.") && i.id.ends_with(kind)).collect()
}

fn contact_line(r: &CheckReport) -> &CheckItem {
    let lines = extra_items(r, ".contact");
    assert_eq!(lines.len(), 1, "{:#?}", r.items);
    lines[0]
}

#[tokio::test]
async fn fully_permissioned_user_misses_nothing_in_any_template() {
    let sim = sim().await;
    let mut listed_only = 0;
    for t in autotask_templates() {
        let r = run(&sim, &t, fx::FULL_ACCESS_USER, fx::FULL_ACCESS_SECRET).await;
        assert!(r.error.is_none(), "{}: {:#?}", t.id, r.error);
        let needs = t.autotask_needs();
        assert_eq!(probes(&r).len(), needs.len(), "{}: one probe per entity", t.id);
        for p in probes(&r) {
            assert!(!matches!(p.status, CheckStatus::Failed | CheckStatus::Missing), "{}: {p:#?}", t.id);
        }
        // A row the guide requires nothing of proves nothing: it reports Autotask's levels and is no tick.
        for need in needs.iter().filter(|n| !(n.read || n.create || n.update) && n.delete.is_none()) {
            let p = item(&r, &format!("probe.{}", need.entity.to_ascii_lowercase()));
            assert_eq!(p.status, CheckStatus::Skipped, "{}: {p:#?}", t.id);
            assert!(p.message.starts_with("Not required by the guide. Autotask reports: read All"), "{p:#?}");
            listed_only += 1;
        }
        // One line per extra, in the template's order; manual checks are "confirm by hand", never ok.
        let extras = t.autotask_extras();
        let lines: Vec<&CheckItem> = r.items.iter().filter(|i| i.id.starts_with("extra.")).collect();
        assert_eq!(lines.len(), extras.len(), "{}", t.id);
        for (extra, line) in extras.iter().zip(&lines) {
            match extra {
                Extra::ManualCheck(m) => {
                    assert_eq!(line.status, CheckStatus::Skipped, "{}: {line:#?}", t.id);
                    assert_eq!(line.message, format!("Confirm by hand: {}", m.text));
                }
                Extra::ContactMustExist(_) => {
                    assert_eq!(line.status, CheckStatus::Ok, "{}: {line:#?}", t.id)
                }
                Extra::ProtectedUdfNote(_) => {
                    assert_eq!(line.status, CheckStatus::Ok, "{}: {line:#?}", t.id)
                }
            }
            assert!(line.elapsed_ms.is_some());
        }
        assert!(r.ok, "{}: {:#?}", t.id, r.items);
    }
    assert!(listed_only > 0, "some template lists a row it requires nothing of");
}

/// GOOD_USER may write only Companies and Contacts: every template that asks for more gets exactly those
/// lines as missing, computed from the template itself.
#[tokio::test]
async fn good_user_misses_exactly_the_writes_it_lacks() {
    let sim = sim().await;
    let mut total_lacks = 0;
    for t in autotask_templates() {
        let r = run(&sim, &t, fx::GOOD_USER, fx::GOOD_SECRET).await;
        let writable = |e: &str| e.eq_ignore_ascii_case("Companies") || e.eq_ignore_ascii_case("Contacts");
        for need in t.autotask_needs() {
            let p = item(&r, &format!("probe.{}", need.entity.to_ascii_lowercase()));
            let lacks = ((need.create || need.update) && !writable(&need.entity)) || need.delete == Some(true);
            if lacks {
                total_lacks += 1;
                assert_eq!(p.status, CheckStatus::Missing, "{}: {p:#?}", t.id);
                assert!(p.fix.as_deref().is_some_and(|f| !f.is_empty()), "{}: {p:#?}", t.id);
            } else {
                assert!(!matches!(p.status, CheckStatus::Failed | CheckStatus::Missing), "{}: {p:#?}", t.id);
            }
        }
        let any_missing = probes(&r).iter().any(|p| p.status == CheckStatus::Missing);
        assert_eq!(r.ok, !any_missing, "{}", t.id);
    }
    assert!(total_lacks > 0, "some template must ask GOOD_USER for more than it has");
}

#[tokio::test]
async fn helpdesk_buttons_finds_the_unregistered_user_at_contoso_only() {
    let sim = sim().await;
    let t = templates::get("helpdesk-buttons").unwrap();
    let Some(Extra::ContactMustExist(wanted)) =
        t.autotask_extras().into_iter().find(|e| matches!(e, Extra::ContactMustExist(_)))
    else {
        panic!("helpdesk-buttons has no contact extra")
    };
    assert_eq!(wanted.email.as_deref(), Some(fx::UNREGISTERED_USER_EMAIL));

    let contoso = run(&sim, &t, fx::GOOD_USER, fx::GOOD_SECRET).await;
    let found = contact_line(&contoso);
    assert_eq!(found.status, CheckStatus::Ok, "{found:#?}");
    assert!(found.message.contains(fx::UNREGISTERED_USER_EMAIL), "{found:#?}");

    let fabrikam = run(&sim, &t, fx::FABRIKAM_USER, fx::FABRIKAM_SECRET).await;
    let missing = contact_line(&fabrikam);
    assert_eq!(missing.status, CheckStatus::Missing, "{missing:#?}");
    assert!(!fabrikam.ok, "a missing required contact fails the check");
    let fix = missing.fix.as_deref().expect("a fix");
    for part in ["CRM > Contacts > New Contact", "Unregistered", "User", fx::UNREGISTERED_USER_EMAIL] {
        assert!(fix.contains(part), "fix lacks {part:?}: {fix}");
    }
    // The guide does not say which organization the contact belongs to; neither does the fix.
    assert!(fix.contains("does not say which"), "{fix}");
    assert!(!fix.contains("your own company"), "{fix}");
}

#[tokio::test]
async fn unreadable_contacts_leave_the_contact_unverified_not_missing() {
    let sim = sim().await;
    let t = templates::get("helpdesk-buttons").unwrap();
    let r = run(&sim, &t, fx::NO_CONTACTS_USER, fx::NO_CONTACTS_SECRET).await;
    let line = contact_line(&r);
    assert_eq!(line.status, CheckStatus::Skipped, "{line:#?}");
    assert!(line.message.contains("Could not verify"), "{line:#?}");
}

#[tokio::test]
async fn binox_does_not_warn_on_crm_delete_rights_and_missing_contacts_are_a_miss() {
    let sim = sim().await;
    let t = templates::get("binox-msp").unwrap();
    // The guide's "everything but Delete" is the Resource Impersonation grid, which the API cannot show; it
    // says nothing about the entities' own Delete rights, so a level that has them passes without warnings.
    assert!(t.autotask_needs().iter().all(|n| n.delete.is_none()), "no delete rule for Binox's entities");
    let full = run(&sim, &t, fx::FULL_ACCESS_USER, fx::FULL_ACCESS_SECRET).await;
    let warned: Vec<_> = full.items.iter().filter(|i| i.status == CheckStatus::Warning).collect();
    assert!(warned.iter().all(|i| !i.message.contains("may delete")), "{warned:#?}");
    assert!(full.ok, "{:#?}", full.items);

    let no_contacts = run(&sim, &t, fx::NO_CONTACTS_USER, fx::NO_CONTACTS_SECRET).await;
    assert_eq!(item(&no_contacts, "probe.contacts").status, CheckStatus::Missing);
    assert!(!no_contacts.ok);
}

#[tokio::test]
async fn lifecycle_insights_reports_protected_fields_where_there_are_some() {
    let sim = sim().await;
    let t = templates::get("lifecycle-insights").unwrap();
    let contoso = run(&sim, &t, fx::GOOD_USER, fx::GOOD_SECRET).await;
    let lines = extra_items(&contoso, ".protected_udfs");
    assert_eq!(lines.len(), 1, "{:#?}", contoso.items);
    assert_eq!(lines[0].status, CheckStatus::Ok, "informational, never a warning");
    assert!(lines[0].message.contains(fx::PROTECTED_CI_UDF), "{:#?}", lines[0]);
    assert!(!lines[0].message.contains(fx::OPEN_CI_UDF), "only protected fields are named: {:#?}", lines[0]);
    assert!(lines[0].message.contains("protected data"));

    // Fabrikam's configuration items list no user-defined fields: Autotask may leave protected ones out for a
    // user who may not see them, so that proves nothing.
    let fabrikam = run(&sim, &t, fx::FABRIKAM_USER, fx::FABRIKAM_SECRET).await;
    let lines = extra_items(&fabrikam, ".protected_udfs");
    assert_eq!(lines[0].status, CheckStatus::Skipped, "{:#?}", lines[0]);
    assert!(lines[0].message.starts_with("Confirm by hand: Autotask lists no user-defined fields"), "{:#?}", lines[0]);
}

/// Issue 13: `isProtected` lives on `UserDefinedFieldDefinitions` (KelvinTegelaar/AutotaskAPI `v1.json`), not on
/// `entityInformation/userDefinedFields`. When the definitions cannot be read, nothing is proven: the line says
/// "confirm by hand", never "no protected fields found".
#[tokio::test]
async fn lifecycle_insights_protected_fields_unproven_when_definitions_are_refused() {
    let mut cfg = SimConfig::standard();
    cfg.serve_udf_definitions = false;
    let sim = AutotaskSim::start(cfg).await.unwrap();
    let t = templates::get("lifecycle-insights").unwrap();
    for (user, secret) in [(fx::GOOD_USER, fx::GOOD_SECRET), (fx::FABRIKAM_USER, fx::FABRIKAM_SECRET)] {
        let r = run(&sim, &t, user, secret).await;
        let lines = extra_items(&r, ".protected_udfs");
        assert_eq!(lines.len(), 1, "{:#?}", r.items);
        assert_ne!(lines[0].status, CheckStatus::Ok, "{:#?}", lines[0]);
        assert!(lines[0].message.starts_with("Confirm by hand"), "{:#?}", lines[0]);
        assert!(!lines[0].message.contains("No protected fields"), "{:#?}", lines[0]);
    }
    let asked: Vec<_> =
        sim.stats().requests.into_iter().filter(|q| q.path.contains("UserDefinedFieldDefinitions")).collect();
    assert!(!asked.is_empty() && asked.iter().all(|q| q.method == "POST"), "{asked:?}");
}

/// The standard simulator, where GOOD_USER's level reads `entity` restricted (200 answers without rows).
async fn good_user_restricted_on(entity: &str) -> AutotaskSim {
    let mut cfg = SimConfig::standard();
    let user = cfg.users.iter_mut().find(|u| u.username == fx::GOOD_USER).unwrap();
    *user = user.clone().with_access(entity, Access::RESTRICTED_READ);
    AutotaskSim::start(cfg).await.unwrap()
}

/// A level that hides the definitions' rows answers 200 with none (psa-api.md §A7): the fields it cannot see
/// are not said to be unprotected.
#[tokio::test]
async fn lifecycle_insights_protected_fields_unproven_when_definitions_are_hidden() {
    let sim = good_user_restricted_on("UserDefinedFieldDefinitions").await;
    let r = run(&sim, &templates::get("lifecycle-insights").unwrap(), fx::GOOD_USER, fx::GOOD_SECRET).await;
    let lines = extra_items(&r, ".protected_udfs");
    assert_eq!(lines[0].status, CheckStatus::Skipped, "{:#?}", lines[0]);
    assert!(lines[0].message.starts_with("Confirm by hand"), "{:#?}", lines[0]);
    assert!(!lines[0].message.contains("No protected fields"), "{:#?}", lines[0]);
}

/// With Contacts restricted, no row is no proof: the Helpdesk Buttons contact may exist out of sight, so the
/// line asks to confirm by hand instead of sending the partner to create a second one.
#[tokio::test]
async fn a_contact_out_of_a_restricted_levels_sight_is_not_called_missing() {
    let sim = good_user_restricted_on("Contacts").await;
    let r = run(&sim, &templates::get("helpdesk-buttons").unwrap(), fx::GOOD_USER, fx::GOOD_SECRET).await;
    let line = contact_line(&r);
    assert_eq!(line.status, CheckStatus::Warning, "{line:#?}");
    assert!(line.message.contains("may exist"), "{line:#?}");
    let fix = line.fix.as_deref().unwrap();
    assert!(fix.starts_with("Confirm by hand under CRM > Contacts"), "{fix}");
    assert!(fix.contains(fx::UNREGISTERED_USER_EMAIL), "{fix}");
}

/// Manual checks send nothing; each live extra is one request, and the default check is unchanged.
#[tokio::test]
async fn extras_cost_one_request_each_and_manual_ones_none() {
    let sim = sim().await;
    let (plain, _) = check(&good(), &opts(&sim)).await;
    assert_eq!(plain.requests, 7, "the default check's request count");
    for t in autotask_templates() {
        let mut needs_only = template_opts(&sim, &t);
        needs_only.extras.clear();
        let (base, _) = check(&good(), &needs_only).await;
        let (with, _) = check(&good(), &template_opts(&sim, &t)).await;
        // The protected-field note reads the entity's UDF names and the protected definitions: two requests.
        let live: u32 = t
            .autotask_extras()
            .iter()
            .map(|e| match e {
                Extra::ManualCheck(_) => 0,
                Extra::ProtectedUdfNote(_) => 2,
                _ => 1,
            })
            .sum();
        assert_eq!(with.requests, base.requests + live, "{}", t.id);
    }
}
