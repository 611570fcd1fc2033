//! The query language of `/{Entity}/query` and `/query/count` (psa-api.md §A4): parsing with Autotask's
//! validations and evaluation over JSON records. Comparisons follow SQL Server, which Autotask sits on:
//! strings compare case-insensitively, and a null field matches nothing except `notExist` (so `noteq`
//! and `notIn` skip rows where the field is empty).

use std::cmp::Ordering;

use serde_json::{Map, Value};

use super::entities::{find_field, FieldDef};

pub const MAX_RECORDS_LIMIT: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Eq,
    NotEq,
    Gt,
    Gte,
    Lt,
    Lte,
    BeginsWith,
    EndsWith,
    Contains,
    Exist,
    NotExist,
    In,
    NotIn,
}

impl Op {
    fn parse(s: &str) -> Option<Op> {
        Some(match s.to_ascii_lowercase().as_str() {
            "eq" => Op::Eq,
            "noteq" => Op::NotEq,
            "gt" => Op::Gt,
            "gte" => Op::Gte,
            "lt" => Op::Lt,
            "lte" => Op::Lte,
            "beginswith" => Op::BeginsWith,
            "endswith" => Op::EndsWith,
            "contains" => Op::Contains,
            "exist" => Op::Exist,
            "notexist" => Op::NotExist,
            "in" => Op::In,
            "notin" => Op::NotIn,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cond {
    /// `field` is the canonical name (or the UDF name when `udf`).
    Leaf {
        op: Op,
        field: String,
        value: Value,
        udf: bool,
    },
    Group {
        any: bool,
        items: Vec<Cond>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub max_records: usize,
    /// Canonical names; empty means every field.
    pub include_fields: Vec<String>,
    /// Top-level items are AND-ed.
    pub filter: Vec<Cond>,
}

/// Case-insensitive key lookup in a JSON object.
pub fn get_ci<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    obj.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v)
}

/// Parses and validates a QueryModel. `udf_names` are the entity's user-defined fields. Errors are the
/// message Autotask-like 500 answers carry.
pub fn parse(body: &Value, entity: &str, fields: &[FieldDef], udf_names: &[&str]) -> Result<Query, String> {
    let obj = body.as_object().ok_or("The query must be a JSON object.")?;
    let max_records = match get_ci(obj, "MaxRecords") {
        None | Some(Value::Null) => MAX_RECORDS_LIMIT,
        Some(v) => match v.as_i64() {
            Some(n) if (1..=MAX_RECORDS_LIMIT as i64).contains(&n) => n as usize,
            _ => return Err("MaxRecords: The value must be between 1 and 500.".into()),
        },
    };
    let mut include_fields = Vec::new();
    if let Some(v) = get_ci(obj, "IncludeFields") {
        let arr = v.as_array().ok_or("IncludeFields must be an array of field names.")?;
        for name in arr {
            let name = name.as_str().ok_or("IncludeFields must be an array of field names.")?;
            // Unknown include fields are ignored rather than rejected.
            if let Some(fd) = find_field(fields, name) {
                include_fields.push(fd.name.to_string());
            }
        }
    }
    let items = get_ci(obj, "Filter").and_then(Value::as_array).cloned().unwrap_or_default();
    if items.is_empty() {
        return Err("A query requires at least one filter item.".into());
    }
    let mut udf_count = 0;
    let filter = items
        .iter()
        .map(|i| parse_cond(i, entity, fields, udf_names, &mut udf_count))
        .collect::<Result<Vec<_>, _>>()?;
    if udf_count > 1 {
        return Err("Only one user-defined field can be queried per request.".into());
    }
    Ok(Query { max_records, include_fields, filter })
}

fn parse_cond(
    v: &Value,
    entity: &str,
    fields: &[FieldDef],
    udfs: &[&str],
    udf_count: &mut usize,
) -> Result<Cond, String> {
    let obj = v.as_object().ok_or("Each filter item must be an object.")?;
    let op_text = get_ci(obj, "op").and_then(Value::as_str).ok_or("Each filter item needs an \"op\".")?;
    if op_text.eq_ignore_ascii_case("and") || op_text.eq_ignore_ascii_case("or") {
        let items = get_ci(obj, "items").and_then(Value::as_array).ok_or("A grouping needs \"items\".")?;
        if items.is_empty() {
            return Err("A grouping needs at least one item.".into());
        }
        let items = items.iter().map(|i| parse_cond(i, entity, fields, udfs, udf_count)).collect::<Result<_, _>>()?;
        return Ok(Cond::Group { any: op_text.eq_ignore_ascii_case("or"), items });
    }
    let op = Op::parse(op_text).ok_or_else(|| format!("Unknown filter operator '{op_text}'."))?;
    let raw_field = get_ci(obj, "field").and_then(Value::as_str).ok_or("Each filter item needs a \"field\".")?;
    let udf = get_ci(obj, "udf").and_then(Value::as_bool).unwrap_or(false);
    let value = get_ci(obj, "value").cloned().unwrap_or(Value::Null);
    if udf {
        *udf_count += 1;
        let name = udfs
            .iter()
            .find(|u| u.eq_ignore_ascii_case(raw_field))
            .ok_or_else(|| format!("Unable to find user-defined field '{raw_field}' in the {entity} entity."))?;
        check_value_shape(op, &value, None)?;
        return Ok(Cond::Leaf { op, field: name.to_string(), value, udf: true });
    }
    let fd =
        find_field(fields, raw_field).ok_or_else(|| format!("Unable to find {raw_field} in the {entity} entity."))?;
    check_value_shape(op, &value, Some(fd))?;
    Ok(Cond::Leaf { op, field: fd.name.to_string(), value: sorted_ids(op, value), udf: false })
}

/// Marks an `in`/`notIn` list of integers as sorted (`{"$sortedInts": [...]}`), so a 500-id list is looked up
/// by binary search on every record instead of scanned: a preview over 100,000 companies stays cheap. Only
/// the parser builds this form; any other list keeps the plain scan.
fn sorted_ids(op: Op, value: Value) -> Value {
    if !matches!(op, Op::In | Op::NotIn) {
        return value;
    }
    let Some(ints) = value.as_array().and_then(|a| a.iter().map(Value::as_i64).collect::<Option<Vec<i64>>>()) else {
        return value;
    };
    if ints.len() < 16 {
        return value;
    }
    let mut ints = ints;
    ints.sort_unstable();
    serde_json::json!({ SORTED_INTS: ints })
}

const SORTED_INTS: &str = "$sortedInts";

/// `Some(found)` when `wanted` is a sorted integer list and `actual` an integer.
fn in_sorted(actual: &Value, wanted: &Value) -> Option<bool> {
    let list = wanted.get(SORTED_INTS)?.as_array()?;
    let n = actual.as_i64()?;
    Some(list.binary_search_by(|w| w.as_i64().unwrap_or(i64::MIN).cmp(&n)).is_ok())
}

fn check_value_shape(op: Op, value: &Value, fd: Option<&FieldDef>) -> Result<(), String> {
    match op {
        Op::Exist | Op::NotExist => Ok(()),
        Op::In | Op::NotIn => {
            let arr = value.as_array().ok_or("The 'in' and 'notIn' operators need an array value.")?;
            arr.iter().try_for_each(|v| check_scalar(v, fd))
        }
        _ => check_scalar(value, fd),
    }
}

fn check_scalar(v: &Value, fd: Option<&FieldDef>) -> Result<(), String> {
    let Some(fd) = fd else { return Ok(()) };
    let ok = match fd.data_type {
        // Booleans must be true/false; anything else, null included, is an error (psa-api.md §A4).
        "boolean" => v.is_boolean(),
        "integer" => v.is_i64() || v.is_u64() || v.as_str().is_some_and(|s| s.trim().parse::<i64>().is_ok()),
        _ => v.is_string() || v.is_number(),
    };
    if ok {
        Ok(())
    } else {
        Err(format!("Value {v} is not valid for field {} of type {}.", fd.name, fd.data_type))
    }
}

/// Whether a record matches every top-level item.
pub fn matches(q: &Query, record: &Value) -> bool {
    q.filter.iter().all(|c| eval(c, record))
}

fn eval(c: &Cond, rec: &Value) -> bool {
    match c {
        Cond::Group { any: true, items } => items.iter().any(|i| eval(i, rec)),
        Cond::Group { any: false, items } => items.iter().all(|i| eval(i, rec)),
        Cond::Leaf { op, field, value, udf } => {
            let actual =
                if *udf { udf_value(rec, field) } else { rec.get(field.as_str()).cloned().unwrap_or(Value::Null) };
            eval_leaf(*op, &actual, value)
        }
    }
}

fn udf_value(rec: &Value, name: &str) -> Value {
    rec.get("userDefinedFields")
        .and_then(Value::as_array)
        .and_then(|a| {
            a.iter().find(|u| u.get("name").and_then(Value::as_str).is_some_and(|n| n.eq_ignore_ascii_case(name)))
        })
        .and_then(|u| u.get("value").cloned())
        .unwrap_or(Value::Null)
}

fn eval_leaf(op: Op, actual: &Value, wanted: &Value) -> bool {
    if actual.is_null() {
        return op == Op::NotExist;
    }
    match op {
        Op::Exist => true,
        Op::NotExist => false,
        Op::Eq => compare(actual, wanted) == Some(Ordering::Equal),
        Op::NotEq => compare(actual, wanted).is_some_and(|o| o != Ordering::Equal),
        Op::Gt => compare(actual, wanted) == Some(Ordering::Greater),
        Op::Gte => matches!(compare(actual, wanted), Some(Ordering::Greater | Ordering::Equal)),
        Op::Lt => compare(actual, wanted) == Some(Ordering::Less),
        Op::Lte => matches!(compare(actual, wanted), Some(Ordering::Less | Ordering::Equal)),
        Op::BeginsWith => text(actual).starts_with(&text(wanted)),
        Op::EndsWith => text(actual).ends_with(&text(wanted)),
        Op::Contains => text(actual).contains(&text(wanted)),
        Op::In if wanted.get(SORTED_INTS).is_some() => in_sorted(actual, wanted).unwrap_or(false),
        Op::NotIn if wanted.get(SORTED_INTS).is_some() => in_sorted(actual, wanted).is_some_and(|f| !f),
        Op::In => wanted.as_array().is_some_and(|a| a.iter().any(|w| compare(actual, w) == Some(Ordering::Equal))),
        Op::NotIn => wanted.as_array().is_some_and(|a| a.iter().all(|w| compare(actual, w) != Some(Ordering::Equal))),
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.to_lowercase(),
        other => other.to_string().to_lowercase(),
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn compare(actual: &Value, wanted: &Value) -> Option<Ordering> {
    match (actual, wanted) {
        (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
        (Value::Bool(_), _) | (_, Value::Bool(_)) => None,
        (Value::Number(_), _) | (_, Value::Number(_)) => number(actual)?.partial_cmp(&number(wanted)?),
        (Value::String(a), Value::String(b)) => {
            // UDF values are strings even when numeric: compare as numbers when both sides are.
            match (a.trim().parse::<f64>(), b.trim().parse::<f64>()) {
                (Ok(x), Ok(y)) => x.partial_cmp(&y),
                _ => Some(a.to_lowercase().cmp(&b.to_lowercase())),
            }
        }
        _ => None,
    }
}

/// Keeps `id` plus the included fields (all fields when the list is empty).
pub fn project(record: &Value, include: &[String]) -> Value {
    if include.is_empty() {
        return record.clone();
    }
    let mut out = Map::new();
    if let Some(obj) = record.as_object() {
        if let Some(id) = obj.get("id") {
            out.insert("id".into(), id.clone());
        }
        for name in include {
            if let Some(v) = obj.get(name) {
                out.insert(name.clone(), v.clone());
            }
        }
    }
    Value::Object(out)
}
