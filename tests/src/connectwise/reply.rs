//! The answer a route produces before it becomes an HTTP response, and ConnectWise's error envelope
//! `{"code":…,"message":…,"errors":null}`.

use serde_json::{json, Value};

use super::fixtures as fx;

#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
}

impl Reply {
    pub fn json(status: u16, v: &Value) -> Reply {
        Reply {
            status,
            body: serde_json::to_vec(v).unwrap_or_default(),
            headers: vec![],
        }
    }

    pub fn ok(v: Value) -> Reply {
        Reply::json(200, &v)
    }

    pub fn error(status: u16, code: &str, message: &str) -> Reply {
        Reply::json(
            status,
            &json!({ "code": code, "message": message, "errors": null }),
        )
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
        let mut r = Reply::json(
            429,
            &json!({
                "error": "ConnectWiseAPI",
                "message": format!("Too many requests. Please try again in {retry_after_secs} seconds."),
            }),
        );
        r.headers
            .push(("retry-after", retry_after_secs.to_string()));
        r
    }
}
