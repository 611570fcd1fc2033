//! The Autotask simulator over real HTTP on 127.0.0.1 (what the engine's tests rely on).

use std::time::Duration;

use psa_tests::autotask::{fixtures as fx, AutotaskSim, Fault, FaultTarget, SimConfig};
use serde_json::{json, Value};

struct Client {
    http: reqwest::Client,
    api: String,
}

impl Client {
    fn new(sim: &AutotaskSim, zone: u32) -> Client {
        Client { http: reqwest::Client::new(), api: sim.zone_api_url(zone) }
    }

    fn req(
        &self,
        method: reqwest::Method,
        path: &str,
        user: &str,
        secret: &str,
        code: &str,
    ) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}/{path}", self.api))
            // Header-name casing as working clients send it.
            .header("ApiIntegrationcode", code)
            .header("Username", user)
            .header("Secret", secret)
    }

    async fn get(&self, path: &str, user: &str, secret: &str) -> (u16, Value) {
        send(self.req(reqwest::Method::GET, path, user, secret, fx::INTEGRATION_CODE)).await
    }

    async fn post(&self, path: &str, user: &str, secret: &str, body: &Value) -> (u16, Value) {
        send(self.req(reqwest::Method::POST, path, user, secret, fx::INTEGRATION_CODE).json(body)).await
    }
}

async fn send(rb: reqwest::RequestBuilder) -> (u16, Value) {
    let resp = rb.send().await.expect("request reaches the simulator");
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn first_error(v: &Value) -> String {
    v["errors"][0].as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn zone_lookup_needs_no_auth_and_rejects_unknown_users() {
    let sim = AutotaskSim::start(SimConfig::standard()).await.unwrap();
    let http = reqwest::Client::new();
    let url = format!("{}V1.0/ZoneInformation?user={}", sim.zone_lookup_url(), fx::GOOD_USER);
    let (status, body) = send(http.get(&url)).await;
    assert_eq!(status, 200);
    assert_eq!(body["zoneName"], fx::ZONE14_NAME);
    assert_eq!(body["ci"], fx::CONTOSO_CI);
    assert_eq!(body["url"], format!("{}/zone14/ATServicesRest/", sim.base_url()));
    assert_eq!(body["webUrl"], format!("{}/ww14/", sim.base_url()));

    let lower =
        format!("{}/atservicesrest/v1.0/zoneinformation?user={}", sim.base_url(), fx::FABRIKAM_USER.to_uppercase());
    let (status, body) = send(http.get(&lower)).await;
    assert_eq!((status, body["ci"].as_i64()), (200, Some(fx::FABRIKAM_CI)));

    for user in [fx::UNKNOWN_USER, ""] {
        let url = format!("{}V1.0/ZoneInformation?user={user}", sim.zone_lookup_url());
        let (status, body) = send(http.get(&url)).await;
        assert_eq!(status, 500);
        assert_eq!(first_error(&body), fx::MSG_ZONE_UNKNOWN);
    }
    let (status, _) =
        send(http.get(format!("{}V2.0/ZoneInformation?user={}", sim.zone_lookup_url(), fx::GOOD_USER))).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn authentication_failures_are_told_apart() {
    let sim = AutotaskSim::start(SimConfig::standard()).await.unwrap();
    let c = Client::new(&sim, 14);
    let (status, body) = c.get("Companies/entityInformation", fx::GOOD_USER, fx::GOOD_SECRET).await;
    assert_eq!(status, 200);
    assert_eq!(body["info"]["userAccessForQuery"], 1);

    let (status, _) = c.get("Companies/entityInformation", fx::GOOD_USER, "wrong").await;
    assert_eq!(status, 401);
    let (status, _) = c.get("Companies/entityInformation", fx::UNKNOWN_USER, "x").await;
    assert_eq!(status, 401);
    // Right credentials, wrong zone: 401 as for a moved tenant.
    let (status, _) = Client::new(&sim, 15).get("Companies/entityInformation", fx::GOOD_USER, fx::GOOD_SECRET).await;
    assert_eq!(status, 401);

    let (status, body) =
        send(c.req(reqwest::Method::GET, "Version", fx::GOOD_USER, fx::GOOD_SECRET, fx::WRONG_INTEGRATION_CODE)).await;
    assert_eq!((status, first_error(&body).as_str()), (500, fx::MSG_INTEGRATION_CODE_INVALID));
    let (status, _) =
        send(c.req(reqwest::Method::GET, "Version", fx::GOOD_USER, fx::GOOD_SECRET, fx::CONTOSO_CUSTOM_CODE)).await;
    assert_eq!(status, 200);
    let fab = Client::new(&sim, 15);
    let (status, _) =
        send(fab.req(reqwest::Method::GET, "Version", fx::FABRIKAM_USER, fx::FABRIKAM_SECRET, fx::CONTOSO_CUSTOM_CODE))
            .await;
    assert_eq!(status, 500, "a custom code works only for its own database");

    let mut bodies = Vec::new();
    for (user, secret, msg) in [
        (fx::NOT_API_USER, fx::NOT_API_SECRET, fx::MSG_NOT_API_USER),
        (fx::LOCKED_USER, fx::LOCKED_SECRET, fx::MSG_LOCKED),
        (fx::INACTIVE_USER, fx::INACTIVE_SECRET, fx::MSG_INACTIVE),
    ] {
        let (status, body) = c.get("Version", user, secret).await;
        assert_eq!((status, first_error(&body).as_str()), (401, msg));
        bodies.push(body);
    }
    bodies.dedup();
    assert_eq!(bodies.len(), 3);

    let stats = sim.stats();
    assert!(stats.header_names_seen.contains("secret") && stats.header_names_seen.contains("apiintegrationcode"));
    let dump = format!("{stats:?}");
    for secret in [fx::GOOD_SECRET, fx::LOCKED_SECRET, fx::INTEGRATION_CODE] {
        assert!(!dump.contains(secret), "stats must not hold header values");
    }
}

#[tokio::test]
async fn paged_query_and_count_match_the_fixtures() {
    let sim = AutotaskSim::start(SimConfig::standard()).await.unwrap();
    let c = Client::new(&sim, 14);
    let all = json!({"MaxRecords": 500, "IncludeFields": ["id", "companyName"], "filter": [{"op": "gte", "field": "id", "value": 0}]});

    // GET form, following nextPageUrl as given.
    let mut url = format!("{}/Companies/query?search={}", c.api, url_escape(&all.to_string()));
    let mut ids = Vec::new();
    let mut pages = 0;
    loop {
        let (status, body) = send(
            c.http
                .get(&url)
                .header("ApiIntegrationCode", fx::INTEGRATION_CODE)
                .header("UserName", fx::GOOD_USER)
                .header("Secret", fx::GOOD_SECRET),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let items = body["items"].as_array().unwrap();
        assert!(items.len() <= fx::PAGE_SIZE);
        assert_eq!(body["pageDetails"]["count"], items.len());
        ids.extend(items.iter().map(|i| i["id"].as_i64().unwrap()));
        assert!(items.iter().all(|i| i.as_object().unwrap().len() == 2));
        pages += 1;
        match body["pageDetails"]["nextPageUrl"].as_str() {
            Some(next) => {
                assert!(next.starts_with(&sim.base_url()), "absolute URL: {next}");
                url = next.to_string();
            }
            None => break,
        }
    }
    assert_eq!(ids.len(), fx::CONTOSO_COMPANY_COUNT);
    assert_eq!(pages, fx::CONTOSO_COMPANY_COUNT.div_ceil(fx::PAGE_SIZE));
    assert!(ids.windows(2).all(|w| w[0] < w[1]));

    // POST form: re-POST the same body to nextPageUrl.
    let active = json!({"filter": [{"op": "eq", "field": "isactive", "value": 1}]});
    let (status, first) = c.post("Contacts/query", fx::GOOD_USER, fx::GOOD_SECRET, &active).await;
    assert_eq!(status, 200);
    let next = first["pageDetails"]["nextPageUrl"].as_str().unwrap().to_string();
    let (status, second) = send(
        c.http
            .post(&next)
            .header("ApiIntegrationCode", fx::INTEGRATION_CODE)
            .header("UserName", fx::GOOD_USER)
            .header("Secret", fx::GOOD_SECRET)
            .json(&active),
    )
    .await;
    assert_eq!(status, 200);
    assert!(second["items"][0]["id"].as_i64() > first["items"][499]["id"].as_i64());

    let (status, body) = c.post("Contacts/query/count", fx::GOOD_USER, fx::GOOD_SECRET, &active).await;
    assert_eq!(status, 200);
    assert_eq!(body["queryCount"], fx::contoso_contact_count(|c| c.is_active == 1));

    let filter = json!({"filter": [{"op": "in", "field": "companyType", "value": [fx::TYPE_CUSTOMER, fx::TYPE_PROSPECT]},
        {"op": "eq", "field": "isActive", "value": true}]});
    let (_, body) = c.post("Companies/query/count", fx::GOOD_USER, fx::GOOD_SECRET, &filter).await;
    assert_eq!(
        body["queryCount"],
        fx::contoso_count(|c| c.is_active && matches!(c.company_type, fx::TYPE_CUSTOMER | fx::TYPE_PROSPECT))
    );

    let (status, body) = c
        .post(
            "Companies/query",
            fx::GOOD_USER,
            fx::GOOD_SECRET,
            &json!({"MaxRecords": 501, "filter": filter["filter"]}),
        )
        .await;
    assert_eq!(status, 500);
    assert!(first_error(&body).contains("between 1 and 500"));

    let unregistered = json!({"filter": [{"op": "eq", "field": "firstName", "value": fx::UNREGISTERED_FIRST_NAME},
        {"op": "eq", "field": "lastName", "value": fx::UNREGISTERED_LAST_NAME}]});
    let (_, body) = c.post("Contacts/query", fx::GOOD_USER, fx::GOOD_SECRET, &unregistered).await;
    assert_eq!(body["items"][0]["emailAddress"], fx::UNREGISTERED_USER_EMAIL);
}

fn url_escape(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn permissions_and_picklists() {
    let sim = AutotaskSim::start(SimConfig::standard()).await.unwrap();
    let c = Client::new(&sim, 14);
    let one = json!({"MaxRecords": 1, "filter": [{"op": "exist", "field": "id"}]});
    let (status, body) = c.post("Contacts/query", fx::NO_CONTACTS_USER, fx::NO_CONTACTS_SECRET, &one).await;
    assert_eq!(status, 403);
    assert!(first_error(&body).contains(fx::MSG_NO_PERMISSION_PART));
    let (status, body) = c.post("Contacts/query", fx::NO_CONTACTS_500_USER, fx::NO_CONTACTS_500_SECRET, &one).await;
    assert_eq!(status, 500);
    assert!(first_error(&body).contains(fx::MSG_NO_PERMISSION_PART));
    let (_, info) = c.get("Contacts/entityInformation", fx::NO_CONTACTS_USER, fx::NO_CONTACTS_SECRET).await;
    assert_eq!(info["info"]["userAccessForQuery"], 0);

    let (status, body) = c.post("Companies/query", fx::RESTRICTED_USER, fx::RESTRICTED_SECRET, &one).await;
    assert_eq!((status, body["items"].as_array().map(Vec::len)), (200, Some(0)));
    let (_, info) = c.get("Companies/entityInformation", fx::RESTRICTED_USER, fx::RESTRICTED_SECRET).await;
    assert_eq!(info["info"]["userAccessForQuery"], 2);

    for entity in psa_core::autotask::KNOWN_ENTITIES {
        let (status, info) = c.get(&format!("{entity}/entityInformation"), fx::GOOD_USER, fx::GOOD_SECRET).await;
        assert_eq!((status, info["info"]["userAccessForQuery"].as_i64()), (200, Some(1)), "{entity}");
    }

    let (_, fields) = c.get("Companies/entityInformation/fields", fx::GOOD_USER, fx::GOOD_SECRET).await;
    let field = |f: &Value, name: &str| f["fields"].as_array().unwrap().iter().find(|x| x["name"] == name).cloned();
    let types = field(&fields, "companyType").unwrap();
    let values = types["picklistValues"].as_array().unwrap();
    assert!(values.iter().all(|v| v["value"].is_string() && v["label"].is_string() && v["sortOrder"].is_number()));
    assert!(values.iter().any(|v| v["isActive"] == false));
    assert!(field(&fields, "companyCategoryID").is_some());

    let fab = Client::new(&sim, 15);
    let (_, fields) = fab.get("Companies/entityInformation/fields", fx::FABRIKAM_USER, fx::FABRIKAM_SECRET).await;
    for name in ["marketSegmentID", "territoryID"] {
        let f = field(&fields, name).unwrap();
        assert_eq!((f["isPickList"].as_bool(), f["picklistValues"].as_array().map(Vec::len)), (Some(true), Some(0)));
    }
    assert!(field(&fields, "companyCategoryID").is_none());
}

#[tokio::test]
async fn fourth_concurrent_request_on_an_entity_hits_the_thread_threshold() {
    // The latency only keeps the requests overlapping; nothing is asserted about time.
    let sim = AutotaskSim::start(SimConfig::standard().with_latency(Duration::from_millis(600))).await.unwrap();
    let c = Client::new(&sim, 14);
    let q = json!({"MaxRecords": 1, "filter": [{"op": "exist", "field": "id"}]});
    let calls = (0..4).map(|_| c.post("Companies/query", fx::GOOD_USER, fx::GOOD_SECRET, &q));
    let results = futures::future::join_all(calls).await;
    let refused: Vec<&(u16, Value)> = results.iter().filter(|(s, _)| *s != 200).collect();
    assert_eq!(refused.len(), 1, "{results:?}");
    assert_eq!(refused[0].0, 500);
    assert!(first_error(&refused[0].1).to_lowercase().contains(fx::MSG_THREAD_THRESHOLD_PART));
    let stats = sim.stats();
    assert_eq!(stats.peak_in_flight_per_endpoint["Companies/query"], 4);
    assert_eq!(stats.count_endpoint("Companies/query"), 4);

    // Zone lookups are exempt.
    let http = reqwest::Client::new();
    let url = format!("{}V1.0/ZoneInformation?user={}", sim.zone_lookup_url(), fx::GOOD_USER);
    let lookups = futures::future::join_all((0..5).map(|_| send(http.get(&url)))).await;
    assert!(lookups.iter().all(|(s, _)| *s == 200));
}

#[tokio::test]
async fn threshold_counters_faults_and_zone_moves() {
    let sim = AutotaskSim::start(SimConfig::standard()).await.unwrap();
    let c = Client::new(&sim, 14);
    let (_, t) = c.get("ThresholdInformation", fx::GOOD_USER, fx::GOOD_SECRET).await;
    assert_eq!(t["externalRequestThreshold"], fx::DEFAULT_REQUEST_THRESHOLD);
    assert_eq!(t["currentTimeframeRequestCount"], fx::INITIAL_REQUEST_COUNT + 1);
    sim.set_request_count(fx::CONTOSO_CI, fx::DEFAULT_REQUEST_THRESHOLD);
    let (status, body) = c.get("Version", fx::GOOD_USER, fx::GOOD_SECRET).await;
    assert_eq!(status, 500);
    assert!(first_error(&body).contains("external request threshold"));
    sim.set_request_count(fx::CONTOSO_CI, 0);

    sim.set_fault(
        FaultTarget::Path("Companies/entityInformation".into()),
        Some(Fault::Throttle429 { times: 2, retry_after_secs: 7 }),
    );
    for _ in 0..2 {
        let resp = c
            .req(
                reqwest::Method::GET,
                "Companies/entityInformation",
                fx::GOOD_USER,
                fx::GOOD_SECRET,
                fx::INTEGRATION_CODE,
            )
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status().as_u16(), 429);
        assert_eq!(resp.headers()["retry-after"], "7");
    }
    assert_eq!(c.get("Companies/entityInformation", fx::GOOD_USER, fx::GOOD_SECRET).await.0, 200);

    sim.set_fault(FaultTarget::Api, Some(Fault::MalformedJson));
    let resp = c
        .req(reqwest::Method::GET, "Version", fx::GOOD_USER, fx::GOOD_SECRET, fx::INTEGRATION_CODE)
        .send()
        .await
        .unwrap();
    assert!(serde_json::from_str::<Value>(&resp.text().await.unwrap()).is_err());
    sim.set_fault(FaultTarget::Api, Some(Fault::Hang));
    let hung = c
        .req(reqwest::Method::GET, "Version", fx::GOOD_USER, fx::GOOD_SECRET, fx::INTEGRATION_CODE)
        .timeout(Duration::from_millis(300))
        .send()
        .await;
    assert!(hung.unwrap_err().is_timeout());
    sim.set_fault(FaultTarget::Api, None);

    sim.move_tenant(fx::FABRIKAM_CI, fx::MOVE_TARGET_ZONE);
    let (status, _) = Client::new(&sim, 15).get("Version", fx::MOVED_USER, fx::MOVED_SECRET).await;
    assert_eq!(status, 401);
    let (_, zone) = send(reqwest::Client::new().get(format!(
        "{}V1.0/ZoneInformation?user={}",
        sim.zone_lookup_url(),
        fx::MOVED_USER
    )))
    .await;
    assert_eq!(zone["url"], format!("{}/zone5/ATServicesRest/", sim.base_url()));
    let (status, _) = Client::new(&sim, 5).get("Version", fx::MOVED_USER, fx::MOVED_SECRET).await;
    assert_eq!(status, 200);
    sim.shutdown().await;
}
