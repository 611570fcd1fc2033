//! Text for people from `psa-connect profile …` (the `--json` documents are built in `profile.rs`).

use psa_core::connection::Connection;
use psa_core::profiles::{ImportReport, Profile, ProfileWarning};
use time::OffsetDateTime;

use crate::output::{table, Style};

fn when(at: OffsetDateTime) -> String {
    format!("{:04}-{:02}-{:02} {:02}:{:02} UTC", at.year(), u8::from(at.month()), at.day(), at.hour(), at.minute())
}

/// The health badge: verified / failing / never tested, and when.
pub fn health(p: &Profile, style: Style) -> String {
    match &p.last_check {
        Some(c) if c.ok => style.green(&format!("verified {}", when(c.at))),
        Some(c) => style.red(&format!("failing since {}", when(c.at))),
        None => style.yellow("never tested"),
    }
}

pub fn list_text(profiles: &[Profile], style: Style) -> String {
    if profiles.is_empty() {
        return "No saved profiles. Save one with `psa-connect profile save NAME --username U --integration-code C \
                --secret-stdin`.\n"
            .to_string();
    }
    let rows: Vec<(String, String)> = profiles
        .iter()
        .map(|p| {
            let place = match &p.connection {
                Connection::Autotask(a) => {
                    a.zone.as_ref().map(|z| z.zone_name.clone()).unwrap_or("zone unknown".into())
                }
                Connection::Connectwise(c) => format!("company {}", c.company_id),
            };
            let secret = if p.secret_ref.is_some() { "" } else { ", no secret saved" };
            (p.name.clone(), format!("{}  {place}  {}{secret}", p.connection.login(), health(p, style)))
        })
        .collect();
    table(&rows, 0)
}

pub fn show_text(p: &Profile, style: Style) -> String {
    let mut rows = Vec::new();
    match &p.connection {
        Connection::Autotask(a) => {
            rows.push(("Username".to_string(), a.username.clone()));
            rows.push(("Integration code".to_string(), a.integration_code.clone()));
        }
        Connection::Connectwise(c) => {
            rows.push(("Company ID".to_string(), c.company_id.clone()));
            rows.push(("Public key".to_string(), c.public_key.clone()));
            rows.push(("clientId".to_string(), c.client_id.clone()));
        }
    }
    rows.push(("Template".to_string(), p.template.clone()));
    if let Some(z) = p.connection.zone() {
        rows.push(("Zone".to_string(), format!("{} ({})", z.zone_name, z.web_url)));
        rows.push(("API".to_string(), z.api_url.clone()));
        if let Some(ci) = z.ci {
            rows.push(("Tenant id (ci)".to_string(), ci.to_string()));
        }
    }
    if let Some(s) = p.connection.site() {
        rows.push(("Site".to_string(), format!("{} ({})", s.site, s.web_url)));
        rows.push(("API".to_string(), s.api_url.clone()));
    }
    let f = &p.filters;
    let filters = [
        ("company types", f.company_types.join(",")),
        ("categories", f.company_categories.join(",")),
        ("markets", f.markets.join(",")),
        ("territories", f.territories.join(",")),
        ("classifications", f.classifications.join(",")),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k} {v}"))
    .collect::<Vec<_>>();
    rows.push((
        "Filters".to_string(),
        if filters.is_empty() { "none (everything)".to_string() } else { filters.join("; ") },
    ));
    rows.push((
        "Secret".to_string(),
        if p.secret_ref.is_some() { "in the keychain".into() } else { "not saved".into() },
    ));
    rows.push(("Status".to_string(), health(p, style)));
    if let Some(c) = &p.last_check {
        rows.push(("Last test".to_string(), c.summary.clone()));
    }
    rows.push(("Created".to_string(), when(p.created_at)));
    if !p.notes.is_empty() {
        rows.push(("Notes".to_string(), p.notes.clone()));
    }
    format!("{}\n{}", style.bold(&p.name), table(&rows, 2))
}

pub fn saved_text(p: &Profile, created: bool, warnings: &[ProfileWarning], check_ok: bool, style: Style) -> String {
    let verb = if created { "Saved" } else { "Updated" };
    let mut out = format!("\n{} profile \"{}\"; the secret is in the system keychain.\n", style.green(verb), p.name);
    if !check_ok {
        out.push_str(&style.yellow("Saved with --force although the check did not pass.\n"));
    }
    for w in warnings {
        out.push_str(&format!("{} {}\n", style.yellow("warning:"), w.message));
    }
    out
}

pub fn import_text(report: &ImportReport, needs_secret: &[Profile]) -> String {
    let mut out = String::new();
    for p in &report.imported {
        let how = if p.replaced {
            " (replaced the existing one)".to_string()
        } else if p.name != p.source_name {
            format!(" (as \"{}\")", p.name)
        } else {
            String::new()
        };
        out.push_str(&format!("Imported \"{}\"{how}\n", p.source_name));
    }
    for s in &report.skipped {
        out.push_str(&format!("Skipped \"{s}\" (a profile of that name exists)\n"));
    }
    for w in &report.warnings {
        out.push_str(&format!("warning: {}\n", w.message));
    }
    if !needs_secret.is_empty() {
        out.push_str("\nEnter the secret of each imported profile (it was not in the file):\n");
        for p in needs_secret {
            out.push_str(&match &p.connection {
                Connection::Autotask(a) => format!(
                    "  … | psa-connect profile save \"{}\" --username {} --integration-code {} --secret-stdin\n",
                    p.name, a.username, a.integration_code
                ),
                Connection::Connectwise(c) => format!(
                    "  … | psa-connect profile save-connectwise \"{}\" --site {} --company-id {} --public-key {} \
                     --client-id {} --private-key-stdin\n",
                    p.name,
                    c.site.as_ref().map(|s| s.site.as_str()).unwrap_or("REGION"),
                    c.company_id,
                    c.public_key,
                    c.client_id
                ),
            });
        }
    }
    out
}

/// One line of `profile check --all`: mark, name, PSA, summary.
pub fn recheck_line(r: &psa_core::profiles::recheck_all::RecheckResult, style: Style) -> String {
    let mark = if r.ok {
        style.green("ok  ")
    } else if r.cancelled {
        style.yellow("--  ")
    } else {
        style.red("FAIL")
    };
    format!("{mark} {} ({}): {}", r.name, r.psa.short_name(), r.summary)
}
