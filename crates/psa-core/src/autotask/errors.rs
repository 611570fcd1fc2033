//! Turns Autotask's error answers into our stable codes. Autotask documents little: the texts below are
//! the ones seen in the field (psa-api.md §A2 error matrix), matched case-insensitively, and a permission
//! denial arrives as 403 or as 500.

use crate::error::{ErrorCode, PsaError};
use crate::http::is_thread_threshold;

/// Where the API user is edited; most fixes start there.
pub const API_USER_STEP: &str =
    "Admin > Account Settings & Users > Resources/Users (HR) > Resources/Users > edit the API user";
/// Where the API user's security level is changed.
pub const SECURITY_LEVEL_STEP: &str =
    "Admin > Account Settings & Users > Resources/Users (HR) > Security > Security Levels > open the API user's security level";

use crate::answer::details;
pub use crate::answer::error_texts;

pub fn is_permission_text(lower: &str) -> bool {
    lower.contains("does not have the adequate permissions") || lower.contains("may not have the required permissions")
}

/// Classifies a non-2xx Autotask answer. `entity` names the object for permission messages.
pub fn classify(status: u16, body: &[u8], entity: Option<&str>) -> PsaError {
    let texts = error_texts(body);
    let lower = texts.join(" ").to_ascii_lowercase();
    let d = details(status, &texts);
    let e = |code, message: String, fix: String| PsaError::new(code, message, fix).with_details(d.clone());

    if lower.contains("zone information could not be determined") {
        return e(
            ErrorCode::ZoneUnknownUser,
            "No Autotask database knows this username.".into(),
            format!("Check the username for typos (it is the API user's e-mail-style username). A new API user can take about 5 minutes to become available. To see it: {API_USER_STEP}."),
        );
    }
    if lower.contains("integrationcode is invalid") || lower.contains("integration code is invalid") {
        return e(
            ErrorCode::AuthIntegrationCodeInvalid,
            "Autotask accepted the username and secret but rejected the API tracking identifier (integration code).".into(),
            format!("{API_USER_STEP} > API Tracking Identifier: choose the Integration Vendor this guide names (or, for a Custom identifier, copy the 27-character code Autotask shows into PSA Connect). Once assigned it cannot be changed, so a wrong vendor means a new API user."),
        );
    }
    if lower.contains("only accessible to api only users")
        || lower.contains("api only user")
        || lower.contains("api-only user")
        || lower.contains("not an api user")
    {
        return e(
            ErrorCode::AuthNotApiUser,
            "This user is a normal Autotask user, but the REST API only accepts API users.".into(),
            "Admin > Account Settings & Users > Resources/Users (HR) > Resources/Users > New > New API User: create an API user (security level API User (system) or a copy of it) and use its username and secret.".into(),
        );
    }
    // Account-state words count on a refused call (401) only: on another call's answer "locked" or
    // "inactive" may name a record. The sign-in call also reads them on other statuses (classify_sign_in).
    if status == 401 {
        if let Some(found) = account_state(&lower) {
            return found.with_details(d);
        }
    }
    if is_thread_threshold(&lower) || status == 429 || lower.contains("threshold") && lower.contains("exceeded") {
        return e(
            ErrorCode::Throttled,
            "Autotask is asking for fewer requests right now (its API limit was reached).".into(),
            "Wait a few minutes and try again. Other integrations share the same hourly budget: see Admin > Extensions & Integrations > Other Extensions & Tools > API Activity by Hour.".into(),
        );
    }
    if is_permission_text(&lower) || status == 403 {
        let what = entity.unwrap_or("this object");
        return e(
            ErrorCode::PermissionDenied,
            format!("The API user's security level does not allow reading {what}."),
            format!("{SECURITY_LEVEL_STEP} > give {what} the access the guide lists (View: All), save, and run the test again."),
        );
    }
    if status == 401 {
        return refused_401().with_details(d);
    }
    if (500..600).contains(&status) {
        return e(
            ErrorCode::ServerError,
            "Autotask answered with an internal error.".into(),
            "Try again in a few minutes. If it keeps happening, send the diagnostic report to support.".into(),
        );
    }
    e(
        ErrorCode::ServerError,
        format!("Autotask answered with an unexpected status ({status})."),
        "Try again. If it keeps happening, send the diagnostic report to support.".into(),
    )
}

/// A bare 401: [AT-RESTAUTH] says only that the username, secret and integration code do not fit together,
/// and a locked or inactive user, a user that is not an API user, or one tied to another vendor's tracking
/// identifier may answer the same (psa-api.md §A2 error matrix, UNCONFIRMED). So every cause is listed, in the
/// words of the API user's screen. The code stays `auth_wrong_secret`: scripts branch on it.
pub fn refused_401() -> PsaError {
    PsaError::new(
        ErrorCode::AuthWrongSecret,
        "Autotask refused the sign-in without saying why.",
        format!(
            "Check each of these in {API_USER_STEP}: 1. the secret: copy it again (Generate Secret if it is lost); \
             2. API Tracking Identifier: the Integration Vendor this guide names (or, for Custom, the code shown there); \
             3. Active is ticked and Locked is not; 4. Security Level: an API User level (API-only licence), such as \
             API User (system) or a copy of it. PSA Connect does not retry by itself: Autotask locks the account \
             after repeated failed attempts."
        ),
    )
}

/// The sign-in call's answer. A 403 proves the sign-in only when it carries the documented permission text
/// (psa-api.md §A2: "does not have the adequate permissions"); a bare one may be an inactive or locked user
/// ([OPSAI-TS] lists "API user deactivated" under 401/403, UNCONFIRMED), so it proves nothing either way.
///
/// The account-state words count here on any status, since the status Autotask uses for them is UNCONFIRMED
/// (psa-api.md §A2): the sign-in is the one call whose refusal is about the account.
pub fn classify_sign_in(status: u16, body: &[u8], entity: Option<&str>) -> PsaError {
    let e = classify(status, body, entity);
    let lower = error_texts(body).join(" ").to_ascii_lowercase();
    if matches!(e.code, ErrorCode::ServerError | ErrorCode::PermissionDenied) && !is_permission_text(&lower) {
        if let Some(found) = account_state(&lower) {
            return found.with_details(e.details.unwrap_or_default());
        }
    }
    if status != 403 || e.code != ErrorCode::PermissionDenied || is_permission_text(&lower) {
        return e;
    }
    PsaError::new(
        ErrorCode::AuthUnclear,
        "Autotask refused the sign-in check (HTTP 403) without saying why, so PSA Connect cannot tell whether it signed in.",
        format!(
            "Confirm by hand in {API_USER_STEP}: Active is ticked and Locked is not. Then check the Security \
             Level ({SECURITY_LEVEL_STEP}): an API User level that lets the user read Companies."
        ),
    )
    .with_details(e.details.unwrap_or_default())
}

/// A locked or inactive account, from the words seen for it (psa-api.md §A2: SOAP's "The user account has
/// been locked"; "API user deactivated" [OPSAI-TS]). The REST status is UNCONFIRMED.
fn account_state(lower: &str) -> Option<PsaError> {
    if lower.contains("locked") {
        return Some(PsaError::new(
            ErrorCode::AuthLocked,
            "Autotask has locked this API user, usually after several failed sign-ins.",
            format!("{API_USER_STEP} > clear the Locked checkbox and save. Then check the secret before trying again: each failed attempt counts towards a new lock."),
        ));
    }
    if lower.contains("inactive") || lower.contains("deactivated") || lower.contains("not active") {
        return Some(PsaError::new(
            ErrorCode::AuthInactive,
            "This API user is inactive in Autotask.",
            format!("{API_USER_STEP} > tick Active and save (or create a new API user)."),
        ));
    }
    None
}

pub fn malformed(what: &str, why: impl std::fmt::Display) -> PsaError {
    PsaError::new(
        ErrorCode::ResponseMalformed,
        format!("Autotask's answer to {what} could not be read."),
        "Check that the address points to the Autotask API. If it does, try again later; if it persists, send the diagnostic report to support.",
    )
    .with_details(format!("{what}: {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(status: u16, body: &str) -> ErrorCode {
        classify(status, body.as_bytes(), Some("Companies")).code
    }

    #[test]
    fn documented_texts() {
        assert_eq!(code(500, r#"{"errors":["Zone information could not be determined"]}"#), ErrorCode::ZoneUnknownUser);
        assert_eq!(code(500, r#"{"errors":["IntegrationCode is invalid."]}"#), ErrorCode::AuthIntegrationCodeInvalid);
        assert_eq!(code(500, r#"{"errors":["integrationcode IS INVALID."]}"#), ErrorCode::AuthIntegrationCodeInvalid);
        assert_eq!(code(401, ""), ErrorCode::AuthWrongSecret);
        assert_eq!(code(401, r#"{"errors":["Unauthorized"]}"#), ErrorCode::AuthWrongSecret);
        // A generic 401 text that mentions the identifier is still a plain authentication failure.
        assert_eq!(
            code(
                401,
                r#"{"errors":["Authentication failed: check the user name, secret and API tracking identifier."]}"#
            ),
            ErrorCode::AuthWrongSecret
        );
        assert_eq!(
            code(
                403,
                r#"{"errors":["The logged in Resource does not have the adequate permissions to query this entity type."]}"#
            ),
            ErrorCode::PermissionDenied
        );
        assert_eq!(
            code(500, r#"{"errors":["the logged in resource DOES NOT HAVE THE ADEQUATE PERMISSIONS"]}"#),
            ErrorCode::PermissionDenied
        );
        assert_eq!(code(403, ""), ErrorCode::PermissionDenied);
        assert_eq!(
            code(
                401,
                r#"{"errors":[{"message":"The user account has been locked. Please see your Autotask Administrator for details."}]}"#
            ),
            ErrorCode::AuthLocked
        );
        assert_eq!(code(401, r#"{"errors":["API user deactivated"]}"#), ErrorCode::AuthInactive);
        assert_eq!(
            code(
                500,
                "<html><head><title>Version 1.6 of the API is only accessible to API Only users.</title></head></html>"
            ),
            ErrorCode::AuthNotApiUser
        );
        assert_eq!(
            code(
                500,
                r#"{"errors":["Thread Threshold Exceeded - The Autotask API thread threshold of 3 threads has been exceeded"]}"#
            ),
            ErrorCode::Throttled
        );
        assert_eq!(code(429, ""), ErrorCode::Throttled);
        assert_eq!(code(500, r#"{"errors":["Object reference not set"]}"#), ErrorCode::ServerError);
        assert_eq!(code(502, "bad gateway"), ErrorCode::ServerError);
    }

    /// Account-state words decide only a refused sign-in (401), never another call's error (psa-api.md §A2).
    #[test]
    fn account_words_count_only_on_a_401() {
        assert_eq!(code(500, r#"{"errors":["Cannot query: the company is inactive."]}"#), ErrorCode::ServerError);
        assert_eq!(code(500, r#"{"errors":["The record is locked by another user."]}"#), ErrorCode::ServerError);
        assert_eq!(code(403, r#"{"errors":["Ticket is locked"]}"#), ErrorCode::PermissionDenied);
        assert_eq!(code(401, r#"{"errors":["The user account has been locked."]}"#), ErrorCode::AuthLocked);
        assert_eq!(code(401, r#"{"errors":["The user account is not active."]}"#), ErrorCode::AuthInactive);
    }

    /// A sign-in's 403 proves the sign-in only with the documented permission wording.
    #[test]
    fn a_sign_in_403_without_the_permission_text_is_unclear() {
        let e = classify_sign_in(403, b"", Some("Companies"));
        assert_eq!(e.code, ErrorCode::AuthUnclear);
        assert!(e.fix.contains("Active") && e.fix.contains("Locked") && e.fix.contains("Security Level"), "{}", e.fix);
        let worded = br#"{"errors":["The logged in Resource does not have the adequate permissions to query this entity type."]}"#;
        assert_eq!(classify_sign_in(403, worded, Some("Companies")).code, ErrorCode::PermissionDenied);
        assert_eq!(classify_sign_in(401, b"", None).code, ErrorCode::AuthWrongSecret);
        // At sign-in the account words count on any status (UNCONFIRMED which one Autotask uses).
        assert_eq!(
            classify_sign_in(500, br#"{"errors":["The user account is inactive."]}"#, None).code,
            ErrorCode::AuthInactive
        );
        assert_eq!(classify_sign_in(403, br#"{"errors":["User account locked"]}"#, None).code, ErrorCode::AuthLocked);
        // After the sign-in, a bare 403 on an object is that object's permission.
        assert_eq!(code(403, ""), ErrorCode::PermissionDenied);
    }

    #[test]
    fn fixes_name_the_autotask_screen() {
        let e = classify(401, b"", None);
        assert!(e.fix.contains("Resources/Users"));
        assert!(e.fix.contains("lock"));
        let e = classify(403, b"", Some("Contacts"));
        assert!(e.fix.contains("Security Levels") && e.fix.contains("Contacts"));
        assert_eq!(e.details.as_deref(), Some("HTTP 403"));
    }
}
