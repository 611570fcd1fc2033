//! The Autotask reports as people read them in a terminal: aligned columns, one mark per check line, the
//! fix right under each problem, and the filter values a partner needs for `autotask preview`.

use psa_core::model::{
    ActiveState, AutotaskZone, CheckItem, CheckReport, CheckStatus, FilterSet, PicklistValue,
    Picklists, Preview, ZoneSource,
};

use crate::output::{table, thousands, Style};

fn mark(status: CheckStatus, style: Style) -> String {
    match status {
        CheckStatus::Ok => style.green("✓"),
        CheckStatus::Warning | CheckStatus::Restricted => style.yellow("!"),
        CheckStatus::Missing | CheckStatus::Failed => style.red("✗"),
        CheckStatus::Skipped => style.dim("-"),
        CheckStatus::Running => style.dim("…"),
    }
}

fn zone_rows(zone: &AutotaskZone, lookup: Option<&str>) -> Vec<(String, String)> {
    let mut rows = vec![
        ("Zone".to_string(), zone.zone_name.clone()),
        ("API URL".to_string(), zone.api_url.clone()),
        ("Web URL".to_string(), zone.web_url.clone()),
    ];
    if let Some(ci) = zone.ci {
        rows.push(("Tenant (ci)".to_string(), ci.to_string()));
    }
    let source = match (zone.source, lookup) {
        (ZoneSource::Detected, Some(l)) => format!("detected (lookup at {l})"),
        (ZoneSource::Detected, None) => "detected".to_string(),
        (ZoneSource::Manual, _) => "entered by hand".to_string(),
    };
    rows.push(("Source".to_string(), source));
    rows
}

pub fn zone_text(zone: &AutotaskZone, lookup: Option<&str>, style: Style) -> String {
    format!(
        "{}\n{}",
        style.bold("Autotask zone"),
        table(&zone_rows(zone, lookup), 2)
    )
}

/// The check lines, with the fix (and the place in Autotask) indented under each one that needs action.
pub(crate) fn item_lines(items: &[CheckItem], style: Style) -> String {
    let width = items
        .iter()
        .map(|i| i.label.chars().count())
        .max()
        .unwrap_or(0);
    let hang = " ".repeat(2 + 2 + width + 2);
    let mut out = String::new();
    for it in items {
        let pad = " ".repeat(width - it.label.chars().count());
        out.push_str(&format!(
            "  {} {}{pad}  {}\n",
            mark(it.status, style),
            it.label,
            it.message
        ));
        if !matches!(it.status, CheckStatus::Ok | CheckStatus::Running) {
            if let Some(fix) = &it.fix {
                out.push_str(&format!("{hang}{} {fix}\n", style.bold("fix:")));
            }
            if let Some(step) = &it.guide_step {
                out.push_str(&format!("{hang}{} {step}\n", style.bold("where:")));
            }
            if let Some(code) = it.code {
                out.push_str(&format!(
                    "{hang}{}\n",
                    style.dim(&format!("code: {}", code.name()))
                ));
            }
        }
    }
    out
}

pub(crate) fn picklist_line(values: &[PicklistValue], style: Style) -> String {
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

fn picklist_rows(p: &Picklists, style: Style) -> Vec<(String, String)> {
    let mut rows = vec![
        (
            "--company-type".to_string(),
            picklist_line(&p.company_types, style),
        ),
        (
            "--company-status".to_string(),
            picklist_line(&p.company_statuses, style),
        ),
    ];
    if !p.company_categories.is_empty() {
        rows.push((
            "--company-category".to_string(),
            picklist_line(&p.company_categories, style),
        ));
    }
    rows.push(("--market".to_string(), picklist_line(&p.markets, style)));
    rows.push((
        "--territory".to_string(),
        picklist_line(&p.territories, style),
    ));
    rows.push((
        "--classification".to_string(),
        picklist_line(&p.classifications, style),
    ));
    rows.push((
        "--contact-status".to_string(),
        picklist_line(&p.contact_statuses, style),
    ));
    rows
}

pub fn check_text(username: &str, r: &CheckReport, template: Option<&str>, style: Style) -> String {
    let mut out = format!(
        "{} {username}\n",
        style.bold("Autotask connection check for")
    );
    if let Some(t) = template {
        out.push_str(&format!("  template: {t}\n"));
    }
    out.push('\n');
    if let Some(zone) = &r.zone {
        out.push_str(&table(&zone_rows(zone, None), 2));
        out.push('\n');
    }
    out.push_str(&item_lines(&r.items, style));
    // The budget has its own line among the checks; repeat it only when that line is absent.
    let budget_line = r.items.iter().any(|i| i.id == "threshold");
    if let (Some(t), false) = (&r.threshold, budget_line) {
        out.push('\n');
        let budget = format!(
            "{} of {} requests used in the last {} minutes",
            thousands(t.used.max(0) as u64),
            thousands(t.limit.max(0) as u64),
            t.timeframe_minutes
        );
        out.push_str(&table(&[("API budget".to_string(), budget)], 2));
    }
    if let Some(p) = &r.picklists {
        out.push_str(&format!(
            "\n{}\n",
            style.bold("Filter values for `psa-connect autotask preview` (value label):")
        ));
        out.push_str(&table(&picklist_rows(p, style), 2));
    }
    out.push('\n');
    out.push_str(&verdict_lines(
        r,
        "Autotask",
        "every permission checked is in place",
        style,
    ));
    out
}

/// The closing lines of a check for either PSA: stopped / ready / how many problems to fix where, then the
/// requests made and the time taken.
pub(crate) fn verdict_lines(
    r: &CheckReport,
    psa_name: &str,
    ready_what: &str,
    style: Style,
) -> String {
    let problems = r
        .items
        .iter()
        .filter(|i| {
            !matches!(
                i.status,
                CheckStatus::Ok | CheckStatus::Warning | CheckStatus::Skipped
            )
        })
        .count();
    let verdict = match (&r.error, r.ok) {
        (Some(e), _) => format!(
            "{} {} ({})",
            style.red("✗ Stopped:"),
            e.message,
            e.code.name()
        ),
        (None, true) => style.green(&format!("✓ Ready: the connection works and {ready_what}.")),
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
    format!(
        "{verdict}\n{}",
        style.dim(&format!("{} requests in {took}\n", r.requests))
    )
}

fn states(s: &[ActiveState]) -> String {
    s.iter()
        .map(|x| match x {
            ActiveState::Active => "active",
            ActiveState::Inactive => "inactive",
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn filter_summary(f: &FilterSet) -> String {
    let mut parts = Vec::new();
    let mut add = |name: &str, values: String| {
        if !values.is_empty() {
            parts.push(format!("{name} {values}"));
        }
    };
    add("company type", f.company_types.join(", "));
    add("company status", states(&f.company_statuses));
    add("company category", f.company_categories.join(", "));
    add("market", f.markets.join(", "));
    add("territory", f.territories.join(", "));
    add("classification", f.classifications.join(", "));
    add("contact status", states(&f.contact_statuses));
    if parts.is_empty() {
        "none (everything)".to_string()
    } else {
        parts.join("; ")
    }
}

/// The rows of a filter preview for either PSA: where, which filters, the counts and a sample.
pub(crate) fn preview_rows(
    location: (String, String),
    filters: String,
    p: &Preview,
    style: Style,
) -> Vec<(String, String)> {
    let contacts = if p.contacts_lower_bound {
        format!(
            "at least {} (counted for the first companies only; the selection is very large)",
            thousands(p.contacts)
        )
    } else {
        thousands(p.contacts)
    };
    let sample = if p.sample.is_empty() {
        style.dim("(no companies match)")
    } else {
        p.sample.join(", ")
    };
    vec![
        location,
        ("Filters".to_string(), filters),
        ("Companies".to_string(), thousands(p.companies)),
        ("Contacts".to_string(), contacts),
        ("Sample".to_string(), sample),
    ]
}

pub fn preview_text(
    username: &str,
    zone: &AutotaskZone,
    f: &FilterSet,
    p: &Preview,
    style: Style,
) -> String {
    let location = (
        "Zone".to_string(),
        format!("{} ({})", zone.zone_name, zone.web_url),
    );
    let rows = preview_rows(location, filter_summary(f), p, style);
    format!(
        "{} {username}\n{}",
        style.bold("Filter preview for"),
        table(&rows, 2)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use psa_core::model::{Psa, Threshold};
    use psa_core::{ErrorCode, PsaError};

    fn zone() -> AutotaskZone {
        AutotaskZone {
            zone_name: "AE02".into(),
            api_url: "https://webservices14.autotask.net/ATServicesRest/V1.0".into(),
            web_url: "https://ww14.autotask.net".into(),
            ci: Some(100014),
            source: ZoneSource::Detected,
        }
    }

    fn line(id: &str, label: &str, status: CheckStatus) -> CheckItem {
        CheckItem {
            id: id.into(),
            label: label.into(),
            status,
            message: format!("{label} message"),
            fix: (status != CheckStatus::Ok).then(|| format!("{label} fix")),
            code: (status == CheckStatus::Missing).then_some(ErrorCode::PermissionDenied),
            guide_step: (status == CheckStatus::Missing)
                .then(|| "Security Levels > Contacts".to_string()),
            details: None,
            elapsed_ms: Some(1),
        }
    }

    fn report(items: Vec<CheckItem>, ok: bool, error: Option<PsaError>) -> CheckReport {
        CheckReport {
            psa: Psa::Autotask,
            zone: Some(zone()),
            site: None,
            items,
            threshold: Some(Threshold {
                limit: 10_000,
                used: 124,
                timeframe_minutes: 60,
            }),
            picklists: Some(Picklists {
                company_types: vec![
                    PicklistValue {
                        value: "1".into(),
                        label: "Customer".into(),
                        is_active: true,
                        sort_order: 1,
                    },
                    PicklistValue {
                        value: "9".into(),
                        label: "Former Reseller".into(),
                        is_active: false,
                        sort_order: 2,
                    },
                ],
                ..Picklists::default()
            }),
            ok,
            error,
            requests: 9,
            elapsed_ms: 420,
        }
    }

    #[test]
    fn a_missing_permission_shows_its_mark_fix_and_place() {
        let r = report(
            vec![
                line("auth", "Sign-in", CheckStatus::Ok),
                line("probe.contacts", "Contacts: read", CheckStatus::Missing),
            ],
            false,
            None,
        );
        let text = check_text("u@x.com", &r, None, Style::plain());
        assert!(
            text.contains("  ✓ Sign-in         Sign-in message\n"),
            "{text}"
        );
        assert!(
            text.contains("  ✗ Contacts: read  Contacts: read message\n"),
            "{text}"
        );
        assert!(text.contains("fix: Contacts: read fix"));
        assert!(text.contains("where: Security Levels > Contacts"));
        assert!(text.contains("code: permission_denied"));
        assert!(
            text.contains("API budget")
                && text.contains("124 of 10,000 requests used in the last 60 minutes")
        );
        assert!(text.contains("9 requests in 420 ms"));
        assert!(text.contains("1 Customer, 9 Former Reseller (inactive)"));
        assert!(text.contains("--market") && text.contains("(none in this database)"));
        assert!(text.contains("✗ Not ready: 1 problem"));
        assert!(!text.contains('\x1b'));
    }

    #[test]
    fn verdicts_for_ready_and_stopped() {
        let ok = check_text(
            "u@x.com",
            &report(vec![line("auth", "Sign-in", CheckStatus::Ok)], true, None),
            None,
            Style::plain(),
        );
        assert!(ok.contains("✓ Ready"));
        let e = PsaError::new(
            ErrorCode::AuthWrongSecret,
            "Autotask refused the secret.",
            "Generate a new secret.",
        );
        let stopped = check_text(
            "u@x.com",
            &report(
                vec![line("auth", "Sign-in", CheckStatus::Failed)],
                false,
                Some(e),
            ),
            None,
            Style::plain(),
        );
        assert!(
            stopped.contains("✗ Stopped: Autotask refused the secret. (auth_wrong_secret)"),
            "{stopped}"
        );
        assert!(stopped.contains("fix: Sign-in fix"));
    }

    #[test]
    fn preview_shows_counts_filters_and_sample() {
        let f = FilterSet {
            company_types: vec!["1".into()],
            contact_statuses: vec![ActiveState::Active],
            ..FilterSet::default()
        };
        let p = Preview {
            companies: 1234,
            contacts: 2468,
            sample: vec!["Alder Labs".into(), "Birch Foods".into()],
            contacts_lower_bound: true,
        };
        let text = preview_text("u@x.com", &zone(), &f, &p, Style::plain());
        assert!(text.contains("Companies  1,234"), "{text}");
        assert!(text.contains("Contacts   at least 2,468"));
        assert!(text.contains("company type 1; contact status active"));
        assert!(text.contains("Alder Labs, Birch Foods"));
    }
}
