//! The request pipeline every call goes through: classify the path, count it in flight, apply the thread
//! limit, latency and faults, answer, record. Routing is done by hand because Autotask paths are
//! case-insensitive.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::Response;
use axum::Router;
use serde_json::json;

use crate::sim_common::faults::Scope;

use super::config::ThreadBucket;
use super::entities;
use super::faults::{Fault, FaultTarget};
use super::reply::Reply;
use super::stats::RequestRecord;
use super::Shared;

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Route {
    ZoneInformation,
    VersionInformation,
    /// Under `/zone{N}/ATServicesRest/V1.0/`; `rest` are the remaining path segments.
    Api {
        zone: u32,
        rest: Vec<String>,
    },
    NotFound,
}

pub(crate) fn classify(path: &str) -> Route {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let lower: Vec<String> = segs.iter().map(|s| s.to_ascii_lowercase()).collect();
    let (zone, at) = match lower.first().map(String::as_str) {
        Some("atservicesrest") => (None, 0),
        Some(z) if z.starts_with("zone") && lower.get(1).map(String::as_str) == Some("atservicesrest") => {
            match z[4..].parse::<u32>() {
                Ok(n) => (Some(n), 1),
                Err(_) => return Route::NotFound,
            }
        }
        _ => return Route::NotFound,
    };
    let tail: Vec<&str> = lower[at + 1..].iter().map(String::as_str).collect();
    match tail.as_slice() {
        ["versioninformation"] => Route::VersionInformation,
        // Only V1.0 exists for zone lookups; V2.0/zoneInformation is a 404 in production.
        ["v1.0", "zoneinformation"] => Route::ZoneInformation,
        ["v1.0", _, ..] => match zone {
            Some(zone) => Route::Api { zone, rest: segs[at + 2..].iter().map(|s| s.to_string()).collect() },
            None => Route::NotFound,
        },
        _ => Route::NotFound,
    }
}

/// (endpoint key for stats, thread-limit bucket).
fn endpoint_of(route: &Route, bucket_mode: ThreadBucket) -> (String, String) {
    let key = match route {
        Route::ZoneInformation => "ZoneInformation".to_string(),
        Route::VersionInformation => "VersionInformation".to_string(),
        Route::NotFound => "NotFound".to_string(),
        Route::Api { rest, .. } => {
            let Some(entity) = entities::entity(&rest[0]) else {
                return (rest.join("/"), rest.join("/"));
            };
            let tail: Vec<String> = rest[1..]
                .iter()
                .map(|s| match s.to_ascii_lowercase().as_str() {
                    "entityinformation" => "entityInformation".into(),
                    "fields" => "fields".into(),
                    "userdefinedfields" => "userDefinedFields".into(),
                    "query" => "query".into(),
                    "count" => "count".into(),
                    "next" => "next".into(),
                    _ => "{id}".into(),
                })
                .collect();
            let key = std::iter::once(entity.path.to_string()).chain(tail).collect::<Vec<_>>().join("/");
            let bucket = match bucket_mode {
                ThreadBucket::Entity => entity.path.to_string(),
                ThreadBucket::Endpoint => key.clone(),
            };
            return (key, bucket);
        }
    };
    (key.clone(), key)
}

/// Leaves the in-flight counters when the request ends, even when the client hangs up mid-way.
struct InFlight {
    shared: Arc<Shared>,
    endpoint: String,
    bucket: String,
    zone_endpoint: String,
    slot: Option<(String, String)>,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut live = self.shared.controls.live();
        live.leave(&self.endpoint, &self.bucket, &self.zone_endpoint);
        if let Some(slot) = &self.slot {
            live.release(slot);
        }
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
    let (endpoint, bucket) = endpoint_of(&route, shared.cfg.thread_bucket);
    let limited = matches!(route, Route::Api { .. });
    let zone_endpoint = match &route {
        Route::Api { zone, .. } => format!("zone{zone}/{endpoint}"),
        _ => endpoint.clone(),
    };
    let mut guard = InFlight {
        shared: shared.clone(),
        endpoint: endpoint.clone(),
        bucket: bucket.clone(),
        zone_endpoint: zone_endpoint.clone(),
        slot: None,
    };
    let admitted = {
        let mut live = shared.controls.live();
        for name in headers.keys() {
            live.stats.header_names_seen.insert(name.as_str().to_ascii_lowercase());
        }
        live.enter(&endpoint, &bucket, &zone_endpoint);
        if limited {
            let code = headers.get("apiintegrationcode").and_then(|v| v.to_str().ok()).unwrap_or("");
            // Per database too: a vendor's tracking identifier serves every customer database, and one
            // customer's calls do not take another's threads (psa-api.md §A6 names identifier + endpoint;
            // the database is this simulator's reading, as the hourly threshold is per database).
            let ci = headers
                .get("username")
                .and_then(|v| v.to_str().ok())
                .and_then(|u| shared.cfg.users.iter().find(|x| x.username.eq_ignore_ascii_case(u.trim())))
                .map_or(0, |u| u.ci);
            let slot = (format!("{ci}:{code}"), bucket.clone());
            let ok = live.admit(&slot, shared.cfg.thread_limit);
            if ok {
                guard.slot = Some(slot);
            }
            ok
        } else {
            true
        }
    };
    shared.controls.delay().await;
    let is_lookup = matches!(route, Route::ZoneInformation | Route::VersionInformation);
    let fault = shared.controls.take_fault(&path, |t| match t {
        FaultTarget::Api => Scope::Kind(!is_lookup),
        FaultTarget::ZoneLookup => Scope::Kind(is_lookup),
        FaultTarget::Path(p) => Scope::Path(p),
    });
    let record = |status: u16| {
        shared.controls.live().record(RequestRecord {
            method: method.to_string(),
            path: path.clone(),
            query: query.clone(),
            status,
            endpoint: endpoint.clone(),
            header_names: headers.keys().map(|k| k.as_str().to_ascii_lowercase()).collect(),
            body: String::from_utf8_lossy(&body).into_owned(),
        })
    };
    let mut slow = None;
    let reply = match fault {
        Some(Fault::Hang) => {
            record(0);
            shared.controls.until_shutdown().await;
            return plain(503, "simulator shut down");
        }
        Some(Fault::MalformedJson) => Reply::bytes(200, br#"{"items":[{"id":0,"companyName":"Cont"#.to_vec()),
        Some(Fault::HugeBody { bytes }) => {
            let mut b = br#"{"items":[],"padding":""#.to_vec();
            b.resize(bytes.saturating_sub(2).max(b.len()), b'x');
            b.extend_from_slice(b"\"}");
            Reply::bytes(200, b)
        }
        Some(Fault::RedirectTo(url)) => Reply::empty(302).with_header("location", url),
        Some(Fault::Status { status, body }) => Reply::bytes(status, body.into_bytes()),
        Some(Fault::Throttle429 { retry_after_secs, .. }) => {
            Reply::error(429, "Too many requests. Retry after the time given in Retry-After.")
                .with_header("retry-after", retry_after_secs.to_string())
        }
        Some(Fault::ThreadThreshold { .. }) => Reply::thread_threshold(shared.cfg.thread_limit),
        Some(Fault::SlowBody { total }) => {
            slow = Some(total);
            answer(&shared, &route, &method, &headers, &query, &body, admitted)
        }
        None => answer(&shared, &route, &method, &headers, &query, &body, admitted),
    };
    record(reply.status);
    let response = to_response(&shared, reply, slow);
    // The slot is held until the answer has been produced; a trickling body no longer occupies it.
    drop(guard);
    response
}

fn answer(
    shared: &Shared,
    route: &Route,
    method: &Method,
    headers: &HeaderMap,
    query: &str,
    body: &[u8],
    admitted: bool,
) -> Reply {
    match route {
        Route::NotFound => Reply::not_found(),
        Route::VersionInformation => Reply::ok(json!({"apiVersions": ["V1.0", "V2.0"]})),
        Route::ZoneInformation => zone_information(shared, query),
        Route::Api { .. } if !admitted => Reply::thread_threshold(shared.cfg.thread_limit),
        Route::Api { zone, rest } => match shared.zone_def(*zone) {
            None => Reply::not_found(),
            Some(_) if rest[0].eq_ignore_ascii_case("zoneinformation") => zone_information(shared, query),
            Some(_) => super::api::dispatch(shared, *zone, rest, method, headers, query, body),
        },
    }
}

fn zone_information(shared: &Shared, query: &str) -> Reply {
    let user = url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k.eq_ignore_ascii_case("user"))
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default();
    let found = shared.cfg.users.iter().find(|u| !user.is_empty() && u.username.eq_ignore_ascii_case(&user));
    let Some(u) = found else {
        return Reply::zone_unknown();
    };
    let Some(zone) = shared.tenant_zone(u.ci) else {
        return Reply::zone_unknown();
    };
    let name = shared.zone_def(zone).map(|z| z.name.clone()).unwrap_or_default();
    Reply::ok(json!({
        "zoneName": name,
        "url": shared.zone_api_root(zone),
        "webUrl": format!("{}/ww{zone}/", shared.base_url),
        "ci": u.ci,
    }))
}

fn plain(status: u16, text: &str) -> Response {
    let mut r = Response::new(Body::from(text.to_string()));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r
}

fn to_response(shared: &Arc<Shared>, reply: Reply, slow: Option<Duration>) -> Response {
    // A redirect has no JSON to label.
    let json = reply.status != 302;
    reply.into_response_with(json, |bytes| match slow {
        None => Body::from(bytes),
        Some(total) => trickle(shared.clone(), bytes, total),
    })
}

/// Sends the body in 20 pieces spread over `total`; stops early when the simulator shuts down.
fn trickle(shared: Arc<Shared>, body: Vec<u8>, total: Duration) -> Body {
    const PIECES: usize = 20;
    let chunk = body.len().div_ceil(PIECES).max(1);
    let pieces: Vec<Vec<u8>> = body.chunks(chunk).map(<[u8]>::to_vec).collect();
    let pause = total / PIECES as u32;
    let stream = futures::stream::unfold((pieces.into_iter(), shared), move |(mut it, shared)| async move {
        let next = it.next()?;
        tokio::select! {
            _ = tokio::time::sleep(pause) => {}
            _ = shared.controls.until_shutdown() => return None,
        }
        Some((Ok::<_, std::io::Error>(Bytes::from(next)), (it, shared)))
    });
    Body::from_stream(stream)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_is_case_insensitive() {
        assert_eq!(classify("/atservicesrest/v1.0/zoneInformation"), Route::ZoneInformation);
        assert_eq!(classify("/ATServicesRest/V1.0/ZoneInformation"), Route::ZoneInformation);
        assert_eq!(classify("/ATServicesRest/V2.0/ZoneInformation"), Route::NotFound);
        assert_eq!(classify("/ATServicesRest/VersionInformation"), Route::VersionInformation);
        assert_eq!(
            classify("/ZONE14/atservicesrest/v1.0/companies/query/count"),
            Route::Api { zone: 14, rest: vec!["companies".into(), "query".into(), "count".into()] }
        );
        let (key, bucket) = endpoint_of(
            &classify("/zone14/ATServicesRest/V1.0/companies/entityinformation/FIELDS"),
            ThreadBucket::Entity,
        );
        assert_eq!((key.as_str(), bucket.as_str()), ("Companies/entityInformation/fields", "Companies"));
        let (key, _) = endpoint_of(&classify("/zone14/ATServicesRest/V1.0/Companies/0"), ThreadBucket::Entity);
        assert_eq!(key, "Companies/{id}");
    }
}
