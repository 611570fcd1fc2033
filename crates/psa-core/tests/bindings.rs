//! Generates `ui/src/bindings.gen.ts` from the Rust types and fails when the committed file is stale.
//! Refresh with: `UPDATE_BINDINGS=1 cargo test -p psa-core --test bindings`.

use psa_core::error::{ErrorCode, PsaError};
use psa_core::model::*;
use psa_core::profiles as prof;
use psa_core::support;
use psa_core::templates as tpl;
use ts_rs::{Config, TS};

fn render() -> String {
    let cfg = Config::default();
    let decls = [
        ErrorCode::decl(&cfg),
        PsaError::decl(&cfg),
        Psa::decl(&cfg),
        ZoneSource::decl(&cfg),
        AutotaskZone::decl(&cfg),
        AutotaskCredentials::decl(&cfg),
        ConnectwiseSite::decl(&cfg),
        ConnectwiseCredentials::decl(&cfg),
        CheckStatus::decl(&cfg),
        CheckItem::decl(&cfg),
        Threshold::decl(&cfg),
        PicklistValue::decl(&cfg),
        Picklists::decl(&cfg),
        ActiveState::decl(&cfg),
        FilterSet::decl(&cfg),
        Preview::decl(&cfg),
        ContactEstimate::decl(&cfg),
        EstimateMethod::decl(&cfg),
        CheckReport::decl(&cfg),
        AppInfo::decl(&cfg),
        tpl::TemplateSummary::decl(&cfg),
        tpl::Template::decl(&cfg),
        tpl::AutotaskSetup::decl(&cfg),
        tpl::SecurityLevelPlan::decl(&cfg),
        tpl::TrackingKind::decl(&cfg),
        tpl::TrackingIdentifier::decl(&cfg),
        tpl::AdminPage::decl(&cfg),
        tpl::GuideStep::decl(&cfg),
        tpl::Access::decl(&cfg),
        tpl::PermissionRow::decl(&cfg),
        tpl::Extra::decl(&cfg),
        tpl::ContactMustExist::decl(&cfg),
        tpl::ProtectedUdfNote::decl(&cfg),
        tpl::ManualCheck::decl(&cfg),
        tpl::ConnectwiseSetup::decl(&cfg),
        tpl::CwSecurityRole::decl(&cfg),
        tpl::CwRoleRow::decl(&cfg),
        tpl::SettingKind::decl(&cfg),
        tpl::SettingOption::decl(&cfg),
        tpl::SettingField::decl(&cfg),
        tpl::PackInfo::decl(&cfg),
        tpl::PackStatus::decl(&cfg),
        tpl::PortalPlans::decl(&cfg),
        tpl::PortalPlan::decl(&cfg),
        tpl::PortalItem::decl(&cfg),
        tpl::PortalValue::decl(&cfg),
        psa_core::portal::PortalFacts::decl(&cfg),
        psa_core::portal::PortalLine::decl(&cfg),
        psa_core::portal::PortalView::decl(&cfg),
        psa_core::portal::PortalCopied::decl(&cfg),
        psa_core::connection::Connection::decl(&cfg),
        psa_core::connection::AutotaskConnection::decl(&cfg),
        psa_core::connection::ConnectwiseConnection::decl(&cfg),
        prof::LastCheck::decl(&cfg),
        prof::recheck_all::RecheckResult::decl(&cfg),
        prof::recheck_all::RecheckSummary::decl(&cfg),
        prof::recheck_all::RecheckEvent::decl(&cfg),
        prof::Profile::decl(&cfg),
        prof::ProfileInput::decl(&cfg),
        prof::ProfileWarning::decl(&cfg),
        prof::ExportedProfile::decl(&cfg),
        prof::ExportDocument::decl(&cfg),
        prof::ClashChoice::decl(&cfg),
        prof::ImportOptions::decl(&cfg),
        prof::ImportedProfile::decl(&cfg),
        prof::ImportReport::decl(&cfg),
        support::handoff::WizardStep::decl(&cfg),
        support::handoff::Handoff::decl(&cfg),
        support::handoff::HandoffDraft::decl(&cfg),
        support::handoff::HandoffOpened::decl(&cfg),
        support::diagnose::DiagnosticReport::decl(&cfg),
    ];
    let mut out =
        String::from("// Generated from the Rust types in crates/psa-core by its `bindings` test. Do not edit.\n\n");
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out
}

#[test]
fn typescript_bindings_are_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings.gen.ts");
    let want = render();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "ui/src/bindings.gen.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p psa-core --test bindings` and commit it"
    );
}
