//! Turns ConnectWise's answers into our stable codes. ConnectWise wraps errors as
//! `{"code":"…","message":"…","errors":…}` (psa-api.md §B1 "Errors"). How a missing or unregistered clientId
//! is refused is UNCONFIRMED, so a 401 or a 403 (or 400) whose text names the clientId is recognised, and a 403
//! is a role refusal only with ConnectWise's documented wording; any other 403 is `CwRefusedUnclear`.

use super::site::SiteInput;
use crate::answer::{details, error_texts};
use crate::error::{ErrorCode, PsaError};

/// Where the API member and its keys are managed.
pub const API_MEMBER_STEP: &str = "System > Members > API Members > (the API member) > API Keys";
/// Where a security role's module functions are set.
pub const ROLE_STEP: &str = "System > Security Roles";

/// What a failed call was for, so a 403 can name the role row to change.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// e.g. "companies"
    pub object: &'a str,
    /// e.g. ("Companies", "Company Maintenance")
    pub role_row: Option<(&'a str, &'a str)>,
}

/// ConnectWise's documented 403 text, lowercase: "Improper security role settings for the supplied
/// authentication." (psa-api.md §B1 "Errors", [CW-DEVGUIDE]).
const ROLE_REFUSAL: &str = "improper security role settings";

fn mentions_client_id(lower: &str) -> bool {
    lower.contains("clientid") || lower.contains("client id") || lower.contains("client_id")
}

/// Classifies a non-2xx answer of the REST API.
pub fn classify(status: u16, body: &[u8], subject: Option<Subject<'_>>) -> PsaError {
    let texts = error_texts(body);
    let code_field = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get("code").and_then(|c| c.as_str()).map(str::to_ascii_lowercase))
        .unwrap_or_default();
    let lower = texts.join(" ").to_ascii_lowercase();
    let d = details(status, &texts);
    let e = |code, message: String, fix: String| PsaError::new(code, message, fix).with_details(d.clone());

    if lower.contains("ssl is required") || (code_field == "security" && status != 403) {
        return e(
            ErrorCode::CwWrongHost,
            "ConnectWise refused the call because it reached the login address instead of the API address.".into(),
            "Cloud sites answer the API only on api-{region}.myconnectwise.net: choose your region (na, eu, au, aus \
             or za) instead of typing an address, and PSA Connect finds the API host itself. A self-hosted server \
             must be reached with https://."
                .into(),
        );
    }
    if matches!(status, 400 | 401 | 403) && mentions_client_id(&lower) {
        return e(
            ErrorCode::CwClientIdMissing,
            "ConnectWise refused the integration's clientId (it is missing, mistyped or not registered).".into(),
            "The clientId identifies the integration, not your company. For Custom, paste the clientId (a GUID) \
             registered for it at developer.connectwise.com/ClientID; for a vendor integration, ask the vendor or \
             update PSA Connect."
                .into(),
        );
    }
    if status == 401 || lower.contains("usernotauthenticated") {
        return e(
            ErrorCode::CwBadKeys,
            "ConnectWise did not accept the company ID, public key and private key.".into(),
            format!(
                "Check the company ID (the Company field of the ConnectWise login) and copy both keys again from \
                 {API_MEMBER_STEP}. ConnectWise shows a private key only once: if it is lost, create a new key \
                 there and use the new pair."
            ),
        );
    }
    if status == 429 {
        return e(
            ErrorCode::Throttled,
            "ConnectWise is limiting requests right now.".into(),
            "Wait a minute and try again. Other integrations using the same API member share the limit.".into(),
        );
    }
    if status == 403 {
        let (what, step) = match subject {
            Some(Subject { object, role_row: Some((module, function)) }) => (
                object.to_string(),
                format!("{ROLE_STEP} > (the API member's role) > {module} > {function}: set Inquire to All"),
            ),
            Some(Subject { object, role_row: None }) => (
                object.to_string(),
                format!("{ROLE_STEP} > (the API member's role): give it the modules the guide lists"),
            ),
            None => (
                "the request".to_string(),
                format!("{ROLE_STEP} > (the API member's role): give it the modules the guide lists"),
            ),
        };
        // Only the documented wording proves a role refusal (psa-api.md §B1 "Errors", [CW-DEVGUIDE]). How a
        // bad clientId is refused is UNCONFIRMED, so any other 403 may be either.
        if !lower.contains(ROLE_REFUSAL) {
            return e(
                ErrorCode::CwRefusedUnclear,
                format!("ConnectWise refused reading {what} without saying why."),
                format!(
                    "Confirm by hand that the public and private keys are those of the API member \
                     ({API_MEMBER_STEP}) and that the clientId is right: for Custom, the one registered for it at \
                     developer.connectwise.com/ClientID; for a vendor integration it comes with PSA Connect or the \
                     vendor's pack, so ask the vendor if the keys are right. Then: {step}, save, and run the test \
                     again."
                ),
            );
        }
        return e(
            ErrorCode::PermissionDenied,
            format!("The API member's security role does not allow reading {what}."),
            format!("{step}, save, and run the test again."),
        );
    }
    if status == 404 {
        return e(
            ErrorCode::ServerError,
            "ConnectWise answered \"not found\" for an address that exists on every ConnectWise server.".into(),
            "On cloud sites this usually means the company ID or the keys do not match the site. Check both, \
             and run the test again so the site is looked up afresh."
                .into(),
        );
    }
    if (500..600).contains(&status) {
        return e(
            ErrorCode::ServerError,
            "ConnectWise answered with an internal error.".into(),
            "Try again in a few minutes. If it keeps happening, send the diagnostic report to support.".into(),
        );
    }
    e(
        ErrorCode::ServerError,
        format!("ConnectWise answered with an unexpected status ({status})."),
        "Try again. If it keeps happening, send the diagnostic report to support.".into(),
    )
}

/// A companyinfo answer that is not a 200 (the lookup needs no keys, so these are address problems).
pub fn classify_companyinfo(status: u16, body: &[u8], input: &SiteInput) -> PsaError {
    let e = classify(status, body, None);
    if matches!(e.code, ErrorCode::CwWrongHost | ErrorCode::Throttled) || status >= 500 {
        return e;
    }
    let (message, fix) = match input {
        SiteInput::Cloud { region, .. } => (
            format!("ConnectWise's company lookup for the {region} site did not answer normally."),
            "Try again in a few minutes. If it persists, check that you chose the region you log into.".to_string(),
        ),
        SiteInput::SelfHosted { base } => (
            format!("{base} did not answer like a ConnectWise server."),
            "Type the address of your ConnectWise server as you reach it in the browser (https://cw.example.com), \
             without the page part."
                .to_string(),
        ),
    };
    PsaError::new(ErrorCode::InvalidInput, message, fix).with_details(e.details.unwrap_or_default())
}

pub fn unknown_company(company_id: &str, site: &str, elsewhere: &[&str]) -> PsaError {
    let fix = match elsewhere {
        [one] => format!(
            "This company is on the {one} site: choose {one} as the region (you log into {one}.myconnectwise.net)."
        ),
        [] => "Check the company ID: it is the Company field of the ConnectWise login screen, not your user name. \
               If it is right, check that you chose the region (or self-hosted server) you log into."
            .to_string(),
        many => format!("Several sites know this company ({}): choose the one you log into.", many.join(", ")),
    };
    PsaError::new(
        ErrorCode::CwUnknownCompany,
        format!("The {site} ConnectWise site does not know the company ID \"{company_id}\"."),
        fix,
    )
    .with_details(format!("companyinfo answered null for {company_id} on {site}"))
}

pub fn malformed(what: &str, why: impl std::fmt::Display) -> PsaError {
    PsaError::new(
        ErrorCode::ResponseMalformed,
        format!("ConnectWise's answer to {what} could not be read."),
        "Check the site. If it is right, try again later; if it persists, send the diagnostic report to support.",
    )
    .with_details(format!("{what}: {why}"))
}

/// Transport errors come from the shared HTTP layer, whose fixes speak of Autotask; say it for ConnectWise.
pub fn transport(mut e: PsaError) -> PsaError {
    let fix = match e.code {
        ErrorCode::RedirectRefused => {
            "Check the site: choose your cloud region, or for a self-hosted server type its base address (https://cw.example.com)."
        }
        ErrorCode::ResponseTooLarge => "Check that the site points to ConnectWise and not to a web page or proxy.",
        ErrorCode::NetworkTls => {
            "A proxy or security product may be intercepting HTTPS. Ask IT to allow *.myconnectwise.net (or your ConnectWise server), or try another network."
        }
        ErrorCode::NetworkRefused => "Check the site address and that a firewall or proxy is not blocking it.",
        ErrorCode::NetworkTimeout => "Check your internet connection, proxy and firewall, then try again.",
        ErrorCode::InsecureUrl => {
            "PSA Connect only contacts ConnectWise's cloud (*.myconnectwise.net) and the self-hosted server you typed, over https://."
        }
        _ => return e,
    };
    e.fix = fix.to_string();
    if e.message.contains("Autotask") {
        e.message = "The ConnectWise server's answer was not what an API call produces.".to_string();
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(status: u16, body: &str) -> ErrorCode {
        classify(status, body.as_bytes(), None).code
    }

    #[test]
    fn documented_answers() {
        let unauthorized =
            r#"{"code":"Unauthorized","message":"The supplied authentication is incorrect.","errors":null}"#;
        assert_eq!(code(401, unauthorized), ErrorCode::CwBadKeys);
        assert_eq!(code(401, ""), ErrorCode::CwBadKeys);
        assert_eq!(code(500, r#"{"code":"ConnectWiseApi","message":"UserNotAuthenticated"}"#), ErrorCode::CwBadKeys);
        assert_eq!(
            code(400, r#"{"code":"Security","message":"SSL is required.","errors":null}"#),
            ErrorCode::CwWrongHost
        );
        assert_eq!(
            code(
                401,
                r#"{"code":"Unauthorized","message":"A clientId header is required. Register one at developer.connectwise.com.","errors":null}"#
            ),
            ErrorCode::CwClientIdMissing
        );
        assert_eq!(
            code(403, r#"{"code":"Forbidden","message":"The clientId is not valid.","errors":null}"#),
            ErrorCode::CwClientIdMissing
        );
        assert_eq!(
            code(
                403,
                r#"{"code":"Forbidden","message":"Improper security role settings for the supplied authentication.","errors":null}"#
            ),
            ErrorCode::PermissionDenied
        );
        // Only the documented 403 text (psa-api.md §B1 "Errors", [CW-DEVGUIDE]) proves a role refusal.
        assert_ne!(code(403, r#"{"code":"Forbidden","message":"Access is denied."}"#), ErrorCode::PermissionDenied);
        assert_ne!(code(403, ""), ErrorCode::PermissionDenied);
        assert_eq!(
            code(429, r#"{"error":"ConnectWiseAPI","message":"Too many requests. Please try again in 30 seconds."}"#),
            ErrorCode::Throttled
        );
        assert_eq!(code(404, r#"{"code":"NotFound","message":"x"}"#), ErrorCode::ServerError);
        assert_eq!(
            code(500, r#"{"code":"x","message":"String was not recognized as a valid Boolean."}"#),
            ErrorCode::ServerError
        );
    }

    #[test]
    fn fixes_name_the_screen() {
        let e = classify(403, b"{}", Some(Subject { object: "contacts", role_row: Some(("Companies", "Contacts")) }));
        assert!(
            e.fix.contains(
                "System > Security Roles > (the API member's role) > Companies > Contacts: set Inquire to All"
            ),
            "{}",
            e.fix
        );
        assert!(classify(401, b"", None).fix.contains("API Members"));
        let e = unknown_company("fabrikam", "na", &["eu"]);
        assert_eq!(e.code, ErrorCode::CwUnknownCompany);
        assert!(e.fix.contains("eu"));
        let t = transport(PsaError::new(ErrorCode::NetworkTls, "m", "Ask IT to allow *.autotask.net"));
        assert!(t.fix.contains("myconnectwise") && !t.fix.contains("autotask"));
    }
}
