//! The ConnectWise simulator over real HTTP on 127.0.0.1 (what the engine's tests rely on): who may sign in
//! and see what (`access`), and the records, lists and counts it serves (`data`).

mod access;
mod data;

use psa_tests::connectwise::fixtures::{self as fx, CwKeys};
use psa_tests::connectwise::{ClientIdError, CwFault, CwFaultTarget, CwSim, CwSimConfig};
use reqwest::header::HeaderMap;
use serde_json::{json, Value};

struct Api {
    http: reqwest::Client,
    base: String,
}

impl Api {
    fn of(sim: &CwSim, company: &str) -> Api {
        Api { http: reqwest::Client::new(), base: sim.api_url(company).unwrap() }
    }

    fn req(
        &self,
        method: reqwest::Method,
        path: &str,
        keys: &CwKeys,
        client_id: Option<&str>,
    ) -> reqwest::RequestBuilder {
        let url = if path.starts_with("http") { path.to_string() } else { format!("{}/{path}", self.base) };
        let user = format!("{}+{}", keys.company_id, keys.public_key);
        let mut rb = self
            .http
            .request(method, url)
            .basic_auth(user, Some(keys.private_key))
            .header("Accept", psa_core::connectwise::ACCEPT_VERSION);
        if let Some(id) = client_id {
            rb = rb.header("clientId", id);
        }
        rb
    }

    async fn get(&self, path: &str, keys: &CwKeys) -> (u16, Value) {
        let (s, _, v) = send(self.req(reqwest::Method::GET, path, keys, Some(fx::CLIENT_ID))).await;
        (s, v)
    }

    async fn count(&self, entity: &str, conditions: &str, child: &str) -> u64 {
        let url = format!(
            "{}/company/{entity}/count?conditions={}&childConditions={}",
            self.base,
            esc(conditions),
            esc(child)
        );
        let (s, v) = self.get(&url, &fx::GOOD).await;
        assert_eq!(s, 200, "{conditions} / {child}: {v}");
        v["count"].as_u64().unwrap()
    }
}

async fn send(rb: reqwest::RequestBuilder) -> (u16, HeaderMap, Value) {
    let resp = rb.send().await.expect("request reaches the simulator");
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let text = resp.text().await.unwrap();
    (status, headers, serde_json::from_str(&text).unwrap_or(Value::String(format!("NOT JSON: {text}"))))
}

fn esc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

async fn plain_get(url: &str) -> (u16, Value) {
    let (s, _, v) = send(reqwest::Client::new().get(url)).await;
    (s, v)
}
