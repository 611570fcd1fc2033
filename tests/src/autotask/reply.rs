//! The answer a route produces before it becomes an HTTP response (kept as bytes so faults such as
//! `SlowBody` can re-shape it), and the documented error bodies.

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

    /// Autotask's error envelope: `{"errors":["msg"]}`.
    pub fn error(status: u16, msg: &str) -> Reply {
        Reply::json(status, &json!({ "errors": [msg] }))
    }

    pub fn empty(status: u16) -> Reply {
        Reply {
            status,
            body: Vec::new(),
            headers: vec![],
        }
    }

    pub fn not_found() -> Reply {
        Reply::error(
            404,
            "No HTTP resource was found that matches the request URI.",
        )
    }

    pub fn method_not_allowed(method: &str) -> Reply {
        Reply::error(
            405,
            &format!("The requested resource does not support http method '{method}'."),
        )
    }

    pub fn thread_threshold(limit: usize) -> Reply {
        Reply::error(
            500,
            &format!(
                "Thread Threshold Exceeded: the Autotask API thread threshold of {limit} threads has been exceeded \
                 for this endpoint. Wait for running requests to finish. (Itgenatr005)"
            ),
        )
    }

    pub fn zone_unknown() -> Reply {
        Reply::error(500, fx::MSG_ZONE_UNKNOWN)
    }

    pub fn no_permission(status: u16, action: &str, entity: &str) -> Reply {
        Reply::error(
            status,
            &format!("The logged in Resource does not have the adequate permissions to {action} this entity type ({entity})."),
        )
    }
}
