//! The ConnectWise reports as people read them in a terminal. The check lines and picklists are drawn by
//! the same helpers as Autotask's (`report`), so both PSAs look alike; only the site block and the wording
//! differ.

use psa_core::model::{CheckReport, ConnectwiseSite, FilterSet, Picklists, Preview, ZoneSource};

use super::report::{self, item_lines, picklist_line, preview_rows, states, verdict_lines};
use crate::output::{table, Style};

fn site_rows(s: &ConnectwiseSite) -> Vec<(String, String)> {
    let company =
        if s.company_name.is_empty() { s.company_id.clone() } else { format!("{} ({})", s.company_name, s.company_id) };
    let kind = if s.is_cloud { format!("{} (ConnectWise cloud)", s.site) } else { format!("{} (self-hosted)", s.site) };
    let source = match s.source {
        ZoneSource::Detected => "detected (login/companyinfo)",
        ZoneSource::Manual => "entered by hand",
    };
    vec![
        ("Company".to_string(), company),
        ("Site".to_string(), kind),
        ("Codebase".to_string(), s.codebase.clone()),
        ("API URL".to_string(), s.api_url.clone()),
        ("Web URL".to_string(), s.web_url.clone()),
        ("Source".to_string(), source.to_string()),
    ]
}

pub fn site_text(s: &ConnectwiseSite, style: Style) -> String {
    format!("{}\n{}", style.bold("ConnectWise site"), table(&site_rows(s), 2))
}

fn picklist_rows(p: &Picklists, style: Style) -> Vec<(String, String)> {
    vec![
        ("--company-type".to_string(), picklist_line(&p.company_types, style)),
        ("--company-status".to_string(), picklist_line(&p.company_statuses, style)),
        ("--market".to_string(), picklist_line(&p.markets, style)),
        ("--territory".to_string(), picklist_line(&p.territories, style)),
        ("--contact-status".to_string(), "active, inactive".to_string()),
    ]
}

pub fn check_text(company_id: &str, r: &CheckReport, template: Option<&str>, style: Style) -> String {
    let mut out = format!("{} {company_id}\n", style.bold("ConnectWise connection check for company"));
    if let Some(t) = template {
        out.push_str(&format!("  template: {t}\n"));
    }
    out.push('\n');
    if let Some(s) = &r.site {
        out.push_str(&table(&site_rows(s), 2));
        out.push('\n');
    }
    out.push_str(&item_lines(&r.items, style));
    if let Some(p) = &r.picklists {
        out.push_str(&format!("\n{}\n", style.bold("Filter values for `psa-connect connectwise preview` (id name):")));
        out.push_str(&table(&picklist_rows(p, style), 2));
    }
    out.push('\n');
    out.push_str(&verdict_lines(r, "every security-role right checked is in place", style));
    out
}

fn filter_summary(f: &FilterSet) -> String {
    let parts = [
        ("company type", f.company_types.join(", ")),
        ("company status", f.company_status_ids.join(", ")),
        ("market", f.markets.join(", ")),
        ("territory", f.territories.join(", ")),
        ("contact status", states(&f.contact_statuses)),
    ];
    report::filter_summary(&parts, "none (every company that is not deleted)")
}

pub fn preview_text(s: &ConnectwiseSite, f: &FilterSet, p: &Preview, style: Style) -> String {
    let location = ("Site".to_string(), format!("{} ({})", s.site, s.api_url));
    let rows = preview_rows(location, filter_summary(f), p, style);
    format!("{} {}\n{}", style.bold("Filter preview for ConnectWise company"), s.company_id, table(&rows, 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(is_cloud: bool) -> ConnectwiseSite {
        ConnectwiseSite {
            site: if is_cloud { "na".into() } else { "https://cw.example.com".into() },
            company_id: "contoso".into(),
            company_name: "Contoso MSP".into(),
            codebase: "v2025_1/".into(),
            is_cloud,
            api_url: "https://api-na.myconnectwise.net/v2025_1/apis/3.0".into(),
            web_url: "https://na.myconnectwise.net".into(),
            source: ZoneSource::Detected,
            version_code: None,
        }
    }

    #[test]
    fn site_block_names_cloud_or_self_hosted() {
        let text = site_text(&site(true), Style::plain());
        assert!(text.contains("Contoso MSP (contoso)") && text.contains("na (ConnectWise cloud)"), "{text}");
        assert!(text.contains("Codebase  v2025_1/"), "{text}");
        assert!(site_text(&site(false), Style::plain()).contains("https://cw.example.com (self-hosted)"));
    }

    #[test]
    fn preview_lists_filters_by_name() {
        let f = FilterSet {
            company_types: vec!["1".into()],
            company_status_ids: vec!["11".into(), "13".into()],
            ..FilterSet::default()
        };
        let p = Preview {
            companies: 1180,
            contacts: 2001,
            sample: vec!["Acorn Bakery 3".into()],
            contacts_lower_bound: false,
            contacts_estimated: None,
        };
        let text = preview_text(&site(true), &f, &p, Style::plain());
        assert!(text.contains("company type 1; company status 11, 13"), "{text}");
        assert!(text.contains("Companies  1,180") && text.contains("Contacts   2,001"), "{text}");
        assert!(preview_text(&site(true), &FilterSet::default(), &p, Style::plain()).contains("none (every company"));
    }
}
