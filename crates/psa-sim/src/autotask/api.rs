//! Authenticated endpoints under `/zone{N}/ATServicesRest/V1.0/`.

use axum::http::{HeaderMap, Method};
use serde_json::{json, Value};

use super::auth::{authenticate, Caller};
use super::config::DenialStyle;
use super::entities::{self, EntityDef};
use super::query::{self, Query};
use super::reply::Reply;
use super::Shared;

pub(crate) fn dispatch(
    shared: &Shared,
    zone: u32,
    rest: &[String],
    method: &Method,
    headers: &HeaderMap,
    q: &str,
    body: &[u8],
) -> Reply {
    let caller = match authenticate(shared, zone, headers) {
        Ok(c) => c,
        Err(r) => return r,
    };
    if let Err(r) = count_request(shared, &caller) {
        return r;
    }
    let lower: Vec<String> = rest.iter().map(|s| s.to_ascii_lowercase()).collect();
    let segs: Vec<&str> = lower.iter().map(String::as_str).collect();
    let get_only = |r: Reply| {
        if method == Method::GET {
            r
        } else {
            Reply::method_not_allowed(method.as_str())
        }
    };
    match segs.as_slice() {
        ["thresholdinformation"] => get_only(threshold(shared, &caller)),
        ["version"] => get_only(Reply::ok(json!({
            "majorVersion": "2025", "minorVersion": "2", "build": "sim", "customerType": "Simulator"
        }))),
        [name, tail @ ..] => {
            let Some(entity) = entities::entity(name) else {
                return Reply::not_found();
            };
            let access = caller.user.access_for(entity.path);
            let set = caller.tenant.data;
            match tail {
                ["entityinformation"] => {
                    get_only(entities::info_json(entity, access, shared.cfg.access_form).into_reply())
                }
                ["entityinformation", "fields"] => get_only(entities::fields_json(entity, set).into_reply()),
                ["entityinformation", "userdefinedfields"] => get_only(entities::udfs_json(entity, set).into_reply()),
                ["query"] | ["query", "count"] | ["query", "next"] => {
                    if method != Method::GET && method != Method::POST {
                        return Reply::method_not_allowed(method.as_str());
                    }
                    run_query(shared, zone, &caller, entity, tail, q, body, method)
                }
                [id] => match id.parse::<i64>() {
                    Ok(id) if method == Method::GET => by_id(shared, &caller, entity, id),
                    Ok(_) => Reply::method_not_allowed(method.as_str()),
                    Err(_) => Reply::not_found(),
                },
                _ => Reply::not_found(),
            }
        }
        [] => Reply::not_found(),
    }
}

trait IntoReply {
    fn into_reply(self) -> Reply;
}
impl IntoReply for Value {
    fn into_reply(self) -> Reply {
        Reply::ok(self)
    }
}

/// Counts the call against the tenant's hourly budget; beyond it the whole tenant is refused.
fn count_request(shared: &Shared, caller: &Caller) -> Result<(), Reply> {
    let mut counts = shared.request_counts.lock().unwrap();
    let n = counts.entry(caller.tenant.ci).or_default();
    *n += 1;
    if *n > caller.tenant.request_threshold {
        return Err(Reply::error(
            shared.cfg.threshold_exceeded_status,
            &format!(
                "The external request threshold of {} requests per 60 minutes has been exceeded for this database. \
                 API access is suspended until usage drops.",
                caller.tenant.request_threshold
            ),
        ));
    }
    Ok(())
}

fn threshold(shared: &Shared, caller: &Caller) -> Reply {
    let count = shared.request_counts.lock().unwrap().get(&caller.tenant.ci).copied().unwrap_or(0);
    Reply::ok(json!({
        "externalRequestThreshold": caller.tenant.request_threshold,
        "requestThresholdTimeframe": 60,
        "currentTimeframeRequestCount": count,
    }))
}

fn denial(caller: &Caller, action: &str, entity: &EntityDef) -> Reply {
    let status = match caller.user.denial {
        DenialStyle::Forbidden403 => 403,
        DenialStyle::ServerError500 => 500,
    };
    Reply::no_permission(status, action, entity.singular)
}

fn records<'a>(shared: &'a Shared, caller: &Caller, entity: &EntityDef) -> &'a [Value] {
    let Some(r) = shared.records.get(&caller.tenant.data) else {
        return &[];
    };
    match entity.path {
        "Companies" => &r.companies,
        "Contacts" => &r.contacts,
        _ => &[],
    }
}

fn by_id(shared: &Shared, caller: &Caller, entity: &EntityDef, id: i64) -> Reply {
    let access = caller.user.access_for(entity.path);
    if access.query == 0 {
        return denial(caller, "query", entity);
    }
    let item = if access.query == 2 {
        None
    } else {
        records(shared, caller, entity).iter().find(|r| r.get("id").and_then(Value::as_i64) == Some(id))
    };
    Reply::ok(json!({ "item": item }))
}

#[allow(clippy::too_many_arguments)]
fn run_query(
    shared: &Shared,
    zone: u32,
    caller: &Caller,
    entity: &EntityDef,
    tail: &[&str],
    q: &str,
    body: &[u8],
    method: &Method,
) -> Reply {
    let params: Vec<(String, String)> = url::form_urlencoded::parse(q.as_bytes()).into_owned().collect();
    let param = |name: &str| params.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone());
    // POST sends the model in the body; GET (and a GET on nextPageUrl) in ?search=.
    let text = if *method == Method::POST && !body.iter().all(u8::is_ascii_whitespace) {
        String::from_utf8_lossy(body).into_owned()
    } else {
        match param("search") {
            Some(s) => s,
            None => return Reply::error(500, "The search parameter is required."),
        }
    };
    let model: Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(_) => return Reply::error(500, "The query is not valid JSON."),
    };
    let fields = entities::fields(entity, caller.tenant.data);
    let udfs: &[&str] =
        if entity.has_udfs && entity.path == "Companies" { &[super::fixtures::EMPLOYEES_UDF] } else { &[] };
    let parsed = match query::parse(&model, entity.path, &fields, udfs) {
        Ok(p) => p,
        Err(msg) => return Reply::error(500, &msg),
    };
    let access = caller.user.access_for(entity.path);
    if access.query == 0 {
        return denial(caller, "query", entity);
    }
    if entity.path == "UserDefinedFieldDefinitions" && !shared.cfg.serve_udf_definitions {
        return denial(caller, "query", entity);
    }
    let definitions;
    // Restricted access: Autotask answers normally but hides rows the level does not cover; here, all of them.
    let rows: &[Value] = if access.query == 2 {
        &[]
    } else if entity.path == "UserDefinedFieldDefinitions" {
        definitions = entities::udf_definitions(caller.tenant.data);
        &definitions
    } else {
        records(shared, caller, entity)
    };
    let matching = rows.iter().filter(|r| query::matches(&parsed, r));
    if tail == ["query", "count"] {
        return Reply::ok(json!({ "queryCount": matching.count() }));
    }
    let after: Option<i64> = if tail == ["query", "next"] {
        match param("paging")
            .and_then(|p| serde_json::from_str::<Value>(&p).ok())
            .and_then(|v| v.get("lastId")?.as_i64())
        {
            Some(id) => Some(id),
            None => return Reply::error(500, "The paging parameter is missing or invalid."),
        }
    } else {
        None
    };
    let mut remaining =
        matching.filter(|r| after.is_none_or(|a| r.get("id").and_then(Value::as_i64).unwrap_or(i64::MIN) > a));
    let page: Vec<&Value> = remaining.by_ref().take(parsed.max_records).collect();
    let has_more = remaining.next().is_some();
    let next = match (has_more, page.last()) {
        (true, Some(last)) => {
            Value::String(next_url(shared, zone, entity, &text, last.get("id").and_then(Value::as_i64).unwrap_or(0)))
        }
        _ => Value::Null,
    };
    page_reply(&parsed, &page, next)
}

fn next_url(shared: &Shared, zone: u32, entity: &EntityDef, search: &str, last_id: i64) -> String {
    let qs = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("paging", &json!({ "lastId": last_id }).to_string())
        .append_pair("search", search)
        .finish();
    format!("{}V1.0/{}/query/next?{qs}", shared.zone_api_root(zone), entity.path)
}

fn page_reply(q: &Query, page: &[&Value], next: Value) -> Reply {
    let items: Vec<Value> = page.iter().map(|r| query::project(r, &q.include_fields)).collect();
    Reply::ok(json!({
        "items": items,
        "pageDetails": {
            "count": items.len(),
            "requestCount": q.max_records,
            "prevPageUrl": null,
            "nextPageUrl": next,
        }
    }))
}
