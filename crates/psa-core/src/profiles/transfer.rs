//! Export and import of profiles as a secret-free JSON document:
//! `{ "format": "psa-connect-profiles", "version": 2, "exportedAt": ..., "profiles": [...] }`. Format 1 files
//! (connection fields flat, see `crate::connection::v1`) still import.
//!
//! Exports carry neither secrets nor keychain references (those are per machine). Imports refuse any
//! document with a secret-looking field, never overwrite a profile unless told to per name, and say which
//! imported profiles still need their secret entered.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use ts_rs::TS;

use super::ops::{validate_name, warnings_for, ProfileInput, ProfileWarning};
use super::store::{find, ProfileStore};
use super::{names_equal, new_id, now, LastCheck, Profile};
use crate::connection;
use crate::error::{ErrorCode, PsaError};

pub const EXPORT_FORMAT: &str = "psa-connect-profiles";
/// 2: the connection is one `connection` object per PSA; 1 kept it flat (still imported).
pub const EXPORT_VERSION: u64 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportedProfile {
    /// Name, template, connection, filters, settings and notes, at the top level on the wire.
    #[serde(flatten)]
    #[ts(flatten)]
    pub details: ProfileInput,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub created_at: OffsetDateTime,
    /// The exporting machine's last test; informative only (imports start untested).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_check: Option<LastCheck>,
}

impl std::ops::Deref for ExportedProfile {
    type Target = ProfileInput;
    fn deref(&self) -> &ProfileInput {
        &self.details
    }
}

impl From<&Profile> for ExportedProfile {
    fn from(p: &Profile) -> Self {
        ExportedProfile { details: p.details.clone(), created_at: p.created_at, last_check: p.last_check.clone() }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportDocument {
    /// Always `psa-connect-profiles`.
    pub format: String,
    #[ts(type = "number")]
    pub version: u64,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub exported_at: OffsetDateTime,
    pub profiles: Vec<ExportedProfile>,
}

/// What to do with an imported profile whose name is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClashChoice {
    /// Leave the existing profile; drop the imported one.
    Skip,
    /// Import under a free name: "NAME (imported)", "NAME (imported 2)", ...
    Rename,
    /// Overwrite the existing profile's settings with the imported ones (keeps its secret only when the
    /// username stays the same).
    Replace,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ImportOptions {
    /// Choice per clashing name as written in the document (matched ignoring case).
    pub choices: BTreeMap<String, ClashChoice>,
    /// Used for clashes without a choice of their own. `None`: report them and import nothing.
    #[ts(optional)]
    pub default_choice: Option<ClashChoice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportedProfile {
    pub id: String,
    pub name: String,
    /// The name in the document (differs from `name` after a rename).
    pub source_name: String,
    pub replaced: bool,
    /// True when no secret is stored for it yet: the user enters it (or skips) next.
    pub needs_secret: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub imported: Vec<ImportedProfile>,
    /// Names skipped by choice.
    pub skipped: Vec<String>,
    /// Names already in use with no choice given. When not empty, nothing was imported: ask, then retry.
    pub clashes: Vec<String>,
    pub warnings: Vec<ProfileWarning>,
    /// Keychain entries of replaced profiles whose username changed; the service layer deletes them.
    #[serde(skip)]
    #[ts(skip)]
    pub orphaned_secret_refs: Vec<String>,
}

/// Writes an export document to `target` atomically (a reader or a crash sees the old file or the whole new
/// one). The document holds no secret by construction: [`ExportedProfile`] has no field for one.
pub fn write_document(doc: &ExportDocument, target: &std::path::Path) -> Result<(), PsaError> {
    let body = serde_json::to_string_pretty(doc).map_err(|e| PsaError::internal(format!("export json: {e}")))?;
    super::fsutil::atomic_write(target, format!("{body}\n").as_bytes()).map_err(|e| {
        PsaError::new(
            ErrorCode::ProfileStoreIo,
            format!("Could not write the export to {}.", target.display()),
            "Choose a folder you may write to, with some free space.",
        )
        .with_details(e.to_string())
    })
}

/// The document for one profile (`Some(name or id)`) or all of them.
pub fn export(store: &ProfileStore, which: Option<&str>) -> Result<ExportDocument, PsaError> {
    let profiles = match which {
        Some(id_or_name) => vec![store.get(id_or_name)?],
        None => store.list()?,
    };
    Ok(ExportDocument {
        format: EXPORT_FORMAT.to_string(),
        version: EXPORT_VERSION,
        exported_at: now(),
        profiles: profiles.iter().map(ExportedProfile::from).collect(),
    })
}

fn invalid(message: impl Into<String>, details: impl Into<String>) -> PsaError {
    PsaError::new(
        ErrorCode::ImportInvalid,
        message,
        "Import a file made with PSA Connect's \"Export profiles\" (or psa-connect profile export), unchanged.",
    )
    .with_details(details)
}

fn secret_like(key: &str) -> bool {
    let k: String = key.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    ["secret", "password", "passwd", "privatekey"].iter().any(|w| k.contains(w)) || k == "pwd"
}

fn find_secret_keys(value: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let here = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                if secret_like(k) {
                    out.push(here.clone());
                }
                find_secret_keys(v, &here, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                find_secret_keys(v, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// Checks a document and returns its profiles. Refuses secrets before looking at anything else.
pub fn parse_document(text: &str) -> Result<Vec<ExportedProfile>, PsaError> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| invalid("This file is not a PSA Connect profile export.", e.to_string()))?;
    let mut found = Vec::new();
    find_secret_keys(&value, "", &mut found);
    if !found.is_empty() {
        return Err(PsaError::new(
            ErrorCode::ImportContainsSecret,
            "This file contains a field that looks like a secret or password, so PSA Connect will not import it. \
             Secrets are only ever kept in the system keychain.",
            "Remove those fields from the file (or export the profiles again from PSA Connect, which never writes \
             secrets), then import it and enter each secret when asked.",
        )
        // Only field paths, never their values.
        .with_details(format!("fields: {}", found.join(", "))));
    }
    if value.get("format").and_then(|f| f.as_str()) != Some(EXPORT_FORMAT) {
        return Err(invalid("This file is not a PSA Connect profile export.", "missing or wrong \"format\""));
    }
    let mut value = value;
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(EXPORT_VERSION) => {}
        Some(1) => upgrade_v1(&mut value)?,
        Some(v) if v > EXPORT_VERSION => {
            return Err(PsaError::new(
                ErrorCode::ImportInvalid,
                format!("This export was made by a newer version of PSA Connect (format {v})."),
                "Update PSA Connect to the latest version, then import the file again.",
            ))
        }
        _ => return Err(invalid("This profile export has no usable version.", "bad \"version\"")),
    }
    let doc: ExportDocument = serde_json::from_value(value)
        .map_err(|e| invalid("This profile export is damaged or incomplete.", e.to_string()))?;
    for (i, p) in doc.profiles.iter().enumerate() {
        validate_name(&p.name)?;
        if doc.profiles[..i].iter().any(|q| names_equal(&q.name, &p.name)) {
            return Err(invalid("This export lists the same profile name twice.", p.name.clone()));
        }
    }
    Ok(doc.profiles)
}

/// A format 1 export read as format 2: each profile's flat connection fields nested.
fn upgrade_v1(doc: &mut serde_json::Value) -> Result<(), PsaError> {
    connection::v1::upgrade_list(doc).map_err(|why| invalid("This profile export is damaged or incomplete.", why))?;
    doc["version"] = EXPORT_VERSION.into();
    Ok(())
}

/// A name used neither by a stored profile nor by another profile of the document.
fn free_name(profiles: &[Profile], incoming: &[String], base: &str) -> String {
    (1..)
        .map(|n| if n == 1 { format!("{base} (imported)") } else { format!("{base} (imported {n})") })
        .find(|c| !profiles.iter().any(|p| names_equal(&p.name, c)) && !incoming.iter().any(|n| names_equal(n, c)))
        .expect("an unused name exists")
}

fn choice_for(opts: &ImportOptions, name: &str) -> Option<ClashChoice> {
    opts.choices.iter().find(|(k, _)| names_equal(k, name)).map(|(_, c)| *c).or(opts.default_choice)
}

/// Imports a document into the store. Writes nothing when a clash has no choice (see `clashes`).
pub fn import(store: &ProfileStore, text: &str, opts: &ImportOptions) -> Result<ImportReport, PsaError> {
    let incoming = parse_document(text)?;
    store.modify(|profiles| {
        let clashes = incoming
            .iter()
            .filter(|p| choice_for(opts, &p.name).is_none() && find(profiles, &p.name).is_some())
            .map(|p| p.name.clone())
            .collect();
        let mut report = ImportReport { clashes, ..Default::default() };
        if !report.clashes.is_empty() {
            return Ok(report);
        }
        let at = now();
        let incoming_names: Vec<String> = incoming.iter().map(|p| p.name.clone()).collect();
        for src in incoming {
            let source_name = src.name.clone();
            let mut profile = Profile {
                id: new_id(),
                details: ProfileInput {
                    name: validate_name(&src.name)?,
                    connection: src.details.connection.trimmed(),
                    ..src.details
                },
                created_at: src.created_at,
                updated_at: at,
                last_check: None,
                secret_ref: None,
            };
            let existing = profiles.iter().position(|p| names_equal(&p.name, &profile.name));
            let mut replace_at = None;
            if let Some(pos) = existing {
                match choice_for(opts, &source_name).expect("clashes without a choice returned above") {
                    ClashChoice::Skip => {
                        report.skipped.push(source_name.clone());
                        continue;
                    }
                    ClashChoice::Rename => profile.name = free_name(profiles, &incoming_names, &profile.name),
                    ClashChoice::Replace => {
                        let old = &profiles[pos];
                        profile.id = old.id.clone();
                        profile.name = old.name.clone();
                        profile.created_at = old.created_at;
                        let same_login = old.psa() == profile.psa()
                            && old.connection.login().eq_ignore_ascii_case(profile.connection.login());
                        match &old.secret_ref {
                            Some(r) if same_login => profile.secret_ref = Some(r.clone()),
                            Some(r) => report.orphaned_secret_refs.push(r.clone()),
                            None => {}
                        }
                        replace_at = Some(pos);
                    }
                }
            }
            report.warnings.extend(warnings_for(profiles, &profile));
            report.imported.push(ImportedProfile {
                id: profile.id.clone(),
                name: profile.name.clone(),
                source_name,
                replaced: replace_at.is_some(),
                needs_secret: profile.secret_ref.is_none(),
            });
            match replace_at {
                Some(pos) => profiles[pos] = profile,
                None => profiles.push(profile),
            }
        }
        Ok(report)
    })
}
