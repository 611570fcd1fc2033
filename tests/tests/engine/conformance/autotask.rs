//! Autotask: each request the engine sends against the official swagger (its subset in the fixture).

use crate::autotask_support;

use psa_core::autotask::{self, CancellationToken, EntityNeed};
use psa_core::model::{ActiveState, FilterSet};
use psa_tests::autotask::{fixtures as atfx, AutotaskSim, RequestRecord, SimConfig};
use serde_json::Value;

use super::{fits, fixture, has, query_names, strings};

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
