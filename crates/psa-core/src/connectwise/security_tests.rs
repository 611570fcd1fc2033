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

    let absent = evaluate(&need("Finance", "Invoicing"), Ok(&rows("All", "None", "None")), None);
    assert_eq!(absent.status, CheckStatus::Missing);
    assert_eq!(absent.id, "role.finance.invoicing");
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
    assert_eq!(Level::parse(Some(&json!("My Company"))), Level::Partial("My Company".into()));
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
