//! The pieces both PSAs' reports are drawn with, so a check or a preview looks the same for either; the
//! PSA modules add their location block and wording.

use psa_core::model::{ActiveState, CheckItem, CheckReport, CheckStatus, PicklistValue, Preview};

use crate::output::{thousands, Style};

fn mark(status: CheckStatus, style: Style) -> String {
    match status {
        CheckStatus::Ok => style.green("✓"),
        CheckStatus::Warning | CheckStatus::Restricted => style.yellow("!"),
        CheckStatus::Missing | CheckStatus::Failed => style.red("✗"),
        CheckStatus::Skipped => style.dim("-"),
        CheckStatus::Running => style.dim("…"),
    }
}

/// The check lines, with the fix (and the place in the PSA) indented under each one that needs action.
pub fn item_lines(items: &[CheckItem], style: Style) -> String {
    let width = items.iter().map(|i| i.label.chars().count()).max().unwrap_or(0);
    let hang = " ".repeat(2 + 2 + width + 2);
    let mut out = String::new();
    for it in items {
        let pad = " ".repeat(width - it.label.chars().count());
        out.push_str(&format!("  {} {}{pad}  {}\n", mark(it.status, style), it.label, it.message));
        if !matches!(it.status, CheckStatus::Ok | CheckStatus::Running) {
            if let Some(fix) = &it.fix {
                out.push_str(&format!("{hang}{} {fix}\n", style.bold("fix:")));
            }
            if let Some(step) = &it.guide_step {
                out.push_str(&format!("{hang}{} {step}\n", style.bold("where:")));
            }
            if let Some(code) = it.code {
                out.push_str(&format!("{hang}{}\n", style.dim(&format!("code: {}", code.name()))));
            }
        }
    }
    out
}

pub fn picklist_line(values: &[PicklistValue], style: Style) -> String {
    if values.is_empty() {
        return style.dim("(none in this database)");
    }
    values
        .iter()
        .map(|v| {
            let entry = format!("{} {}", v.value, v.label);
            if v.is_active {
                entry
            } else {
                style.dim(&format!("{entry} (inactive)"))
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The closing lines of a check: stopped / ready / how many problems to fix where, then the
/// requests made and the time taken.
pub fn verdict_lines(r: &CheckReport, ready_what: &str, style: Style) -> String {
    let psa_name = r.psa.short_name();
    let problems = r
        .items
        .iter()
        .filter(|i| !matches!(i.status, CheckStatus::Ok | CheckStatus::Warning | CheckStatus::Skipped))
        .count();
    let verdict = match (&r.error, r.ok) {
        (Some(e), _) => format!("{} {} ({})", style.red("✗ Stopped:"), e.message, e.code.name()),
        (None, true) => style.green(&format!("✓ Ready: the connection works and {ready_what}.")),
        (None, false) if problems == 0 => format!(
            "{} nothing could be proven; confirm the warnings above by hand (see fix:), then run the check again.",
            style.red("✗ Not ready:")
        ),
        (None, false) => format!(
            "{} {problems} {} to fix in {psa_name} (see fix: above), then run the check again.",
            style.red("✗ Not ready:"),
            if problems == 1 { "problem" } else { "problems" }
        ),
    };
    let took = if r.elapsed_ms < 1000 {
        format!("{} ms", r.elapsed_ms)
    } else {
        format!("{:.1} s", r.elapsed_ms as f64 / 1000.0)
    };
    format!("{verdict}\n{}", style.dim(&format!("{} requests in {took}\n", r.requests)))
}

pub fn states(s: &[ActiveState]) -> String {
    s.iter()
        .map(|x| match x {
            ActiveState::Active => "active",
            ActiveState::Inactive => "inactive",
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The rows of a filter preview: where, which filters, the counts and a sample.
pub fn preview_rows(location: (String, String), filters: String, p: &Preview, style: Style) -> Vec<(String, String)> {
    let contacts = if let Some(how) = &p.contacts_estimated {
        format!("about {} ({})", thousands(p.contacts), how.describe(p.companies))
    } else if p.contacts_lower_bound {
        format!(
            "at least {} (counted for the first companies only; the selection is very large)",
            thousands(p.contacts)
        )
    } else {
        thousands(p.contacts)
    };
    let sample = if p.sample.is_empty() { style.dim("(no companies match)") } else { p.sample.join(", ") };
    vec![
        location,
        ("Filters".to_string(), filters),
        ("Companies".to_string(), thousands(p.companies)),
        ("Contacts".to_string(), contacts),
        ("Sample".to_string(), sample),
    ]
}

/// The filters in force as "name values" pairs, or `everything` when none narrows the selection.
pub fn filter_summary(parts: &[(&str, String)], everything: &str) -> String {
    let given: Vec<String> = parts
        .iter()
        .filter(|(_, values)| !values.is_empty())
        .map(|(name, values)| format!("{name} {values}"))
        .collect();
    if given.is_empty() {
        everything.to_string()
    } else {
        given.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use psa_core::model::Psa;
    use psa_core::report::item;

    #[test]
    fn a_failed_verdict_without_a_failing_line_says_nothing_was_proven() {
        let mut r = CheckReport {
            psa: Psa::Connectwise,
            zone: None,
            site: None,
            items: vec![
                item("auth", "Sign-in", CheckStatus::Warning, ""),
                item("role", "Role", CheckStatus::Warning, ""),
            ],
            threshold: None,
            picklists: None,
            ok: false,
            error: None,
            requests: 2,
            elapsed_ms: 5,
        };
        let text = verdict_lines(&r, "x", Style::plain());
        assert!(text.contains("Not ready: nothing could be proven"), "{text}");
        r.items.push(item("role.y", "Role y", CheckStatus::Missing, ""));
        let text = verdict_lines(&r, "x", Style::plain());
        assert!(text.contains("1 problem to fix in ConnectWise"), "{text}");
    }
}
