//! Filter values as both PSAs take them: numbers (picklist values, record ids) pass straight through, labels
//! are looked up in the tenant's live lists. Only the wording of a failed lookup is the PSA's own.

use clap::{Args, ValueEnum};
use psa_core::model::{ActiveState, PicklistValue};
use psa_core::PsaError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StateArg {
    Active,
    Inactive,
}

impl From<StateArg> for ActiveState {
    fn from(s: StateArg) -> Self {
        match s {
            StateArg::Active => ActiveState::Active,
            StateArg::Inactive => ActiveState::Inactive,
        }
    }
}

/// The filter flags both PSAs have, spelled the same for both: each takes a number (Autotask picklist value,
/// ConnectWise record id) or a name, repeated or comma-separated. Each PSA's own flags are beside it.
#[derive(Debug, Clone, Default, Args)]
pub struct SharedFilterArgs {
    /// Company type(s), by number or name, e.g. 1 or Customer.
    #[arg(long = "company-type", value_name = "VALUE", value_delimiter = ',')]
    pub company_types: Vec<String>,
    /// Market (segment)(s), by number or name.
    #[arg(long = "market", value_name = "VALUE", value_delimiter = ',')]
    pub markets: Vec<String>,
    /// Territory(ies), by number or name (ConnectWise: System > Locations).
    #[arg(long = "territory", value_name = "VALUE", value_delimiter = ',')]
    pub territories: Vec<String>,
    /// Contact status: active, inactive, or both.
    #[arg(long = "contact-status", value_name = "STATUS", value_enum, value_delimiter = ',')]
    pub contact_statuses: Vec<StateArg>,
}

pub fn is_number(v: &str) -> bool {
    v.trim().parse::<i64>().is_ok()
}

/// A flag's values without blanks, so `--market ""` or a stray comma selects nothing extra.
pub fn cleaned(values: &[String]) -> impl Iterator<Item = &str> {
    values.iter().map(|v| v.trim()).filter(|v| !v.is_empty())
}

/// Repeats are dropped so the filter the engine receives is the one the report shows.
fn push_unique<T: PartialEq + Clone>(out: &mut Vec<T>, v: &T) {
    if !out.contains(v) {
        out.push(v.clone());
    }
}

pub fn states(s: &[StateArg]) -> Vec<ActiveState> {
    let mut out = Vec::new();
    for st in s {
        push_unique(&mut out, &ActiveState::from(*st));
    }
    out
}

/// `values` with each label replaced by the numbers of the entries of `list` that bear it (case and spaces
/// ignored). A label that matches nothing is `no_match(label, known)`, `known` being the list as "value
/// label" pairs or `None` when the list is empty: an error, never a filter that silently selects nothing.
pub fn resolve(
    values: &[String],
    list: &[PicklistValue],
    no_match: impl Fn(&str, Option<String>) -> PsaError,
) -> Result<Vec<String>, PsaError> {
    let mut out = Vec::new();
    for v in cleaned(values) {
        if is_number(v) {
            push_unique(&mut out, &v.to_string());
            continue;
        }
        let found: Vec<&PicklistValue> = list.iter().filter(|e| e.label.trim().eq_ignore_ascii_case(v)).collect();
        if found.is_empty() {
            let known = (!list.is_empty()).then(|| {
                let names: Vec<String> = list.iter().map(|e| format!("{} {}", e.value, e.label)).collect();
                format!("known values: {}", names.join(", "))
            });
            return Err(no_match(v, known));
        }
        for e in found {
            push_unique(&mut out, &e.value);
        }
    }
    Ok(out)
}
