//! Authenticated calls to one tenant's zone. The one retry on 401 is a fresh zone lookup (tenants get
//! moved between zones); a 401 is otherwise final, because Autotask locks an account after repeated
//! failed sign-ins.
//!
//! The lookup is public and no sign-in (psa-api.md §A1 [AT-GETZONEINFO]), so it also runs for a zone typed
//! by hand: there it only explains the 401 ("wrong zone", "unknown user") and nothing is sent to another
//! zone, because a typed zone is the partner's word. For a detected zone its "unknown user" is told too,
//! instead of a 401 that [AT-RESTAUTH] only says is "the combination" (a deleted or renamed API user).
//!
//! For a saved zone that lookup can be sent beside the first calls ([`AtClient::look_up_beside`]): it is
//! public and exempt from thread limits (psa-api.md §A1 [AT-THREAD]) and is read only if a 401 comes, so a
//! zone move costs one round trip more instead of two, and an unmoved zone costs nothing in time.

use std::sync::{Arc, RwLock};

use futures::future::{BoxFuture, Shared};
use futures::FutureExt;
use tokio::task::AbortHandle;
use tokio_util::sync::CancellationToken;
use url::Url;

use super::errors;
use super::zone;
use super::AutotaskEndpoints;
use crate::error::{ErrorCode, PsaError};
use crate::http::{HttpClient, HttpRequest, HttpResponse};
use crate::model::{AutotaskCredentials, AutotaskZone, ZoneSource};

type Lookup = Result<AutotaskZone, PsaError>;

#[derive(Debug, Clone)]
enum Redetect {
    NotTried,
    /// The lookup named another zone: `from` is the API URL that answered 401.
    Moved {
        from: String,
        to: AutotaskZone,
    },
    Unchanged,
    /// The 401 is explained by the lookup: a typed zone that is not the user's, or a user no zone knows.
    Explained(PsaError),
}

pub struct AtClient {
    http: Arc<HttpClient>,
    creds: AutotaskCredentials,
    /// `None` when the zone was detected moments ago: then a 401 is never followed by a lookup.
    endpoints: Option<AutotaskEndpoints>,
    zone: RwLock<AutotaskZone>,
    redetect: tokio::sync::Mutex<Redetect>,
    /// A lookup already on its way (see [`AtClient::look_up_beside`]).
    early: Option<(Shared<BoxFuture<'static, Lookup>>, AbortHandle)>,
    cancel: CancellationToken,
}

enum After401 {
    /// The tenant moved: the call is sent once more, to the new zone (psa-api.md §A1).
    Retry(String),
    Explained(PsaError),
    Stands,
}

/// A typed zone the lookup places the user elsewhere. Said, not followed: the partner chose the zone.
fn wrong_zone(typed: &AutotaskZone, found: &AutotaskZone) -> PsaError {
    let name = |z: &AutotaskZone| {
        if z.web_url.is_empty() {
            z.zone_name.clone()
        } else {
            format!("{} ({})", z.zone_name, z.web_url)
        }
    };
    PsaError::new(
        ErrorCode::AuthZoneMoved,
        format!(
            "Autotask refused the sign-in in the zone you entered, {}; its zone lookup places this user in zone {}.",
            name(typed),
            name(found)
        ),
        "Use the zone the lookup found: let PSA Connect detect the zone instead of typing it (or enter the address \
         of the Autotask page you log into). If the zone you entered is right (a sandbox, say), the refusal has \
         another cause: check the secret, the API Tracking Identifier (Integration Vendor), that the API user is \
         Active and not Locked, and that its security level is an API User level.",
    )
    .with_details(format!("typed API URL {}, looked-up API URL {}", typed.api_url, found.api_url))
}

impl Drop for AtClient {
    fn drop(&mut self) {
        // A lookup nobody needed must not outlive the check.
        if let Some((_, abort)) = &self.early {
            abort.abort();
        }
    }
}

impl AtClient {
    pub fn new(
        http: Arc<HttpClient>,
        creds: AutotaskCredentials,
        zone: AutotaskZone,
        endpoints: Option<AutotaskEndpoints>,
        cancel: CancellationToken,
    ) -> Self {
        AtClient {
            http,
            creds,
            endpoints,
            zone: RwLock::new(zone),
            redetect: tokio::sync::Mutex::new(Redetect::NotTried),
            early: None,
            cancel,
        }
    }

    /// Starts the zone lookup now, beside whatever is sent next; it is awaited only when a 401 asks whether
    /// the tenant moved. Does nothing for a zone given by hand: its lookup waits for a 401.
    pub fn look_up_beside(mut self) -> Self {
        let typed = self.zone().source == ZoneSource::Manual;
        if let Some(endpoints) = self.endpoints.clone().filter(|_| !typed) {
            let (http, cancel) = (self.http.clone(), self.cancel.clone());
            let username = self.creds.username.trim().to_string();
            let task = tokio::spawn(async move { zone::lookup(&http, &endpoints, &username, &cancel).await });
            let abort = task.abort_handle();
            let answer =
                async move { task.await.unwrap_or_else(|e| Err(PsaError::internal(e.to_string()))) }.boxed().shared();
            self.early = Some((answer, abort));
        }
        self
    }

    pub fn http(&self) -> &HttpClient {
        &self.http
    }

    pub fn zone(&self) -> AutotaskZone {
        self.zone.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// `(old API URL, new zone)` when a 401 led to a zone re-detection that found the tenant elsewhere.
    pub async fn moved(&self) -> Option<(String, AutotaskZone)> {
        match &*self.redetect.lock().await {
            Redetect::Moved { from, to } => Some((from.clone(), to.clone())),
            _ => None,
        }
    }

    pub async fn get(&self, path: &str, entity: Option<&str>) -> Result<serde_json::Value, PsaError> {
        self.call(path, None, entity, errors::classify).await
    }

    /// The check's sign-in call: as [`AtClient::get`], but a 403 proves the sign-in only with the documented
    /// permission text ([`errors::classify_sign_in`]).
    pub async fn sign_in(&self, path: &str, entity: Option<&str>) -> Result<serde_json::Value, PsaError> {
        self.call(path, None, entity, errors::classify_sign_in).await
    }

    pub async fn post(
        &self,
        path: &str,
        body: serde_json::Value,
        entity: Option<&str>,
    ) -> Result<serde_json::Value, PsaError> {
        self.call(path, Some(body), entity, errors::classify).await
    }

    fn request(&self, api_url: &str, path: &str, body: Option<&serde_json::Value>) -> Result<HttpRequest, PsaError> {
        let url = Url::parse(&format!("{}/{}", api_url.trim_end_matches('/'), path.trim_start_matches('/')))
            .map_err(|e| PsaError::internal(format!("bad API URL: {e}")))?;
        let req = match body {
            Some(b) => HttpRequest::post_json(url, b.clone()),
            None => HttpRequest::get(url),
        };
        req.header("apiintegrationcode", self.creds.integration_code.trim(), true)?
            .header("username", self.creds.username.trim(), false)?
            .header("secret", self.creds.secret.expose(), true)
    }

    async fn send(
        &self,
        api_url: &str,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<HttpResponse, PsaError> {
        let req = self.request(api_url, path, body)?;
        self.http.send(&req, &self.cancel).await.map_err(|e| self.redact(e))
    }

    async fn call(
        &self,
        path: &str,
        body: Option<serde_json::Value>,
        entity: Option<&str>,
        classify: fn(u16, &[u8], Option<&str>) -> PsaError,
    ) -> Result<serde_json::Value, PsaError> {
        let api_url = self.zone().api_url;
        let mut resp = self.send(&api_url, path, body.as_ref()).await?;
        // Only a bare "wrong credentials" 401 can mean the tenant moved; a locked or inactive account cannot.
        if resp.status == 401 && errors::classify(401, &resp.body, None).code == ErrorCode::AuthWrongSecret {
            match self.new_zone_after_401(&api_url).await {
                After401::Retry(new_api) => resp = self.send(&new_api, path, body.as_ref()).await?,
                After401::Explained(e) => return Err(self.redact(e)),
                After401::Stands => {}
            }
        }
        if !resp.is_success() {
            return Err(self.redact(classify(resp.status, &resp.body, entity)));
        }
        serde_json::from_slice(&resp.body).map_err(|e| errors::malformed(path, e))
    }

    /// The single zone re-detection. Concurrent 401s share one lookup.
    async fn new_zone_after_401(&self, failed_api: &str) -> After401 {
        let Some(endpoints) = self.endpoints.as_ref() else { return After401::Stands };
        let mut state = self.redetect.lock().await;
        if matches!(*state, Redetect::NotTried) {
            let found = match &self.early {
                Some((answer, _)) => answer.clone().await,
                None => zone::lookup(&self.http, endpoints, self.creds.username.trim(), &self.cancel).await,
            };
            *state = self.judge(found, failed_api);
        }
        match &*state {
            Redetect::Moved { to, .. } if to.api_url != failed_api => After401::Retry(to.api_url.clone()),
            Redetect::Explained(e) => After401::Explained(e.clone()),
            _ => After401::Stands,
        }
    }

    /// What the lookup says about a 401 from `failed_api`. Only "unknown user" and a zone are answers; a
    /// lookup that failed leaves the 401 as it is.
    fn judge(&self, found: Lookup, failed_api: &str) -> Redetect {
        let typed = self.zone().source == ZoneSource::Manual;
        match found {
            Ok(found) if found.api_url != failed_api && typed => Redetect::Explained(wrong_zone(&self.zone(), &found)),
            Ok(found) if found.api_url != failed_api => {
                *self.zone.write().unwrap_or_else(|p| p.into_inner()) = found.clone();
                Redetect::Moved { from: failed_api.to_string(), to: found }
            }
            Err(e) if e.code == ErrorCode::ZoneUnknownUser => Redetect::Explained(e),
            _ => Redetect::Unchanged,
        }
    }

    /// Belt and braces: no error text leaves with the secret in it, whatever a server echoes back.
    fn redact(&self, mut e: PsaError) -> PsaError {
        let s = self.creds.secret.expose();
        if s.len() >= 4 {
            e.message = e.message.replace(s, "<redacted>");
            e.fix = e.fix.replace(s, "<redacted>");
            e.details = e.details.map(|d| d.replace(s, "<redacted>"));
        }
        e
    }
}
