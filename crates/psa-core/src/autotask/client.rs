//! Authenticated calls to one tenant's zone. The one retry on 401 is a fresh zone lookup (tenants get
//! moved between zones); a 401 is otherwise final, because Autotask locks an account after repeated
//! failed sign-ins.
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
use crate::error::PsaError;
use crate::http::{HttpClient, HttpRequest, HttpResponse};
use crate::model::{AutotaskCredentials, AutotaskZone};

#[derive(Debug, Clone)]
enum Redetect {
    NotTried,
    /// The lookup named another zone: `from` is the API URL that answered 401.
    Moved {
        from: String,
        to: AutotaskZone,
    },
    Unchanged,
}

pub struct AtClient {
    http: Arc<HttpClient>,
    creds: AutotaskCredentials,
    /// `None` when the zone was given by hand: then a 401 is never followed by a lookup.
    endpoints: Option<AutotaskEndpoints>,
    zone: RwLock<AutotaskZone>,
    redetect: tokio::sync::Mutex<Redetect>,
    /// A lookup already on its way (see [`AtClient::look_up_beside`]); its answer, `None` when it failed.
    early: Option<(Shared<BoxFuture<'static, Option<AutotaskZone>>>, AbortHandle)>,
    cancel: CancellationToken,
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
    /// the tenant moved. Does nothing for a zone given by hand (no lookup is ever made for it).
    pub fn look_up_beside(mut self) -> Self {
        if let Some(endpoints) = self.endpoints.clone() {
            let (http, cancel) = (self.http.clone(), self.cancel.clone());
            let username = self.creds.username.trim().to_string();
            let task = tokio::spawn(async move { zone::lookup(&http, &endpoints, &username, &cancel).await.ok() });
            let abort = task.abort_handle();
            let answer = async move { task.await.ok().flatten() }.boxed().shared();
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
        self.call(path, None, entity).await
    }

    pub async fn post(
        &self,
        path: &str,
        body: serde_json::Value,
        entity: Option<&str>,
    ) -> Result<serde_json::Value, PsaError> {
        self.call(path, Some(body), entity).await
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
    ) -> Result<serde_json::Value, PsaError> {
        let api_url = self.zone().api_url;
        let mut resp = self.send(&api_url, path, body.as_ref()).await?;
        // Only a bare "wrong credentials" 401 can mean the tenant moved; a locked or inactive account cannot.
        if resp.status == 401
            && errors::classify(401, &resp.body, None).code == crate::error::ErrorCode::AuthWrongSecret
        {
            if let Some(new_api) = self.new_zone_after_401(&api_url).await {
                resp = self.send(&new_api, path, body.as_ref()).await?;
            }
        }
        if !resp.is_success() {
            return Err(self.redact(errors::classify(resp.status, &resp.body, entity)));
        }
        serde_json::from_slice(&resp.body).map_err(|e| errors::malformed(path, e))
    }

    /// The single zone re-detection. Concurrent 401s share one lookup. Returns the API URL to retry on,
    /// or `None` when the 401 stands.
    async fn new_zone_after_401(&self, failed_api: &str) -> Option<String> {
        let endpoints = self.endpoints.as_ref()?;
        let mut state = self.redetect.lock().await;
        if matches!(*state, Redetect::NotTried) {
            let found = match &self.early {
                Some((answer, _)) => answer.clone().await,
                None => zone::lookup(&self.http, endpoints, self.creds.username.trim(), &self.cancel).await.ok(),
            };
            *state = match found {
                Some(found) if found.api_url != failed_api => {
                    *self.zone.write().unwrap_or_else(|p| p.into_inner()) = found.clone();
                    Redetect::Moved { from: failed_api.to_string(), to: found }
                }
                _ => Redetect::Unchanged,
            };
        }
        match &*state {
            Redetect::Moved { to, .. } if to.api_url != failed_api => Some(to.api_url.clone()),
            _ => None,
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
