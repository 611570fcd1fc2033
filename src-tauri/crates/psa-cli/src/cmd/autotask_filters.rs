//! The filter flags of `autotask preview` and `profile save`. Autotask filters on picklist numbers, but
//! people know the labels ("Customer", "Healthcare"), so both are accepted: numbers pass straight
//! through, labels are looked up in the tenant's live picklists (one extra request, only when a label
//! was given). A label that matches nothing is an error, never a filter that silently selects nothing.

use clap::{Args, ValueEnum};
use psa_core::model::{ActiveState, FilterSet, PicklistValue, Picklists};
use psa_core::{ErrorCode, PsaError};

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

/// Picklist values by number or label, as `autotask check` lists them. Repeat a flag or use commas.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    /// Company type(s), by number or label, e.g. 1 or Customer.
    #[arg(long = "company-type", value_name = "VALUE", value_delimiter = ',')]
    pub company_types: Vec<String>,
    /// Market segment(s), by number or label.
    #[arg(long = "market", value_name = "VALUE", value_delimiter = ',')]
    pub markets: Vec<String>,
    /// Territory(ies), by number or label.
    #[arg(long = "territory", value_name = "VALUE", value_delimiter = ',')]
    pub territories: Vec<String>,
    /// Classification(s), by number or label.
    #[arg(long = "classification", value_name = "VALUE", value_delimiter = ',')]
    pub classifications: Vec<String>,
    /// Company category(ies), by number or label, where the tenant has categories.
    #[arg(long = "company-category", value_name = "VALUE", value_delimiter = ',')]
    pub company_categories: Vec<String>,
    /// Company status: active, inactive, or both.
    #[arg(
        long = "company-status",
        value_name = "STATUS",
        value_enum,
        value_delimiter = ','
    )]
    pub company_statuses: Vec<StateArg>,
    /// Contact status: active, inactive, or both.
    #[arg(
        long = "contact-status",
        value_name = "STATUS",
        value_enum,
        value_delimiter = ','
    )]
    pub contact_statuses: Vec<StateArg>,
}

fn is_number(v: &str) -> bool {
    v.trim().parse::<i64>().is_ok()
}

fn cleaned(values: &[String]) -> impl Iterator<Item = &str> {
    values.iter().map(|v| v.trim()).filter(|v| !v.is_empty())
}

fn push_unique(out: &mut Vec<String>, v: &str) {
    if !out.iter().any(|o| o == v) {
        out.push(v.to_string());
    }
}

fn states(s: &[StateArg]) -> Vec<ActiveState> {
    let mut out: Vec<ActiveState> = Vec::new();
    for st in s.iter().map(|x| ActiveState::from(*x)) {
        if !out.contains(&st) {
            out.push(st);
        }
    }
    out
}

impl FilterArgs {
    /// The picklist flags with their values, flag name first.
    fn lists(&self) -> [(&'static str, &[String]); 5] {
        [
            ("company-type", &self.company_types),
            ("market", &self.markets),
            ("territory", &self.territories),
            ("classification", &self.classifications),
            ("company-category", &self.company_categories),
        ]
    }

    /// True when a value is a label, so the picklists must be read to turn it into a number.
    pub fn has_labels(&self) -> bool {
        self.lists()
            .iter()
            .any(|(_, values)| cleaned(values).any(|v| !is_number(v)))
    }
}

/// Filters from numbers only (nothing to look up). A label is refused with a pointer to where the
/// numbers are listed; use [`filter_set_resolved`] when the picklists are at hand.
pub fn filter_set(f: &FilterArgs) -> Result<FilterSet, PsaError> {
    let numbers = |flag: &str, values: &[String]| -> Result<Vec<String>, PsaError> {
        let mut out = Vec::new();
        for v in cleaned(values) {
            if !is_number(v) {
                return Err(PsaError::new(
                    ErrorCode::InvalidInput,
                    format!("--{flag} \"{v}\" is a label; here it must be the picklist value number."),
                    "Run `psa-connect autotask check …`: its \"Filter values\" section lists each number with its label.",
                ));
            }
            push_unique(&mut out, v);
        }
        Ok(out)
    };
    Ok(FilterSet {
        company_types: numbers("company-type", &f.company_types)?,
        company_statuses: states(&f.company_statuses),
        company_categories: numbers("company-category", &f.company_categories)?,
        markets: numbers("market", &f.markets)?,
        territories: numbers("territory", &f.territories)?,
        classifications: numbers("classification", &f.classifications)?,
        contact_statuses: states(&f.contact_statuses),
        company_status_ids: Vec::new(),
    })
}

/// Filters with labels turned into numbers from the tenant's picklists (case and spaces ignored).
pub fn filter_set_resolved(f: &FilterArgs, p: &Picklists) -> Result<FilterSet, PsaError> {
    let resolve = |flag: &str,
                   values: &[String],
                   list: &[PicklistValue]|
     -> Result<Vec<String>, PsaError> {
        let mut out = Vec::new();
        for v in cleaned(values) {
            if is_number(v) {
                push_unique(&mut out, v);
                continue;
            }
            let found: Vec<&PicklistValue> = list
                .iter()
                .filter(|e| e.label.trim().eq_ignore_ascii_case(v))
                .collect();
            if found.is_empty() {
                let known = if list.is_empty() {
                    "this Autotask database has no values for it".to_string()
                } else {
                    let names: Vec<String> = list
                        .iter()
                        .map(|e| format!("{} {}", e.value, e.label))
                        .collect();
                    format!("known values: {}", names.join(", "))
                };
                return Err(PsaError::new(
                    ErrorCode::InvalidInput,
                    format!("--{flag} \"{v}\" matches no entry of that picklist in this Autotask database."),
                    format!("Use a number or label from the list ({known})."),
                ));
            }
            for e in found {
                push_unique(&mut out, &e.value);
            }
        }
        Ok(out)
    };
    Ok(FilterSet {
        company_types: resolve("company-type", &f.company_types, &p.company_types)?,
        company_statuses: states(&f.company_statuses),
        company_categories: resolve(
            "company-category",
            &f.company_categories,
            &p.company_categories,
        )?,
        markets: resolve("market", &f.markets, &p.markets)?,
        territories: resolve("territory", &f.territories, &p.territories)?,
        classifications: resolve("classification", &f.classifications, &p.classifications)?,
        contact_statuses: states(&f.contact_statuses),
        company_status_ids: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pv(value: &str, label: &str) -> PicklistValue {
        PicklistValue {
            value: value.into(),
            label: label.into(),
            is_active: true,
            sort_order: 0,
        }
    }

    #[test]
    fn numbers_pass_through_deduplicated() {
        let f = FilterArgs {
            company_types: vec!["1".into(), " 3 ".into(), "1".into(), "".into()],
            company_statuses: vec![StateArg::Active, StateArg::Active],
            ..FilterArgs::default()
        };
        assert!(!f.has_labels());
        let set = filter_set(&f).unwrap();
        assert_eq!(set.company_types, vec!["1", "3"]);
        assert_eq!(set.company_statuses, vec![ActiveState::Active]);
        assert!(set.markets.is_empty());
    }

    #[test]
    fn labels_need_the_picklists() {
        let f = FilterArgs {
            markets: vec!["healthcare ".into(), "102".into()],
            ..FilterArgs::default()
        };
        assert!(f.has_labels());
        let e = filter_set(&f).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput);
        assert!(e.message.contains("--market"));

        let lists = Picklists {
            markets: vec![pv("101", "Healthcare"), pv("102", "Legal")],
            ..Picklists::default()
        };
        assert_eq!(
            filter_set_resolved(&f, &lists).unwrap().markets,
            vec!["101", "102"]
        );

        let typo = FilterArgs {
            markets: vec!["Helthcare".into()],
            ..FilterArgs::default()
        };
        let e = filter_set_resolved(&typo, &lists).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput);
        assert!(e.fix.contains("101 Healthcare"), "{}", e.fix);

        let none = FilterArgs {
            territories: vec!["North".into()],
            ..FilterArgs::default()
        };
        assert!(filter_set_resolved(&none, &lists)
            .unwrap_err()
            .fix
            .contains("no values"));
    }
}
