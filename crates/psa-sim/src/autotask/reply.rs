//! Autotask's error bodies, documented and chosen, on the shared [`Reply`].

use serde_json::json;

use super::fixtures as fx;

/// Marks a reply as Autotask's, so the constructors below give it Autotask's error envelope.
pub(crate) enum Autotask {}

pub(crate) type Reply = crate::sim_common::reply::Reply<Autotask>;

impl Reply {
    /// Autotask's error envelope: `{"errors":["msg"]}`.
    pub fn error(status: u16, msg: &str) -> Reply {
        Reply::json(status, &json!({ "errors": [msg] }))
    }

    pub fn not_found() -> Reply {
        Reply::error(404, "No HTTP resource was found that matches the request URI.")
    }

    pub fn method_not_allowed(method: &str) -> Reply {
        Reply::error(405, &format!("The requested resource does not support http method '{method}'."))
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
