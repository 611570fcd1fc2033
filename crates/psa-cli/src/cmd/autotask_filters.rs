//! The filter flags of `autotask preview` and `profile save`. Autotask filters on picklist numbers, but
//! people know the labels ("Customer", "Healthcare"), so both are accepted: numbers pass straight
//! through, labels are looked up in the tenant's live picklists (one extra request, only when a label
//! was given). A label that matches nothing is an error, never a filter that silently selects nothing.

use clap::Args;
use psa_core::model::{FilterSet, PicklistValue, Picklists};
use psa_core::{ErrorCode, PsaError};

use super::filter_values::{self, cleaned, is_number, states, SharedFilterArgs, StateArg};

/// Picklist values by number or label, as `autotask check` lists them. Repeat a flag or use commas.
#[derive(Debug, Clone, Default, Args)]
pub struct FilterArgs {
    #[command(flatten)]
    pub shared: SharedFilterArgs,
    /// Classification(s), by number or label.
    #[arg(long = "classification", value_name = "VALUE", value_delimiter = ',')]
    pub classifications: Vec<String>,
    /// Company category(ies), by number or label, where the tenant has categories.
    #[arg(long = "company-category", value_name = "VALUE", value_delimiter = ',')]
    pub company_categories: Vec<String>,
    /// Company status: active, inactive, or both.
    #[arg(long = "company-status", value_name = "STATUS", value_enum, value_delimiter = ',')]
    pub company_statuses: Vec<StateArg>,
}

impl std::ops::Deref for FilterArgs {
    type Target = SharedFilterArgs;
    fn deref(&self) -> &SharedFilterArgs {
        &self.shared
    }
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
        self.lists().iter().any(|(_, values)| cleaned(values).any(|v| !is_number(v)))
    }
}

/// Filters from numbers only (nothing to look up). A label is refused with a pointer to where the
/// numbers are listed; use [`filter_set_resolved`] when the picklists are at hand.
pub fn filter_set(f: &FilterArgs) -> Result<FilterSet, PsaError> {
    // Against no list at all, every label is a miss.
    let numbers = |flag: &str, values: &[String]| {
        filter_values::resolve(values, &[], |v, _| {
            PsaError::new(
                ErrorCode::InvalidInput,
                format!("--{flag} \"{v}\" is a label; here it must be the picklist value number."),
                "Run `psa-connect autotask check …`: its \"Filter values\" section lists each number with its label.",
            )
        })
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
    let resolve = |flag: &str, values: &[String], list: &[PicklistValue]| {
        filter_values::resolve(values, list, |v, known| {
            let known = known.unwrap_or_else(|| "this Autotask database has no values for it".to_string());
            PsaError::new(
                ErrorCode::InvalidInput,
                format!("--{flag} \"{v}\" matches no entry of that picklist in this Autotask database."),
                format!("Use a number or label from the list ({known})."),
            )
        })
    };
    Ok(FilterSet {
        company_types: resolve("company-type", &f.company_types, &p.company_types)?,
        company_statuses: states(&f.company_statuses),
        company_categories: resolve("company-category", &f.company_categories, &p.company_categories)?,
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
    use psa_core::model::ActiveState;

    fn pv(value: &str, label: &str) -> PicklistValue {
        PicklistValue { value: value.into(), label: label.into(), is_active: true, sort_order: 0 }
    }

    #[test]
    fn numbers_pass_through_deduplicated() {
        let f = FilterArgs {
            shared: SharedFilterArgs {
                company_types: vec!["1".into(), " 3 ".into(), "1".into(), "".into()],
                ..Default::default()
            },
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
        let shared = |s: SharedFilterArgs| FilterArgs { shared: s, ..FilterArgs::default() };
        let f = shared(SharedFilterArgs { markets: vec!["healthcare ".into(), "102".into()], ..Default::default() });
        assert!(f.has_labels());
        let e = filter_set(&f).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput);
        assert!(e.message.contains("--market"));

        let lists = Picklists { markets: vec![pv("101", "Healthcare"), pv("102", "Legal")], ..Picklists::default() };
        assert_eq!(filter_set_resolved(&f, &lists).unwrap().markets, vec!["101", "102"]);

        let typo = shared(SharedFilterArgs { markets: vec!["Helthcare".into()], ..Default::default() });
        let e = filter_set_resolved(&typo, &lists).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput);
        assert!(e.fix.contains("101 Healthcare"), "{}", e.fix);

        let none = shared(SharedFilterArgs { territories: vec!["North".into()], ..Default::default() });
        assert!(filter_set_resolved(&none, &lists).unwrap_err().fix.contains("no values"));
    }
}
