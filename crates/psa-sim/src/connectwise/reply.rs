//! ConnectWise's error envelope `{"code":…,"message":…,"errors":null}` on the shared [`Reply`].

use serde_json::json;

use super::fixtures as fx;

/// Marks a reply as ConnectWise's, so the constructors below give it ConnectWise's error envelope.
pub(crate) enum ConnectWise {}

pub(crate) type Reply = crate::sim_common::reply::Reply<ConnectWise>;

impl Reply {
    pub fn error(status: u16, code: &str, message: &str) -> Reply {
        Reply::json(status, &json!({ "code": code, "message": message, "errors": null }))
    }

    pub fn not_found() -> Reply {
        Reply::error(404, "NotFound", "The requested resource was not found.")
    }

    pub fn method_not_allowed(method: &str) -> Reply {
        Reply::error(
            405,
            "MethodNotAllowed",
            &format!("The requested resource does not support http method '{method}'."),
        )
    }

    pub fn invalid(message: &str) -> Reply {
        Reply::error(400, "InvalidObject", message)
    }

    pub fn unauthorized() -> Reply {
        Reply::error(401, "Unauthorized", fx::MSG_UNAUTHORIZED)
    }

    pub fn forbidden_role() -> Reply {
        Reply::error(403, "Forbidden", fx::MSG_FORBIDDEN_ROLE)
    }

    pub fn ssl_required() -> Reply {
        Reply::error(400, "Security", fx::MSG_SSL_REQUIRED)
    }

    pub fn throttled(retry_after_secs: u64) -> Reply {
        Reply::json(
            429,
            &json!({
                "error": "ConnectWiseAPI",
                "message": format!("Too many requests. Please try again in {retry_after_secs} seconds."),
            }),
        )
        .with_header("retry-after", retry_after_secs.to_string())
    }
}
