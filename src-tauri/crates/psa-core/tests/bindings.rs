//! Generates `ui/src/bindings.gen.ts` from the Rust types and fails when the committed file is stale.
//! Refresh with: `UPDATE_BINDINGS=1 cargo test -p psa-core --test bindings`.

use psa_core::error::{ErrorCode, PsaError};
use psa_core::model::*;
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
        CheckStatus::decl(&cfg),
        CheckItem::decl(&cfg),
        Threshold::decl(&cfg),
        PicklistValue::decl(&cfg),
        Picklists::decl(&cfg),
        ActiveState::decl(&cfg),
        FilterSet::decl(&cfg),
        Preview::decl(&cfg),
        CheckReport::decl(&cfg),
        AppInfo::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types in src-tauri/crates/psa-core by its `bindings` test. Do not edit.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out
}

#[test]
fn typescript_bindings_are_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../ui/src/bindings.gen.ts");
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
