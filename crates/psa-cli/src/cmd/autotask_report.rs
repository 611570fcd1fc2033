//! The Autotask reports as people read them in a terminal: aligned columns, one mark per check line, the
//! fix right under each problem, and the filter values a partner needs for `autotask preview`.

use psa_core::model::{AutotaskZone, CheckReport, FilterSet, Picklists, Preview, ZoneSource};

use super::report::{self, item_lines, picklist_line, preview_rows, states, verdict_lines};
use crate::output::{table, thousands, Style};

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
    format!("{}\n{}", style.bold("Autotask zone"), table(&zone_rows(zone, lookup), 2))
}

fn picklist_rows(p: &Picklists, style: Style) -> Vec<(String, String)> {
    let mut rows = vec![
        ("--company-type".to_string(), picklist_line(&p.company_types, style)),
        ("--company-status".to_string(), picklist_line(&p.company_statuses, style)),
    ];
    if !p.company_categories.is_empty() {
        rows.push(("--company-category".to_string(), picklist_line(&p.company_categories, style)));
    }
    rows.push(("--market".to_string(), picklist_line(&p.markets, style)));
    rows.push(("--territory".to_string(), picklist_line(&p.territories, style)));
    rows.push(("--classification".to_string(), picklist_line(&p.classifications, style)));
    rows.push(("--contact-status".to_string(), picklist_line(&p.contact_statuses, style)));
    rows
}

pub fn check_text(username: &str, r: &CheckReport, template: Option<&str>, style: Style) -> String {
    let mut out = format!("{} {username}\n", style.bold("Autotask connection check for"));
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
        out.push_str(&format!("\n{}\n", style.bold("Filter values for `psa-connect autotask preview` (value label):")));
        out.push_str(&table(&picklist_rows(p, style), 2));
    }
    out.push('\n');
    out.push_str(&verdict_lines(r, "every permission checked is in place", style));
    out
}

fn filter_summary(f: &FilterSet) -> String {
    let parts = [
        ("company type", f.company_types.join(", ")),
        ("company status", states(&f.company_statuses)),
        ("company category", f.company_categories.join(", ")),
        ("market", f.markets.join(", ")),
        ("territory", f.territories.join(", ")),
        ("classification", f.classifications.join(", ")),
        ("contact status", states(&f.contact_statuses)),
    ];
    report::filter_summary(&parts, "none (everything)")
}

pub fn preview_text(username: &str, zone: &AutotaskZone, f: &FilterSet, p: &Preview, style: Style) -> String {
    let location = ("Zone".to_string(), format!("{} ({})", zone.zone_name, zone.web_url));
    let rows = preview_rows(location, filter_summary(f), p, style);
    format!("{} {username}\n{}", style.bold("Filter preview for"), table(&rows, 2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use psa_core::model::{ActiveState, CheckItem, CheckStatus, PicklistValue, Psa, Threshold};
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
            guide_step: (status == CheckStatus::Missing).then(|| "Security Levels > Contacts".to_string()),
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
            threshold: Some(Threshold { limit: 10_000, used: 124, timeframe_minutes: 60 }),
            picklists: Some(Picklists {
                company_types: vec![
                    PicklistValue { value: "1".into(), label: "Customer".into(), is_active: true, sort_order: 1 },
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
        assert!(text.contains("  ✓ Sign-in         Sign-in message\n"), "{text}");
        assert!(text.contains("  ✗ Contacts: read  Contacts: read message\n"), "{text}");
        assert!(text.contains("fix: Contacts: read fix"));
        assert!(text.contains("where: Security Levels > Contacts"));
        assert!(text.contains("code: permission_denied"));
        assert!(text.contains("API budget") && text.contains("124 of 10,000 requests used in the last 60 minutes"));
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
        let e = PsaError::new(ErrorCode::AuthWrongSecret, "Autotask refused the secret.", "Generate a new secret.");
        let stopped = check_text(
            "u@x.com",
            &report(vec![line("auth", "Sign-in", CheckStatus::Failed)], false, Some(e)),
            None,
            Style::plain(),
        );
        assert!(stopped.contains("✗ Stopped: Autotask refused the secret. (auth_wrong_secret)"), "{stopped}");
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
            contacts_estimated: None,
        };
        let text = preview_text("u@x.com", &zone(), &f, &p, Style::plain());
        assert!(text.contains("Companies  1,234"), "{text}");
        assert!(text.contains("Contacts   at least 2,468"));
        let (n, how) = psa_core::model::ContactEstimate::sample_ratio(60_000, 2_500, 5_000);
        let est = Preview { contacts: n, contacts_lower_bound: false, contacts_estimated: Some(how), ..p.clone() };
        let text = preview_text("u@x.com", &zone(), &f, &est, Style::plain());
        assert!(
            text.contains(
                "about 120,000 (estimated from the 5,000 contacts of the first 2,500 of 1,234 selected companies)"
            ),
            "{text}"
        );
        assert!(text.contains("company type 1; contact status active"));
        assert!(text.contains("Alder Labs, Birch Foods"));
    }
}
