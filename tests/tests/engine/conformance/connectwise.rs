//! ConnectWise: each request the engine sends against the published API description, filter conditions
//! read token by token.

use crate::connectwise_support;

use psa_core::model::{ActiveState, FilterSet};
use psa_tests::connectwise::{fixtures as cwfx, CwRequestRecord, CwSim, CwSimConfig};
use serde_json::Value;

use super::{fits, fixture, has, strings};

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
