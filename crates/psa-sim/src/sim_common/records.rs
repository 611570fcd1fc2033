//! A data set's companies and contacts as the JSON the API sends, built once when a simulator starts
//! rather than on every request.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

use serde_json::Value;

/// Sorted by id: the order pages and lists come in.
pub(crate) struct Records {
    pub companies: Vec<Value>,
    pub contacts: Vec<Value>,
}

impl Records {
    pub fn sorted(mut companies: Vec<Value>, mut contacts: Vec<Value>) -> Records {
        let id = |v: &Value| v.get("id").and_then(Value::as_i64).unwrap_or(0);
        companies.sort_by_key(id);
        contacts.sort_by_key(id);
        Records { companies, contacts }
    }

    /// One `Records` per data set, shared by the tenants that use it.
    pub fn per_set<S: Copy + Eq + Hash>(
        sets: impl IntoIterator<Item = S>,
        build: impl Fn(S) -> Records,
    ) -> HashMap<S, Arc<Records>> {
        let mut out = HashMap::new();
        for set in sets {
            out.entry(set).or_insert_with(|| Arc::new(build(set)));
        }
        out
    }
}
