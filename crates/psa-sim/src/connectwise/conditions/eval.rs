//! Evaluation of a parsed condition over one JSON row.

use serde_json::Value;

use super::{Expr, Lit, Op};

/// The values a path reaches in a row (several when it crosses an array; `[Null]` when none).
fn resolve<'a>(row: &'a Value, path: &[String]) -> Vec<&'a Value> {
    let mut current = vec![row];
    for seg in path {
        let mut next = Vec::new();
        for v in current {
            let items: Vec<&Value> = match v {
                Value::Array(a) => a.iter().collect(),
                other => vec![other],
            };
            for item in items {
                if let Some(found) = item.as_object().and_then(|o| o.iter().find(|(k, _)| k.eq_ignore_ascii_case(seg)))
                {
                    next.push(found.1);
                }
            }
        }
        current = next;
    }
    let flat: Vec<&Value> = current
        .into_iter()
        .flat_map(|v| match v {
            Value::Array(a) => a.iter().collect(),
            other => vec![other],
        })
        .collect();
    if flat.is_empty() {
        vec![&Value::Null]
    } else {
        flat
    }
}

pub fn eval(e: &Expr, row: &Value) -> bool {
    match e {
        Expr::And(a, b) => eval(a, row) && eval(b, row),
        Expr::Or(a, b) => eval(a, row) || eval(b, row),
        Expr::Cmp { path, op, value } => resolve(row, path).into_iter().any(|v| compare(v, *op, value)),
    }
}

fn like(text: &str, pattern: &str) -> bool {
    // Glob with `*` (and SQL's `%`) as "any run of characters".
    let parts: Vec<&str> = pattern.split(['*', '%']).collect();
    if parts.len() == 1 {
        return text == pattern;
    }
    let mut rest = text;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            let Some(r) = rest.strip_prefix(part) else {
                return false;
            };
            rest = r;
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            let Some(at) = rest.find(part) else {
                return false;
            };
            rest = &rest[at + part.len()..];
        }
    }
    true
}

fn order(v: &Value, lit: &Lit) -> Option<std::cmp::Ordering> {
    match (v, lit) {
        (Value::Number(n), Lit::Int(i)) => n.as_i64().map(|n| n.cmp(i)),
        (Value::String(s), Lit::Str(t)) => Some(s.to_lowercase().cmp(&t.to_lowercase())),
        (Value::Bool(b), Lit::Bool(c)) => Some(b.cmp(c)),
        _ => None,
    }
}

fn compare(v: &Value, op: Op, lit: &Lit) -> bool {
    use std::cmp::Ordering::*;
    if *lit == Lit::Null {
        return match op {
            Op::Eq => v.is_null(),
            Op::Ne => !v.is_null(),
            _ => false,
        };
    }
    if v.is_null() {
        return false;
    }
    let text = || v.as_str().map(str::to_lowercase).unwrap_or_default();
    let pat = || match lit {
        Lit::Str(s) => s.to_lowercase(),
        _ => String::new(),
    };
    match op {
        Op::Eq => order(v, lit) == Some(Equal),
        Op::Ne => order(v, lit).is_some_and(|o| o != Equal),
        Op::Lt => order(v, lit) == Some(Less),
        Op::Le => matches!(order(v, lit), Some(Less | Equal)),
        Op::Gt => order(v, lit) == Some(Greater),
        Op::Ge => matches!(order(v, lit), Some(Greater | Equal)),
        Op::Contains => text().contains(&pat()),
        Op::NotContains => !text().contains(&pat()),
        Op::Like => like(&text(), &pat()),
        Op::NotLike => !like(&text(), &pat()),
        Op::In | Op::NotIn => {
            let Lit::List(items) = lit else { return false };
            let hit = items.iter().any(|i| order(v, i) == Some(Equal));
            hit == (op == Op::In)
        }
    }
}
