use serde_json::json;

use super::conditions::{eval, parse, FieldDef, Kind};

const FIELDS: &[FieldDef] = &[
    ("id", Kind::Int),
    ("name", Kind::Str),
    ("status/id", Kind::Int),
    ("market/id", Kind::Int),
    ("deletedFlag", Kind::Bool),
    ("types/id", Kind::Int),
];

fn row() -> serde_json::Value {
    json!({"id": 7, "name": "Oak & Ash Law Group 7", "status": {"id": 11, "name": "Active"},
           "types": [{"id": 1, "name": "Customer"}, {"id": 3, "name": "Vendor"}], "deletedFlag": false})
}

fn check(text: &str) -> bool {
    let e = parse(text, FIELDS).unwrap_or_else(|m| panic!("{text}: {m}")).expect("a filter");
    eval(&e, &row())
}

#[test]
fn comparisons_and_keywords() {
    assert!(check("id = 7"));
    assert!(check("ID=7 AND deletedflag=false"));
    assert!(!check("id != 7"));
    assert!(check("status/id in (11,12)"));
    assert!(check("status/id not in (12,13)"));
    assert!(!check("status/id not in (11)"));
    assert!(check("id >= 7 and id < 8 and id <= 7 and id > 6"));
    assert!(check("name contains \"law\""));
    assert!(check("name like \"oak*group*\""));
    assert!(!check("name like \"oak\""));
    assert!(check("name not like \"*dental*\""));
    assert!(check("(id = 1 or id = 7) and deletedFlag = false"));
    assert!(!check("id = 1 or id = 2 and id = 7"), "and binds tighter than or");
    assert!(check("name = \"OAK & ASH LAW GROUP 7\""), "strings compare case-insensitively");
}

#[test]
fn nulls_and_arrays() {
    assert!(check("market/id = null"));
    assert!(!check("market/id != null"));
    assert!(!check("market/id != 21"), "an empty field matches nothing but = null");
    assert!(check("types/id = 3"), "any element");
    assert!(check("types/id != null"));
    let none = json!({"id": 1, "types": []});
    let e = parse("types/id = null", FIELDS).unwrap().unwrap();
    assert!(eval(&e, &none));
    let e = parse("types/id != null", FIELDS).unwrap().unwrap();
    assert!(!eval(&e, &none));
}

#[test]
fn errors_name_the_problem() {
    assert_eq!(parse("", FIELDS), Ok(None));
    assert_eq!(parse("   ", FIELDS), Ok(None));
    assert!(parse("typeids = 1", FIELDS).unwrap_err().contains("typeids is not a recognized name"));
    for bad in [
        "id = ",
        "id = \"7\"",
        "deletedFlag = 1",
        "name = Oak",
        "id in 7",
        "id 7",
        "(id = 7",
        "id = 7 id = 8",
        "name = \"open",
        "status/id in (11,)",
        "deletedFlag > false",
        "id contains \"7\"",
        "id = 7 and",
    ] {
        assert!(parse(bad, FIELDS).is_err(), "{bad} should be rejected");
    }
}
