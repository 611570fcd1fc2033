//! `psa-connect profile export` and `import`: files without secrets.

use psa_core::keychain::KeyringStore;
use psa_core::profiles::{service, transfer, ClashChoice, ImportOptions, ProfileStore};
use psa_core::{ErrorCode, PsaError};
use serde_json::json;

use super::profile::{to_json, ExportArgs, ImportArgs, OnClash};
use super::profile_report as text;
use crate::output::Rendered;

pub fn export(store: &ProfileStore, a: ExportArgs) -> Result<Rendered, PsaError> {
    let mut doc = transfer::export(store, None)?;
    if !a.names.is_empty() {
        let mut picked = Vec::new();
        for name in &a.names {
            let one = transfer::export(store, Some(name))?;
            // A profile named twice (by name and by id, say) is exported once: import refuses a name twice.
            for p in one.profiles {
                if !picked.iter().any(|q: &transfer::ExportedProfile| q.details.name == p.details.name) {
                    picked.push(p);
                }
            }
        }
        doc.profiles = picked;
    }
    let body = serde_json::to_string_pretty(&doc).map_err(|e| PsaError::internal(format!("json: {e}")))?;
    match a.output.as_deref().filter(|o| *o != "-") {
        None => Ok(Rendered::ok(to_json(&doc)?, format!("{body}\n"))),
        Some(path) => {
            transfer::write_document(&doc, std::path::Path::new(path))?;
            let n = doc.profiles.len();
            let human = exported_message(n, path);
            Ok(Rendered::ok(json!({ "ok": true, "file": path, "count": n }), human))
        }
    }
}

pub fn import(store: &ProfileStore, a: ImportArgs) -> Result<Rendered, PsaError> {
    let text = std::fs::read_to_string(&a.file).map_err(|e| {
        PsaError::new(
            ErrorCode::ImportInvalid,
            format!("Could not read {}.", a.file),
            "Check the file name and that you may read it.",
        )
        .with_details(e.to_string())
    })?;
    let default_choice = a.on_clash.map(|c| match c {
        OnClash::Skip => ClashChoice::Skip,
        OnClash::Rename => ClashChoice::Rename,
        OnClash::Replace => ClashChoice::Replace,
    });
    let opts = ImportOptions { choices: Default::default(), default_choice };
    let keys = KeyringStore::from_env()?;
    let report = service::import_profiles(store, &text, &opts, &keys)?;
    if !report.clashes.is_empty() {
        return Err(PsaError::new(
            ErrorCode::ProfileExists,
            format!("Nothing was imported: these profiles already exist: {}.", report.clashes.join(", ")),
            "Run the import again with --on-clash skip, rename or replace.",
        ));
    }
    let mut needs = Vec::new();
    for p in report.imported.iter().filter(|p| p.needs_secret) {
        if let Ok(profile) = store.get(&p.id) {
            needs.push(profile);
        }
    }
    let human = text::import_text(&report, &needs);
    Ok(Rendered::ok(json!({ "ok": true, "import": to_json(&report)? }), human))
}

/// What a person reads after an export to a file.
fn exported_message(n: usize, path: &str) -> String {
    match n {
        1 => format!("Exported 1 profile to {path} (without its secret: it is entered again after import).\n"),
        n => format!("Exported {n} profiles to {path} (no secrets; each is entered again after import).\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::exported_message;

    #[test]
    fn the_export_message_agrees_in_number() {
        assert_eq!(
            exported_message(1, "a.json"),
            "Exported 1 profile to a.json (without its secret: it is entered again after import).\n"
        );
        assert!(exported_message(0, "a.json").starts_with("Exported 0 profiles to a.json (no secrets;"));
        assert!(exported_message(3, "a.json").starts_with("Exported 3 profiles to a.json (no secrets;"));
    }
}
