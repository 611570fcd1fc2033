//! The API member's security role, read from `system/mysecurity` (one row per module function with
//! `inquireLevel`, `addLevel`, `editLevel`, `deleteLevel`), compared with what the integration needs.
//! psa-api.md §B1 "Permission introspection" sources the field names; the level words "None", "My", "All" come
//! from HealthITAU/pyconnectwise's `MySecurity` model (psa-api.md "Corrections found later").
//!
//! The documented levels are ConnectWise's own statement, so they decide the line. What no source settles is
//! "confirm by hand" (a Warning), never a green tick and never a blocking line: a level missing or spelt
//! otherwise, a function with no row of that name (ConnectWise's spelling of module functions is not
//! documented), a role list cut off at the page cap. For the two functions the filters read, a live count
//! adds to it: a documented 403 there outranks the table, and a count of 0 is a warning (a role may hide rows
//! in ways the table does not show); a count of 1 or more proves only that some rows can be read.

use serde_json::Value;

use super::errors::ROLE_STEP;
use super::RoleNeed;
use crate::error::{ErrorCode, PsaError};
use crate::model::{CheckItem, CheckStatus};
use crate::report::{carrying, item, rank};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Level {
    All,
    /// "My" (pyconnectwise `MySecurity`): only what the member owns.
    Partial(String),
    None,
    /// No level, or one no source gives (e.g. "My Company"), as the reply put it: proves nothing.
    Unknown(String),
}

impl Level {
    pub fn parse(v: Option<&Value>) -> Level {
        let word = match v {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim(),
            None | Some(Value::Null) | Some(Value::String(_)) => return Level::Unknown("not given".into()),
            Some(other) => return Level::Unknown(other.to_string()),
        };
        if word.eq_ignore_ascii_case("all") {
            Level::All
        } else if word.eq_ignore_ascii_case("none") {
            Level::None
        } else if word.eq_ignore_ascii_case("my") {
            Level::Partial(word.to_string())
        } else {
            Level::Unknown(format!("\"{word}\""))
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
    evaluate_table(need, rows, false, live)
}

/// [`evaluate`] for a table that may have been cut off at the page cap (`cut_off`).
pub fn evaluate_table(
    need: &RoleNeed,
    rows: Result<&[RoleRow], &PsaError>,
    cut_off: bool,
    live: Option<Result<u64, PsaError>>,
) -> CheckItem {
    let id = role_id(need);
    let label = role_label(need);
    let step = role_step(need);
    let what = format!("{} > {}", need.module, need.function);
    let rows = match rows {
        Ok(r) => r,
        Err(e) => return unreadable(need, e),
    };
    let mut findings: Vec<(CheckStatus, String)> = Vec::new();
    let mut to_all: Vec<&str> = Vec::new();
    let mut to_none: Vec<&str> = Vec::new();
    // Rights the table neither grants nor refuses in words a source gives: (right, as the reply put it).
    let mut unproven: Vec<(&str, String)> = Vec::new();
    let row = find_row(rows, need);
    match row {
        None => unproven = wanted(need).into_iter().map(|w| (w, String::new())).collect(),
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
                    Level::Unknown(u) => unproven.push((name, u.clone())),
                }
            }
            if !none.is_empty() {
                let verb = if none.len() == 1 { "is" } else { "are" };
                findings.insert(0, (CheckStatus::Missing, format!("{} {verb} None", join_words(&none))));
            }
            if need.delete == Some(false) && row.delete != Level::None {
                let said = match &row.delete {
                    Level::Unknown(u) => format!("the Delete level is {u}, so it may be allowed; it should be None"),
                    _ => "Delete is allowed, which this integration should not have".to_string(),
                };
                findings.push((CheckStatus::Warning, said));
                to_none.push("Delete");
            }
        }
    }
    // A read that returned records proves that some can be read, not that all can ("My" reads some too), so
    // it does not settle an Inquire level the table leaves unknown.
    let to_confirm: Vec<&str> = unproven.iter().map(|(w, _)| *w).collect();
    if !unproven.is_empty() {
        let why = match row {
            None if cut_off => format!(
                "not all of the role could be read (it stops after {} rows here) and no row for it came before",
                rows.len()
            ),
            None => "no row of the role has this name".to_string(),
            Some(_) => {
                let levels: Vec<String> = unproven.iter().map(|(w, u)| format!("{w} is {u}")).collect();
                format!("{}, a level PSA Connect cannot read", levels.join(", "))
            }
        };
        findings.push((CheckStatus::Warning, format!("{why}; confirm by hand")));
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
        // Neither proves anything: a 403 without the documented wording (psa-api.md §B1 "Errors"), or a count
        // in a shape PSA Connect does not read (§B2: UNCONFIRMED). The table decides.
        Some(Err(e)) if e.code == ErrorCode::CwRefusedUnclear => findings.push((
            CheckStatus::Warning,
            "ConnectWise refused a test read through it without saying why, so the live read is not confirmed"
                .to_string(),
        )),
        Some(Err(e)) if e.code == ErrorCode::ResponseMalformed => findings.push((
            CheckStatus::Warning,
            "the test read's answer was in a shape PSA Connect does not read, so the live read is not confirmed"
                .to_string(),
        )),
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
        return carrying(it, &e);
    }
    let mut fixes = Vec::new();
    if !to_all.is_empty() {
        fixes.push(format!("set {} to All", join_words(&to_all)));
    }
    if !to_none.is_empty() {
        fixes.push(format!("set {} to None", join_words(&to_none)));
    }
    if !to_confirm.is_empty() {
        fixes.push(format!(
            "check that {} {} All",
            join_words(&to_confirm),
            if to_confirm.len() == 1 { "is" } else { "are" }
        ));
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

/// The role could not be read. A refusal that proves nothing (`CwRefusedUnclear`) leaves the line to confirm
/// by hand; anything else fails it.
fn unreadable(need: &RoleNeed, e: &PsaError) -> CheckItem {
    let (id, label) = (role_id(need), role_label(need));
    if e.code == ErrorCode::CwRefusedUnclear {
        let mut it = item(
            &id,
            &label,
            CheckStatus::Warning,
            format!("{} > {}: the security role could not be read; confirm by hand.", need.module, need.function),
        );
        it.fix = Some(e.fix.clone());
        it.details = e.details.clone();
        it.guide_step = Some(role_step(need));
        return it;
    }
    carrying(item(&id, &label, CheckStatus::Failed, format!("The security role could not be read: {}", e.message)), e)
}

#[cfg(test)]
#[path = "security_tests.rs"]
mod tests;
