//! The answer a route produces before it becomes an HTTP response, kept as bytes so a fault can re-shape it
//! (cut it short, trickle it out). `P` marks the PSA: each simulator gives `Reply<ItsPsa>` its own error
//! envelope under the same constructor names (`error`, `not_found`, …) without the two clashing.

use std::marker::PhantomData;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::Value;

pub(crate) struct Reply<P> {
    pub status: u16,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
    psa: PhantomData<P>,
}

impl<P> Reply<P> {
    pub fn bytes(status: u16, body: Vec<u8>) -> Self {
        Reply { status, body, headers: vec![], psa: PhantomData }
    }

    pub fn json(status: u16, v: &Value) -> Self {
        Self::bytes(status, serde_json::to_vec(v).unwrap_or_default())
    }

    pub fn ok(v: Value) -> Self {
        Self::json(200, &v)
    }

    pub fn empty(status: u16) -> Self {
        Self::bytes(status, Vec::new())
    }

    pub fn with_header(mut self, name: &'static str, value: String) -> Self {
        self.headers.push((name, value));
        self
    }

    /// The response as it is, labelled JSON.
    pub fn into_response(self) -> Response {
        self.into_response_with(true, Body::from)
    }

    /// `body` turns the bytes into what is sent (a trickle, say); `json` false leaves the content type out
    /// (an Autotask redirect names none).
    pub fn into_response_with(self, json: bool, body: impl FnOnce(Vec<u8>) -> Body) -> Response {
        let mut r = Response::new(body(self.body));
        *r.status_mut() = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let h = r.headers_mut();
        if json {
            h.insert("content-type", HeaderValue::from_static("application/json; charset=utf-8"));
        }
        for (name, value) in self.headers {
            if let Ok(v) = HeaderValue::from_str(&value) {
                h.insert(name, v);
            }
        }
        r
    }
}
