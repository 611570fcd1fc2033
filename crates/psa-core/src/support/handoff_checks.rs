//! The field checks of a hand-off (see [`super::handoff`]): lengths, the zone or site the secret will be sent
//! to, and filter values.

use url::Url;

use super::handoff::invalid;
use crate::autotask;
use crate::error::PsaError;
use crate::model::{AutotaskZone, ConnectwiseSite, FilterSet, Psa};

const MAX_FILTER_VALUES: usize = 500;

pub(super) fn bounded(field: &str, value: &str, max: usize) -> Result<String, PsaError> {
    if value.chars().count() > max || value.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(invalid(
            format!("This hand-off's {field} is too long or contains control characters."),
            field.to_string(),
        ));
    }
    Ok(value.to_string())
}

pub(super) fn host_of(url: &str) -> String {
    Url::parse(url)
        .ok()
        .and_then(|u| {
            u.host_str().map(|h| match u.port() {
                Some(p) => format!("{h}:{p}"),
                None => h.to_string(),
            })
        })
        .unwrap_or_default()
}

/// The zone is rebuilt from its API address with the same rules as a zone typed by hand, so it can only
/// be an autotask.net host (or loopback for a simulator); name and tenant id are kept for display.
pub(super) fn checked_zone(zone: AutotaskZone) -> Result<AutotaskZone, PsaError> {
    let derived = autotask::parse_zone_override(&zone.api_url).map_err(|e| {
        invalid(
            "The Autotask zone in this hand-off is not an Autotask address, so PSA Connect will not send a secret there.",
            format!("apiUrl {}: {}", zone.api_url, e.details.unwrap_or(e.message)),
        )
    })?;
    let web_ok = Url::parse(&zone.web_url).is_ok_and(|u| {
        let host = u.host_str().unwrap_or("").to_ascii_lowercase();
        (u.scheme() == "https" && host.ends_with(".autotask.net")) || crate::http::is_loopback_host(&u)
    });
    let name = zone.zone_name.trim();
    Ok(AutotaskZone {
        zone_name: if name.is_empty() || name.chars().count() > 60 {
            derived.zone_name.clone()
        } else {
            name.to_string()
        },
        web_url: if web_ok { zone.web_url.trim_end_matches('/').to_string() } else { derived.web_url.clone() },
        api_url: derived.api_url,
        ci: zone.ci,
        source: zone.source,
    })
}

/// ConnectWise keys go to the site's API host: https only (loopback aside), and on the region's own
/// `api-` host for a cloud region, on the login host for a self-hosted site.
pub(super) fn checked_site(site: &ConnectwiseSite) -> Result<(), PsaError> {
    let bad = |why: String| {
        invalid("The ConnectWise site in this hand-off is not usable, so PSA Connect will not send keys there.", why)
    };
    let company = site.company_id.trim();
    if company.is_empty()
        || company.len() > 100
        || !company.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
    {
        return Err(bad(format!("companyId {company:?}")));
    }
    let api = Url::parse(&site.api_url).map_err(|e| bad(format!("apiUrl: {e}")))?;
    let web = Url::parse(&site.web_url).map_err(|e| bad(format!("webUrl: {e}")))?;
    if !api.username().is_empty() || api.password().is_some() {
        return Err(bad("apiUrl carries a login".to_string()));
    }
    if crate::http::is_loopback_host(&api) {
        return Ok(());
    }
    if api.scheme() != "https" || web.scheme() != "https" {
        return Err(bad("not https".to_string()));
    }
    let api_host = api.host_str().unwrap_or("").to_ascii_lowercase();
    let web_host = web.host_str().unwrap_or("").to_ascii_lowercase();
    let region = crate::connectwise::cloud_region(&site.site);
    match region {
        Some((_, login)) if api_host == format!("api-{login}") && web_host == *login => Ok(()),
        Some((r, _)) => Err(bad(format!("region {r} but hosts {api_host} / {web_host}"))),
        None if api_host == web_host && !api_host.is_empty() => Ok(()),
        None => Err(bad(format!("self-hosted site with API host {api_host} and login host {web_host}"))),
    }
}

pub(super) fn check_filters(f: &FilterSet, psa: Psa) -> Result<(), PsaError> {
    let lists = [
        ("companyTypes", &f.company_types),
        ("companyCategories", &f.company_categories),
        ("markets", &f.markets),
        ("territories", &f.territories),
        ("classifications", &f.classifications),
        ("companyStatusIds", &f.company_status_ids),
    ];
    for (name, values) in lists {
        if values.len() > MAX_FILTER_VALUES {
            return Err(invalid(
                format!("This hand-off's {name} filter is too long."),
                format!("{} values", values.len()),
            ));
        }
        // Picklist values are numbers in both PSAs; a label here would silently select nothing.
        if let Some(v) = values.iter().find(|v| v.trim().parse::<i64>().is_err()) {
            return Err(invalid(
                format!("This hand-off's {name} filter has a value that is not a picklist number: \"{v}\"."),
                name.to_string(),
            ));
        }
    }
    if psa == Psa::Autotask && !f.company_status_ids.is_empty() {
        return Err(invalid("This Autotask hand-off has ConnectWise status filters.", "companyStatusIds"));
    }
    Ok(())
}
