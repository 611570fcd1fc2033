//! Role rows against needs (no server needed).

use serde_json::json;

use super::*;

fn need(module: &str, function: &str) -> RoleNeed {
    RoleNeed {
        module: module.into(),
        function: function.into(),
        inquire: true,
        add: false,
        edit: false,
        delete: None,
        guide_step: None,
    }
}

fn rows(inquire: &str, add: &str, delete: &str) -> Vec<RoleRow> {
    parse_rows(&json!([
        {"moduleIdentifier": "Companies", "moduleFunctionIdentifier": "CompanyMaintenance", "moduleFunctionName": "Company Maintenance",
         "inquireLevel": inquire, "addLevel": add, "editLevel": "None", "deleteLevel": delete},
        {"moduleIdentifier": "TimeExpense", "moduleFunctionIdentifier": "TimeEntry", "moduleFunctionName": "Time Entry",
         "inquireLevel": "All", "addLevel": "None", "editLevel": "None", "deleteLevel": "None"}
    ]))
    .unwrap()
}

#[test]
fn levels_decide_the_status() {
    let n = need("Companies", "Company Maintenance");
    let ok = evaluate(&n, Ok(&rows("All", "None", "None")), None);
    assert_eq!((ok.id.as_str(), ok.status), ("role.companies.company_maintenance", CheckStatus::Ok));
    assert!(ok.fix.is_none());

    let mine = evaluate(&n, Ok(&rows("My", "None", "None")), Some(Ok(0)));
    assert_eq!(mine.status, CheckStatus::Restricted);
    assert!(mine.message.contains("\"My\""), "{}", mine.message);
    assert_eq!(
        mine.fix.as_deref(),
        Some("System > Security Roles > (the API member's role) > Companies > Company Maintenance: set Inquire to All, save, and run the test again.")
    );
    assert_eq!(mine.code, Some(ErrorCode::PermissionDenied));

    let none = evaluate(&n, Ok(&rows("None", "None", "None")), None);
    assert_eq!(none.status, CheckStatus::Missing);

    let mut add = n.clone();
    add.add = true;
    add.edit = true;
    let it = evaluate(&add, Ok(&rows("All", "My", "None")), None);
    assert_eq!(it.status, CheckStatus::Missing, "edit None outranks add My");
    assert_eq!(it.message, "Companies > Company Maintenance: Edit is None; Add is \"My\", not All.");
    assert!(it.fix.unwrap().contains("set Add and Edit to All"));
}

#[test]
fn delete_excess_and_absent_rows() {
    let mut n = need("Companies", "Company Maintenance");
    n.delete = Some(false);
    let it = evaluate(&n, Ok(&rows("All", "None", "All")), None);
    assert_eq!(it.status, CheckStatus::Warning);
    assert!(it.fix.unwrap().contains("set Delete to None"));
    assert!(it.message.contains("Delete is allowed"), "{}", it.message);
    // A level no source spells does not say Delete is allowed.
    let odd = evaluate(&n, Ok(&rows("All", "None", "My Company")), None);
    assert_eq!(odd.status, CheckStatus::Warning);
    assert!(odd.message.contains("may be allowed") && !odd.message.contains("Delete is allowed"), "{}", odd.message);

    // psa-api.md §B1 sources the field names only, not ConnectWise's spelling of each module function: a row
    // not found is not proof of absence.
    let absent = evaluate(&need("Finance", "Invoicing"), Ok(&rows("All", "None", "None")), None);
    assert_eq!((absent.status, absent.code), (CheckStatus::Warning, None), "{absent:#?}");
    assert_eq!(absent.id, "role.finance.invoicing");
    assert!(absent.message.contains("confirm by hand"), "{}", absent.message);
}

#[test]
fn loose_module_names_and_live_confirmation() {
    let time = need("Time & Expense", "Time Entry");
    assert_eq!(evaluate(&time, Ok(&rows("All", "None", "None")), None).status, CheckStatus::Ok);
    assert_eq!(role_id(&time), "role.time_expense.time_entry");

    let n = need("Companies", "Company Maintenance");
    let zero = evaluate(&n, Ok(&rows("All", "None", "None")), Some(Ok(0)));
    assert_eq!(zero.status, CheckStatus::Warning);
    assert_eq!(
        zero.message,
        "Companies > Company Maintenance: can't prove read access: no records are visible through it."
    );
    let denied = PsaError::new(ErrorCode::PermissionDenied, "m", "f");
    assert_eq!(evaluate(&n, Ok(&rows("All", "None", "None")), Some(Err(denied))).status, CheckStatus::Missing);
    let timeout = PsaError::new(ErrorCode::NetworkTimeout, "slow", "f");
    let f = evaluate(&n, Ok(&rows("All", "None", "None")), Some(Err(timeout)));
    assert_eq!((f.status, f.code), (CheckStatus::Failed, Some(ErrorCode::NetworkTimeout)));

    let unreadable = PsaError::new(ErrorCode::CwBadKeys, "m", "f");
    assert_eq!(evaluate(&n, Err(&unreadable), None).status, CheckStatus::Failed);
}

#[test]
fn levels_no_source_spells_are_confirm_by_hand() {
    let n = need("Companies", "Company Maintenance");
    // pyconnectwise's `MySecurity`: "None" | "My" | "All" (psa-api.md "Corrections found later"). Anything else,
    // or no level at all, proves nothing either way.
    for odd in [json!("My Company"), json!(null), json!(3), json!("")] {
        let table = parse_rows(&json!([{"moduleIdentifier": "Companies", "moduleFunctionName": "Company Maintenance",
            "inquireLevel": odd, "addLevel": "None", "editLevel": "None", "deleteLevel": "None"}]))
        .unwrap();
        let it = evaluate(&n, Ok(&table), None);
        assert_eq!((it.status, it.code), (CheckStatus::Warning, None), "{odd}: {it:#?}");
        assert!(it.message.contains("confirm by hand"), "{odd}: {}", it.message);
    }
    let no_field =
        parse_rows(&json!([{"moduleIdentifier": "Companies", "moduleFunctionName": "Company Maintenance"}])).unwrap();
    assert_eq!(evaluate(&n, Ok(&no_field), None).status, CheckStatus::Warning);
    // Records read live do not settle an unknown Inquire level: "My" reads some too.
    assert_eq!(evaluate(&n, Ok(&no_field), Some(Ok(5))).status, CheckStatus::Warning);
    // The documented words keep their meaning.
    assert_eq!(evaluate(&n, Ok(&rows("None", "None", "None")), None).status, CheckStatus::Missing);
    assert_eq!(evaluate(&n, Ok(&rows("My", "None", "None")), None).status, CheckStatus::Restricted);
}

#[test]
fn a_count_in_another_shape_is_not_a_failure() {
    let n = need("Companies", "Company Maintenance");
    let odd = super::super::preview::count_of(&json!({"total": 3}), "company/companies/count");
    let it = evaluate(&n, Ok(&rows("All", "None", "None")), Some(odd));
    assert_eq!(it.status, CheckStatus::Warning, "{it:#?}");
    assert!(it.message.contains("not confirmed"), "{}", it.message);
    let odd = super::super::preview::count_of(&json!([]), "company/contacts/count");
    assert_eq!(evaluate(&n, Ok(&rows("None", "None", "None")), Some(odd)).status, CheckStatus::Missing);
}

#[test]
fn steps_from_templates_get_the_role_inserted_once() {
    let mut n = need("Companies", "Contacts");
    let want = "System > Security Roles > (the API member's role) > Companies > Contacts";
    assert_eq!(role_step(&n), want);
    n.guide_step = Some("System > Security Roles".into());
    assert_eq!(role_step(&n), want);
    n.guide_step = Some("System > Security Roles > Companies > Contacts".into());
    assert_eq!(role_step(&n), want);
}
