//! A template's requirements outside the permission table, checked in the check's last wave. Each extra is
//! one report line and one request (the protected-field note two, sent together); manual checks send nothing
//! and say so honestly.

use serde_json::{json, Value};

use super::client::AtClient;
use super::probe::{access, AccessLevel};
use crate::error::ErrorCode;
use crate::model::{CheckItem, CheckStatus};
use crate::report::manual;
use crate::templates::{ContactMustExist, Extra, ProtectedUdfNote};

/// Where contacts are created in Autotask's menus, for the fix text.
const NEW_CONTACT_PATH: &str = "CRM > Contacts > New Contact";
/// Where user-defined fields (and their "protected" box) are managed.
const UDF_PATH: &str = "Admin > Application-Wide (Shared) Features > User-Defined Fields";

fn line(id: String, label: String, status: CheckStatus, message: String) -> CheckItem {
    CheckItem { id, label, status, message, fix: None, code: None, guide_step: None, details: None, elapsed_ms: None }
}

pub use crate::report::{extra_id, extra_label};

/// One line per extra; `index` is the extra's position in the template.
pub async fn run(client: &AtClient, index: usize, extra: &Extra) -> CheckItem {
    let id = extra_id(index, extra);
    let label = extra_label(extra);
    match extra {
        Extra::ContactMustExist(c) => contact(client, id, label, c).await,
        Extra::ProtectedUdfNote(p) => protected_udfs(client, id, label, p).await,
        Extra::ManualCheck(m) => manual(id, label, m),
    }
}

/// The query for one contact by exact name (and e-mail, when the guide names one).
pub fn contact_query(c: &ContactMustExist) -> Value {
    let mut filter = vec![
        json!({"op": "eq", "field": "firstName", "value": c.first_name}),
        json!({"op": "eq", "field": "lastName", "value": c.last_name}),
    ];
    if let Some(email) = &c.email {
        filter.push(json!({"op": "eq", "field": "emailAddress", "value": email}));
    }
    json!({"MaxRecords": 1, "IncludeFields": ["id"], "filter": filter})
}

async fn contact(client: &AtClient, id: String, label: String, c: &ContactMustExist) -> CheckItem {
    let name = format!("{} {}", c.first_name, c.last_name);
    let with_email = c.email.as_ref().map(|e| format!(" with the e-mail address {e}")).unwrap_or_default();
    match client.post("Contacts/query", contact_query(c), Some("Contacts")).await {
        Ok(v) if v.get("items").and_then(|i| i.as_array()).is_some_and(|a| !a.is_empty()) => {
            line(id, label, CheckStatus::Ok, format!("Found the contact {name}{with_email}."))
        }
        Ok(_) => {
            let email_step = match &c.email {
                Some(e) => format!(" Set the e-mail address to exactly {e}."),
                None => String::new(),
            };
            let create = format!(
                "In Autotask open {NEW_CONTACT_PATH}, enter first name {} and last name {}.{email_step} Autotask also \
                 asks for an organization; the guide does not say which, so pick the one you want such tickets filed \
                 under (ask the vendor if unsure). Save & Close, then run the test again.",
                c.first_name, c.last_name
            );
            // No row proves the contact absent only where the security level shows every contact: a restricted
            // level answers with the rows it covers, so the contact may exist out of the API user's sight
            // (psa-api.md §A7). Asked only now, so a found contact costs no request more.
            let sees_all = match client.get("Contacts/entityInformation", Some("Contacts")).await {
                Ok(info) => access(&info, "userAccessForQuery") == AccessLevel::All,
                Err(_) => false,
            };
            let (status, message, fix) = if sees_all {
                // Missing for the integration either way: it finds the contact through this API user. It may
                // still exist out of sight (a line of business, psa-api.md §A7), so the fix says both.
                (
                    CheckStatus::Missing,
                    format!("The API user finds no contact named {name}{with_email}."),
                    format!(
                        "If the contact exists under CRM > Contacts, the API user cannot see it: give its security \
                         level access to that contact's organization or line of business. If it does not exist: \
                         {create}"
                    ),
                )
            } else {
                (
                    CheckStatus::Warning,
                    format!(
                        "The API user sees no contact named {name}{with_email}, but its security level may not show \
                         every contact, so it may exist."
                    ),
                    format!(
                        "Confirm by hand under CRM > Contacts that {name}{with_email} exists. If it does not: {create}"
                    ),
                )
            };
            let mut it = line(id, label, status, format!("{message} {}", c.why));
            it.fix = Some(fix);
            it.guide_step = Some(NEW_CONTACT_PATH.to_string());
            it
        }
        Err(e) => {
            let mut it = line(
                id,
                label,
                CheckStatus::Skipped,
                format!("Could not verify that the contact {name}{with_email} exists: {}", e.message),
            );
            it.fix = Some(format!(
                "Let the API user read Contacts (see the Contacts line), or check by hand under CRM > Contacts that \
                 {name}{with_email} exists."
            ));
            it.code = Some(e.code);
            it
        }
    }
}

/// The query for every user-defined field definition, protected or not. In the official swagger
/// (KelvinTegelaar/AutotaskAPI `v1.json`, definition `UserDefinedFieldDefinitionModel`) `IsProtected`, `Name` and
/// `UdfType` are fields of the `UserDefinedFieldDefinitions` entity; the `Field` model that
/// `{entity}/entityInformation/userDefinedFields` answers with has no `isProtected` at all (issue 13).
/// Unprotected definitions are asked for too: only a definition seen for each of the entity's fields proves
/// that field unprotected, where an empty answer to "protected only" may be a level that hides the rows.
pub fn protected_udf_query() -> Value {
    json!({
        "MaxRecords": PROTECTED_UDF_PAGE,
        "IncludeFields": ["id", "name", "isProtected", "udfType"],
        "filter": [{"op": "gte", "field": "id", "value": 0}],
    })
}

/// One page of definitions; a full page may hide more, so a field not on it proves nothing.
const PROTECTED_UDF_PAGE: usize = 500;

fn field_ci<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.as_object()?.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, x)| x)
}

/// Names of the entity's user-defined fields (`entityInformation/userDefinedFields` → `fields[].name`).
fn udf_names(v: &Value) -> Option<Vec<String>> {
    let fields = field_ci(v, "fields")?.as_array()?;
    Some(fields.iter().filter_map(|f| field_ci(f, "name").and_then(|n| n.as_str()).map(str::to_string)).collect())
}

/// What the definitions prove about the entity's user-defined fields `names`.
#[derive(Debug, PartialEq, Eq)]
enum Protection {
    /// Every field's definition was seen: these are the protected ones (possibly none).
    Known(Vec<String>),
    /// The answer cannot prove it; the text says why.
    Unproven(String),
}

/// Matches the entity's fields by name against the definitions. Each field needs a definition with a boolean
/// `isProtected`; a field without one (hidden by the security level, past a full page, or the flag left out)
/// leaves the answer unproven. An entity that lists no fields proves nothing: Autotask may leave protected
/// fields out for a user who may not see them (psa-api.md: protected UDFs are not returned without access).
fn protection(names: &[String], defs: &Value) -> Protection {
    let Some(items) = field_ci(defs, "items").and_then(Value::as_array) else {
        return Protection::Unproven("Autotask's answer about user-defined field definitions had no list.".into());
    };
    let seen: Vec<(&str, Option<bool>)> = items
        .iter()
        .filter_map(|i| Some((field_ci(i, "name")?.as_str()?, field_ci(i, "isProtected").and_then(Value::as_bool))))
        .collect();
    if names.is_empty() {
        return Protection::Unproven(
            "Autotask lists no user-defined fields here, and it may leave out protected ones the API user may not see."
                .into(),
        );
    }
    let mut protected = Vec::new();
    for name in names {
        let flags: Vec<Option<bool>> =
            seen.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, p)| *p).collect();
        if flags.is_empty() || flags.contains(&None) {
            return Protection::Unproven(format!(
                "the API user cannot see whether the field \"{name}\" is protected (its definition is not visible)."
            ));
        }
        // Matched by name: a definition's `udfType` says which entity it belongs to, but no source at hand maps
        // its numbers to entities, so a protected field of the same name on another entity counts here too (the
        // line is informational, and naming one too many is the safe side).
        if flags.contains(&Some(true)) {
            protected.push(name.clone());
        }
    }
    Protection::Known(protected)
}

/// Whether the entity has protected user-defined fields: its UDF names (entityInformation) matched against the
/// protected `UserDefinedFieldDefinitions`. A protected field's values are left out of API answers unless the
/// security level may see protected data, which the API does not report, so this line informs, it does not
/// judge. Where the answer cannot prove anything (a query refused, a field absent), it says "confirm by hand";
/// it never says "no protected fields" without both answers.
async fn protected_udfs(client: &AtClient, id: String, label: String, p: &ProtectedUdfNote) -> CheckItem {
    let entity = p.entity.as_str();
    let names_path = format!("{entity}/entityInformation/userDefinedFields");
    let names_fut = client.get(&names_path, Some(entity));
    let defs_fut =
        client.post("UserDefinedFieldDefinitions/query", protected_udf_query(), Some("UserDefinedFieldDefinitions"));
    let (names, defs) = futures::join!(names_fut, defs_fut);
    let unproven = |why: String, e: Option<&crate::error::PsaError>| {
        let mut it = line(id.clone(), label.clone(), CheckStatus::Skipped, format!("Confirm by hand: {why} {}", p.why));
        if let Some(e) = e {
            if e.code != ErrorCode::PermissionDenied {
                it.details = Some(e.message.clone());
            }
            it.code = Some(e.code);
        }
        it.fix = Some(format!("Confirm by hand under {UDF_PATH} > {entity} whether any field is protected."));
        it
    };
    let names = match names {
        Ok(v) => match udf_names(&v) {
            Some(n) => n,
            None => return unproven(format!("Autotask did not list {entity}'s user-defined fields."), None),
        },
        Err(e) => {
            return unproven(
                format!("could not read {entity}'s user-defined fields, so protected ones could not be looked for."),
                Some(&e),
            )
        }
    };
    let protected = match defs {
        Ok(v) => match protection(&names, &v) {
            Protection::Known(p) => p,
            Protection::Unproven(why) => return unproven(why, None),
        },
        Err(e) => return unproven(
            "the API user may not read user-defined field definitions, so protected fields could not be looked for."
                .to_string(),
            Some(&e),
        ),
    };
    if protected.is_empty() {
        return line(id, label, CheckStatus::Ok, format!("No protected fields found on {entity}."));
    }
    let mut it = line(
        id,
        label,
        CheckStatus::Ok,
        format!(
            "{entity} has protected user-defined fields ({}). They will not come through unless the API user's \
             security level grants access to protected data. {}",
            protected.join(", "),
            p.why
        ),
    );
    it.fix = Some(format!(
        "If the integration needs these fields, unprotect them under {UDF_PATH} > {entity}, or let the API user's \
         security level see protected data (Admin > Account Settings & Users > Security Levels)."
    ));
    it
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::ManualCheck;

    #[test]
    fn contact_query_filters_by_name_and_optional_email() {
        let mut c = ContactMustExist { first_name: "A".into(), last_name: "B".into(), email: None, why: "w".into() };
        assert_eq!(contact_query(&c)["filter"].as_array().unwrap().len(), 2);
        assert_eq!(contact_query(&c)["MaxRecords"], 1);
        c.email = Some("a@b.example".into());
        let q = contact_query(&c);
        assert_eq!(q["filter"][2], json!({"op": "eq", "field": "emailAddress", "value": "a@b.example"}));
    }

    #[test]
    fn protected_definitions_prove_only_what_they_show() {
        let rows = |r: Value| json!({"items": r, "pageDetails": {}});
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let serial = |p: Value| json!({"id": 1, "name": "Serial", "isProtected": p});
        let known = |p: &[&str]| Protection::Known(names(p));
        let unproven = |p: &Protection| matches!(p, Protection::Unproven(_));
        let defs = rows(json!([serial(json!(true)), {"id": 2, "name": "Owner", "isProtected": false}]));
        assert_eq!(protection(&names(&["serial", "Owner"]), &defs), known(&["serial"]));
        assert_eq!(protection(&names(&["Owner"]), &defs), known(&[]));
        // A field whose definition is not visible (a level that hides rows answers with fewer, or none).
        assert!(unproven(&protection(&names(&["Owner"]), &rows(json!([])))));
        assert!(unproven(&protection(&names(&["Owner", "Colour"]), &defs)));
        // The flag left out or not a boolean.
        assert!(unproven(&protection(&names(&["Serial"]), &rows(json!([serial(Value::Null)])))));
        assert!(unproven(&protection(&names(&["Serial"]), &rows(json!([{"id": 1, "name": "Serial"}])))));
        assert!(unproven(&protection(&names(&["Serial"]), &json!({"pageDetails": {}}))));
        // No fields listed proves nothing, whatever the definitions show.
        assert!(unproven(&protection(&[], &rows(json!([{"id": 2, "name": "Owner", "isProtected": false}])))));
        assert!(unproven(&protection(&[], &rows(json!([])))));
        assert!(unproven(&protection(&[], &defs)));
        // A full page: a field on it is still proven, one not on it is not.
        let mut full: Vec<Value> =
            (0..499).map(|i| json!({"id": i, "name": format!("f{i}"), "isProtected": false})).collect();
        full.push(serial(json!(true)));
        assert_eq!(protection(&names(&["Serial"]), &rows(Value::Array(full.clone()))), known(&["Serial"]));
        assert!(unproven(&protection(&names(&["Colour"]), &rows(Value::Array(full.clone())))));
        assert!(unproven(&protection(&[], &rows(Value::Array(full)))));
        assert_eq!(protected_udf_query()["filter"][0], json!({"op": "gte", "field": "id", "value": 0}));
    }

    #[test]
    fn manual_checks_are_skipped_and_say_so() {
        let e = Extra::ManualCheck(ManualCheck { text: "look at X.".into() });
        let it = manual(
            extra_id(2, &e),
            extra_label(&e),
            match &e {
                Extra::ManualCheck(m) => m,
                _ => unreachable!(),
            },
        );
        assert_eq!((it.id.as_str(), it.status), ("extra.3.manual", CheckStatus::Skipped));
        assert_eq!(it.message, "Confirm by hand: look at X.");
    }
}
