//! Answer fixtures (issue 13): answers as published sources show them (`tests/fixtures/answers/*.json`, each
//! naming its source), fed to the engine's own parsers. They pin the engine to the real shapes, not to what our
//! simulators happen to send.

use std::path::PathBuf;

use psa_core::autotask::probe::{self, AccessLevel};
use psa_core::autotask::EntityNeed;
use psa_core::connectwise::client::{next_link, next_page_on_base};
use psa_core::connectwise::security::{self, Level};
use psa_core::connectwise::site::{parse_site, site_from_answer};
use psa_core::connectwise::{accept_for, CwEndpoints, RoleNeed};
use psa_core::model::CheckStatus;
use serde_json::Value;

fn answer(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/answers").join(name);
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(v["source"].is_object(), "{name} names its source");
    v
}

fn rw(entity: &str) -> EntityNeed {
    EntityNeed { create: true, update: true, delete: Some(false), ..EntityNeed::read(entity) }
}

fn one_row() -> Option<Result<Value, psa_core::PsaError>> {
    Some(Ok(serde_json::json!({"items": [{"id": 1}], "pageDetails": {}})))
}

#[test]
fn autotask_entity_information_in_words_as_the_live_api_sends_it() {
    let a = answer("autotask-entityinformation-words.json");
    let info = &a["answer"];
    assert_eq!(probe::access(info, "userAccessForQuery"), AccessLevel::Restricted);
    assert_eq!(probe::access(info, "userAccessForCreate"), AccessLevel::All);
    assert_eq!(probe::access(info, "userAccessForDelete"), AccessLevel::None);
    // Query is Restricted: never a green line, whatever else is granted.
    let it = probe::evaluate(&rw("Companies"), Ok(info.clone()), one_row());
    assert_eq!(it.status, CheckStatus::Restricted, "{it:#?}");
    assert!(it.message.contains("read only some Companies"), "{}", it.message);
}

#[test]
fn autotask_entity_information_in_numbers_as_the_help_page_documents_it() {
    let a = answer("autotask-entityinformation-numbers.json");
    let info = &a["answer"];
    assert_eq!(probe::access(info, "userAccessForQuery"), AccessLevel::All);
    let read = probe::evaluate(&EntityNeed::read("Companies"), Ok(info.clone()), one_row());
    assert_eq!(read.status, CheckStatus::Ok, "{read:#?}");
    let write = probe::evaluate(&rw("Companies"), Ok(info.clone()), one_row());
    assert_eq!(write.status, CheckStatus::Missing, "create and update are 0: {write:#?}");
}

#[test]
fn connectwise_companyinfo_of_a_cloud_company() {
    let a = answer("connectwise-companyinfo-cloud.json");
    let input = parse_site(a["region"].as_str().unwrap()).unwrap();
    let body = serde_json::to_vec(&a["answer"]).unwrap();
    let site = site_from_answer(&CwEndpoints::default(), &input, a["companyId"].as_str().unwrap(), &body)
        .unwrap()
        .expect("a known company");
    assert_eq!(site.api_url, "https://api-na.myconnectwise.net/v2020_4/apis/3.0");
    assert!(site.is_cloud);
    assert_eq!(site.version_code.as_deref(), Some("v2020.4"));
    // A server at 2020.4 is asked for its own model version, not the newer pin.
    assert_eq!(accept_for(site.version_code.as_deref()), "application/vnd.connectwise.com+json; version=2020.4");
}

#[test]
fn connectwise_companyinfo_of_a_self_hosted_server() {
    let a = answer("connectwise-companyinfo-self-hosted.json");
    let input = parse_site(a["base"].as_str().unwrap()).unwrap();
    let body = serde_json::to_vec(&a["answer"]).unwrap();
    let site = site_from_answer(&CwEndpoints::default(), &input, a["companyId"].as_str().unwrap(), &body)
        .unwrap()
        .expect("a known company");
    assert_eq!(site.api_url, "https://cw.northwind.example/v4_6_release/apis/3.0");
    assert!(!site.is_cloud, "IsCloud \"False\" as a string");
    assert_eq!(site.version_code.as_deref(), Some("v2020.4"));
}

#[test]
fn connectwise_mysecurity_rows_with_the_model_level_words() {
    let a = answer("connectwise-mysecurity-page.json");
    let rows = security::parse_rows(&a["answer"]).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].inquire, Level::All);
    assert_eq!(rows[1].inquire, Level::Partial("My".into()));
    assert_eq!(rows[2].inquire, Level::None);
    let need = |function: &str, module: &str| RoleNeed {
        module: module.into(),
        function: function.into(),
        inquire: true,
        add: false,
        edit: false,
        delete: None,
        guide_step: None,
    };
    let ok = security::evaluate(&need("Company Maintenance", "Companies"), Ok(&rows), None);
    assert_eq!(ok.status, CheckStatus::Ok, "{ok:#?}");
    let my = security::evaluate(&need("Contacts", "Companies"), Ok(&rows), None);
    assert_eq!(my.status, CheckStatus::Restricted, "{my:#?}");
    assert!(my.message.contains("\"My\""), "{}", my.message);
    let none = security::evaluate(&need("Agreements", "Finance"), Ok(&rows), None);
    assert_eq!(none.status, CheckStatus::Missing, "{none:#?}");
}

#[test]
fn connectwise_next_links_under_v4_6_release_are_read_on_our_own_base() {
    let a = answer("connectwise-link-headers.json");
    let next = next_link(a["link"].as_str().unwrap()).expect("a next link");
    assert!(next.contains("/v4_6_release/apis/3.0/"));
    let rel = next_page_on_base(a["api"].as_str().unwrap(), a["path"].as_str().unwrap(), &next);
    assert_eq!(rel.as_deref(), a["next"].as_str());
}
