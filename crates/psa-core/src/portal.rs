//! The last mile: what the partner types into the vendor's own portal once the PSA side works, in the
//! vendor's words and order (the template's `[portal.*]` section), with each value worked out from the
//! connection. The same view serves the wizard's last step and `psa-connect profile show --for-vendor`.
//!
//! Values holding the secret are never part of a [`PortalView`]: it carries a placeholder, and
//! [`compose`] builds the real value on the Rust side only when it goes to the clipboard (or, with an
//! explicit flag, to the CLI's standard output).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{ErrorCode, PsaError};
use crate::model::Psa;
use crate::templates::{PortalPlan, PortalValue, Template};
use crate::Secret;

/// Seconds after which a copied secret is taken off the clipboard, unless something else was copied since.
pub const CLIPBOARD_CLEAR_SECS: u64 = 30;
/// Shortens [`CLIPBOARD_CLEAR_SECS`] (tests): whole seconds, at least 1.
pub const CLIPBOARD_CLEAR_ENV: &str = "PSA_CONNECT_CLIPBOARD_CLEAR_SECS";

/// The clear delay in effect: [`CLIPBOARD_CLEAR_ENV`] when set to a whole number of seconds ≥ 1.
pub fn clipboard_clear_secs() -> u64 {
    std::env::var(CLIPBOARD_CLEAR_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|n| *n >= 1)
        .unwrap_or(CLIPBOARD_CLEAR_SECS)
}

/// The non-secret facts of a connection the portal values are made from. Arrives from the wizard (what it
/// found and shows anyway) or from a saved profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PortalFacts {
    /// Autotask username, or ConnectWise public key.
    pub username: String,
    /// Autotask REST base (`https://webservices14.autotask.net/ATServicesRest/V1.0`) or ConnectWise's.
    #[serde(default)]
    pub api_url: String,
    /// Autotask web host (`https://ww14.autotask.net`) or the ConnectWise login site.
    #[serde(default)]
    pub web_url: String,
    /// ConnectWise only.
    #[serde(default)]
    pub company_id: String,
    /// ConnectWise only: the cloud region (`na`, `eu`, `au`, `aus`, `za`) or the self-hosted base.
    #[serde(default)]
    pub site: String,
}

/// One line of the vendor's form, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PortalLine {
    /// Position in the vendor's form, from 1.
    pub position: u32,
    pub label: String,
    /// `None`: an action (press, tick, choose), nothing to copy.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<PortalValue>,
    /// What the screen shows: the value, or for one holding the secret a placeholder.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// The value holds the secret: copied from Rust memory or the keychain, cleared from the clipboard later.
    pub secret: bool,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The whole last step for one template and PSA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PortalView {
    pub template_id: String,
    pub vendor: String,
    pub psa: Psa,
    /// Where the form is, in the vendor's words.
    pub portal: String,
    pub menu_path: String,
    pub lines: Vec<PortalLine>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<String>,
    pub later: Vec<String>,
    /// Seconds after which a copied secret leaves the clipboard.
    #[ts(type = "number")]
    pub clear_after_secs: u64,
}

/// What a copy did, for the screen's confirmation line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PortalCopied {
    pub value: PortalValue,
    /// The copied text held the secret: it will be cleared.
    pub secret: bool,
    /// Seconds until it is cleared; 0 when nothing will be cleared.
    #[ts(type = "number")]
    pub clears_after_secs: u64,
}

/// The placeholder the webview shows instead of the secret.
pub const SECRET_PLACEHOLDER: &str = "•••• (copied from the keychain or this session, never shown)";

/// The facts of a connection (a saved profile's, or the one the app's session holds).
pub fn facts_of(c: &crate::connection::Connection) -> PortalFacts {
    let mut facts = PortalFacts {
        username: c.login().to_string(),
        api_url: c.api_url().unwrap_or_default().to_string(),
        web_url: c.web_url().unwrap_or_default().to_string(),
        ..Default::default()
    };
    if let crate::connection::Connection::Connectwise(cw) = c {
        facts.company_id = cw.company_id.clone();
        facts.site = cw.site.as_ref().map(|s| s.site.clone()).unwrap_or_default();
    }
    facts
}

/// The template's portal form for `psa`, or `None` when the guide describes none (Custom).
pub fn plan(template: &Template, psa: Psa) -> Option<&PortalPlan> {
    let plans = template.portal.as_ref()?;
    match psa {
        Psa::Autotask => plans.autotask.as_ref(),
        Psa::Connectwise => plans.connectwise.as_ref(),
    }
}

/// The last step of `template` for a connection with `facts`.
pub fn view(template: &Template, psa: Psa, facts: &PortalFacts) -> Result<PortalView, PsaError> {
    let plan = plan(template, psa).ok_or_else(|| no_portal(template, psa))?;
    let lines = plan
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let display = item.value.map(|v| {
                if v == PortalValue::KeyUserColonSecret {
                    format!("{}:{}", facts.username.trim(), SECRET_PLACEHOLDER)
                } else if v.holds_secret() {
                    SECRET_PLACEHOLDER.to_string()
                } else {
                    plain_value(v, facts).unwrap_or_else(|| "(not known yet)".to_string())
                }
            });
            PortalLine {
                position: i as u32 + 1,
                label: item.label.clone(),
                value: item.value,
                display,
                secret: item.value.is_some_and(PortalValue::holds_secret),
                note: item.note.clone(),
            }
        })
        .collect();
    Ok(PortalView {
        template_id: template.id.clone(),
        vendor: template.vendor.clone(),
        psa,
        portal: plan.portal.clone(),
        menu_path: plan.menu_path.clone(),
        lines,
        success: plan.success.clone(),
        later: plan.later.clone(),
        clear_after_secs: clipboard_clear_secs(),
    })
}

/// The exact text for one field, secret included where the field holds it. Goes to the clipboard or (CLI,
/// explicit flag) standard output, nowhere else.
pub fn compose(value: PortalValue, facts: &PortalFacts, secret: Option<&Secret>) -> Result<String, PsaError> {
    if value.holds_secret() {
        let secret = secret.ok_or_else(secret_not_held)?.expose();
        return Ok(match value {
            PortalValue::KeyUserColonSecret => format!("{}:{}", facts.username.trim(), secret),
            _ => secret.to_string(),
        });
    }
    plain_value(value, facts).ok_or_else(|| {
        PsaError::new(
            ErrorCode::InvalidInput,
            "PSA Connect does not know this value yet.",
            "Finish the zone or site step of the wizard first, then come back to this step.",
        )
        .with_details(format!("value={value:?}"))
    })
}

fn plain_value(value: PortalValue, facts: &PortalFacts) -> Option<String> {
    let some = |s: String| (!s.trim().is_empty()).then(|| s.trim().to_string());
    match value {
        PortalValue::Username | PortalValue::PublicKey => some(facts.username.clone()),
        PortalValue::CompanyId => some(facts.company_id.clone()),
        PortalValue::ZoneWebservices => zone_number(facts).map(|n| format!("webservices{n}")),
        PortalValue::EndpointHost => match zone_number(facts) {
            Some(n) => Some(format!("webservices{n}.autotask.net")),
            None => host_of(&facts.api_url),
        },
        PortalValue::ApiHost => {
            let region = facts.site.trim().to_ascii_lowercase();
            match crate::connectwise::cloud_region(&region) {
                Some((region, _)) => Some(format!("api-{region}.{}", crate::connectwise::site::CLOUD_DOMAIN)),
                None => host_of(&facts.api_url).or_else(|| host_of(&facts.site)),
            }
        }
        PortalValue::Secret | PortalValue::KeyUserColonSecret | PortalValue::PrivateKey => None,
    }
}

/// Autotask's zone number N, from `webservicesN` or `wwN` anywhere in the API or web address (host label or,
/// for a simulator, a path segment).
pub fn zone_number(facts: &PortalFacts) -> Option<u32> {
    let api = tokens(&facts.api_url);
    let web = tokens(&facts.web_url);
    api.iter()
        .find_map(|t| numbered(t, "webservices"))
        .or_else(|| web.iter().find_map(|t| numbered(t, "ww")))
        .or_else(|| api.iter().find_map(|t| numbered(t, "ww")))
        .filter(|n| *n > 0)
}

fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_ascii_alphanumeric()).map(str::to_ascii_lowercase).collect()
}

/// `webservices14` with prefix `webservices` → 14.
fn numbered(token: &str, prefix: &str) -> Option<u32> {
    let digits = token.strip_prefix(prefix)?;
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Host (and port, if any) of a URL, without scheme or path.
fn host_of(url: &str) -> Option<String> {
    let u = url::Url::parse(url.trim()).ok()?;
    let host = u.host_str()?;
    Some(match u.port() {
        Some(p) => format!("{host}:{p}"),
        None => host.to_string(),
    })
}

fn no_portal(template: &Template, psa: Psa) -> PsaError {
    PsaError::new(
        ErrorCode::InvalidInput,
        format!("{} has no vendor-portal form for {} in PSA Connect.", template.name, psa.product_name()),
        "Enter the username, the secret and the zone in your own tool as it asks for them.",
    )
    .with_details(format!("template={} psa={psa:?}", template.id))
}

fn secret_not_held() -> PsaError {
    PsaError::new(
        ErrorCode::SecretNotHeld,
        "PSA Connect does not hold the secret for this connection any more.",
        "Go back to the secret step and enter it again, or open the saved connection from the home screen so \
         PSA Connect reads it from the keychain.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates;

    fn at_facts() -> PortalFacts {
        PortalFacts {
            username: "api@contoso.example".into(),
            api_url: "https://webservices14.autotask.net/ATServicesRest/V1.0".into(),
            web_url: "https://ww14.autotask.net".into(),
            ..Default::default()
        }
    }

    #[test]
    fn every_vendor_template_has_a_portal_and_custom_has_none() {
        for t in templates::load_all().unwrap() {
            let has = plan(&t, Psa::Autotask).is_some();
            assert_eq!(has, t.id != "custom", "{}", t.id);
        }
        let s365 = templates::get("sync365-license").unwrap();
        assert!(plan(&s365, Psa::Connectwise).is_some());
    }

    #[test]
    fn values_are_worked_out_in_the_vendors_format() {
        let f = at_facts();
        assert_eq!(compose(PortalValue::ZoneWebservices, &f, None).unwrap(), "webservices14");
        assert_eq!(compose(PortalValue::EndpointHost, &f, None).unwrap(), "webservices14.autotask.net");
        let s = Secret::new("S3cr3t!".to_string());
        assert_eq!(compose(PortalValue::KeyUserColonSecret, &f, Some(&s)).unwrap(), "api@contoso.example:S3cr3t!");
        assert_eq!(compose(PortalValue::Secret, &f, None).unwrap_err().code, ErrorCode::SecretNotHeld);
        // The simulator's addresses carry the zone in a path segment.
        let sim = PortalFacts {
            api_url: "http://127.0.0.1:9/zone14/ATServicesRest/V1.0".into(),
            web_url: "http://127.0.0.1:9/ww14".into(),
            ..f.clone()
        };
        assert_eq!(compose(PortalValue::ZoneWebservices, &sim, None).unwrap(), "webservices14");
        let cw = |site: &str| PortalFacts {
            site: site.into(),
            api_url: "https://cw.example.com:8443/v4_6_release/apis/3.0".into(),
            ..Default::default()
        };
        assert_eq!(compose(PortalValue::ApiHost, &cw("aus"), None).unwrap(), "api-aus.myconnectwise.net");
        assert_eq!(compose(PortalValue::ApiHost, &cw("au"), None).unwrap(), "api-au.myconnectwise.net");
        assert_eq!(
            compose(PortalValue::ApiHost, &cw("https://cw.example.com:8443"), None).unwrap(),
            "cw.example.com:8443"
        );
    }

    #[test]
    fn the_view_never_holds_the_secret_and_keeps_the_vendors_order() {
        let t = templates::get("helpdesk-buttons").unwrap();
        let v = view(&t, Psa::Autotask, &at_facts()).unwrap();
        let json = serde_json::to_string(&v).unwrap();
        assert!(!json.contains("S3cr3t"));
        let key = v.lines.iter().find(|l| l.value == Some(PortalValue::KeyUserColonSecret)).unwrap();
        assert!(key.secret);
        assert!(key.display.as_deref().unwrap().starts_with("api@contoso.example:••••"));
        let endpoint = v.lines.iter().find(|l| l.value == Some(PortalValue::EndpointHost)).unwrap();
        assert_eq!(endpoint.display.as_deref(), Some("webservices14.autotask.net"));
        assert!(endpoint.position < key.position);

        let binox = view(&templates::get("binox-msp").unwrap(), Psa::Autotask, &at_facts()).unwrap();
        let labels: Vec<&str> = binox.lines.iter().map(|l| l.label.as_str()).collect();
        let at = |x: &str| labels.iter().position(|l| *l == x).unwrap();
        assert!(at("Username") < at("Next") && at("Next") < at("Password"));
        assert_eq!(binox.success.as_deref(), Some("Connect Successful"));
        let lci = view(&templates::get("lifecycle-insights").unwrap(), Psa::Autotask, &at_facts()).unwrap();
        assert_eq!(lci.success.as_deref(), Some("Connection Successful"));
    }

    #[test]
    fn a_portal_form_is_validated_with_its_template() {
        let text = include_str!("../templates/binox-msp.toml");
        let wrong_psa = text.replace(r#"value = "username""#, r#"value = "company_id""#);
        let e = templates::parse("binox-msp.toml", &wrong_psa).unwrap_err();
        assert!(e.message.contains("portal.autotask.items[2].value"), "{}", e.message);
        let twice = text.replace(r#"value = "secret""#, r#"value = "username""#);
        let e = templates::parse("binox-msp.toml", &twice).unwrap_err();
        assert!(e.message.contains("asked for twice"), "{}", e.message);
        let bad_group = text.replace(r#""territories", "contactStatuses""#, r#""territory""#);
        let e = templates::parse("binox-msp.toml", &bad_group).unwrap_err();
        assert!(e.message.contains("vendorFilters"), "{}", e.message);
    }
}
