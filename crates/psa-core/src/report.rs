//! The lines of a connection check, shared by both PSAs so the wizard and the CLI show Autotask and
//! ConnectWise reports alike: how a line is made, announced as running, timed, and ranked.

use std::future::Future;
use std::time::Instant;

use futures::future::{BoxFuture, Shared};

use crate::error::{ErrorCode, PsaError};
use crate::model::{CheckItem, CheckReport, CheckStatus};
use crate::need::{Extra, ManualCheck};

pub use crate::numbers::thousands;

pub fn item(id: &str, label: &str, status: CheckStatus, message: impl Into<String>) -> CheckItem {
    CheckItem {
        id: id.to_string(),
        label: label.to_string(),
        status,
        message: message.into(),
        fix: None,
        code: None,
        guide_step: None,
        details: None,
        elapsed_ms: None,
    }
}

/// `it` carrying the error's code, fix and details.
pub fn carrying(mut it: CheckItem, e: &PsaError) -> CheckItem {
    it.fix = Some(e.fix.clone());
    it.code = Some(e.code);
    it.details = e.details.clone();
    it
}

/// A failed line carrying the error's code, fix and details.
pub fn failed(id: &str, label: &str, e: &PsaError) -> CheckItem {
    carrying(item(id, label, CheckStatus::Failed, e.message.clone()), e)
}

/// The sign-in line when the PSA refused without saying why (an unworded 403): a warning, not a sign-in. The
/// other lines still run ([`signed_in`]), and [`settle`] passes the test only if one of them reads live data.
pub fn unclear_sign_in(message: &str, e: &PsaError) -> CheckItem {
    carrying(item("auth", "Sign-in", CheckStatus::Warning, message), e)
}

/// Runs `work`, announcing the line as running first and stamping the elapsed time on the result.
pub async fn timed<F>(id: &str, label: &str, on_item: &(dyn Fn(&CheckItem) + Send + Sync), work: F) -> CheckItem
where
    F: Future<Output = CheckItem>,
{
    on_item(&item(id, label, CheckStatus::Running, format!("{label}…")));
    let t = Instant::now();
    let mut done = work.await;
    done.elapsed_ms = Some(t.elapsed().as_millis() as u64);
    on_item(&done);
    done
}

/// How bad a status is, for picking the worst of several findings.
pub fn rank(s: CheckStatus) -> u8 {
    match s {
        CheckStatus::Ok | CheckStatus::Running | CheckStatus::Skipped => 0,
        CheckStatus::Warning => 1,
        CheckStatus::Restricted => 2,
        CheckStatus::Missing => 3,
        CheckStatus::Failed => 4,
    }
}

/// Report ids are `extra.{n}.{kind}` so two extras of one kind never share a line.
pub fn extra_id(index: usize, extra: &Extra) -> String {
    let kind = match extra {
        Extra::ContactMustExist(_) => "contact",
        Extra::ProtectedUdfNote(_) => "protected_udfs",
        Extra::ManualCheck(_) => "manual",
    };
    format!("extra.{}.{kind}", index + 1)
}

pub fn extra_label(extra: &Extra) -> String {
    match extra {
        Extra::ContactMustExist(c) => format!("Contact \"{} {}\"", c.first_name, c.last_name),
        Extra::ProtectedUdfNote(p) => format!("Protected fields on {}", p.entity),
        Extra::ManualCheck(_) => "Confirm by hand".to_string(),
    }
}

/// Something the API cannot show: the line says so and sends nothing.
pub fn manual(id: String, label: String, m: &ManualCheck) -> CheckItem {
    item(&id, &label, CheckStatus::Skipped, format!("Confirm by hand: {}", m.text))
}

/// A check line that was not run because the sign-in failed (both PSAs report a refused sign-in once).
pub const NOT_RUN_SIGN_IN: &str = "Not run: sign-in failed.";

/// The sign-in call of a check, shared by every line of its wave.
pub type SignIn<'a, T> = Shared<BoxFuture<'a, Result<T, PsaError>>>;

/// Whether the check goes on past the sign-in: the PSA let the credentials in, or may have. A refused object
/// (`PermissionDenied`: a 403 with the documented permission wording) proves the sign-in; a 403 without that
/// wording (Autotask's `AuthUnclear`, ConnectWise's `CwRefusedUnclear`) proves nothing either way, so the
/// other lines still run and may prove it (psa-api.md §A2, §B1 "Errors"); [`settle`] passes the test only then.
pub fn signed_in<T>(r: &Result<T, PsaError>) -> bool {
    match r {
        Ok(_) => true,
        Err(e) => matches!(e.code, ErrorCode::PermissionDenied | ErrorCode::AuthUnclear | ErrorCode::CwRefusedUnclear),
    }
}

/// Runs `work` at once when it is in the first wave, else once the sign-in passed; either way its line is
/// only finished once the sign-in answer is known, so a refused sign-in is reported once, by its own line.
pub async fn gated<T: Clone>(
    id: String,
    label: String,
    first: bool,
    sign_in: SignIn<'_, T>,
    on_item: &(dyn Fn(&CheckItem) + Send + Sync),
    work: BoxFuture<'_, CheckItem>,
) -> CheckItem {
    timed(&id, &label, on_item, async {
        let done = if first {
            let (done, auth) = futures::join!(work, sign_in);
            signed_in(&auth).then_some(done)
        } else if signed_in(&sign_in.await) {
            Some(work.await)
        } else {
            None
        };
        done.unwrap_or_else(|| item(&id, &label, CheckStatus::Skipped, NOT_RUN_SIGN_IN))
    })
    .await
}

/// A check's first line, where the PSA lives (Autotask's zone lookup, ConnectWise's site lookup): `Some` of
/// what was found, worded by `found`; on failure the line fails and its error blocks the report.
pub async fn locate<T>(
    report: &mut CheckReport,
    (id, label): (&str, &str),
    on_item: &(dyn Fn(&CheckItem) + Send + Sync),
    work: impl Future<Output = Result<T, PsaError>>,
    found: impl FnOnce(&T) -> String,
) -> Option<T> {
    let (mut out, mut error) = (None, None);
    let line = timed(id, label, on_item, async {
        match work.await {
            Ok(v) => {
                let message = found(&v);
                out = Some(v);
                item(id, label, CheckStatus::Ok, message)
            }
            Err(e) => {
                let line = failed(id, label, &e);
                error = Some(e);
                line
            }
        }
    })
    .await;
    if error.is_some() {
        report.error = error;
    }
    report.items.push(line);
    out
}

/// A finished wave, in the order its lines are shown.
pub struct Wave<T> {
    pub sign_in: Result<T, PsaError>,
    /// The sign-in's own line.
    pub auth: CheckItem,
    /// Lines that inform and never block (Autotask's API budget).
    pub informative: Vec<CheckItem>,
    /// The permission lines the integration needs.
    pub required: Vec<CheckItem>,
    /// The template's extras (protected fields, contacts that must exist, settings to confirm by hand).
    pub extras: Vec<CheckItem>,
    pub picklists: Option<CheckItem>,
}

/// Puts a wave's lines into the report and gives its verdict, the same for both PSAs: signed in, every
/// required line ok (or a warning), no extra missing or failed ("confirm by hand" does not block), not
/// cancelled. A refused sign-in becomes the report's blocking error.
pub fn settle<T>(report: &mut CheckReport, wave: Wave<T>, cancelled: bool) {
    let auth_ok = signed_in(&wave.sign_in);
    if let (false, Err(e)) = (auth_ok, &wave.sign_in) {
        report.error = Some(e.clone());
    }
    // A skipped line here is a row the guide requires nothing of, or one left unrun by a refused sign-in
    // (which fails the report through `auth_ok`).
    let required_ok =
        wave.required.iter().all(|i| matches!(i.status, CheckStatus::Ok | CheckStatus::Warning | CheckStatus::Skipped));
    let extras_ok = wave.extras.iter().all(|i| !matches!(i.status, CheckStatus::Missing | CheckStatus::Failed));
    // A sign-in that proved nothing (an unworded 403) lets the other lines run, but the test passes only if one
    // of them read live data since (the API budget, a permission, a picklist, a live extra): else nothing was.
    let proven = std::iter::once(&wave.auth)
        .chain(&wave.informative)
        .chain(&wave.required)
        .chain(&wave.extras)
        .chain(&wave.picklists)
        .any(|i| i.status == CheckStatus::Ok);
    report.items.push(wave.auth);
    report.items.extend(wave.informative);
    report.items.extend(wave.required);
    report.items.extend(wave.extras);
    report.items.extend(wave.picklists);
    report.ok = auth_ok && proven && required_ok && extras_ok && !cancelled;
}

#[cfg(test)]
mod thousands_tests {
    use super::thousands;

    #[test]
    fn groups_digits_by_three_from_the_right() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
