//! Hand-offs: a support agent fills in everything but the secret, and sends the customer a small file or a
//! `psa-connect://setup?d=…` link. Opening it starts the wizard on the secret step with the rest filled in.
//!
//! The document is a [`ProfileInput`] (what a saved profile is made from, with `name` as a suggested
//! profile name and an empty `username` when the agent does not know it) plus the step to open:
//! `{ "kind": "psa-connect-handoff", "version": 2, "openStep": "secret", "connection": {"psa": ...}, ... }`.
//! Format 1 (the connection's fields flat, see `crate::connection::v1`) still opens: links sit in e-mails.
//! The link carries the same JSON, compact, as unpadded base64url in `d`.
//!
//! Parsing is strict because the text comes from e-mail or chat: size-capped, versioned, and anything with
//! a secret-looking field is refused outright. The zone or site is re-derived from its API address, so a
//! link can only ever point the secret at an Autotask or ConnectWise host (or this machine, for demos).

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, URL_SAFE_NO_PAD};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use url::Url;

use super::handoff_checks::{bounded, check_filters, checked_site, checked_zone, host_of};
use crate::autotask;
use crate::connection::Connection;
use crate::error::{ErrorCode, PsaError};
use crate::model::Psa;
use crate::profiles::ProfileInput;
use crate::templates;

pub const HANDOFF_KIND: &str = "psa-connect-handoff";
pub const HANDOFF_VERSION: u64 = 2;
pub const LINK_SCHEME: &str = "psa-connect";
/// `psa-connect://setup?d=`: the only link form PSA Connect writes.
pub const LINK_PREFIX: &str = "psa-connect://setup?d=";
/// A hand-off is a few hundred bytes; anything near this is not one.
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024;
/// base64 grows the document by 4/3; some room for the prefix and stray parameters.
pub const MAX_LINK_CHARS: usize = MAX_DOCUMENT_BYTES / 3 * 4 + 256;
const MAX_NOTES_CHARS: usize = 4000;
const MAX_FIELD_CHARS: usize = 200;

/// The wizard's steps, as the UI names them (`ui/src/wizard/state.ts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum WizardStep {
    Choose,
    ApiUser,
    Username,
    Secret,
    Zone,
    Check,
    Filters,
    Summary,
    /// "Enter it in <vendor>": what to type into the vendor's own portal.
    Vendor,
}

/// The hand-off document as written to a file or a link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Handoff {
    /// Always `psa-connect-handoff`.
    pub kind: String,
    #[ts(type = "number")]
    pub version: u64,
    /// Where the wizard opens: the secret step, or the username step when no username was given.
    pub open_step: WizardStep,
    /// Everything but the secret. `name` is a suggested profile name (may be empty); the connection's login
    /// (username or public key) is empty when the customer is to type it.
    #[serde(flatten)]
    pub profile: ProfileInput,
}

/// A checked hand-off, ready for the wizard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HandoffDraft {
    pub open_step: WizardStep,
    pub profile: ProfileInput,
    /// The template's display name, to show "Prepared for: …".
    pub template_name: String,
    /// The hosts the secret will be sent to once the customer types it; the wizard shows them. Empty when
    /// the zone or site is still to be detected.
    pub secret_hosts: Vec<String>,
}

/// What the app gives the UI when a link or file is opened from outside (in the page's start-up answers, or
/// pushed to the page and sent as the event `handoff-opened` while it runs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HandoffOpened {
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<HandoffDraft>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<PsaError>,
}

impl From<Result<HandoffDraft, PsaError>> for HandoffOpened {
    fn from(r: Result<HandoffDraft, PsaError>) -> Self {
        match r {
            Ok(d) => HandoffOpened { draft: Some(d), error: None },
            Err(e) => HandoffOpened { draft: None, error: Some(e) },
        }
    }
}

const ASK_AGAIN: &str = "Ask the person who sent it for a new hand-off made with PSA Connect (psa-connect handoff \
                         create), or set the connection up with the wizard from the start.";

pub(super) fn invalid(message: impl Into<String>, details: impl Into<String>) -> PsaError {
    PsaError::new(ErrorCode::ImportInvalid, message, ASK_AGAIN).with_details(details)
}

fn contains_secret(fields: &[String]) -> PsaError {
    PsaError::new(
        ErrorCode::ImportContainsSecret,
        "This hand-off carries something that looks like a secret or password, so PSA Connect did not open it. \
         Links and hand-off files never carry secrets.",
        "Ask the sender for a new hand-off without it (PSA Connect never puts one in), then type the secret \
         yourself on the Secret step. If a real secret was sent by e-mail or chat, treat it as exposed and \
         generate a new one in the PSA.",
    )
    // Names only, never values.
    .with_details(format!("fields: {}", fields.join(", ")))
}

impl Handoff {
    /// Checks a draft the agent filled in and wraps it as a document. `open_step` defaults to the secret
    /// step (the username step without a username). Refuses exactly what [`parse`] would refuse.
    pub fn create(profile: ProfileInput, open_step: Option<WizardStep>) -> Result<(Handoff, HandoffDraft), PsaError> {
        let doc = Handoff {
            kind: HANDOFF_KIND.to_string(),
            version: HANDOFF_VERSION,
            open_step: open_step.unwrap_or(WizardStep::Secret),
            profile,
        };
        // Through the same door as a received one, so whatever is created can be opened.
        let draft = parse_document(&doc.to_json())?;
        let doc = Handoff { open_step: draft.open_step, profile: draft.profile.clone(), ..doc };
        Ok((doc, draft))
    }

    /// The file form: pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a hand-off always serialises");
        s.push('\n');
        s
    }

    /// `psa-connect://setup?d=<base64url(compact JSON)>`.
    pub fn to_link(&self) -> String {
        let compact = serde_json::to_string(self).expect("a hand-off always serialises");
        format!("{LINK_PREFIX}{}", URL_SAFE_NO_PAD.encode(compact))
    }
}

/// A file's contents or a link, whichever `text` is.
pub fn parse(text: &str) -> Result<HandoffDraft, PsaError> {
    let t = text.trim_start_matches('\u{feff}').trim();
    let t = t.strip_prefix('<').and_then(|s| s.strip_suffix('>')).unwrap_or(t);
    if t.get(..LINK_SCHEME.len() + 1).is_some_and(|p| p.eq_ignore_ascii_case("psa-connect:")) {
        parse_link(t)
    } else {
        parse_document(t)
    }
}

/// A `psa-connect://setup?d=…` link.
pub fn parse_link(link: &str) -> Result<HandoffDraft, PsaError> {
    let link = link.trim();
    if link.len() > MAX_LINK_CHARS {
        return Err(invalid(
            "This link is far too long to be a PSA Connect hand-off.",
            format!("{} characters", link.len()),
        ));
    }
    let url = Url::parse(link).map_err(|e| invalid("This is not a PSA Connect hand-off link.", e.to_string()))?;
    let host_ok = url.host_str().is_some_and(|h| h.eq_ignore_ascii_case("setup")) && matches!(url.path(), "" | "/");
    if url.scheme() != LINK_SCHEME || !host_ok {
        return Err(invalid(
            "This is not a PSA Connect hand-off link.",
            format!("expected {LINK_PREFIX}…, got {}://{}", url.scheme(), url.host_str().unwrap_or("")),
        ));
    }
    let pairs: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let secret_params: Vec<String> =
        pairs.iter().map(|(k, _)| k.clone()).filter(|k| super::secret_like_name(k)).collect();
    if !secret_params.is_empty() {
        return Err(contains_secret(&secret_params));
    }
    let data: Vec<&String> = pairs.iter().filter(|(k, _)| k == "d").map(|(_, v)| v).collect();
    let [data] = data.as_slice() else {
        return Err(invalid(
            "This hand-off link is incomplete (it may have been cut off).",
            "need exactly one d= parameter",
        ));
    };
    // Accept padding and the standard alphabet too: mail clients and people retype links.
    let lenient = GeneralPurpose::new(
        &base64::alphabet::URL_SAFE,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    let normalised: String = data
        .trim()
        .chars()
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    let bytes = lenient
        .decode(normalised.as_bytes())
        .map_err(|e| invalid("This hand-off link is damaged (it may have been cut off or changed).", e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| invalid("This hand-off link is damaged.", "not UTF-8"))?;
    parse_document(&text)
}

/// The JSON document (a hand-off file's contents).
pub fn parse_document(text: &str) -> Result<HandoffDraft, PsaError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(invalid(
            "This file is too large to be a PSA Connect hand-off.",
            format!("{} bytes, limit {MAX_DOCUMENT_BYTES}", text.len()),
        ));
    }
    let text = text.trim_start_matches('\u{feff}');
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| invalid("This is not a PSA Connect hand-off.", e.to_string()))?;
    if !value.is_object() {
        return Err(invalid("This is not a PSA Connect hand-off.", "not a JSON object"));
    }
    // Before anything else: a secret is refused whatever else is wrong with the document.
    let secrets = super::secret_like_fields(&value);
    if !secrets.is_empty() {
        return Err(contains_secret(&secrets));
    }
    match value.get("kind").and_then(|k| k.as_str()) {
        Some(HANDOFF_KIND) => {}
        _ if value.get("format").and_then(|f| f.as_str()) == Some(crate::profiles::transfer::EXPORT_FORMAT) => {
            return Err(PsaError::new(
                ErrorCode::ImportInvalid,
                "This is a profile export, not a hand-off.",
                "Open it with \"Import profiles\" on the home screen (or psa-connect profile import).",
            ))
        }
        _ => return Err(invalid("This is not a PSA Connect hand-off.", "missing or wrong \"kind\"")),
    }
    let mut value = value;
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(HANDOFF_VERSION) => {}
        Some(1) => upgrade_v1(&mut value)?,
        Some(v) if v > HANDOFF_VERSION => {
            return Err(PsaError::new(
                ErrorCode::ImportInvalid,
                format!("This hand-off was made by a newer version of PSA Connect (format {v})."),
                "Update PSA Connect to the latest version, then open the hand-off again.",
            ))
        }
        _ => return Err(invalid("This hand-off has no usable version.", "bad \"version\"")),
    }
    if let Some(psa) = value.get("connection").and_then(|c| c.get("psa")) {
        if serde_json::from_value::<Psa>(psa.clone()).is_err() {
            return Err(unknown_psa(psa));
        }
    }
    let doc: Handoff = serde_path_to_error::deserialize(value)
        .map_err(|e| invalid("This hand-off is damaged or incomplete.", format!("{}: {}", e.path(), e.inner())))?;
    check(doc)
}

/// A format 1 hand-off read as format 2. Its `psa` is checked first, for the clearer "not a PSA we connect".
fn upgrade_v1(doc: &mut serde_json::Value) -> Result<(), PsaError> {
    if let Some(psa) = doc.get("psa") {
        if serde_json::from_value::<Psa>(psa.clone()).is_err() {
            return Err(unknown_psa(psa));
        }
    }
    let obj = doc.as_object_mut().expect("checked to be an object");
    crate::connection::v1::upgrade(obj).map_err(|e| invalid("This hand-off is damaged or incomplete.", e))?;
    obj.insert("version".into(), HANDOFF_VERSION.into());
    Ok(())
}

fn unknown_psa(psa: &serde_json::Value) -> PsaError {
    PsaError::new(
        ErrorCode::ImportInvalid,
        format!("This hand-off is for a PSA that PSA Connect does not connect ({psa})."),
        "PSA Connect sets up Datto Autotask and ConnectWise PSA. Ask the sender to make the hand-off for one of those.",
    )
}

/// The vendor's identifier a hand-off may carry (an identifier, not a secret): an Autotask integration code
/// is letters and digits, a ConnectWise clientId a GUID. Empty: the template's, or the customer's own.
fn check_identifier(code: &str, psa: Psa) -> Result<(), PsaError> {
    let ok = match psa {
        _ if code.is_empty() => true,
        Psa::Autotask => code.chars().all(|c| c.is_ascii_alphanumeric()),
        Psa::Connectwise => crate::connectwise::client_id::is_guid(code),
    };
    if ok {
        Ok(())
    } else {
        Err(invalid(
            match psa {
                Psa::Autotask => {
                    "The integration code in this hand-off is not one Autotask issues (letters and digits)."
                }
                Psa::Connectwise => "The clientId in this hand-off is not one ConnectWise issues (a GUID).",
            },
            "integrationCode malformed",
        ))
    }
}

fn check(doc: Handoff) -> Result<HandoffDraft, PsaError> {
    let Handoff { open_step, profile: mut p, .. } = doc;
    let template = templates::get(&p.template).map_err(|e| {
        PsaError::new(
            ErrorCode::TemplateUnknown,
            format!(
                "This hand-off is for an integration this version of PSA Connect does not know (\"{}\").",
                p.template.trim()
            ),
            format!("Update PSA Connect, or ask the sender to choose one of: {}.", templates::ids().join(", ")),
        )
        .with_details(e.message)
    })?;
    if !template.psas().contains(&p.connection.psa()) {
        return Err(invalid(
            format!(
                "The integration \"{}\" in this hand-off cannot be set up on {}.",
                template.name,
                p.connection.psa().product_name()
            ),
            format!("template {} supports {:?}", template.id, template.psas()),
        ));
    }
    p.template = template.id.clone();
    p.name = bounded("name", p.name.trim(), 100)?;
    p.notes = bounded("notes", p.notes.trim(), MAX_NOTES_CHARS)?;
    let mut secret_hosts = Vec::new();
    match &mut p.connection {
        Connection::Autotask(a) => {
            a.username = bounded("username", a.username.trim(), MAX_FIELD_CHARS)?;
            a.integration_code = bounded("integrationCode", a.integration_code.trim(), MAX_FIELD_CHARS)?;
            if !a.username.is_empty() {
                a.username = autotask::validate_username(&a.username)?;
            }
            if let Some(zone) = a.zone.take() {
                let zone = checked_zone(zone)?;
                secret_hosts.push(host_of(&zone.api_url));
                a.zone = Some(zone);
            }
        }
        Connection::Connectwise(c) => {
            c.company_id = bounded("companyId", c.company_id.trim(), MAX_FIELD_CHARS)?;
            c.public_key = bounded("publicKey", c.public_key.trim(), MAX_FIELD_CHARS)?;
            c.client_id = bounded("clientId", c.client_id.trim(), MAX_FIELD_CHARS)?;
            if let Some(site) = &c.site {
                checked_site(site)?;
                if !c.company_id.is_empty() && !site.company_id.trim().eq_ignore_ascii_case(&c.company_id) {
                    return Err(invalid(
                        "This hand-off names two different ConnectWise companies.",
                        "companyId differs from site.companyId",
                    ));
                }
                if c.company_id.is_empty() {
                    c.company_id = site.company_id.trim().to_string();
                }
                secret_hosts.push(host_of(&site.api_url));
            }
        }
    }
    check_identifier(p.connection.identifier(), p.connection.psa())?;
    check_filters(&p.filters, p.connection.psa())?;
    let known: Vec<&str> = template.settings.iter().map(|s| s.id.as_str()).collect();
    if let Some(k) = p.settings.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(invalid(
            format!("This hand-off sets \"{k}\", which the integration \"{}\" does not have.", template.name),
            format!("known settings: {}", known.join(", ")),
        ));
    }
    // Without a username there is nothing to type a secret for yet.
    let step = if p.connection.login().is_empty()
        && !matches!(open_step, WizardStep::Choose | WizardStep::ApiUser | WizardStep::Username)
    {
        WizardStep::Username
    } else {
        open_step
    };
    Ok(HandoffDraft { open_step: step, template_name: template.name.clone(), profile: p, secret_hosts })
}
