//! Sign-in, hosts, codebases, client ids, security roles and injected faults.

use super::*;

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
        format!("{cloud}aus/login/companyinfo/contoso"),
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
        (ClientIdError::Forbidden403Unworded, 403, "Forbidden", fx::MSG_FORBIDDEN_PLAIN),
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
    // A paged list like any other (issue 13): 25 rows by default, the role's 50 with pageSize=1000.
    let (s, first) = api.get("system/mysecurity", &fx::GOOD).await;
    assert_eq!((s, first.as_array().map(Vec::len)), (200, Some(25)));
    assert!(first.as_array().unwrap().iter().all(|r| r["moduleFunctionName"] != "Company Maintenance"));
    let (s, rows) = api.get("system/mysecurity?pageSize=1000", &fx::GOOD).await;
    assert_eq!((s, rows.as_array().map(Vec::len)), (200, Some(50)));
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
    let (_, ro) = api.get("system/mysecurity?pageSize=1000", &fx::READ_ONLY).await;
    assert_eq!(
        (row(&ro, "Contacts")["inquireLevel"].as_str(), row(&ro, "Contacts")["addLevel"].as_str()),
        (Some("All"), Some("None"))
    );
    let (_, admin) = api.get("system/mysecurity?pageSize=1000", &fx::ADMIN).await;
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
