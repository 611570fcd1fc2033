//! What the check cannot prove stays "confirm by hand" (a Warning), never a green tick and never a blocking
//! line: a 403 whose text names neither the clientId nor the role (psa-api.md §B1 "Errors": how a bad clientId
//! is refused is UNCONFIRMED), a `/count` answer in another shape (§B2: UNCONFIRMED), and role rows past the
//! page cap.

use crate::connectwise_support;

use connectwise_support::*;
use psa_core::connectwise::RoleNeed;
use psa_core::model::CheckStatus;
use psa_tests::connectwise::fixtures as fx;
use psa_tests::connectwise::{ClientIdError, CountShape, CwSimConfig};

const ROLE_LINES: [&str; 2] = ["role.companies.company_maintenance", "role.companies.contacts"];

#[tokio::test]
async fn a_refusal_without_the_documented_words_is_not_a_green_sign_in() {
    let sim = sim_with(CwSimConfig::standard().with_client_id_error(ClientIdError::Forbidden403Unworded)).await;
    let (r, _) = check(&creds_with_client(&fx::GOOD, fx::UNREGISTERED_CLIENT_ID), &opts(&sim, "na")).await;
    let auth = item(&r, "auth");
    assert_eq!(auth.status, CheckStatus::Warning, "{auth:#?}");
    assert!(auth.message.starts_with("Unclear whether"), "{auth:#?}");
    let fix = auth.fix.as_deref().unwrap_or("");
    assert!(fix.contains("clientId") && fix.contains("API Members"), "{fix}");
    for id in ROLE_LINES {
        let it = item(&r, id);
        assert_eq!(it.status, CheckStatus::Warning, "{it:#?}");
    }
    assert!(r.items.iter().all(|i| i.id == "site" || i.status != CheckStatus::Ok), "{:#?}", r.items);
    // Nothing was proven, so the test does not pass: saving needs the partner's "save anyway".
    assert!(!r.ok, "{:#?}", r.items);
}

#[tokio::test]
async fn a_count_in_another_shape_leaves_the_role_table_to_decide() {
    let sim = sim_with(CwSimConfig::standard().with_count_shape(CountShape::Unfamiliar)).await;
    let (r, _) = check(&creds(&fx::GOOD), &opts(&sim, "na")).await;
    for id in ROLE_LINES {
        let it = item(&r, id);
        assert_eq!(it.status, CheckStatus::Warning, "{it:#?}");
        assert!(it.message.contains("not confirmed"), "{it:#?}");
    }
    assert!(r.ok, "the table says All, so nothing blocks: {r:#?}");
    // Missing rights still show: the table decides.
    let (r, _) = check(&creds(&fx::NO_CONTACTS), &opts(&sim, "na")).await;
    assert_eq!(item(&r, "role.companies.contacts").status, CheckStatus::Missing);
}

#[tokio::test]
async fn a_row_past_the_page_cap_is_confirm_by_hand() {
    // One row per page: the role's 50 rows need 50 pages, more than the check reads.
    let sim = sim_with(CwSimConfig::standard().with_max_page_size(1)).await;
    let mut o = opts(&sim, "na");
    o.needs = vec![RoleNeed::inquire("Time & Expense", "Expense Entry")];
    let (r, _) = check(&creds(&fx::ADMIN), &o).await;
    let it = item(&r, "role.time_expense.expense_entry");
    assert_eq!(it.status, CheckStatus::Warning, "{it:#?}");
    assert!(it.message.contains("not all of the role"), "{it:#?}");
}
