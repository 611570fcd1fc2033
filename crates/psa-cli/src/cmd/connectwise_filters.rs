//! The filter flags of `connectwise preview`. ConnectWise filters on record ids (company types, statuses,
//! markets, territories), but people know the names, so both are accepted: ids pass straight through,
//! names are looked up in the company's live lists (only when a name was given). A name that matches
//! nothing is an error, never a filter that silently selects nothing.

use clap::Args;
use psa_core::model::{FilterSet, PicklistValue, Picklists};
use psa_core::{ErrorCode, PsaError};

use super::filter_values::{self, cleaned, is_number, states, SharedFilterArgs};

/// Ids or names, as `connectwise check` lists them. Repeat a flag or use commas.
#[derive(Debug, Clone, Default, Args)]
pub struct CwFilterArgs {
    #[command(flatten)]
    pub shared: SharedFilterArgs,
    /// Company status(es), by id or name, e.g. 11 or Active (ConnectWise statuses are a list of their own).
    #[arg(long = "company-status", value_name = "VALUE", value_delimiter = ',')]
    pub company_statuses: Vec<String>,
}

impl std::ops::Deref for CwFilterArgs {
    type Target = SharedFilterArgs;
    fn deref(&self) -> &SharedFilterArgs {
        &self.shared
    }
}

impl CwFilterArgs {
    /// True when a value is a name, so the lists must be read to turn it into an id.
    pub fn has_names(&self) -> bool {
        [&self.company_types, &self.company_statuses, &self.markets, &self.territories]
            .iter()
            .any(|values| cleaned(values).any(|v| !is_number(v)))
    }
}

/// Filters with names turned into ids (`lists` may be `None` when every value is an id).
pub fn cw_filter_set(f: &CwFilterArgs, lists: Option<&Picklists>) -> Result<FilterSet, PsaError> {
    let resolve = |flag: &str, values: &[String], list: Option<&[PicklistValue]>| {
        filter_values::resolve(values, list.unwrap_or(&[]), |v, known| {
            let known = known.unwrap_or_else(|| "this ConnectWise company has no values for it".to_string());
            PsaError::new(
                ErrorCode::InvalidInput,
                format!("--{flag} \"{v}\" matches no entry of that list in this ConnectWise company."),
                format!("Use an id or name from the list ({known}); `psa-connect connectwise check` shows them all."),
            )
        })
    };
    Ok(FilterSet {
        company_types: resolve("company-type", &f.company_types, lists.map(|l| l.company_types.as_slice()))?,
        company_status_ids: resolve(
            "company-status",
            &f.company_statuses,
            lists.map(|l| l.company_statuses.as_slice()),
        )?,
        markets: resolve("market", &f.markets, lists.map(|l| l.markets.as_slice()))?,
        territories: resolve("territory", &f.territories, lists.map(|l| l.territories.as_slice()))?,
        contact_statuses: states(&f.contact_statuses),
        ..FilterSet::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::filter_values::StateArg;
    use psa_core::model::ActiveState;

    fn pv(value: &str, label: &str) -> PicklistValue {
        PicklistValue { value: value.into(), label: label.into(), is_active: true, sort_order: 0 }
    }

    #[test]
    fn ids_pass_through_and_names_are_looked_up() {
        let f = CwFilterArgs {
            shared: SharedFilterArgs {
                company_types: vec!["1".into(), " 1 ".into(), "4".into()],
                contact_statuses: vec![StateArg::Active, StateArg::Active],
                ..Default::default()
            },
            company_statuses: vec!["11".into()],
        };
        assert!(!f.has_names());
        let set = cw_filter_set(&f, None).unwrap();
        assert_eq!(
            (set.company_types, set.company_status_ids),
            (vec!["1".to_string(), "4".into()], vec!["11".to_string()])
        );
        assert_eq!(set.contact_statuses, vec![ActiveState::Active]);
        assert!(set.company_statuses.is_empty(), "ConnectWise statuses go to company_status_ids");

        let named = CwFilterArgs {
            shared: SharedFilterArgs { markets: vec!["Healthcare".into(), "22".into()], ..Default::default() },
            company_statuses: vec!["not-approved".into()],
        };
        assert!(named.has_names());
        let lists = Picklists {
            company_statuses: vec![pv("11", "Active"), pv("13", "Not-Approved")],
            markets: vec![pv("21", "Healthcare")],
            ..Picklists::default()
        };
        let set = cw_filter_set(&named, Some(&lists)).unwrap();
        assert_eq!(
            (set.company_status_ids, set.markets),
            (vec!["13".to_string()], vec!["21".to_string(), "22".into()])
        );

        let shared = |s: SharedFilterArgs| CwFilterArgs { shared: s, ..CwFilterArgs::default() };
        let typo = shared(SharedFilterArgs { territories: vec!["Nroth".into()], ..Default::default() });
        let e = cw_filter_set(&typo, Some(&lists)).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput);
        assert!(e.message.contains("--territory") && e.fix.contains("no values"), "{e:?}");
        let e = cw_filter_set(
            &shared(SharedFilterArgs { markets: vec!["Legal".into()], ..Default::default() }),
            Some(&lists),
        )
        .unwrap_err();
        assert!(e.fix.contains("21 Healthcare"), "{}", e.fix);
    }
}
