//! Read-only permission probes: what the API user's security level allows per entity
//! (`entityInformation` → `userAccessFor*`: "None"/"All"/"Restricted" on the live API, 0/1/2 in the help page;
//! see [`AccessLevel`]), confirmed by a one-row query. A value that is neither is never read as allowed.
//! A 200 with no rows proves nothing (Autotask hides what a restricted level cannot see), so it is a
//! warning, never an ok.

use serde_json::{json, Value};

use super::client::AtClient;
use super::errors::SECURITY_LEVEL_STEP;
use super::EntityNeed;
use crate::error::{ErrorCode, PsaError};
use crate::model::{CheckItem, CheckStatus};
use crate::report::rank;

/// The cheapest query that still returns a row: one id.
pub fn one_row_query() -> Value {
    json!({"MaxRecords": 1, "IncludeFields": ["id"], "filter": [{"op": "gte", "field": "id", "value": 0}]})
}

pub fn probe_id(entity: &str) -> String {
    format!("probe.{}", entity.to_ascii_lowercase())
}

pub fn probe_label(need: &EntityNeed) -> String {
    let mut rights = Vec::new();
    if need.read {
        rights.push("read");
    }
    if need.create {
        rights.push("create");
    }
    if need.update {
        rights.push("update");
    }
    if need.delete == Some(true) {
        rights.push("delete");
    }
    if rights.is_empty() {
        // A row the guide only lists (its rights optional), or one that only forbids delete.
        rights.push(if need.delete == Some(false) { "no delete" } else { "not required" });
    }
    format!("{}: {}", need.entity, rights.join(", "))
}

/// What `userAccessFor*` says. The help page (REST_EntityInformationCall) documents the numbers 0 none,
/// 1 all, 2 restricted; the live API sends the words "None" / "All" / "Restricted"
/// (msoukhomlinov/n8n-nodes-autotask `nodes/Autotask/types/base/entities.ts`; panoramicdata/AutoTask.Psa.Api
/// `EntityInformationDeserializationTests.cs`). Both are read, and numeric strings too; anything else is
/// `Unknown`, which never counts as allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessLevel {
    None,
    All,
    Restricted,
    /// Absent, null, or a value neither form knows.
    Unknown,
}

impl AccessLevel {
    pub fn parse(v: Option<&Value>) -> AccessLevel {
        let from_number = |n: i64| match n {
            0 => AccessLevel::None,
            1 => AccessLevel::All,
            2 => AccessLevel::Restricted,
            _ => AccessLevel::Unknown,
        };
        match v {
            Some(Value::Number(n)) => n.as_i64().map(from_number).unwrap_or(AccessLevel::Unknown),
            Some(Value::String(s)) => {
                let s = s.trim();
                if let Ok(n) = s.parse::<i64>() {
                    return from_number(n);
                }
                match s.to_ascii_lowercase().as_str() {
                    "none" => AccessLevel::None,
                    "all" => AccessLevel::All,
                    "restricted" => AccessLevel::Restricted,
                    _ => AccessLevel::Unknown,
                }
            }
            _ => AccessLevel::Unknown,
        }
    }
}

pub fn access(info: &Value, key: &str) -> AccessLevel {
    let info = info.get("info").unwrap_or(info);
    let v = info.as_object().and_then(|o| o.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v));
    AccessLevel::parse(v)
}

/// Every right of the security level on an entity as Autotask reports it, for a row that requires none.
fn reported_levels(info: &Value) -> String {
    let rights = [
        ("read", "userAccessForQuery"),
        ("create", "userAccessForCreate"),
        ("update", "userAccessForUpdate"),
        ("delete", "userAccessForDelete"),
    ];
    let word = |level| match level {
        AccessLevel::All => "All",
        AccessLevel::Restricted => "Restricted",
        AccessLevel::None => "None",
        AccessLevel::Unknown => "not stated",
    };
    rights.iter().map(|(verb, key)| format!("{verb} {}", word(access(info, key)))).collect::<Vec<_>>().join(", ")
}

fn unknown_access(verb: &str, entity: &str, key: &str) -> String {
    format!(
        "Autotask did not say whether the security level allows to {verb} {entity} ({key} missing or not \
None/All/Restricted): confirm by hand"
    )
}

/// Both calls at once (they hit the same endpoint, within its thread limit). `known_info` is the
/// `entityInformation` answer when the caller already has it (the authentication call reads Companies').
pub async fn run(client: &AtClient, need: &EntityNeed, known_info: Option<Value>) -> CheckItem {
    let entity = need.entity.as_str();
    let info_fut = async {
        match known_info {
            Some(v) => Ok(v),
            None => client.get(&format!("{entity}/entityInformation"), Some(entity)).await,
        }
    };
    let query_fut = async {
        if need.read {
            Some(client.post(&format!("{entity}/query"), one_row_query(), Some(entity)).await)
        } else {
            None
        }
    };
    let (info, query) = futures::join!(info_fut, query_fut);
    evaluate(need, info, query)
}

/// Whether the guide requires any right on this entity (not merely recommends or forbids one).
fn requires_anything(need: &EntityNeed) -> bool {
    need.read || need.create || need.update || need.delete == Some(true)
}

/// Pure: turns the two answers into one report line.
pub fn evaluate(need: &EntityNeed, info: Result<Value, PsaError>, query: Option<Result<Value, PsaError>>) -> CheckItem {
    let entity = need.entity.as_str();
    let step = need.guide_step.clone().unwrap_or_else(|| format!("{SECURITY_LEVEL_STEP} > {entity}"));
    let mut item = CheckItem {
        id: probe_id(entity),
        label: probe_label(need),
        status: CheckStatus::Ok,
        message: String::new(),
        fix: None,
        code: None,
        guide_step: None,
        details: None,
        elapsed_ms: None,
    };
    let mut findings: Vec<(CheckStatus, String)> = Vec::new();
    let mut first_error: Option<PsaError> = None;

    match &info {
        Ok(v) => {
            let rights: [(bool, &str, &str); 3] = [
                (need.read, "userAccessForQuery", "read"),
                (need.create, "userAccessForCreate", "create"),
                (need.update, "userAccessForUpdate", "update"),
            ];
            for (wanted, key, verb) in rights {
                if !wanted {
                    continue;
                }
                match access(v, key) {
                    AccessLevel::None => findings
                        .push((CheckStatus::Missing, format!("the security level does not allow to {verb} {entity}"))),
                    AccessLevel::Restricted => findings.push((
                        CheckStatus::Restricted,
                        format!("the security level allows to {verb} only some {entity} (restricted, not All)"),
                    )),
                    AccessLevel::Unknown => findings.push((CheckStatus::Warning, unknown_access(verb, entity, key))),
                    AccessLevel::All => {}
                }
            }
            match (need.delete, access(v, "userAccessForDelete")) {
                (Some(false), AccessLevel::All | AccessLevel::Restricted) => findings.push((
                    CheckStatus::Warning,
                    format!(
                        "the security level may delete {entity}, which this integration should not be allowed to do"
                    ),
                )),
                (Some(false), AccessLevel::Unknown) => findings.push((
                    CheckStatus::Warning,
                    unknown_access("not delete", entity, "userAccessForDelete")
                        .replace("allows to not delete", "forbids deleting"),
                )),
                (Some(true), AccessLevel::None) => findings
                    .push((CheckStatus::Missing, format!("the security level does not allow to delete {entity}"))),
                (Some(true), AccessLevel::Unknown) => {
                    findings.push((CheckStatus::Warning, unknown_access("delete", entity, "userAccessForDelete")))
                }
                _ => {}
            }
        }
        // Nothing on this row is required (a guide that names no permission table, whose rows are only what
        // the integration is known to touch): a refusal is worth a look, not a failed test.
        Err(e) if e.code == ErrorCode::PermissionDenied && !requires_anything(need) => findings.push((
            CheckStatus::Warning,
            format!(
                "Autotask refused to describe {entity} to this user; the guide only recommends access, so confirm by hand"
            ),
        )),
        Err(e) if e.code == ErrorCode::PermissionDenied => {
            findings.push((CheckStatus::Missing, format!("Autotask refused to describe {entity} to this user")));
        }
        Err(e) => {
            findings.push((CheckStatus::Failed, format!("reading {entity}'s permissions failed: {}", e.message)));
            first_error = Some(e.clone());
        }
    }

    match query {
        None => {}
        Some(Ok(v)) => {
            let rows = v.get("items").and_then(|i| i.as_array()).map(|a| a.len());
            match rows {
                Some(0) => findings.push((
                    CheckStatus::Warning,
                    format!("can't prove read access: no rows visible in {entity} (the security level may hide them, or there are none)"),
                )),
                Some(_) => {}
                None => findings.push((CheckStatus::Warning, format!("the test query on {entity} returned no item list"))),
            }
        }
        Some(Err(e)) if e.code == ErrorCode::PermissionDenied => {
            findings.push((CheckStatus::Missing, format!("Autotask refused a test query on {entity}")));
        }
        Some(Err(e)) => {
            findings.push((CheckStatus::Failed, format!("the test query on {entity} failed: {}", e.message)));
            first_error.get_or_insert(e);
        }
    }

    let worst = findings.iter().map(|(s, _)| *s).max_by_key(|s| rank(*s)).unwrap_or(CheckStatus::Ok);
    item.status = worst;
    if findings.is_empty() {
        item.message = match (&info, need.delete) {
            _ if requires_anything(need) => format!("{} works.", probe_label(need)),
            (Ok(v), Some(false)) => format!(
                "Autotask reports that the security level does not allow deleting {entity}, as the guide asks ({}).",
                reported_levels(v)
            ),
            // Nothing was required, so nothing was proven: the line says what Autotask reports and is no tick.
            (Ok(v), _) => {
                item.status = CheckStatus::Skipped;
                format!("Not required by the guide. Autotask reports: {}.", reported_levels(v))
            }
            // Not reached: a failed entityInformation call is always a finding.
            (Err(e), _) => e.message.clone(),
        };
        return item;
    }
    let mut text = findings.iter().map(|(_, m)| m.as_str()).collect::<Vec<_>>().join("; ");
    if let Some(first) = text.get(..1) {
        text = format!("{}{}", first.to_uppercase(), &text[1..]);
    }
    item.message = format!("{text}.");
    match worst {
        CheckStatus::Failed => {
            let e = first_error.unwrap_or_else(|| PsaError::internal("probe failed"));
            item.code = Some(e.code);
            item.fix = Some(e.fix);
            item.details = e.details;
        }
        CheckStatus::Warning if findings.iter().all(|(_, m)| m.starts_with("can't prove")) => {
            item.fix = Some(format!(
                "If {entity} exist in Autotask, the security level is hiding them: {step} and set View to All."
            ));
            item.guide_step = Some(step);
        }
        CheckStatus::Warning if findings.iter().all(|(_, m)| m.ends_with("confirm by hand")) => {
            item.fix = Some(format!(
                "Confirm by hand: {step} and check that {entity} has what the guide lists, then run the test again."
            ));
            item.guide_step = Some(step);
        }
        _ => {
            item.code = (worst == CheckStatus::Missing).then_some(ErrorCode::PermissionDenied);
            item.fix = Some(format!("{step}: grant what the guide lists for {entity}, save, then run the test again."));
            item.guide_step = Some(step);
        }
    }
    item
}

#[cfg(test)]
#[path = "probe_tests.rs"]
mod tests;
