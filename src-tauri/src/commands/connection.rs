//! The connection test and preview of the session, for whichever PSA it holds. The window does not name the
//! PSA: the credentials in the session (entered through `autotask_set_credentials` or
//! `connectwise_set_credentials`, or from an opened profile or hand-off) decide, so a test can never run one
//! PSA's credentials against the other's location. Where to connect is the session's too: a detected or
//! pasted zone, a detected site, or where the last test ended.

use std::future::Future;
use std::pin::Pin;

use psa_core::autotask;
use psa_core::connection::Connection;
use psa_core::connectwise;
use psa_core::model::{CheckItem, CheckReport, FilterSet, Preview};
use psa_core::profiles::recheck::{self, RecheckOptions};
use psa_core::profiles::Profile;
use psa_core::templates::{self, Template};
use psa_core::Secret;
use tauri::ipc::Channel;
use tauri::State;
use tokio_util::sync::CancellationToken;

use crate::error::{cancelled, no_credentials, site_unknown, zone_unknown, CmdResult};
use crate::state::{Credentials, Session, SessionCheck};

/// Tests the session's credentials where the session says their PSA lives, streaming each line. An Autotask
/// test without a known zone finds it from the username; ConnectWise needs the site first. The result is the
/// session's last verdict, and where the test ended (after a zone or codebase move) its location.
#[tauri::command]
pub async fn connection_check(
    session: State<'_, Session>,
    template_id: Option<String>,
    op_id: String,
    on_item: Channel<CheckItem>,
) -> CmdResult<CheckReport> {
    check_streaming(&session, template_id.as_deref(), &op_id, &on_item).await
}

/// The body of `connection_check`, callable from tests with a channel made in Rust.
pub async fn check_streaming(
    session: &Session,
    template_id: Option<&str>,
    op_id: &str,
    on_item: &Channel<CheckItem>,
) -> CmdResult<CheckReport> {
    let creds = session.credentials().ok_or_else(no_credentials)?;
    // Everything that can be refused is refused before the operation is registered, so a refused test
    // does not consume a cancel sent ahead of it.
    let planned = Planned::of(session, &creds, template_id)?;
    let report = planned.stream(session, op_id, on_item).await?;
    session.record_check(SessionCheck {
        username: creds.login().to_string(),
        integration_code: creds.integration().to_string(),
        report: report.clone(),
    });
    Ok(report)
}

/// Counts what the filters select where the session's PSA lives (where the last test ended, when one ran:
/// it follows a zone or codebase move).
#[tauri::command]
pub async fn connection_preview(session: State<'_, Session>, filters: FilterSet, op_id: String) -> CmdResult<Preview> {
    match session.credentials().ok_or_else(no_credentials)? {
        Credentials::Autotask(c) => {
            let zone = session.zone().ok_or_else(zone_unknown)?;
            let op = session.begin(&op_id);
            until_cancelled(op.token(), autotask::preview(&c, &zone, &filters, op.token())).await
        }
        Credentials::Connectwise(c) => {
            let site = session.site().ok_or_else(site_unknown)?;
            let op = session.begin(&op_id);
            let http = Default::default();
            until_cancelled(op.token(), connectwise::preview_with(&c, &site, &filters, &http, op.token())).await
        }
    }
}

/// A test ready to run: credentials, where they connect, and the template: the session's, or a saved
/// profile's. The check options themselves are built by psa-core (`recheck::test`).
pub(crate) struct Planned<'a> {
    creds: &'a Credentials,
    connection: Connection,
    template: Option<Template>,
    opts: RecheckOptions,
}

impl<'a> Planned<'a> {
    /// An unknown template is refused rather than tested with the default needs: the wizard offered it, so
    /// an unknown id is a fault to show, not a stale profile to tolerate. ConnectWise needs its site first;
    /// an Autotask zone not known yet is looked up.
    fn of(session: &Session, creds: &'a Credentials, template_id: Option<&str>) -> CmdResult<Planned<'a>> {
        if matches!(creds, Credentials::Connectwise(_)) && session.site().is_none() {
            return Err(site_unknown());
        }
        let template = template_id.map(templates::get).transpose()?;
        let mut connection = creds.connection();
        session.place(&mut connection);
        // A zone the wizard just detected or was given needs no second look; a 401 still triggers one.
        Ok(Planned { creds, connection, template, opts: options(session, false) })
    }

    /// A saved profile's re-test: its stored zone or site and its template (one this build does not know
    /// falls back to the default needs). Someone waits on it, so the zone lookup goes beside the wave.
    pub(crate) fn of_profile(session: &Session, profile: &Profile, creds: &'a Credentials) -> Planned<'a> {
        let template = templates::get(&profile.template).ok();
        Planned { creds, connection: profile.connection.clone(), template, opts: options(session, true) }
    }

    /// Runs as operation `op_id` (so `cancel_operation` stops it), sending each line to the window.
    pub(crate) async fn stream(
        mut self,
        session: &Session,
        op_id: &str,
        on_item: &Channel<CheckItem>,
    ) -> CmdResult<CheckReport> {
        let op = session.begin(op_id);
        self.opts.cancel = op.token().clone();
        let forward = |item: &CheckItem| {
            // A failed send means the window went away; the check finishes and its result is dropped.
            let _ = on_item.send(item.clone());
        };
        let work = recheck::test(&self.connection, self.creds, self.template.as_ref(), &self.opts, &forward);
        let report = until_cancelled(op.token(), async { Ok(work.await) }).await?;
        // The engine ends early on a cancel but still answers a report; that must not become a verdict.
        if op.token().is_cancelled() {
            return Err(cancelled());
        }
        Ok(report)
    }
}

/// Where the session's PSAs are reached; the cancel token is the operation's, set when it starts.
fn options(session: &Session, lookup_beside: bool) -> RecheckOptions {
    RecheckOptions {
        autotask: session.endpoints().clone(),
        connectwise: session.cw_endpoints().clone(),
        http: Default::default(),
        cancel: CancellationToken::new(),
        lookup_beside,
    }
}

/// What was pasted, without the spaces and line breaks a copy tends to bring along. An unchanged secret is
/// kept as it is rather than copied, so no second copy of it is made.
pub(crate) fn trimmed_secret(secret: Secret) -> Secret {
    if secret.expose().trim() == secret.expose() {
        secret
    } else {
        Secret::new(secret.expose().trim())
    }
}

/// Ends the operation as soon as it is cancelled, even if the engine is waiting on the network.
///
/// The work is boxed here, before any await, so a command's future holds a pointer to it. Tauri's dispatcher
/// builds every command's future on the main thread's stack, in one function for all the commands; engine
/// futures held inline there (a preview's or a zone lookup's is several kB, a connection test's was 40 kB
/// before psa-core boxed it) made that function reserve hundreds of kB of stack on the first command of a
/// launch.
pub(crate) fn until_cancelled<'a, T: Send + 'a>(
    token: &'a CancellationToken,
    work: impl Future<Output = CmdResult<T>> + Send + 'a,
) -> impl Future<Output = CmdResult<T>> + Send + 'a {
    let work: Pin<Box<dyn Future<Output = CmdResult<T>> + Send + 'a>> = Box::pin(work);
    async move {
        tokio::select! {
            biased;
            _ = token.cancelled() => Err(cancelled()),
            r = work => r,
        }
    }
}
