//! Probe lines from Autotask's answers (no server needed).

use super::*;

#[test]
fn a_refusal_on_a_recommended_only_row_is_a_warning_to_confirm_by_hand() {
    let recommended = EntityNeed {
        entity: "Contracts".into(),
        read: false,
        create: false,
        update: false,
        delete: None,
        guide_step: None,
    };
    let denied = || Err(PsaError::new(ErrorCode::PermissionDenied, "m", "f"));
    let line = evaluate(&recommended, denied(), None);
    assert_eq!(line.status, CheckStatus::Warning, "{line:?}");
    assert!(line.message.ends_with("confirm by hand."), "{}", line.message);
    assert!(line.fix.unwrap().starts_with("Confirm by hand"));
    // The same refusal where the guide requires reading is still a missing permission.
    assert_eq!(evaluate(&EntityNeed::read("Contracts"), denied(), None).status, CheckStatus::Missing);
}

#[test]
fn a_row_that_requires_nothing_is_never_a_tick() {
    // Lifecycle Insights' Opportunities: every right optional. Autotask describing the entity proves nothing
    // the guide needs, so the line reports the levels and stays neutral.
    let listed = EntityNeed { read: false, ..EntityNeed::read("Opportunities") };
    let line = evaluate(&listed, info(1, 0), None);
    assert_eq!((line.status, line.label.as_str()), (CheckStatus::Skipped, "Opportunities: not required"));
    assert_eq!(
        line.message,
        "Not required by the guide. Autotask reports: read All, create None, update None, delete None."
    );
    let unstated = evaluate(&listed, Ok(json!({"info": {"name": "Opportunity"}})), None);
    assert_eq!(unstated.status, CheckStatus::Skipped);
    assert!(unstated.message.contains("read not stated"), "{}", unstated.message);
    // A row that only forbids delete proves that one thing when Autotask reports delete None.
    let no_delete = EntityNeed { read: false, delete: Some(false), ..EntityNeed::read("Contracts") };
    let line = evaluate(&no_delete, info(1, 0), None);
    assert_eq!((line.status, line.label.as_str()), (CheckStatus::Ok, "Contracts: no delete"));
    assert!(line.message.contains("does not allow deleting Contracts"), "{}", line.message);
    assert_eq!(evaluate(&no_delete, info(1, 1), None).status, CheckStatus::Warning);
}

fn info(q: i64, d: i64) -> Result<Value, PsaError> {
    Ok(
        json!({"info": {"name": "Company", "userAccessForQuery": q, "userAccessForCreate": 0, "userAccessForUpdate": 0, "userAccessForDelete": d}}),
    )
}

fn rows(n: usize) -> Option<Result<Value, PsaError>> {
    Some(Ok(json!({"items": vec![json!({"id": 1}); n], "pageDetails": {}})))
}

#[test]
fn statuses() {
    let need = EntityNeed::read("Companies");
    assert_eq!(evaluate(&need, info(1, 0), rows(1)).status, CheckStatus::Ok);
    let w = evaluate(&need, info(1, 0), rows(0));
    assert_eq!(w.status, CheckStatus::Warning);
    assert!(w.message.to_lowercase().contains("can't prove read access: no rows visible"));
    assert_eq!(evaluate(&need, info(2, 0), rows(0)).status, CheckStatus::Restricted);
    let denied = PsaError::new(ErrorCode::PermissionDenied, "m", "f");
    let m = evaluate(&need, info(0, 0), Some(Err(denied)));
    assert_eq!(m.status, CheckStatus::Missing);
    assert!(m.guide_step.unwrap().contains("Security Levels"));
    let mut no_delete = need.clone();
    no_delete.delete = Some(false);
    assert_eq!(evaluate(&no_delete, info(1, 1), rows(1)).status, CheckStatus::Warning);
    let timeout = PsaError::new(ErrorCode::NetworkTimeout, "slow", "f");
    let f = evaluate(&need, info(1, 0), Some(Err(timeout)));
    assert_eq!((f.status, f.code), (CheckStatus::Failed, Some(ErrorCode::NetworkTimeout)));
}

/// Issue 13: the live API answers `userAccessFor*` as words (msoukhomlinov/n8n-nodes-autotask
/// `nodes/Autotask/types/base/entities.ts`: 'None' | 'All' | 'Restricted'; panoramicdata/AutoTask.Psa.Api
/// `EntityInformationDeserializationTests.cs`), the help page (REST_EntityInformationCall) as 0/1/2.
mod access_forms {
    use super::super::*;

    fn info_words(q: &str, c: &str, u: &str, d: &str) -> Result<Value, PsaError> {
        Ok(json!({"info": {"name": "Company", "userAccessForQuery": q, "userAccessForCreate": c,
            "userAccessForUpdate": u, "userAccessForDelete": d}}))
    }

    fn rows(n: usize) -> Option<Result<Value, PsaError>> {
        Some(Ok(json!({"items": vec![json!({"id": 1}); n], "pageDetails": {}})))
    }

    fn rw() -> EntityNeed {
        let mut n = EntityNeed::read("Companies");
        n.create = true;
        n.update = true;
        n
    }

    #[test]
    fn a_read_only_user_in_words_does_not_pass_create_and_update() {
        let it = evaluate(&rw(), info_words("All", "None", "None", "None"), rows(1));
        assert_eq!(it.status, CheckStatus::Missing, "{it:#?}");
        assert!(it.message.contains("does not allow to create"), "{}", it.message);
    }

    #[test]
    fn words_are_read_case_insensitively_and_numeric_strings_too() {
        assert_eq!(evaluate(&rw(), info_words("all", "ALL", "All", "none"), rows(1)).status, CheckStatus::Ok);
        assert_eq!(evaluate(&rw(), info_words("1", "1", "1", "0"), rows(1)).status, CheckStatus::Ok);
        assert_eq!(evaluate(&rw(), info_words("1", "0", "1", "0"), rows(1)).status, CheckStatus::Missing);
        let r = evaluate(&rw(), info_words("Restricted", "All", "All", "None"), rows(0));
        assert_eq!(r.status, CheckStatus::Restricted, "{r:#?}");
    }

    #[test]
    fn an_unknown_or_missing_value_is_never_ok() {
        for info in [
            info_words("All", "Maybe", "All", "None"),
            Ok(json!({"info": {"name": "Company", "userAccessForQuery": "All", "userAccessForUpdate": "All"}})),
            Ok(json!({"info": {"name": "Company", "userAccessForQuery": 1, "userAccessForCreate": 7,
                "userAccessForUpdate": 1, "userAccessForDelete": 0}})),
            Ok(json!({"info": {"name": "Company", "userAccessForQuery": 1, "userAccessForCreate": null,
                "userAccessForUpdate": 1, "userAccessForDelete": 0}})),
        ] {
            let it = evaluate(&rw(), info, rows(1));
            assert_ne!(it.status, CheckStatus::Ok, "{it:#?}");
            assert!(it.message.contains("confirm by hand"), "{}", it.message);
        }
    }
}
