//! Authenticated endpoints below `{codebase}apis/3.0/`: system info and security, picklists, company and
//! contact lists with their counts, `…/search` and by-id reads.

use axum::http::Method;
use serde_json::{json, Value};

use super::auth::Caller;
use super::conditions::{self, FieldDef, Kind};
use super::config::{CountShape, CwLevel, CwLocation};
use super::fixtures as fx;
use super::paging::{param, ListParams};
use super::picklists;
use super::reply::Reply;
use super::Shared;

const COMPANY_FIELDS: &[FieldDef] = &[
    ("id", Kind::Int),
    ("identifier", Kind::Str),
    ("name", Kind::Str),
    ("status/id", Kind::Int),
    ("status/name", Kind::Str),
    ("market/id", Kind::Int),
    ("market/name", Kind::Str),
    ("territory/id", Kind::Int),
    ("territory/name", Kind::Str),
    ("deletedFlag", Kind::Bool),
];
const COMPANY_CHILD: &[FieldDef] = &[("types/id", Kind::Int), ("types/name", Kind::Str)];
const CONTACT_FIELDS: &[FieldDef] = &[
    ("id", Kind::Int),
    ("firstName", Kind::Str),
    ("lastName", Kind::Str),
    ("inactiveFlag", Kind::Bool),
    ("company/id", Kind::Int),
    ("company/identifier", Kind::Str),
    ("company/name", Kind::Str),
];
const CONTACT_CHILD: &[FieldDef] = &[("types/id", Kind::Int), ("types/name", Kind::Str)];
const PICKLIST_FIELDS: &[FieldDef] = &[
    ("id", Kind::Int),
    ("name", Kind::Str),
    ("description", Kind::Str),
    ("defaultFlag", Kind::Bool),
    ("vendorFlag", Kind::Bool),
    ("inactiveFlag", Kind::Bool),
];

/// What a request asks of the API, already split from the transport.
pub(crate) struct Call<'a> {
    pub method: &'a Method,
    /// Decoded query pairs.
    pub pairs: &'a [(String, String)],
    pub body: &'a [u8],
    /// Absolute URL of this request without its query (for `Link`).
    pub url_base: String,
}

pub(crate) fn dispatch(shared: &Shared, caller: &Caller, rest: &[String], call: &Call) -> Reply {
    let lower: Vec<String> = rest.iter().map(|s| s.to_ascii_lowercase()).collect();
    let segs: Vec<&str> = lower.iter().map(String::as_str).collect();
    let get = |r: &dyn Fn() -> Reply| {
        if *call.method == Method::GET {
            r()
        } else {
            Reply::method_not_allowed(call.method.as_str())
        }
    };
    let set = caller.tenant.data;
    match segs.as_slice() {
        ["system", "info"] => get(&|| system_info(caller)),
        ["system", "mysecurity"] => get(&|| my_security(shared, caller, call)),
        ["company", "companies"] => get(&|| entity_list(shared, caller, Entity::Companies, call, false)),
        ["company", "contacts"] => get(&|| entity_list(shared, caller, Entity::Contacts, call, false)),
        ["company", "companies", "count"] => get(&|| entity_list(shared, caller, Entity::Companies, call, true)),
        ["company", "contacts", "count"] => get(&|| entity_list(shared, caller, Entity::Contacts, call, true)),
        ["company", "companies" | "contacts", "search"] => {
            if *call.method != Method::POST {
                return Reply::method_not_allowed(call.method.as_str());
            }
            let entity = if segs[1] == "companies" { Entity::Companies } else { Entity::Contacts };
            entity_list(shared, caller, entity, call, false)
        }
        ["company", kind @ ("companies" | "contacts"), id] if id.parse::<i64>().is_ok() => {
            let entity = if *kind == "companies" { Entity::Companies } else { Entity::Contacts };
            get(&|| by_id(shared, caller, entity, id.parse().unwrap_or(0)))
        }
        _ => match picklists::picklist_json(&lower.join("/"), set) {
            Some(rows) => get(&|| picklist(shared, &rows, call)),
            None => Reply::not_found(),
        },
    }
}

fn system_info(caller: &Caller) -> Reply {
    let mut v = json!({
        "version": fx::SYSTEM_VERSION,
        "isCloud": matches!(caller.tenant.location, CwLocation::Cloud { .. }),
        "serverTimeZone": "Eastern Standard Time",
    });
    if let CwLocation::Cloud { region } = &caller.tenant.location {
        v["cloudRegion"] = json!(region.to_ascii_uppercase());
    }
    Reply::ok(v)
}

/// A paged list like every other (25 rows unless `pageSize` says otherwise, `Link` headers), in role order.
fn my_security(shared: &Shared, caller: &Caller, call: &Call) -> Reply {
    let rows: Vec<Value> = caller
        .member
        .rows
        .iter()
        .map(|r| {
            json!({
                "moduleIdentifier": r.module,
                "moduleFunctionIdentifier": r.function_id,
                "moduleFunctionName": r.function_name,
                "inquireLevel": r.inquire.as_str(),
                "addLevel": r.add.as_str(),
                "editLevel": r.edit.as_str(),
                "deleteLevel": r.delete.as_str(),
            })
        })
        .collect();
    match ListParams::parse(call.pairs, None, &[], shared.cfg.max_page_size) {
        Ok(params) => list_reply(&params, rows.iter().collect(), call),
        Err(m) => Reply::invalid(&m),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Entity {
    Companies,
    Contacts,
}

impl Entity {
    fn function(self) -> &'static str {
        match self {
            Entity::Companies => "Company Maintenance",
            Entity::Contacts => "Contacts",
        }
    }
}

/// The rows the member's inquire level lets it see: `Mine` covers rows the member owns (none here),
/// `My Company` the partner's own company (id 1).
fn visible<'a>(shared: &'a Shared, caller: &Caller, entity: Entity) -> Result<Vec<&'a Value>, Reply> {
    let level = caller.member.inquire(entity.function());
    let records = shared.records.get(&caller.tenant.data).map(|r| match entity {
        Entity::Companies => &r.companies,
        Entity::Contacts => &r.contacts,
    });
    let rows = records.map(|r| r.iter().collect::<Vec<_>>()).unwrap_or_default();
    let own = |r: &&Value| match entity {
        Entity::Companies => r["id"] == 1,
        Entity::Contacts => r["company"]["id"] == 1,
    };
    match level {
        CwLevel::None => Err(Reply::forbidden_role()),
        CwLevel::All => Ok(rows),
        CwLevel::Mine => Ok(Vec::new()),
        CwLevel::MyCompany => Ok(rows.into_iter().filter(own).collect()),
    }
}

/// conditions / childConditions / orderBy from the query string, or from the JSON body for `…/search`.
fn text_param(call: &Call, name: &str) -> Result<Option<String>, Reply> {
    if *call.method == Method::POST {
        let body: Value = if call.body.iter().all(u8::is_ascii_whitespace) {
            Value::Null
        } else {
            serde_json::from_slice(call.body).map_err(|_| Reply::invalid("The request body is not valid JSON."))?
        };
        let found = body.as_object().and_then(|o| o.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)));
        return Ok(found.and_then(|(_, v)| v.as_str()).map(str::to_string));
    }
    Ok(param(call.pairs, name).map(str::to_string))
}

fn entity_list(shared: &Shared, caller: &Caller, entity: Entity, call: &Call, count: bool) -> Reply {
    let (fields, child) = match entity {
        Entity::Companies => (COMPANY_FIELDS, COMPANY_CHILD),
        Entity::Contacts => (CONTACT_FIELDS, CONTACT_CHILD),
    };
    let run = || -> Result<Reply, Reply> {
        let cond = text_param(call, "conditions")?;
        let cond = conditions::parse(cond.as_deref().unwrap_or(""), fields).map_err(|m| Reply::invalid(&m))?;
        let kids = text_param(call, "childConditions")?;
        let kids = conditions::parse(kids.as_deref().unwrap_or(""), child).map_err(|m| Reply::invalid(&m))?;
        let order_by = text_param(call, "orderBy")?;
        let params = ListParams::parse(call.pairs, order_by.as_deref(), fields, shared.cfg.max_page_size)
            .map_err(|m| Reply::invalid(&m))?;
        let rows: Vec<&Value> = visible(shared, caller, entity)?
            .into_iter()
            .filter(|r| cond.as_ref().is_none_or(|e| conditions::eval(e, r)))
            .filter(|r| kids.as_ref().is_none_or(|e| conditions::eval(e, r)))
            .collect();
        if count {
            return Ok(Reply::ok(match shared.cfg.count_shape {
                CountShape::Object => json!({ "count": rows.len() }),
                CountShape::Unfamiliar => json!({ "total": rows.len() }),
            }));
        }
        Ok(list_reply(&params, rows, call))
    };
    run().unwrap_or_else(|r| r)
}

fn list_reply(params: &ListParams, rows: Vec<&Value>, call: &Call) -> Reply {
    let total = rows.len();
    let link = params.link_header(&call.url_base, call.pairs, total);
    Reply::ok(Value::Array(params.page_of(rows))).with_header("link", link)
}

fn picklist(shared: &Shared, rows: &[Value], call: &Call) -> Reply {
    let run = || -> Result<Reply, Reply> {
        let cond = conditions::parse(param(call.pairs, "conditions").unwrap_or(""), PICKLIST_FIELDS)
            .map_err(|m| Reply::invalid(&m))?;
        let params =
            ListParams::parse(call.pairs, param(call.pairs, "orderBy"), PICKLIST_FIELDS, shared.cfg.max_page_size)
                .map_err(|m| Reply::invalid(&m))?;
        let kept: Vec<&Value> = rows.iter().filter(|r| cond.as_ref().is_none_or(|e| conditions::eval(e, r))).collect();
        Ok(list_reply(&params, kept, call))
    };
    run().unwrap_or_else(|r| r)
}

fn by_id(shared: &Shared, caller: &Caller, entity: Entity, id: i64) -> Reply {
    match visible(shared, caller, entity) {
        Err(r) => r,
        Ok(rows) => match rows.into_iter().find(|r| r["id"] == id) {
            Some(r) => Reply::ok(r.clone()),
            None => Reply::not_found(),
        },
    }
}
