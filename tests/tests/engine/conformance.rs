//! Conformance (issue 13): every request the real engine sends, recorded by the simulators, is held against the
//! operations the published API descriptions list: `tests/fixtures/conformance/autotask-swagger-subset.json`
//! (the official Autotask swagger) and `connectwise-api-subset.json` (pyconnectwise's generated endpoints, the
//! ConnectWise developer guide). Both files name their sources. An unknown path, method, query parameter,
//! body field or filter operator, or a missing required header, fails the test.

use crate::autotask_support;
use crate::connectwise_support;

use std::path::PathBuf;

use psa_core::autotask::{self, CancellationToken, EntityNeed};
use psa_core::model::{ActiveState, FilterSet};
use psa_tests::autotask::{fixtures as atfx, AutotaskSim, RequestRecord, SimConfig};
use psa_tests::connectwise::{fixtures as cwfx, CwRequestRecord, CwSim, CwSimConfig};
use serde_json::Value;

fn fixture(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/conformance").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_string)).collect()).unwrap_or_default()
}

fn has(list: &[String], name: &str) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(name))
}

/// Whether `segments` fit the template `/a/{entity}/b`: literal segments case-insensitively, `{entity}` one of
/// `entities`, `{id}` a number, any other `{...}` one non-empty segment.
fn fits(template: &str, segments: &[&str], entities: &[String]) -> bool {
    let parts: Vec<&str> = template.split('/').filter(|s| !s.is_empty()).collect();
    parts.len() == segments.len()
        && parts.iter().zip(segments).all(|(t, s)| match *t {
            "{entity}" => has(entities, s),
            "{id}" => s.parse::<i64>().is_ok(),
            t if t.starts_with('{') => !s.is_empty(),
            t => t.eq_ignore_ascii_case(s),
        })
}

fn query_names(query: &str) -> Vec<String> {
    url::form_urlencoded::parse(query.as_bytes()).map(|(k, _)| k.into_owned()).collect()
}

// ---------------------------------------------------------------- Autotask

/// The fixture's verdict on one recorded Autotask request: `Err` names what does not conform.
fn autotask_conforms(spec: &Value, r: &RequestRecord) -> Result<(), String> {
    let lower = r.path.to_ascii_lowercase();
    let at = lower.find("/atservicesrest").ok_or_else(|| format!("not under /ATServicesRest: {}", r.path))?;
    let rest = &r.path[at + "/atservicesrest".len()..];
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let entities = strings(&spec["entities"]);
    let op = spec["operations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|op| op["method"] == r.method.as_str() && fits(op["path"].as_str().unwrap(), &segments, &entities))
        .ok_or_else(|| format!("no operation {} {rest} in the swagger subset", r.method))?;
    for h in strings(&op["requiredHeaders"]) {
        if !has(&r.header_names, &h) {
            return Err(format!("{} {rest}: required header {h} missing", r.method));
        }
    }
    let names = query_names(&r.query);
    for q in strings(&op["requiredQuery"]) {
        if !has(&names, &q) {
            return Err(format!("{} {rest}: required query parameter {q} missing", r.method));
        }
    }
    if op.get("body").is_some() {
        let body: Value = serde_json::from_str(&r.body).map_err(|e| format!("{rest}: body is not JSON ({e})"))?;
        let model = &spec["queryModel"];
        let (fields, filter_fields) = (strings(&model["fields"]), strings(&model["filterFields"]));
        let ops = strings(&spec["filterOperators"]);
        let obj = body.as_object().ok_or_else(|| format!("{rest}: body is not an object"))?;
        for k in obj.keys() {
            if !has(&fields, k) {
                return Err(format!("{rest}: body field {k} is not in QueryModel"));
            }
        }
        let filter = obj.iter().find(|(k, _)| k.eq_ignore_ascii_case("filter")).map(|(_, v)| v);
        let mut stack: Vec<&Value> = filter.and_then(|f| f.as_array()).map(|a| a.iter().collect()).unwrap_or_default();
        while let Some(item) = stack.pop() {
            let item = item.as_object().ok_or_else(|| format!("{rest}: a filter item is not an object"))?;
            for (k, v) in item {
                if !has(&filter_fields, k) {
                    return Err(format!("{rest}: filter field {k} is not in Filter"));
                }
                if k.eq_ignore_ascii_case("op") && !has(&ops, v.as_str().unwrap_or("")) {
                    return Err(format!("{rest}: filter operator {v} is not one Autotask documents"));
                }
                if k.eq_ignore_ascii_case("items") {
                    stack.extend(v.as_array().into_iter().flatten());
                }
            }
        }
    } else if !r.body.trim().is_empty() {
        return Err(format!("{} {rest}: a body where the operation takes none", r.method));
    }
    Ok(())
}

#[tokio::test]
async fn every_autotask_request_is_in_the_swagger() {
    let spec = fixture("autotask-swagger-subset.json");
    assert!(spec["sources"][0]["commit"].as_str().is_some_and(|c| c.len() == 40), "the fixture names its source");
    let sim = AutotaskSim::start(SimConfig::live_like()).await.unwrap();
    let good = autotask_support::good();
    // The default check, every template's needs and extras, and a preview with every filter kind.
    let (r, _) = autotask_support::check(&good, &autotask_support::opts(&sim)).await;
    assert!(r.ok, "{r:#?}");
    for t in psa_core::templates::list().into_iter().filter(|t| t.psas.contains(&psa_core::model::Psa::Autotask)) {
        let t = psa_core::templates::get(&t.id).unwrap();
        let mut o = autotask_support::opts(&sim);
        o.needs = t.autotask_needs();
        o.extras = t.autotask_extras();
        let full = autotask_support::creds(atfx::FULL_ACCESS_USER, atfx::FULL_ACCESS_SECRET);
        autotask_support::check(&full, &o).await;
    }
    let mut o = autotask_support::opts(&sim);
    o.needs = vec![EntityNeed { delete: Some(false), ..EntityNeed::read("Companies") }];
    autotask_support::check(&good, &o).await;
    let zone = r.zone.clone().unwrap();
    let filters = FilterSet {
        company_types: vec![atfx::TYPE_CUSTOMER.to_string(), atfx::TYPE_PARTNER.to_string()],
        markets: vec![atfx::MARKET_HEALTHCARE.to_string()],
        company_statuses: vec![ActiveState::Active],
        contact_statuses: vec![ActiveState::Active],
        ..Default::default()
    };
    autotask::preview_with(&good, &zone, &filters, &autotask_support::fast_http(), &CancellationToken::new())
        .await
        .unwrap();

    let requests = sim.stats().requests;
    assert!(requests.len() > 20, "{} requests", requests.len());
    let bad: Vec<String> = requests
        .iter()
        .filter_map(|q| {
            autotask_conforms(&spec, q).err().map(|e| format!("{e}\n    {} {}?{}", q.method, q.path, q.query))
        })
        .collect();
    assert!(bad.is_empty(), "requests the swagger does not describe:\n{}", bad.join("\n"));
}

/// The matcher fails what it must: an unknown path, an undocumented operator, a missing header.
#[test]
fn the_autotask_matcher_rejects_what_the_swagger_does_not_list() {
    let spec = fixture("autotask-swagger-subset.json");
    let auth: Vec<String> = ["apiintegrationcode", "username", "secret"].iter().map(|s| s.to_string()).collect();
    let rec = |method: &str, path: &str, body: &str, headers: &[String]| RequestRecord {
        method: method.into(),
        path: path.into(),
        query: String::new(),
        status: 200,
        endpoint: String::new(),
        header_names: headers.to_vec(),
        body: body.into(),
    };
    let q = r#"{"MaxRecords":1,"filter":[{"op":"gte","field":"id","value":0}]}"#;
    assert_eq!(autotask_conforms(&spec, &rec("POST", "/zone14/ATServicesRest/V1.0/Companies/query", q, &auth)), Ok(()));
    for (method, path, body, headers) in [
        ("POST", "/zone14/ATServicesRest/V1.0/Companies/search", q, &auth[..]),
        ("POST", "/zone14/ATServicesRest/V1.0/Widgets/query", q, &auth[..]),
        ("GET", "/zone14/ATServicesRest/V1.0/Companies/query", "", &auth[..]),
        (
            "POST",
            "/zone14/ATServicesRest/V1.0/Companies/query",
            r#"{"filter":[{"op":"like","field":"a","value":1}]}"#,
            &auth[..],
        ),
        ("POST", "/zone14/ATServicesRest/V1.0/Companies/query", r#"{"Limit":1}"#, &auth[..]),
        ("POST", "/zone14/ATServicesRest/V1.0/Companies/query", q, &auth[..2]),
    ] {
        assert!(autotask_conforms(&spec, &rec(method, path, body, headers)).is_err(), "{method} {path} {body}");
    }
}

// ---------------------------------------------------------------- ConnectWise

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open,
    Close,
    Comma,
    /// A quoted string or a `[datetime]`.
    Literal,
    /// A run of `= ! < >`.
    Symbol(String),
    Word(String),
}

fn tokens(text: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '[' => {
                let close = if c == '"' { '"' } else { ']' };
                for d in chars.by_ref() {
                    if d == close {
                        break;
                    }
                }
                out.push(Tok::Literal);
            }
            '(' => out.push(Tok::Open),
            ')' => out.push(Tok::Close),
            ',' => out.push(Tok::Comma),
            c if "=!<>".contains(c) => {
                let mut s = c.to_string();
                while let Some(&d) = chars.peek().filter(|d| "=!<>".contains(**d)) {
                    s.push(d);
                    chars.next();
                }
                out.push(Tok::Symbol(s));
            }
            c if c.is_whitespace() => {}
            c => {
                let mut w = c.to_string();
                while let Some(&d) = chars.peek().filter(|d| !d.is_whitespace() && !"()\",=!<>[".contains(**d)) {
                    w.push(d);
                    chars.next();
                }
                out.push(Tok::Word(w));
            }
        }
    }
    out
}

/// The operators of a `conditions` string, read as `field op value` joined by `and`/`or` (with `not` and
/// parentheses): what sits in an operator's or a connector's place, whatever it is.
fn condition_operators(text: &str) -> Vec<String> {
    #[derive(PartialEq)]
    enum S {
        Operand,
        Operator,
        Value,
        Connector,
    }
    let mut out = Vec::new();
    let mut state = S::Operand;
    let mut depth_in_list = 0;
    for t in tokens(text) {
        if depth_in_list > 0 {
            match t {
                Tok::Open => depth_in_list += 1,
                Tok::Close => depth_in_list -= 1,
                _ => {}
            }
            if depth_in_list == 0 {
                state = S::Connector;
            }
            continue;
        }
        state = match (state, t) {
            (S::Operand, Tok::Open) => S::Operand,
            (S::Operand, Tok::Word(w)) if w.eq_ignore_ascii_case("not") => {
                out.push(w);
                S::Operand
            }
            (S::Operand, Tok::Word(_)) => S::Operator,
            (S::Operator, Tok::Symbol(s)) => {
                out.push(s);
                S::Value
            }
            (S::Operator, Tok::Word(w)) => {
                let not = w.eq_ignore_ascii_case("not");
                out.push(w);
                if not {
                    S::Operator
                } else {
                    S::Value
                }
            }
            (S::Value, Tok::Literal | Tok::Word(_)) => S::Connector,
            (S::Value, Tok::Open) => {
                depth_in_list = 1;
                S::Value
            }
            (S::Connector, Tok::Close) => S::Connector,
            (S::Connector, Tok::Word(w)) => {
                out.push(w);
                S::Operand
            }
            (_, t) => {
                out.push(format!("unexpected {t:?}"));
                S::Operand
            }
        };
    }
    out
}

fn connectwise_conforms(spec: &Value, r: &CwRequestRecord) -> Result<(), String> {
    let (rest, is_companyinfo) = match r.path.to_ascii_lowercase().find("/apis/3.0/") {
        Some(i) => (r.path[i + "/apis/3.0".len()..].to_string(), false),
        None => match r.path.to_ascii_lowercase().find("/login/companyinfo/") {
            Some(i) => (r.path[i..].to_string(), true),
            None => return Err(format!("neither an API nor a companyinfo path: {}", r.path)),
        },
    };
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let op = spec["operations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|op| op["method"] == r.method.as_str() && fits(op["path"].as_str().unwrap(), &segments, &[]))
        .ok_or_else(|| format!("no operation {} {rest} in the ConnectWise subset", r.method))?;
    let mut headers = r.header_names.clone();
    if r.had_auth {
        headers.push("authorization".into());
    }
    for h in strings(&op["requiredHeaders"]) {
        if !has(&headers, &h) {
            return Err(format!("{} {rest}: required header {h} missing", r.method));
        }
    }
    for h in strings(&op["forbiddenHeaders"]) {
        if has(&headers, &h) {
            return Err(format!("{} {rest}: header {h} must not be sent here", r.method));
        }
    }
    if !is_companyinfo {
        if let Some(a) = &r.accept {
            let prefix = spec["acceptPrefix"].as_str().unwrap();
            if !a.starts_with(prefix) {
                return Err(format!("{rest}: Accept {a:?} is not {prefix}"));
            }
        }
    }
    let allowed = strings(&op["query"]);
    let ops = strings(&spec["conditionOperators"]);
    for (k, v) in url::form_urlencoded::parse(r.query.as_bytes()) {
        if !has(&allowed, &k) {
            return Err(format!("{rest}: query parameter {k} is not listed for this operation"));
        }
        if k.eq_ignore_ascii_case("conditions") || k.eq_ignore_ascii_case("childConditions") {
            for o in condition_operators(&v) {
                if !has(&ops, &o) {
                    return Err(format!("{rest}: condition operator {o:?} is not one ConnectWise documents ({v})"));
                }
            }
        }
    }
    if !r.body.trim().is_empty() {
        return Err(format!("{} {rest}: a body on a GET", r.method));
    }
    Ok(())
}

#[tokio::test]
async fn every_connectwise_request_is_in_the_published_description() {
    let spec = fixture("connectwise-api-subset.json");
    // Pages capped at 25, next links under /v4_6_release/, the older self-hosted server: every live-like path.
    let sim = CwSim::start(CwSimConfig::live_like().with_max_page_size(25)).await.unwrap();
    let (r, _) =
        connectwise_support::check(&connectwise_support::creds(&cwfx::GOOD), &connectwise_support::opts(&sim, "na"))
            .await;
    assert!(r.ok, "{r:#?}");
    let t = psa_core::templates::get("sync365-license").unwrap();
    let mut o = connectwise_support::opts(&sim, "na");
    o.needs = t.connectwise_needs();
    o.extras = t.connectwise_extras();
    connectwise_support::check(&connectwise_support::creds(&cwfx::ADMIN), &o).await;
    let site = sim.self_hosted_site();
    let (nw, _) = connectwise_support::check(
        &connectwise_support::creds(&cwfx::NORTHWIND_GOOD),
        &connectwise_support::opts(&sim, &site),
    )
    .await;
    assert!(nw.ok, "{nw:#?}");
    let filters = FilterSet {
        company_types: vec![cwfx::TYPE_CUSTOMER.to_string()],
        company_status_ids: vec![cwfx::STATUS_ACTIVE.to_string()],
        contact_statuses: vec![ActiveState::Active],
        ..Default::default()
    };
    psa_core::connectwise::preview_with(
        &connectwise_support::creds(&cwfx::GOOD),
        r.site.as_ref().unwrap(),
        &filters,
        &connectwise_support::fast_http(),
        &Default::default(),
    )
    .await
    .unwrap();

    let requests = sim.stats().requests;
    assert!(requests.len() > 15, "{} requests", requests.len());
    let bad: Vec<String> = requests
        .iter()
        .filter_map(|q| {
            connectwise_conforms(&spec, q).err().map(|e| format!("{e}\n    {} {}?{}", q.method, q.path, q.query))
        })
        .collect();
    assert!(bad.is_empty(), "requests the published description does not list:\n{}", bad.join("\n"));
}

#[test]
fn the_connectwise_matcher_rejects_what_the_description_does_not_list() {
    let spec = fixture("connectwise-api-subset.json");
    let rec = |path: &str, query: &str, auth: bool, headers: &[&str]| CwRequestRecord {
        method: "GET".into(),
        path: path.into(),
        query: query.into(),
        status: 200,
        endpoint: String::new(),
        client_id: None,
        accept: Some("application/vnd.connectwise.com+json; version=2025.1".into()),
        had_auth: auth,
        header_names: headers.iter().map(|s| s.to_string()).collect(),
        body: String::new(),
    };
    let api = "/api-na/v2025_1/apis/3.0";
    let ok = rec(
        &format!("{api}/company/companies/count"),
        "conditions=status%2Fid+in+%281%2C2%29+and+deletedFlag%3Dfalse",
        true,
        &["clientid"],
    );
    assert_eq!(connectwise_conforms(&spec, &ok), Ok(()));
    assert_eq!(
        condition_operators(r#"status/id in (1,2) and name like "a*" and deletedFlag=false"#),
        ["in", "and", "like", "and", "="]
    );
    for bad in [
        rec(&format!("{api}/company/widgets"), "", true, &["clientid"]),
        rec(&format!("{api}/system/info"), "", true, &[]),
        rec(&format!("{api}/system/info"), "", false, &["clientid"]),
        rec(&format!("{api}/company/companies"), "top=5", true, &["clientid"]),
        rec(&format!("{api}/company/companies"), "conditions=id+%3D%3D+1", true, &["clientid"]),
        rec("/na/login/companyinfo/contoso", "", true, &[]),
    ] {
        assert!(connectwise_conforms(&spec, &bad).is_err(), "{bad:?}");
    }
}

/// Every answer field the engine reads (see the `get("…")` calls in psa-core's autotask/ and connectwise/)
/// is one the published descriptions name.
#[test]
fn the_answer_fields_the_engine_reads_are_in_the_descriptions() {
    let at = fixture("autotask-swagger-subset.json");
    let cw = fixture("connectwise-api-subset.json");
    let reads: &[(&Value, &str, &[&str])] = &[
        (&at, "ZoneInformationResultModel", &["zoneName", "url", "webUrl", "ci"]),
        (
            &at,
            "ThresholdStatusResultModel",
            &["externalRequestThreshold", "requestThresholdTimeframe", "currentTimeframeRequestCount"],
        ),
        (
            &at,
            "EntityInformationModel",
            &["userAccessForQuery", "userAccessForCreate", "userAccessForUpdate", "userAccessForDelete"],
        ),
        (&at, "FieldInformationModel", &["name", "picklistValues"]),
        (&at, "PickListValue", &["value", "label", "isActive", "sortOrder"]),
        (&at, "Field", &["name"]),
        (&at, "UserDefinedFieldDefinitionModel", &["name", "isProtected", "udfType"]),
        (&at, "QueryCountResultModel", &["queryCount"]),
        (&at, "QueryResult", &["items"]),
        (&cw, "CompanyInfo", &["CompanyName", "Codebase", "VersionCode", "CompanyID", "IsCloud", "SiteUrl"]),
        (&cw, "Info", &["version"]),
        (
            &cw,
            "MySecurity",
            &[
                "moduleIdentifier",
                "moduleFunctionIdentifier",
                "moduleFunctionName",
                "inquireLevel",
                "addLevel",
                "editLevel",
                "deleteLevel",
            ],
        ),
        (&cw, "Count", &["count"]),
        (&cw, "CompanyStatus", &["id", "name", "inactiveFlag"]),
        (&cw, "CompanyType", &["id", "name"]),
    ];
    for (spec, model, fields) in reads {
        let known = strings(&spec["models"][*model]);
        assert!(!known.is_empty(), "no model {model} in the fixture");
        for f in *fields {
            assert!(has(&known, f), "{model}.{f} is read by the engine but not in the description");
        }
    }
    assert_eq!(strings(&cw["models"]["MySecurityLevels"]), ["None", "My", "All"]);
}
