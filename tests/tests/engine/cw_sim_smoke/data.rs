//! Picklists, paging by Link headers, and counts under conditions.

use super::*;

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
