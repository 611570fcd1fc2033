//! Vendor packs: how a vendor that hands PSA Connect to its partners supplies what belongs to the vendor
//! (the Autotask integration code of its "Integration Vendor" entry, its registered ConnectWise clientId)
//! and its own templates, without rebuilding the app. A pack is one small TOML file:
//!
//! ```toml
//! kind = "psa-connect-pack"
//! version = 1
//! vendor = "Binox"
//! support = "Ask your Binox account manager"      # optional: how partners reach the vendor
//!
//! [[identifiers]]                                   # identifiers for a template (built-in or below)
//! template = "binox-msp"
//! trackingCode = "…"                                # Autotask ApiIntegrationCode (integration_vendor only)
//! clientId = "…"                                    # ConnectWise clientId (a GUID)
//!
//! [[templates]]                                     # optional: whole templates, same keys as templates/*.toml
//! id = "binox-msp"                                  # an existing id replaces that template, a new one is added
//! …
//! ```
//!
//! A pack is data, like a template: nothing in it can say where a secret goes. It has no field for a host or
//! a URL (unknown keys are refused), any `://` in it is refused, and the zone and site rules stay as they are.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::types::{Template, TrackingKind};
use crate::error::{ErrorCode, PsaError};
use crate::ids::is_guid;

pub const PACK_KIND: &str = "psa-connect-pack";
pub const PACK_VERSION: u64 = 1;
/// A pack's file name ends with this; the default locations are searched for it.
pub const PACK_SUFFIX: &str = ".psapack.toml";
/// Names a pack file explicitly (the command line's `--pack` wins over it).
pub const PACK_ENV: &str = "PSA_CONNECT_PACK";
/// A pack of identifiers is a few hundred bytes, one with a dozen templates some tens of KiB.
pub const MAX_PACK_BYTES: u64 = 256 * 1024;
const MAX_VENDOR_CHARS: usize = 80;
const MAX_SUPPORT_CHARS: usize = 300;
const MAX_CODE_CHARS: usize = 64;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct PackFile {
    kind: String,
    version: u64,
    vendor: String,
    #[serde(default)]
    support: Option<String>,
    #[serde(default)]
    identifiers: Vec<PackIdentifiers>,
    #[serde(default)]
    templates: Vec<Template>,
}

/// The vendor's identifiers for one template.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PackIdentifiers {
    pub template: String,
    #[serde(default)]
    pub tracking_code: Option<String>,
    #[serde(default)]
    pub client_id: Option<String>,
}

/// A checked pack.
#[derive(Debug, Clone, PartialEq)]
pub struct Pack {
    pub info: PackInfo,
    pub identifiers: Vec<PackIdentifiers>,
    pub templates: Vec<Template>,
}

/// What the app and the command line show about the pack in use. Holds no identifier values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackInfo {
    /// Whose pack it is, e.g. "Binox".
    pub vendor: String,
    /// How partners reach the vendor, when the pack says.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support: Option<String>,
    /// The file it was read from.
    pub file: String,
    /// Ids of the templates the pack adds or replaces.
    pub templates: Vec<String>,
    /// Ids of the templates the pack supplies the vendor's identifiers for.
    pub supplies_identifiers_for: Vec<String>,
}

/// The outcome of looking for a pack at start-up: the pack in use, or why the one found was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackStatus {
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pack: Option<PackInfo>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<PsaError>,
}

fn refused(file: &str, problem: impl std::fmt::Display) -> PsaError {
    PsaError::new(
        ErrorCode::PackInvalid,
        format!("The vendor pack {file} was not used: {problem}."),
        "PSA Connect carries on with its built-in templates. If you are the vendor, fix what is named here and \
         check the file with `psa-connect templates list --pack FILE`; if a vendor sent you this file, ask them \
         for a corrected one.",
    )
    .with_details(format!("file={file}"))
}

/// Where a pack is looked for, first match wins: `explicit` (the command line's `--pack`), `PSA_CONNECT_PACK`,
/// then a `*.psapack.toml` beside the program, then one in PSA Connect's data folder (see `crate::folders`).
pub fn locate(explicit: Option<&Path>) -> Result<Option<PathBuf>, PsaError> {
    if let Some(p) = explicit {
        return Ok(Some(p.to_path_buf()));
    }
    if let Some(p) = std::env::var_os(PACK_ENV).filter(|v| !v.is_empty()) {
        return Ok(Some(PathBuf::from(p)));
    }
    let beside_exe = std::env::current_exe().ok().and_then(|e| e.parent().map(Path::to_path_buf));
    let data_dir = crate::folders::resolve_data_dir().ok();
    for dir in [beside_exe, data_dir].into_iter().flatten() {
        if let Some(found) = pack_in(&dir)? {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// The one `*.psapack.toml` in `dir`; two are refused, since which one applies would be a guess.
fn pack_in(dir: &Path) -> Result<Option<PathBuf>, PsaError> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(None);
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(PACK_SUFFIX)))
        .collect();
    found.sort();
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.pop()),
        _ => Err(refused(
            &dir.display().to_string(),
            format!(
                "the folder holds {} pack files ({}), and only one can apply; keep one",
                found.len(),
                found.iter().filter_map(|p| p.file_name()?.to_str()).collect::<Vec<_>>().join(", ")
            ),
        )),
    }
}

/// Reads and checks a pack file. Anything over [`MAX_PACK_BYTES`] is refused before it is read.
pub fn load(path: &Path) -> Result<Pack, PsaError> {
    let file = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| refused(&file, format!("it cannot be read ({e})")))?;
    if meta.len() > MAX_PACK_BYTES {
        return Err(refused(
            &file,
            format!("it is {} KiB, and a pack may be at most {} KiB", meta.len().div_ceil(1024), MAX_PACK_BYTES / 1024),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| refused(&file, format!("it cannot be read ({e})")))?;
    if bytes.len() as u64 > MAX_PACK_BYTES {
        return Err(refused(&file, format!("it is larger than {} KiB", MAX_PACK_BYTES / 1024)));
    }
    let text = String::from_utf8(bytes).map_err(|_| refused(&file, "it is not UTF-8 text"))?;
    parse(&file, &text)
}

/// Checks a pack's text; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Pack, PsaError> {
    if text.len() as u64 > MAX_PACK_BYTES {
        return Err(refused(file, format!("it is larger than {} KiB", MAX_PACK_BYTES / 1024)));
    }
    if let Some(line) = text.lines().position(|l| l.contains("://")) {
        return Err(refused(
            file,
            format!(
                "line {} holds an address (\"://\"); a pack carries no addresses, because where a secret is sent \
                 is never up to a file",
                line + 1
            ),
        ));
    }
    let raw: PackFile = super::from_toml(text).map_err(|(path, inner)| {
        let line = inner.span().map(|s| 1 + text[..s.start.min(text.len())].matches('\n').count());
        let at = if path == "." { String::new() } else { format!("{path}: ") };
        match line {
            Some(line) => refused(file, format!("{at}{} (line {line})", inner.message().trim())),
            None => refused(file, format!("{at}{}", inner.message().trim())),
        }
    })?;
    check(file, raw)
}

fn check(file: &str, raw: PackFile) -> Result<Pack, PsaError> {
    if raw.kind != PACK_KIND {
        return Err(refused(file, format!("kind is \"{}\"; a pack says kind = \"{PACK_KIND}\"", raw.kind)));
    }
    if raw.version != PACK_VERSION {
        return Err(refused(
            file,
            format!("version {} is not one this PSA Connect reads (it reads version {PACK_VERSION})", raw.version),
        ));
    }
    let vendor = raw.vendor.trim().to_string();
    if vendor.is_empty() || vendor.chars().count() > MAX_VENDOR_CHARS || vendor.chars().any(char::is_control) {
        return Err(refused(file, format!("vendor must be the vendor's name, 1 to {MAX_VENDOR_CHARS} characters")));
    }
    let support = raw.support.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    if support.as_ref().is_some_and(|s| s.chars().count() > MAX_SUPPORT_CHARS) {
        return Err(refused(file, format!("support must be at most {MAX_SUPPORT_CHARS} characters")));
    }
    let mut ids = std::collections::HashSet::new();
    for (i, t) in raw.templates.iter().enumerate() {
        t.validate(&format!("{}.toml", t.id)).map_err(|e| {
            let what = e.message.trim_start_matches("The integration template ").trim_end_matches('.');
            refused(file, format!("templates[{i}]: template {what}"))
        })?;
        if !ids.insert(t.id.clone()) {
            return Err(refused(file, format!("templates[{i}].id: \"{}\" appears twice", t.id)));
        }
    }
    let mut supplied = std::collections::HashSet::new();
    for (i, idf) in raw.identifiers.iter().enumerate() {
        let at = format!("identifiers[{i}]");
        let id = idf.template.trim().to_ascii_lowercase();
        if !supplied.insert(id.clone()) {
            return Err(refused(file, format!("{at}.template: \"{id}\" appears twice")));
        }
        let template = match raw.templates.iter().find(|t| t.id == id) {
            Some(t) => t.clone(),
            None => super::builtin(&id).map_err(|_| {
                refused(
                    file,
                    format!(
                        "{at}.template: PSA Connect has no template \"{id}\" and the pack adds none by that name \
                         (built-in: {})",
                        super::builtin_ids().join(", ")
                    ),
                )
            })?,
        };
        if idf.tracking_code.is_none() && idf.client_id.is_none() {
            return Err(refused(file, format!("{at}: give trackingCode, clientId or both")));
        }
        if let Some(code) = &idf.tracking_code {
            let Some(at_setup) = &template.autotask else {
                return Err(refused(file, format!("{at}.trackingCode: template \"{id}\" has no Autotask setup")));
            };
            if at_setup.tracking_identifier.kind != TrackingKind::IntegrationVendor {
                return Err(refused(
                    file,
                    format!(
                        "{at}.trackingCode: template \"{id}\" uses a Custom (Internal Integration) identifier, which \
                         belongs to each partner's own database; only an Integration Vendor template takes a code"
                    ),
                ));
            }
            if code.is_empty() || code.len() > MAX_CODE_CHARS || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(refused(
                    file,
                    format!(
                        "{at}.trackingCode: must be the integration code as Autotask issued it, 1 to \
                         {MAX_CODE_CHARS} letters and digits"
                    ),
                ));
            }
        }
        if let Some(client_id) = &idf.client_id {
            if template.connectwise.is_none() {
                return Err(refused(file, format!("{at}.clientId: template \"{id}\" has no ConnectWise setup")));
            }
            if !is_guid(client_id) {
                return Err(refused(
                    file,
                    format!(
                        "{at}.clientId: must be the clientId registered at developer.connectwise.com/ClientID, a GUID \
                         like 00000000-0000-0000-0000-000000000000"
                    ),
                ));
            }
        }
    }
    let identifiers: Vec<PackIdentifiers> = raw
        .identifiers
        .into_iter()
        .map(|i| PackIdentifiers { template: i.template.trim().to_ascii_lowercase(), ..i })
        .collect();
    let mut supplies: Vec<String> = identifiers.iter().map(|i| i.template.clone()).collect();
    for t in &raw.templates {
        let carries = t.autotask.as_ref().is_some_and(|a| a.tracking_identifier.code.is_some())
            || t.connectwise.as_ref().is_some_and(|c| c.client_id.is_some());
        if carries && !supplies.contains(&t.id) {
            supplies.push(t.id.clone());
        }
    }
    supplies.sort();
    Ok(Pack {
        info: PackInfo {
            vendor,
            support,
            file: file.to_string(),
            templates: raw.templates.iter().map(|t| t.id.clone()).collect(),
            supplies_identifiers_for: supplies,
        },
        identifiers,
        templates: raw.templates,
    })
}

impl Pack {
    /// `template` with this pack applied: replaced by the pack's own when it has one, then given the vendor's
    /// identifiers the pack supplies for it.
    pub(super) fn apply(&self, id: &str, builtin: Option<Template>) -> Option<Template> {
        let mut t = self.templates.iter().find(|t| t.id == id).cloned().or(builtin)?;
        if let Some(idf) = self.identifiers.iter().find(|i| i.template == id) {
            if let (Some(code), Some(at)) = (&idf.tracking_code, t.autotask.as_mut()) {
                at.tracking_identifier.code = Some(code.clone());
            }
            if let (Some(client_id), Some(cw)) = (&idf.client_id, t.connectwise.as_mut()) {
                cw.client_id = Some(client_id.clone());
            }
        }
        Some(t)
    }
}

#[cfg(test)]
mod tests;
