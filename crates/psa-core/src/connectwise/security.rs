//! The API member's security role, read from `system/mysecurity` (one row per module function with
//! `inquireLevel`, `addLevel`, `editLevel`, `deleteLevel`: "None", "My", "All" per HealthITAU/pyconnectwise's `MySecurity` model; any other word is read as partial), compared
//! with what the integration needs. psa-api.md §B1 "Permission introspection".
//!
//! The levels are ConnectWise's own statement, so they decide the line. For the two functions the filters
//! read, a live count confirms it: a 403 there outranks the table, and a count of 0 is a warning (a role
//! may hide rows in ways the table does not show).

use serde_json::Value;

use super::errors::ROLE_STEP;
use super::RoleNeed;
use crate::error::{ErrorCode, PsaError};
use crate::model::{CheckItem, CheckStatus};
use crate::report::{item, rank};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Level {
    All,
    /// "My" (pyconnectwise `MySecurity`), or another partial word a server may send (e.g. "My Company").
    Partial(String),
    None,
}

impl Level {
    pub fn parse(v: Option<&Value>) -> Level {
        let s = v.and_then(|x| x.as_str()).unwrap_or("").trim();
        if s.eq_ignore_ascii_case("all") {
            Level::All
        } else if s.is_empty() || s.eq_ignore_ascii_case("none") {
            Level::None
        } else {
            Level::Partial(s.to_string())
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRow {
    pub module: String,
    pub function_id: String,
    pub function_name: String,
    pub inquire: Level,
    pub add: Level,
    pub edit: Level,
    pub delete: Level,
}

fn text(v: &Value, key: &str) -> String {
    v.get(key).and_then(|x| x.as_str()).unwrap_or("").to_string()
}

pub fn parse_rows(v: &Value) -> Result<Vec<RoleRow>, PsaError> {
    let rows = v.as_array().ok_or_else(|| super::errors::malformed("system/mysecurity", "not a list"))?;
    Ok(rows
        .iter()
        .map(|r| RoleRow {
            module: text(r, "moduleIdentifier"),
            function_id: text(r, "moduleFunctionIdentifier"),
            function_name: text(r, "moduleFunctionName"),
            inquire: Level::parse(r.get("inquireLevel")),
            add: Level::parse(r.get("addLevel")),
            edit: Level::parse(r.get("editLevel")),
            delete: Level::parse(r.get("deleteLevel")),
        })
        .collect())
}

/// Letters and digits only, lowercase: "Time & Expense" and "TimeExpense" compare equal.
fn norm(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The row for a need: module and function, or the function alone when only one row has that name.
pub fn find_row<'a>(rows: &'a [RoleRow], need: &RoleNeed) -> Option<&'a RoleRow> {
    let f = norm(&need.function);
    let by_function: Vec<&RoleRow> =
        rows.iter().filter(|r| norm(&r.function_name) == f || norm(&r.function_id) == f).collect();
    let m = norm(&need.module);
    by_function.iter().find(|r| norm(&r.module) == m).copied().or(match by_function.as_slice() {
        [only] => Some(*only),
        _ => None,
    })
}

pub fn role_id(need: &RoleNeed) -> String {
    let slug = |s: &str| {
        let mut out = String::new();
        for c in s.chars() {
            if c.is_alphanumeric() {
                out.extend(c.to_lowercase());
            } else if !out.ends_with('_') {
                out.push('_');
            }
        }
        out.trim_matches('_').to_string()
    };
    format!("role.{}.{}", slug(&need.module), slug(&need.function))
}

fn wanted(need: &RoleNeed) -> Vec<&'static str> {
    let mut w = Vec::new();
    if need.inquire {
        w.push("Inquire");
    }
    if need.add {
        w.push("Add");
    }
    if need.edit {
        w.push("Edit");
    }
    if need.delete == Some(true) {
        w.push("Delete");
    }
    w
}

pub fn role_label(need: &RoleNeed) -> String {
    let w = wanted(need);
    let rights = if w.is_empty() { "access".to_string() } else { w.join(", ").to_lowercase() };
    format!("{} > {}: {rights}", need.module, need.function)
}

fn join_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "System > Security Roles > (the API member's role) > Companies > Contacts". A template's step may be
/// the roles screen alone or already end in the module and function; either way the role goes between.
pub fn role_step(need: &RoleNeed) -> String {
    let tail = format!(" > {} > {}", need.module, need.function);
    let given = need.guide_step.as_deref().map(str::trim).filter(|s| !s.is_empty()).unwrap_or(ROLE_STEP);
    let base = given.strip_suffix(tail.as_str()).unwrap_or(given);
    format!("{base} > (the API member's role){tail}")
}

/// Pure: the role table (or why it could not be read) and an optional live confirmation → one line.
pub fn evaluate(
    need: &RoleNeed,
    rows: Result<&[RoleRow], &PsaError>,
    live: Option<Result<u64, PsaError>>,
) -> CheckItem {
    let id = role_id(need);
    let label = role_label(need);
    let step = role_step(need);
    let what = format!("{} > {}", need.module, need.function);
    let rows = match rows {
        Ok(r) => r,
        Err(e) => {
            let mut it =
                item(&id, &label, CheckStatus::Failed, format!("The security role could not be read: {}", e.message));
            it.code = Some(e.code);
            it.fix = Some(e.fix.clone());
            it.details = e.details.clone();
            return it;
        }
    };
    let mut findings: Vec<(CheckStatus, String)> = Vec::new();
    let mut to_all: Vec<&str> = Vec::new();
    let mut to_none: Vec<&str> = Vec::new();
    match find_row(rows, need) {
        None => {
            findings.push((CheckStatus::Missing, "the API member's role has no entry for it".to_string()));
            to_all = wanted(need);
        }
        Some(row) => {
            let levels = [
                (need.inquire, &row.inquire, "Inquire"),
                (need.add, &row.add, "Add"),
                (need.edit, &row.edit, "Edit"),
                (need.delete == Some(true), &row.delete, "Delete"),
            ];
            let mut none: Vec<&str> = Vec::new();
            for (needed, level, name) in levels {
                if !needed {
                    continue;
                }
                match level {
                    Level::All => {}
                    Level::Partial(p) => {
                        findings.push((CheckStatus::Restricted, format!("{name} is \"{p}\", not All")));
                        to_all.push(name);
                    }
                    Level::None => {
                        none.push(name);
                        to_all.push(name);
                    }
                }
            }
            if !none.is_empty() {
                let verb = if none.len() == 1 { "is" } else { "are" };
                findings.insert(0, (CheckStatus::Missing, format!("{} {verb} None", join_words(&none))));
            }
            if need.delete == Some(false) && row.delete != Level::None {
                findings.push((
                    CheckStatus::Warning,
                    "Delete is allowed, which this integration should not have".to_string(),
                ));
                to_none.push("Delete");
            }
        }
    }
    let mut live_error: Option<PsaError> = None;
    match live {
        None | Some(Ok(1..)) => {}
        Some(Ok(0)) => {
            if findings.is_empty() {
                findings.push((
                    CheckStatus::Warning,
                    "can't prove read access: no records are visible through it".to_string(),
                ));
            }
        }
        Some(Err(e)) if e.code == ErrorCode::PermissionDenied => {
            findings.push((CheckStatus::Missing, "ConnectWise refused a test read through it".to_string()));
            if !to_all.contains(&"Inquire") {
                to_all.insert(0, "Inquire");
            }
        }
        Some(Err(e)) => {
            findings.push((CheckStatus::Failed, format!("the test read through it failed: {}", e.message)));
            live_error = Some(e);
        }
    }
    let worst = findings.iter().map(|(s, _)| *s).max_by_key(|s| rank(*s)).unwrap_or(CheckStatus::Ok);
    let mut it = item(&id, &label, worst, format!("{label} granted."));
    if findings.is_empty() {
        return it;
    }
    let text = findings.iter().map(|(_, m)| m.as_str()).collect::<Vec<_>>().join("; ");
    it.message = format!("{what}: {text}.");
    if let Some(e) = live_error.filter(|_| worst == CheckStatus::Failed) {
        it.code = Some(e.code);
        it.fix = Some(e.fix);
        it.details = e.details;
        return it;
    }
    let mut fixes = Vec::new();
    if !to_all.is_empty() {
        fixes.push(format!("set {} to All", join_words(&to_all)));
    }
    if !to_none.is_empty() {
        fixes.push(format!("set {} to None", join_words(&to_none)));
    }
    it.fix = Some(if fixes.is_empty() {
        format!("If there are records in ConnectWise, the role is hiding them: {step}: set Inquire to All.")
    } else {
        format!("{step}: {}, save, and run the test again.", fixes.join(" and "))
    });
    it.code = matches!(worst, CheckStatus::Missing | CheckStatus::Restricted).then_some(ErrorCode::PermissionDenied);
    it.guide_step = Some(step);
    it
}

#[cfg(test)]
#[path = "security_tests.rs"]
mod tests;
