//! The ConnectWise simulator over real HTTP on 127.0.0.1 (what the engine's tests rely on).

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

#[tokio::test]
async fn companyinfo_for_each_tenant_and_null_for_unknown() {
    let sim = CwSim::start(CwSimConfig::standard()).await.unwrap();
    let cloud = sim.cloud_url();
    let (s, v) = plain_get(&format!("{cloud}na/login/companyinfo/CONTOSO")).await;
    assert_eq!(s, 200);
    assert_eq!(
        (v["CompanyName"].as_str(), v["Codebase"].as_str()),
        (Some(fx::CONTOSO_NAME), Some(fx::CONTOSO_CODEBASE))
    );
    assert_eq!((v["IsCloud"].as_bool(), v["SiteUrl"].as_str()), (Some(true), Some("api-na.myconnectwise.net")));
    assert_eq!(v["CompanyID"], fx::CONTOSO);
    assert!(v["VersionCode"].is_string() && v["AllowedOrigins"].is_array());

    let (_, v) = plain_get(&format!("{cloud}eu/login/companyinfo/fabrikam")).await;
    assert_eq!((v["IsCloud"].as_str(), v["SiteUrl"].as_str()), (Some("True"), Some("api-eu.myconnectwise.net")));
    assert_eq!(v["Codebase"], fx::FABRIKAM_CODEBASE);

    let host = sim.base_url().trim_start_matches("http://").to_string();
    for url in [
        format!("{}/login/companyinfo/northwind", sim.self_hosted_site()),
        format!("{}/login/companyinfo/Northwind", sim.base_url()),
    ] {
        let (s, v) = plain_get(&url).await;
        assert_eq!(s, 200, "{url}");
        assert_eq!((v["IsCloud"].as_bool(), v["Codebase"].as_str()), (Some(false), Some(fx::SELFHOSTED_CODEBASE)));
        assert_eq!(v["SiteUrl"].as_str(), Some(host.as_str()));
    }

    // Unknown company, or a company asked for in another region: 200 with a JSON null.
    for url in [
        format!("{cloud}na/login/companyinfo/nosuchco"),
        format!("{cloud}eu/login/companyinfo/contoso"),
        format!("{cloud}au/login/companyinfo/contoso"),
        format!("{}/login/companyinfo/contoso", sim.self_hosted_site()),
    ] {
        let resp = reqwest::get(&url).await.unwrap();
        assert_eq!(resp.status().as_u16(), 200, "{url}");
        assert_eq!(resp.text().await.unwrap().trim(), "null", "{url}");
    }
    let (s, _) = plain_get(&format!("{cloud}xx/login/companyinfo/contoso")).await;
    assert_eq!(s, 404);
    assert_eq!(sim.stats().count_endpoint("companyinfo"), 8);
}

#[tokio::test]
async fn keys_hosts_and_codebases_are_checked() {
    let sim = CwSim::start(CwSimConfig::standard()).await.unwrap();
    let api = Api::of(&sim, fx::CONTOSO);
    let (s, v) = api.get("system/info", &fx::GOOD).await;
    assert_eq!(s, 200, "{v}");
    assert_eq!((v["isCloud"].as_bool(), v["cloudRegion"].as_str()), (Some(true), Some("NA")));
    assert!(v["version"].is_string() && v["serverTimeZone"].is_string());

    let wrong_private = CwKeys { private_key: "not-the-key", ..fx::GOOD };
    let unknown_public = CwKeys { public_key: "NoSuchPublicKey", ..fx::GOOD };
    let wrong_company = CwKeys { company_id: fx::FABRIKAM, ..fx::GOOD };
    for keys in [wrong_private, unknown_public, wrong_company] {
        let (s, v) = api.get("system/info", &keys).await;
        assert_eq!(
            (s, v["code"].as_str(), v["message"].as_str()),
            (401, Some("Unauthorized"), Some(fx::MSG_UNAUTHORIZED)),
            "{keys:?}"
        );
    }
    let (s, _, _) = send(api.http.get(format!("{}/system/info", api.base)).header("clientId", fx::CLIENT_ID)).await;
    assert_eq!(s, 401, "no Authorization header");

    // Contoso's keys on the eu API host (Fabrikam's codebase): unknown there.
    let eu = Api { http: reqwest::Client::new(), base: sim.api_url(fx::FABRIKAM).unwrap() };
    assert_eq!(eu.get("system/info", &fx::GOOD).await.0, 401);
    assert_eq!(eu.get("system/info", &fx::FABRIKAM_GOOD).await.0, 200);

    let wrong_codebase =
        Api { http: reqwest::Client::new(), base: format!("{}api-na/v1999_1/apis/3.0", sim.cloud_url()) };
    let (s, v) = wrong_codebase.get("system/info", &fx::GOOD).await;
    assert_eq!((s, v["code"].as_str()), (404, Some("NotFound")));

    // The login host instead of the api- host: "SSL is required."
    let login =
        Api { http: reqwest::Client::new(), base: format!("{}na/{}apis/3.0", sim.cloud_url(), fx::CONTOSO_CODEBASE) };
    let (s, v) = login.get("system/info", &fx::GOOD).await;
    assert_eq!((s, v["code"].as_str(), v["message"].as_str()), (400, Some("Security"), Some(fx::MSG_SSL_REQUIRED)));

    // Self-hosted, under /onprem and at the root that SiteUrl points to.
    let onprem = Api::of(&sim, fx::SELFHOSTED);
    let (s, v) = onprem.get("system/info", &fx::NORTHWIND_GOOD).await;
    assert_eq!((s, v["isCloud"].as_bool()), (200, Some(false)));
    let root =
        Api { http: reqwest::Client::new(), base: format!("{}/{}apis/3.0", sim.base_url(), fx::SELFHOSTED_CODEBASE) };
    assert_eq!(root.get("system/info", &fx::NORTHWIND_GOOD).await.0, 200);
    assert_eq!(onprem.get("system/info", &fx::GOOD).await.0, 401, "cloud keys on a self-hosted server");

    let stats = sim.stats();
    let first = &stats.requests[0];
    assert_eq!(
        (first.endpoint.as_str(), first.client_id.as_deref(), first.had_auth),
        ("system/info", Some(fx::CLIENT_ID), true)
    );
    assert_eq!(first.accept.as_deref(), Some(psa_core::connectwise::ACCEPT_VERSION));
    assert_eq!(stats.count_endpoint("login-host:system/info"), 1);
    let dump = format!("{stats:?}");
    for secret in [
        fx::GOOD.private_key,
        fx::NORTHWIND_GOOD.private_key,
        &psa_tests::connectwise::basic_auth_value(&fx::GOOD)[6..],
    ] {
        assert!(!dump.contains(secret), "stats must not hold the Authorization value");
    }
}

#[tokio::test]
async fn client_id_is_checked_first_in_both_error_modes() {
    for (mode, status, code, msg) in [
        (ClientIdError::Unauthorized401, 401, "Unauthorized", fx::MSG_CLIENT_ID_MISSING),
        (ClientIdError::Forbidden403, 403, "Forbidden", fx::MSG_CLIENT_ID_INVALID),
    ] {
        let sim = CwSim::start(CwSimConfig::standard().with_client_id_error(mode)).await.unwrap();
        let api = Api::of(&sim, fx::CONTOSO);
        let bad_keys = CwKeys { private_key: "wrong", ..fx::GOOD };
        for (keys, id) in
            [(&fx::GOOD, None), (&fx::GOOD, Some(fx::UNREGISTERED_CLIENT_ID)), (&bad_keys, None), (&fx::GOOD, Some(""))]
        {
            let (s, _, v) = send(api.req(reqwest::Method::GET, "system/info", keys, id)).await;
            assert_eq!(
                (s, v["code"].as_str(), v["message"].as_str()),
                (status, Some(code), Some(msg)),
                "{mode:?} {id:?}"
            );
        }
        for id in [fx::CLIENT_ID, fx::OTHER_CLIENT_ID, &fx::CLIENT_ID.to_uppercase()] {
            let (s, _, _) = send(api.req(reqwest::Method::GET, "system/info", &fx::GOOD, Some(id))).await;
            assert_eq!(s, 200, "{id}");
        }
        let (s, _, _) = send(api.req(reqwest::Method::GET, "system/info", &bad_keys, Some(fx::CLIENT_ID))).await;
        assert_eq!(s, 401, "a good clientId moves on to the keys");
    }
}

#[tokio::test]
async fn security_roles_decide_what_a_member_sees() {
    let sim = CwSim::start(CwSimConfig::standard()).await.unwrap();
    let api = Api::of(&sim, fx::CONTOSO);
    let (s, rows) = api.get("system/mysecurity", &fx::GOOD).await;
    assert_eq!(s, 200);
    let row = |rows: &Value, name: &str| {
        rows.as_array().unwrap().iter().find(|r| r["moduleFunctionName"] == name).cloned().unwrap()
    };
    let cm = row(&rows, "Company Maintenance");
    assert_eq!(
        (cm["moduleIdentifier"].as_str(), cm["inquireLevel"].as_str(), cm["editLevel"].as_str()),
        (Some("Companies"), Some("All"), Some("All"))
    );
    assert_eq!(cm["deleteLevel"], "None");
    for name in [
        "Contacts",
        "Configurations",
        "Team Members",
        "Service Tickets",
        "Agreements",
        "Table Setup",
        "Product Catalog",
        "Time Entry",
    ] {
        assert_eq!(row(&rows, name)["inquireLevel"], "All", "{name}");
    }
    let (_, ro) = api.get("system/mysecurity", &fx::READ_ONLY).await;
    assert_eq!(
        (row(&ro, "Contacts")["inquireLevel"].as_str(), row(&ro, "Contacts")["addLevel"].as_str()),
        (Some("All"), Some("None"))
    );
    let (_, admin) = api.get("system/mysecurity", &fx::ADMIN).await;
    assert_eq!(row(&admin, "Agreements")["deleteLevel"], "All");

    for path in ["company/contacts?pageSize=1", "company/contacts/count", "company/contacts/502"] {
        let (s, v) = api.get(path, &fx::NO_CONTACTS).await;
        assert_eq!(
            (s, v["code"].as_str(), v["message"].as_str()),
            (403, Some("Forbidden"), Some(fx::MSG_FORBIDDEN_ROLE)),
            "{path}"
        );
    }
    assert_eq!(api.get("company/companies?pageSize=1", &fx::NO_CONTACTS).await.0, 200);
    assert_eq!(api.get("company/contacts/502", &fx::GOOD).await.1["id"], 502);

    let (s, v) = api.get("company/companies", &fx::MINE_ONLY).await;
    assert_eq!((s, v.as_array().map(Vec::len)), (200, Some(0)));
    assert_eq!(api.get("company/companies/count", &fx::MINE_ONLY).await.1["count"], 0);
    // Picklists need no module right.
    assert_eq!(api.get("company/companies/types", &fx::MINE_ONLY).await.0, 200);
}

#[tokio::test]
async fn picklists_have_their_shapes() {
    let sim = CwSim::start(CwSimConfig::standard()).await.unwrap();
    let api = Api::of(&sim, fx::CONTOSO);
    let (_, types) = api.get("company/companies/types", &fx::GOOD).await;
    assert_eq!(types.as_array().unwrap().len(), 4);
    assert!(types
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["id"].is_i64() && t["name"].is_string() && t["vendorFlag"].is_boolean()));
    let (_, statuses) = api.get("company/companies/statuses", &fx::GOOD).await;
    let inactive: Vec<i64> = statuses
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["inactiveFlag"] == true)
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert_eq!(inactive, vec![fx::STATUS_INACTIVE]);
    let (_, markets) = api.get("company/marketDescriptions", &fx::GOOD).await;
    assert!(markets.as_array().unwrap().iter().any(|m| m["id"] == fx::MARKET_RETAIL && m["inactiveFlag"] == true));
    let (_, locations) = api.get("system/locations", &fx::GOOD).await;
    assert_eq!(
        locations.as_array().unwrap().iter().map(|l| l["name"].as_str().unwrap()).collect::<Vec<_>>(),
        ["North", "South", "Overseas"]
    );
    let (_, contact_types) = api.get("company/contacts/types", &fx::GOOD).await;
    assert!(contact_types[0]["description"].is_string());
    let (_, active_only) = api.get("company/companies/statuses?conditions=inactiveFlag%3Dfalse", &fx::GOOD).await;
    assert_eq!(active_only.as_array().unwrap().len(), 3);

    let fab = Api::of(&sim, fx::FABRIKAM);
    let (s, markets) = fab.get("company/marketDescriptions", &fx::FABRIKAM_GOOD).await;
    assert_eq!((s, markets), (200, json!([])));
}

#[tokio::test]
async fn link_headers_page_through_a_long_list() {
    let sim = CwSim::start(CwSimConfig::standard().with_max_page_size(50)).await.unwrap();
    let api = Api::of(&sim, fx::CONTOSO);
    let mut url = format!(
        "{}/company/companies?conditions={}&fields=id,name,status&pageSize=1000",
        api.base,
        esc("deletedFlag=false")
    );
    let (mut ids, mut pages) = (Vec::new(), 0);
    loop {
        let (s, headers, v) = send(api.req(reqwest::Method::GET, &url, &fx::GOOD, Some(fx::CLIENT_ID))).await;
        assert_eq!(s, 200, "{v}");
        let rows = v.as_array().unwrap();
        assert!(rows.len() <= 50 && !rows.is_empty());
        assert!(rows.iter().all(|r| r.as_object().unwrap().len() == 3 && r["status"]["id"].is_i64()));
        ids.extend(rows.iter().map(|r| r["id"].as_i64().unwrap()));
        pages += 1;
        let link = headers.get("link").expect("a Link header").to_str().unwrap().to_string();
        assert!(link.contains("rel=\"first\"") && link.contains("rel=\"last\""), "{link}");
        assert_eq!(link.contains("rel=\"prev\""), pages > 1, "{link}");
        match next_link(&link) {
            Some(next) => {
                assert!(next.starts_with(&sim.base_url()) && next.contains("pageSize=50"), "{next}");
                url = next;
            }
            None => break,
        }
    }
    let expected = fx::contoso_count(|c| !c.deleted);
    assert_eq!(ids.len(), expected);
    assert_eq!(pages, expected.div_ceil(50));
    assert!(ids.windows(2).all(|w| w[0] < w[1]));

    let (_, v) = api.get("company/companies", &fx::GOOD).await;
    assert_eq!(v.as_array().unwrap().len(), fx::DEFAULT_PAGE_SIZE);
    let (_, v) = api.get("company/companies?orderBy=name%20desc&pageSize=3&page=2", &fx::GOOD).await;
    let names: Vec<String> = v.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_lowercase()).collect();
    assert!(names.windows(2).all(|w| w[0] >= w[1]), "{names:?}");
    assert_eq!(api.get("company/companies?page=0", &fx::GOOD).await.0, 400);
    assert_eq!(api.get("company/companies?orderBy=colour", &fx::GOOD).await.0, 400);
}

fn next_link(link: &str) -> Option<String> {
    link.split(", ").find(|p| p.ends_with("rel=\"next\"")).map(|p| p[1..p.find('>').unwrap()].to_string())
}

#[tokio::test]
async fn counts_follow_conditions_child_conditions_and_deleted_flag() {
    let sim = CwSim::start(CwSimConfig::standard()).await.unwrap();
    let api = Api::of(&sim, fx::CONTOSO);
    assert_eq!(api.count("companies", "", "").await as usize, fx::CONTOSO_COMPANY_COUNT);
    let live = api.count("companies", "deletedFlag=false", "").await as usize;
    assert_eq!(live, fx::contoso_count(|c| !c.deleted));
    assert!(live < fx::CONTOSO_COMPANY_COUNT, "some companies are deleted");

    let cond = format!("status/id in ({},{}) and deletedFlag = false", fx::STATUS_ACTIVE, fx::STATUS_NOT_APPROVED);
    let child = format!("types/id = {} OR types/id = {}", fx::TYPE_CUSTOMER, fx::TYPE_VENDOR);
    let want = fx::contoso_count(|c| {
        !c.deleted
            && [fx::STATUS_ACTIVE, fx::STATUS_NOT_APPROVED].contains(&c.status_id)
            && c.type_ids.iter().any(|t| [fx::TYPE_CUSTOMER, fx::TYPE_VENDOR].contains(t))
    });
    assert!(want > 100 && want < live, "a filter that means something: {want}");
    assert_eq!(api.count("companies", &cond, &child).await as usize, want);

    let cond =
        format!("(market/id = {} or market/id = null) and territory/id != {}", fx::MARKET_LEGAL, fx::LOCATION_OVERSEAS);
    let want = fx::contoso_count(|c| {
        matches!(c.market_id, None | Some(fx::MARKET_LEGAL))
            && c.territory_id.is_some_and(|t| t != fx::LOCATION_OVERSEAS)
    });
    assert!(want > 50, "{want}");
    assert_eq!(api.count("companies", &cond, "").await as usize, want);
    assert_eq!(
        api.count("companies", "", "types/id = null").await as usize,
        fx::contoso_count(|c| c.type_ids.is_empty())
    );
    assert_eq!(
        api.count("companies", "name like \"acorn*\"", "").await as usize,
        fx::contoso_count(|c| c.name.to_lowercase().starts_with("acorn"))
    );

    let want = fx::contoso_contacts_of(|c| c.status_id == fx::STATUS_ACTIVE, |p| !p.inactive);
    let ids: Vec<String> = fx::companies(psa_tests::connectwise::CwDataSet::Contoso)
        .iter()
        .filter(|c| c.status_id == fx::STATUS_ACTIVE)
        .map(|c| c.id.to_string())
        .collect();
    let cond = format!("inactiveFlag = false and company/id in ({})", ids.join(","));
    assert!(want > 500 && want < fx::CONTOSO_CONTACT_COUNT, "{want}");
    assert_eq!(api.count("contacts", &cond, "").await as usize, want);
    let want = fx::contoso_contact_count(|p| p.type_ids.contains(&fx::CONTACT_TYPE_BILLING));
    assert_eq!(api.count("contacts", "", &format!("types/id={}", fx::CONTACT_TYPE_BILLING)).await as usize, want);

    // The same through POST …/search, for conditions too long for a URL.
    let body = json!({"conditions": format!("status/id = {} and deletedFlag = false", fx::STATUS_INACTIVE), "childConditions": ""});
    let url = format!("{}/company/companies/search?pageSize=1000", api.base);
    let (s, _, v) = send(api.req(reqwest::Method::POST, &url, &fx::GOOD, Some(fx::CLIENT_ID)).json(&body)).await;
    assert_eq!(
        (s, v.as_array().map(Vec::len)),
        (200, Some(fx::contoso_count(|c| !c.deleted && c.status_id == fx::STATUS_INACTIVE)))
    );

    for (cond, child) in [
        ("typeids = 1", ""),
        ("types/id = 1", ""),
        ("status/id = \"11\"", ""),
        ("name = Contoso", ""),
        ("", "status/id = 11"),
    ] {
        let url =
            format!("{}/company/companies/count?conditions={}&childConditions={}", api.base, esc(cond), esc(child));
        let (s, v) = api.get(&url, &fx::GOOD).await;
        assert_eq!((s, v["code"].as_str()), (400, Some("InvalidObject")), "{cond} / {child}");
        assert!(v["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
}

#[tokio::test]
async fn faults_throttle_and_break_answers() {
    let sim = CwSim::start(CwSimConfig::standard()).await.unwrap();
    let api = Api::of(&sim, fx::CONTOSO);
    sim.set_fault(
        CwFaultTarget::Path("company/companies/count".into()),
        Some(CwFault::Throttle429 { times: 2, retry_after_secs: 3 }),
    );
    for _ in 0..2 {
        let (s, headers, v) =
            send(api.req(reqwest::Method::GET, "company/companies/count", &fx::GOOD, Some(fx::CLIENT_ID))).await;
        assert_eq!((s, headers.get("retry-after").and_then(|h| h.to_str().ok())), (429, Some("3")));
        assert_eq!(v["error"], "ConnectWiseAPI");
        assert!(v["message"].as_str().unwrap().contains("try again in 3 seconds"));
        assert_eq!(api.get("system/info", &fx::GOOD).await.0, 200, "other paths are not throttled");
    }
    assert_eq!(api.get("company/companies/count", &fx::GOOD).await.0, 200, "the throttle ends after `times`");

    sim.set_fault(CwFaultTarget::CompanyInfo, Some(CwFault::MalformedJson));
    let text =
        reqwest::get(format!("{}na/login/companyinfo/contoso", sim.cloud_url())).await.unwrap().text().await.unwrap();
    assert!(serde_json::from_str::<Value>(&text).is_err());
    sim.set_fault(CwFaultTarget::CompanyInfo, None);
    sim.set_fault(CwFaultTarget::Api, Some(CwFault::Status { status: 500, body: "{\"code\":\"Oops\"}".into() }));
    assert_eq!(api.get("system/info", &fx::GOOD).await, (500, json!({"code": "Oops"})));
    assert_eq!(
        plain_get(&format!("{}na/login/companyinfo/contoso", sim.cloud_url())).await.0,
        200,
        "companyinfo is not under the API target"
    );
    sim.clear_faults();
    assert_eq!(api.get("system/info", &fx::GOOD).await.0, 200);
    let stats = sim.stats();
    assert_eq!(stats.requests.iter().filter(|r| r.status == 429).count(), 2);
    assert!(stats.peak_in_flight_total >= 1 && stats.max_peak_per_endpoint() >= 1);
}
