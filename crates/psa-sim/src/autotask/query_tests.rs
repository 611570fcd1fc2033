//! The query evaluator against the generated data, with expectations computed from `fixtures`.

use serde_json::{json, Value};

use super::config::DataSet;
use super::entities::{entity, fields};
use super::fixtures::*;
use super::query::{self, parse};

fn companies_json() -> Vec<Value> {
    contoso_companies().iter().map(|c| c.to_json(DataSet::Contoso)).collect()
}

fn count_companies(model: Value) -> usize {
    let f = fields(entity("Companies").unwrap(), DataSet::Contoso);
    let q = parse(&model, "Companies", &f, &[EMPLOYEES_UDF]).expect("valid query");
    companies_json().iter().filter(|r| query::matches(&q, r)).count()
}

fn company_error(model: Value) -> String {
    let f = fields(entity("Companies").unwrap(), DataSet::Contoso);
    parse(&model, "Companies", &f, &[EMPLOYEES_UDF]).expect_err("should be rejected")
}

#[test]
fn eq_and_or_group_with_case_insensitive_field_names() {
    let n = count_companies(json!({"filter": [
        {"op": "eq", "field": "ISACTIVE", "value": true},
        {"op": "or", "items": [
            {"op": "eq", "field": "companytype", "value": TYPE_CUSTOMER},
            {"op": "eq", "field": "companyType", "value": TYPE_PARTNER.to_string()}]}]}));
    let expected =
        contoso_count(|c| c.is_active && (c.company_type == TYPE_CUSTOMER || c.company_type == TYPE_PARTNER));
    assert_eq!(n, expected);
    assert!(n > 100 && n < CONTOSO_COMPANY_COUNT);
}

#[test]
fn in_and_not_in_skip_nulls() {
    let n = count_companies(
        json!({"Filter": [{"op": "in", "field": "marketSegmentID", "value": [MARKET_HEALTHCARE, MARKET_LEGAL]}]}),
    );
    assert_eq!(n, contoso_count(|c| matches!(c.market_segment_id, Some(MARKET_HEALTHCARE | MARKET_LEGAL))));
    let n =
        count_companies(json!({"filter": [{"op": "notIn", "field": "marketSegmentID", "value": [MARKET_HEALTHCARE]}]}));
    assert_eq!(n, contoso_count(|c| c.market_segment_id.is_some_and(|m| m != MARKET_HEALTHCARE)));
    let n = count_companies(json!({"filter": [{"op": "noteq", "field": "territoryID", "value": TERRITORY_NORTH}]}));
    assert_eq!(n, contoso_count(|c| c.territory_id.is_some_and(|t| t != TERRITORY_NORTH)));
}

#[test]
fn exist_not_exist_and_nested_and_inside_or() {
    let missing = count_companies(json!({"filter": [{"op": "notExist", "field": "territoryID"}]}));
    let present = count_companies(json!({"filter": [{"op": "exist", "field": "territoryID"}]}));
    assert_eq!(missing, contoso_count(|c| c.territory_id.is_none()));
    assert_eq!(missing + present, CONTOSO_COMPANY_COUNT);
    let n = count_companies(json!({"filter": [{"op": "or", "items": [
        {"op": "and", "items": [
            {"op": "eq", "field": "classification", "value": CLASS_GOLD},
            {"op": "eq", "field": "isActive", "value": false}]},
        {"op": "eq", "field": "companyCategoryID", "value": CATEGORY_LEGACY}]}]}));
    assert_eq!(
        n,
        contoso_count(|c| (c.classification == Some(CLASS_GOLD) && !c.is_active)
            || c.company_category_id == Some(CATEGORY_LEGACY))
    );
}

#[test]
fn ordering_and_text_operators() {
    assert_eq!(count_companies(json!({"filter": [{"op": "gte", "field": "id", "value": 0}]})), CONTOSO_COMPANY_COUNT);
    assert_eq!(
        count_companies(json!({"filter": [{"op": "gt", "field": "id", "value": 2000}]})),
        contoso_count(|c| c.id > 2000)
    );
    assert_eq!(
        count_companies(json!({"filter": [{"op": "lt", "field": "id", "value": 1300}]})),
        contoso_count(|c| c.id < 1300)
    );
    assert_eq!(count_companies(json!({"filter": [{"op": "lte", "field": "id", "value": 1006}]})), 3); // 0, 1003, 1006
    let n = count_companies(json!({"filter": [{"op": "beginsWith", "field": "companyName", "value": "o'BRIEN"}]}));
    assert_eq!(n, contoso_count(|c| c.company_name.starts_with("O'Brien")));
    assert!(n > 0);
    let n = count_companies(json!({"filter": [{"op": "endsWith", "field": "companyName", "value": " 7"}]}));
    assert_eq!(n, contoso_count(|c| c.company_name.ends_with(" 7")));
    let n = count_companies(json!({"filter": [{"op": "contains", "field": "companyname", "value": "& sons"}]}));
    assert_eq!(n, contoso_count(|c| c.company_name.to_lowercase().contains("& sons")));
    assert!(n > 0);
}

#[test]
fn udf_condition_compares_numerically() {
    let n =
        count_companies(json!({"filter": [{"op": "gt", "field": "number of employees", "value": 100, "udf": true}]}));
    assert_eq!(n, contoso_count(|c| c.employees.is_some_and(|e| e > 100)));
    assert!(n > 0);
}

#[test]
fn contacts_is_active_is_an_integer() {
    let f = fields(entity("Contacts").unwrap(), DataSet::Contoso);
    let q = parse(&json!({"filter": [{"op": "eq", "field": "isActive", "value": 1}]}), "Contacts", &f, &[]).unwrap();
    let n = contoso_contacts().iter().filter(|c| query::matches(&q, &c.to_json())).count();
    assert_eq!(n, contoso_contact_count(|c| c.is_active == 1));
    let err =
        parse(&json!({"filter": [{"op": "eq", "field": "isActive", "value": true}]}), "Contacts", &f, &[]).unwrap_err();
    assert!(err.contains("isActive"), "{err}");
}

#[test]
fn validation_errors() {
    assert!(company_error(json!({"MaxRecords": 0, "filter": [{"op": "exist", "field": "id"}]}))
        .contains("between 1 and 500"));
    assert!(company_error(json!({"MaxRecords": 501, "filter": [{"op": "exist", "field": "id"}]}))
        .contains("between 1 and 500"));
    assert!(company_error(json!({"filter": []})).contains("at least one filter"));
    assert!(company_error(json!({"MaxRecords": 5})).contains("at least one filter"));
    assert!(
        company_error(json!({"filter": [{"op": "eq", "field": "nope", "value": 1}]})).contains("Unable to find nope")
    );
    assert!(company_error(json!({"filter": [{"op": "eq", "field": "isActive", "value": 1}]})).contains("isActive"));
    assert!(company_error(json!({"filter": [{"op": "eq", "field": "isActive", "value": null}]})).contains("isActive"));
    assert!(company_error(json!({"filter": [{"op": "like", "field": "id", "value": 1}]})).contains("like"));
    assert!(company_error(json!({"filter": [{"op": "in", "field": "id", "value": 1}]})).contains("array"));
    let two_udfs = json!({"filter": [
        {"op": "gt", "field": EMPLOYEES_UDF, "value": 1, "udf": true},
        {"op": "lt", "field": EMPLOYEES_UDF, "value": 9, "udf": true}]});
    assert!(company_error(two_udfs).contains("one user-defined field"));
}

#[test]
fn max_records_and_include_fields_parse() {
    let f = fields(entity("Companies").unwrap(), DataSet::Contoso);
    let q = parse(
        &json!({"maxrecords": 7, "includeFields": ["COMPANYNAME", "unknownField"], "filter": [{"op": "exist", "field": "id"}]}),
        "Companies",
        &f,
        &[],
    )
    .unwrap();
    assert_eq!(q.max_records, 7);
    assert_eq!(q.include_fields, vec!["companyName".to_string()]);
    let row = query::project(&contoso_companies()[1].to_json(DataSet::Contoso), &q.include_fields);
    let keys: Vec<&String> = row.as_object().unwrap().keys().collect();
    assert_eq!(keys, vec!["companyName", "id"]);
}

#[test]
fn every_engine_entity_is_served() {
    for name in psa_core::autotask::KNOWN_ENTITIES {
        assert!(entity(name).is_some(), "simulator lacks entity {name}");
    }
}
