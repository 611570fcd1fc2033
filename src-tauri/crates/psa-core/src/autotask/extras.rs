//! A template's requirements outside the permission table, checked in the check's last wave. Each extra is
//! one report line and at most one request; manual checks send nothing and say so honestly.

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

/// Autotask's UDF definitions carry `isProtected`; a protected field's values are left out of API answers
/// unless the security level may see protected data, which the API does not report. So this line informs,
/// it does not judge.
async fn protected_udfs(client: &AtClient, id: String, label: String, p: &ProtectedUdfNote) -> CheckItem {
    let entity = p.entity.as_str();
    match client.get(&format!("{entity}/entityInformation/userDefinedFields"), Some(entity)).await {
        Ok(v) => {
            let protected: Vec<String> = v
                .get("fields")
                .and_then(|f| f.as_array())
                .map(|fields| {
                    fields
                        .iter()
                        .filter(|f| f.get("isProtected").and_then(|x| x.as_bool()) == Some(true))
                        .filter_map(|f| f.get("name").and_then(|n| n.as_str()).map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            if protected.is_empty() {
                line(id, label, CheckStatus::Ok, format!("No protected fields found on {entity}."))
            } else {
                let mut it = line(
                    id,
                    label,
                    CheckStatus::Ok,
                    format!(
                        "{entity} has protected user-defined fields ({}). They will not come through unless the API \
                         user's security level grants access to protected data. {}",
                        protected.join(", "),
                        p.why
                    ),
                );
                it.fix = Some(format!(
                    "If the integration needs these fields, unprotect them under {UDF_PATH} > {entity}, or let the API \
                     user's security level see protected data (Admin > Account Settings & Users > Security Levels)."
                ));
                it
            }
        }
        Err(e) => {
            let mut it = line(
                id,
                label,
                CheckStatus::Skipped,
                format!(
                    "Could not read {entity}'s user-defined fields, so protected ones could not be looked for. {}",
                    p.why
                ),
            );
            if e.code != ErrorCode::PermissionDenied {
                it.details = Some(e.message.clone());
            }
            it.code = Some(e.code);
            it.fix = Some(format!("Confirm by hand under {UDF_PATH} > {entity} whether any field is protected."));
            it
        }
    }
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
