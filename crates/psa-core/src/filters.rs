//! Filter helpers both PSAs share. Neither Autotask nor ConnectWise has a status picklist for contacts
//! (Autotask: `isActive`; ConnectWise: `inactiveFlag`), so the wizard offers the same Active/Inactive pair.

use crate::model::{ActiveState, PicklistValue};

/// The two synthetic status values; `value` equals `ActiveState`'s wire name.
pub fn active_inactive() -> Vec<PicklistValue> {
    vec![
        PicklistValue { value: "active".into(), label: "Active".into(), is_active: true, sort_order: 0 },
        PicklistValue { value: "inactive".into(), label: "Inactive".into(), is_active: true, sort_order: 1 },
    ]
}

/// `Some(state)` when exactly one of active/inactive is chosen; both or none mean no restriction.
pub fn only_state(states: &[ActiveState]) -> Option<ActiveState> {
    let active = states.contains(&ActiveState::Active);
    let inactive = states.contains(&ActiveState::Inactive);
    match (active, inactive) {
        (true, false) => Some(ActiveState::Active),
        (false, true) => Some(ActiveState::Inactive),
        _ => None,
    }
}
