//! A template's requirements outside the permission table, checked in the check's last wave. Each extra is
//! one report line and one request (the protected-field note two, sent together); manual checks send nothing
//! and say so honestly.

use serde_json::{json, Value};

use super::client::AtClient;
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
            let mut it = line(
                id,
                label,
                CheckStatus::Missing,
                format!("No contact named {name}{with_email} was found. {}", c.why),
            );
            let email_step = match &c.email {
                Some(e) => format!(" Set the e-mail address to exactly {e}."),
                None => String::new(),
            };
            it.fix = Some(format!(
                "In Autotask open {NEW_CONTACT_PATH}, enter first name {} and last name {}.{email_step} Autotask also \
                 asks for an organization; the guide does not say which, so pick the one you want such tickets filed \
                 under (ask the vendor if unsure). Save & Close, then run the test again.",
                c.first_name, c.last_name
            ));
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

/// The query for every protected user-defined field definition. In the official swagger
/// (KelvinTegelaar/AutotaskAPI `v1.json`, definition `UserDefinedFieldDefinitionModel`) `IsProtected`, `Name` and
/// `UdfType` are fields of the `UserDefinedFieldDefinitions` entity; the `Field` model that
/// `{entity}/entityInformation/userDefinedFields` answers with has no `isProtected` at all (issue 13).
pub fn protected_udf_query() -> Value {
    json!({
        "MaxRecords": PROTECTED_UDF_PAGE,
        "IncludeFields": ["id", "name", "isProtected", "udfType"],
        "filter": [{"op": "eq", "field": "isProtected", "value": true}],
    })
}

/// One page of protected definitions; a full page may hide more, so it proves nothing about the rest.
const PROTECTED_UDF_PAGE: usize = 500;

fn field_ci<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.as_object()?.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, x)| x)
}

/// Names of the entity's user-defined fields (`entityInformation/userDefinedFields` → `fields[].name`).
fn udf_names(v: &Value) -> Option<Vec<String>> {
    let fields = field_ci(v, "fields")?.as_array()?;
    Some(fields.iter().filter_map(|f| field_ci(f, "name").and_then(|n| n.as_str()).map(str::to_string)).collect())
}

/// Names of the protected definitions, or `None` when the answer cannot prove it (no item list, a full page,
/// or a row whose `isProtected` is absent or not `true`: the filter was then not applied as asked).
fn protected_names(v: &Value) -> Option<Vec<String>> {
    let items = field_ci(v, "items")?.as_array()?;
    if items.len() >= PROTECTED_UDF_PAGE {
        return None;
    }
    items
        .iter()
        .map(|i| match (field_ci(i, "isProtected").and_then(|p| p.as_bool()), field_ci(i, "name")?.as_str()) {
            (Some(true), Some(name)) => Some(name.to_string()),
            _ => None,
        })
        .collect()
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
    let protected_all = match defs {
        Ok(v) => match protected_names(&v) {
            Some(n) => n,
            None => {
                return unproven(
                    "Autotask's user-defined field definitions did not show which fields are protected.".to_string(),
                    None,
                )
            }
        },
        Err(e) => return unproven(
            "the API user may not read user-defined field definitions, so protected fields could not be looked for."
                .to_string(),
            Some(&e),
        ),
    };
    // Matched by name: a definition's `udfType` says which entity it belongs to, but no source at hand maps its
    // numbers to entities, so a protected field of the same name on another entity is named here too (the line
    // is informational, and naming one too many is the safe side).
    let protected: Vec<String> =
        names.into_iter().filter(|n| protected_all.iter().any(|d| d.eq_ignore_ascii_case(n))).collect();
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
        assert_eq!(
            protected_names(&rows(json!([{"id": 1, "name": "Serial", "isProtected": true}]))),
            Some(vec!["Serial".to_string()])
        );
        assert_eq!(protected_names(&rows(json!([]))), Some(vec![]));
        // The field absent, or the filter not applied: nothing is proven.
        assert_eq!(protected_names(&rows(json!([{"id": 1, "name": "Serial"}]))), None);
        assert_eq!(protected_names(&rows(json!([{"id": 1, "name": "Serial", "isProtected": false}]))), None);
        assert_eq!(protected_names(&json!({"pageDetails": {}})), None);
        let full: Vec<Value> = (0..500).map(|i| json!({"id": i, "name": "x", "isProtected": true})).collect();
        assert_eq!(protected_names(&rows(Value::Array(full))), None);
        assert_eq!(protected_udf_query()["filter"][0], json!({"op": "eq", "field": "isProtected", "value": true}));
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
