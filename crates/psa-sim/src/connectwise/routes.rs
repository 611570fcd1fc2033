//! The request pipeline: classify the host part of the path, count the request in flight, apply latency
//! and faults, answer, record. Hosts are path prefixes: `/{region}/` is a cloud login host, `/api-{region}/`
//! its API host, `/onprem/` (and the server root) the self-hosted server.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use axum::Router;
use serde_json::{json, Value};

use crate::sim_common::faults::Scope;

use super::api::{self, Call};
use super::auth::authenticate;
use super::config::{CwLocation, CwTenantDef, LinkStyle};
use super::faults::{CwFault, CwFaultTarget};
use super::fixtures as fx;
use super::reply::Reply;
use super::stats::CwRequestRecord;
use super::Shared;

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Host {
    Login(String),
    Api(String),
    SelfHosted,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Route {
    CompanyInfo {
        host: Host,
        company_id: String,
    },
    /// `rest`: the segments after `apis/3.0/`, as sent.
    Api {
        host: Host,
        codebase: String,
        rest: Vec<String>,
    },
    NotFound,
}

fn host_of(seg: &str) -> Option<Host> {
    let seg = seg.to_ascii_lowercase();
    if seg == "onprem" {
        return Some(Host::SelfHosted);
    }
    match seg.strip_prefix("api-") {
        Some(r) if fx::REGIONS.contains(&r) => Some(Host::Api(r.into())),
        Some(_) => None,
        None => fx::REGIONS.contains(&seg.as_str()).then_some(Host::Login(seg)),
    }
}

pub(crate) fn classify(path: &str) -> Route {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let is = |i: usize, w: &str| segs.get(i).is_some_and(|s| s.eq_ignore_ascii_case(w));
    // The server root is the self-hosted server too, so its companyinfo `SiteUrl` (host:port) works.
    let (host, at) = match segs.first().and_then(|s| host_of(s)) {
        Some(h) => (h, 1),
        None => (Host::SelfHosted, 0),
    };
    if is(at, "login") && is(at + 1, "companyinfo") && segs.len() == at + 3 {
        return Route::CompanyInfo { host, company_id: segs[at + 2].to_string() };
    }
    if is(at + 1, "apis") && is(at + 2, "3.0") && segs.len() > at + 3 {
        let codebase = format!("{}/", segs[at].to_ascii_lowercase());
        return Route::Api { host, codebase, rest: segs[at + 3..].iter().map(|s| s.to_string()).collect() };
    }
    Route::NotFound
}

/// The stats key of a request: its API path with ids replaced, or "companyinfo".
fn endpoint_of(route: &Route) -> String {
    match route {
        Route::CompanyInfo { .. } => "companyinfo".into(),
        Route::NotFound => "NotFound".into(),
        Route::Api { host, rest, .. } => {
            let key = rest
                .iter()
                .map(|s| if s.parse::<i64>().is_ok() { "{id}".to_string() } else { canonical_segment(s) })
                .collect::<Vec<_>>()
                .join("/");
            match host {
                Host::Login(_) => format!("login-host:{key}"),
                _ => key,
            }
        }
    }
}

fn canonical_segment(s: &str) -> String {
    match s.to_ascii_lowercase().as_str() {
        "marketdescriptions" => "marketDescriptions".into(),
        "mysecurity" => "mysecurity".into(),
        other => other.into(),
    }
}

struct InFlight {
    shared: Arc<Shared>,
    endpoint: String,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.shared.controls.live().leave(&self.endpoint);
    }
}

async fn handle(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let query = uri.query().unwrap_or("").to_string();
    let route = classify(&path);
    let endpoint = endpoint_of(&route);
    shared.controls.live().enter(&endpoint);
    let _guard = InFlight { shared: shared.clone(), endpoint: endpoint.clone() };
    shared.controls.delay().await;
    let fault = shared.controls.take_fault(&path, |t| match t {
        CwFaultTarget::Api => Scope::Kind(matches!(route, Route::Api { .. })),
        CwFaultTarget::CompanyInfo => Scope::Kind(matches!(route, Route::CompanyInfo { .. })),
        CwFaultTarget::Path(p) => Scope::Path(p),
    });
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let record = |status: u16| {
        shared.controls.live().record(CwRequestRecord {
            method: method.to_string(),
            path: path.clone(),
            query: query.clone(),
            status,
            endpoint: endpoint.clone(),
            client_id: text("clientid"),
            accept: text("accept"),
            had_auth: headers.contains_key("authorization"),
            header_names: headers.keys().map(|k| k.as_str().to_ascii_lowercase()).collect(),
            body: String::from_utf8_lossy(&body).into_owned(),
        })
    };
    let reply = match fault {
        Some(CwFault::Hang) => {
            record(0);
            shared.controls.until_shutdown().await;
            return Reply::error(503, "Unavailable", "simulator shut down").into_response();
        }
        Some(CwFault::MalformedJson) => Reply::bytes(200, br#"[{"id":1,"name":"Cont"#.to_vec()),
        Some(CwFault::Status { status, body }) => Reply::bytes(status, body.into_bytes()),
        Some(CwFault::Throttle429 { retry_after_secs, .. }) => Reply::throttled(retry_after_secs),
        None => answer(&shared, &route, &method, &headers, &path, &query, &body),
    };
    record(reply.status);
    reply.into_response()
}

fn location_of(host: &Host) -> Option<CwLocation> {
    match host {
        Host::Login(_) => None,
        Host::Api(r) => Some(CwLocation::Cloud { region: r.clone() }),
        Host::SelfHosted => Some(CwLocation::SelfHosted),
    }
}

fn answer(
    shared: &Shared,
    route: &Route,
    method: &Method,
    headers: &HeaderMap,
    path: &str,
    query: &str,
    body: &[u8],
) -> Reply {
    match route {
        Route::NotFound => Reply::not_found(),
        Route::CompanyInfo { .. } if *method != Method::GET => Reply::method_not_allowed(method.as_str()),
        Route::CompanyInfo { host, company_id } => company_info(shared, host, company_id),
        // A cloud login host refuses API calls: the partner's site lacks the `api-` prefix.
        Route::Api { host: Host::Login(_), .. } => Reply::ssl_required(),
        Route::Api { host, codebase, rest } => {
            let Some(location) = location_of(host) else {
                return Reply::not_found();
            };
            let known = shared.cfg.tenants.iter().any(|t| {
                t.codebase.eq_ignore_ascii_case(codebase)
                    && matches!(
                        (&t.location, &location),
                        (CwLocation::Cloud { .. }, CwLocation::Cloud { .. })
                            | (CwLocation::SelfHosted, CwLocation::SelfHosted)
                    )
            });
            if !known {
                return Reply::not_found();
            }
            let caller = match authenticate(shared, &location, headers) {
                Ok(c) => c,
                Err(r) => return r,
            };
            if let Some(r) = refused_version(caller.tenant, headers) {
                return r;
            }
            let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
            let link_path = match shared.cfg.link_style {
                LinkStyle::SamePath => path.to_string(),
                // Swap the codebase segment for `v4_6_release`, keep the host part and the resource.
                LinkStyle::V46Release => {
                    let cb = format!("/{}apis/3.0/", codebase);
                    let lower = path.to_ascii_lowercase();
                    match lower.find(&cb) {
                        Some(i) => format!("{}/v4_6_release/apis/3.0/{}", &path[..i], &path[i + cb.len()..]),
                        None => path.to_string(),
                    }
                }
            };
            let call = Call { method, pairs: &pairs, body, url_base: format!("{}{link_path}", shared.base_url) };
            api::dispatch(shared, &caller, rest, &call)
        }
    }
}

/// The `version=` of `Accept: application/vnd.connectwise.com+json; version=2025.16`, as (year, release).
fn accept_version(headers: &HeaderMap) -> Option<(u32, u32)> {
    let accept = headers.get("accept")?.to_str().ok()?;
    let v = accept.split(';').find_map(|p| p.trim().strip_prefix("version="))?;
    let mut parts = v.trim().split('.');
    Some((parts.next()?.trim().parse().ok()?, parts.next()?.trim().parse().ok()?))
}

/// An older server refuses a model version it does not know (see `CwTenantDef::refuses_newer_accept`).
fn refused_version(t: &CwTenantDef, headers: &HeaderMap) -> Option<Reply> {
    let server = t.server_version.filter(|_| t.refuses_newer_accept)?;
    let asked = accept_version(headers)?;
    (asked > server).then(|| {
        Reply::error(
            400,
            "InvalidVersion",
            &format!("The requested API version {}.{} is not supported by this server.", asked.0, asked.1),
        )
    })
}

fn company_info(shared: &Shared, host: &Host, company_id: &str) -> Reply {
    let location = match host {
        Host::Login(r) | Host::Api(r) => CwLocation::Cloud { region: r.clone() },
        Host::SelfHosted => CwLocation::SelfHosted,
    };
    match shared.cfg.tenant(company_id) {
        Some(t) if t.location == location => Reply::ok(company_info_json(shared, t)),
        // ConnectWise answers an unknown company with 200 and a JSON null.
        _ => Reply::ok(Value::Null),
    }
}

fn company_info_json(shared: &Shared, t: &CwTenantDef) -> Value {
    let (is_cloud, site_url) = match &t.location {
        CwLocation::Cloud { region } => (true, format!("api-{region}.myconnectwise.net")),
        CwLocation::SelfHosted => (false, shared.base_url.trim_start_matches("http://").to_string()),
    };
    let version_code = match (t.server_version, t.codebase.trim_end_matches('/')) {
        (Some((y, r)), _) => format!("v{y}.{r}"),
        (None, "v4_6_release") => fx::VERSION_CODE.to_string(),
        (None, cb) => cb.replace('_', "."),
    };
    json!({
        "CompanyName": t.name,
        "Codebase": t.codebase,
        "VersionCode": version_code,
        "VersionNumber": fx::VERSION_NUMBER,
        "CompanyID": t.company_id,
        "IsCloud": if t.is_cloud_as_string { json!(if is_cloud { "True" } else { "False" }) } else { json!(is_cloud) },
        "SiteUrl": site_url,
        "AllowedOrigins": ["*.myconnectwise.net", "*.connectwise.net"],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_paths() {
        assert_eq!(
            classify("/na/login/companyinfo/Contoso"),
            Route::CompanyInfo { host: Host::Login("na".into()), company_id: "Contoso".into() }
        );
        assert_eq!(
            classify("/login/companyinfo/northwind"),
            Route::CompanyInfo { host: Host::SelfHosted, company_id: "northwind".into() }
        );
        assert_eq!(
            classify("/api-eu/v2024_3/apis/3.0/system/info"),
            Route::Api {
                host: Host::Api("eu".into()),
                codebase: "v2024_3/".into(),
                rest: vec!["system".into(), "info".into()]
            }
        );
        assert!(matches!(
            classify("/onprem/v4_6_release/apis/3.0/company/companies"),
            Route::Api { host: Host::SelfHosted, .. }
        ));
        assert!(matches!(
            classify("/v4_6_release/apis/3.0/company/companies"),
            Route::Api { host: Host::SelfHosted, .. }
        ));
        assert!(matches!(classify("/NA/v2025_1/apis/3.0/system/info"), Route::Api { host: Host::Login(_), .. }));
        assert_eq!(classify("/api-xx/v2025_1/apis/3.0/system/info"), Route::NotFound);
        assert_eq!(classify("/na/login/companyinfo"), Route::NotFound);
        assert_eq!(endpoint_of(&classify("/api-na/v2025_1/apis/3.0/company/companies/123")), "company/companies/{id}");
        assert_eq!(
            endpoint_of(&classify("/api-na/v2025_1/apis/3.0/company/MarketDescriptions")),
            "company/marketDescriptions"
        );
        assert_eq!(endpoint_of(&classify("/na/v2025_1/apis/3.0/system/info")), "login-host:system/info");
    }
}
