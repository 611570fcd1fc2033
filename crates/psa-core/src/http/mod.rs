//! The one HTTP client every PSA call goes through. It owns the rules that keep a partner's tenant safe:
//! which URLs may be contacted, how long a call may take, how big an answer may be, how many calls run at
//! once per endpoint (Autotask allows 3 threads per integration and endpoint), and how throttling is
//! waited out. Everything it returns is already a `PsaError` with a stable code.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use backon::{ExponentialBuilder, Retryable};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::Method;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use url::Url;

use crate::error::{ErrorCode, PsaError};

mod transport_errors;
mod url_policy;

pub use transport_errors::map_reqwest_error;
use transport_errors::{cancelled, timeout_error, too_large};
pub use url_policy::{check_url_policy, endpoint_key, is_loopback_host};

/// Tunables of the HTTP layer. `Default` is what production uses.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpSettings {
    pub connect_timeout: Duration,
    /// Whole call: connect, headers and body.
    pub request_timeout: Duration,
    pub max_body_bytes: usize,
    /// Host suffixes reachable over https, e.g. `.autotask.net` (also matches the bare `autotask.net`).
    pub allowed_https_suffixes: Vec<String>,
    /// Autotask's thread limit is 3 per integration code and endpoint.
    pub max_in_flight_per_endpoint: usize,
    /// Attempts per call, counting the first, when the server says "slow down".
    pub max_attempts: u32,
    /// Upper bound on one wait between attempts, whatever `Retry-After` asks for.
    pub max_retry_wait: Duration,
    /// First backoff step when the server gives no `Retry-After`.
    pub base_backoff: Duration,
    /// A transport (connection pool, TLS set-up) to reuse instead of building one per [`HttpClient`]: "Re-test
    /// all" runs hundreds of checks, and building each its own costs more CPU than the checks themselves.
    /// Use it within one Tokio runtime only (pooled connections belong to the runtime that opened them).
    pub transport: SharedTransport,
}

/// See [`HttpSettings::transport`]. Equal to any other: it changes how, not what, is sent.
#[derive(Clone, Default)]
pub struct SharedTransport(Option<reqwest::Client>);

impl std::fmt::Debug for SharedTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "SharedTransport(shared)" } else { "SharedTransport(none)" })
    }
}

impl PartialEq for SharedTransport {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl HttpSettings {
    /// These settings with one transport built now and shared by every client made from them.
    pub fn with_shared_transport(mut self) -> Result<Self, PsaError> {
        self.transport = SharedTransport(Some(build_transport(&self)?));
        Ok(self)
    }
}

fn build_transport(settings: &HttpSettings) -> Result<reqwest::Client, PsaError> {
    reqwest::Client::builder()
        .connect_timeout(settings.connect_timeout)
        .timeout(settings.request_timeout)
        // Redirects are refused: an API that redirects is either misconfigured or not the API, and a
        // followed redirect would carry the auth headers to whoever asked.
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("psa-connect/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| PsaError::internal(format!("http client: {e}")))
}

impl Default for HttpSettings {
    fn default() -> Self {
        HttpSettings {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_body_bytes: 8 * 1024 * 1024,
            allowed_https_suffixes: vec![".autotask.net".to_string()],
            max_in_flight_per_endpoint: 3,
            max_attempts: 3,
            max_retry_wait: Duration::from_secs(5),
            base_backoff: Duration::from_millis(250),
            transport: SharedTransport::default(),
        }
    }
}

/// A request before it is sent. Header values marked sensitive never show in reqwest's `Debug`.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    pub method: Method,
    pub url: Url,
    pub headers: HeaderMap,
    pub json_body: Option<serde_json::Value>,
}

impl HttpRequest {
    pub fn get(url: Url) -> Self {
        HttpRequest { method: Method::GET, url, headers: HeaderMap::new(), json_body: None }
    }

    pub fn post_json(url: Url, body: serde_json::Value) -> Self {
        HttpRequest { method: Method::POST, url, headers: HeaderMap::new(), json_body: Some(body) }
    }

    pub fn header(mut self, name: &'static str, value: &str, sensitive: bool) -> Result<Self, PsaError> {
        let mut v = HeaderValue::from_str(value).map_err(|_| {
            PsaError::invalid_input(
                format!("The value for {name} contains characters that cannot be sent."),
                "Copy the value again from Autotask, without line breaks or special characters.",
            )
        })?;
        v.set_sensitive(sensitive);
        self.headers.insert(HeaderName::from_static(name), v);
        Ok(self)
    }
}

#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: u16,
    pub body: Vec<u8>,
    pub retry_after: Option<Duration>,
    /// The RFC 5988 `Link` header, when the server paginates with it (ConnectWise).
    pub link: Option<String>,
}

impl HttpResponse {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

pub struct HttpClient {
    client: reqwest::Client,
    settings: HttpSettings,
    limiters: Mutex<HashMap<String, Arc<Semaphore>>>,
    requests: AtomicU32,
}

impl HttpClient {
    pub fn new(settings: HttpSettings) -> Result<Self, PsaError> {
        let client = match &settings.transport.0 {
            Some(shared) => shared.clone(),
            None => build_transport(&settings)?,
        };
        Ok(HttpClient { client, settings, limiters: Mutex::new(HashMap::new()), requests: AtomicU32::new(0) })
    }

    pub fn settings(&self) -> &HttpSettings {
        &self.settings
    }

    /// Requests actually sent (every attempt counts: each one costs the tenant's hourly budget).
    pub fn request_count(&self) -> u32 {
        self.requests.load(Ordering::SeqCst)
    }

    pub fn check_url(&self, url: &Url) -> Result<(), PsaError> {
        check_url_policy(url, &self.settings.allowed_https_suffixes)
    }

    /// Sends with the URL policy, the endpoint limiter, timeouts, the size cap and bounded retries on
    /// throttling. A non-2xx answer that is not throttling is returned as a response, for the caller to
    /// classify; an exhausted throttle comes back as the last response too (the caller knows its texts).
    ///
    /// The retry loop is `backon`'s: doubling steps from `base_backoff`, at most `max_retry_wait` each,
    /// `max_attempts` in all. What is ours is when to retry (a 429 or Autotask's thread threshold) and that
    /// the server's `Retry-After` replaces the step (capped the same way).
    pub async fn send(&self, req: &HttpRequest, cancel: &CancellationToken) -> Result<HttpResponse, PsaError> {
        self.check_url(&req.url)?;
        let limiter = &self.limiter_for(&req.url);
        let max_wait = self.settings.max_retry_wait;
        let attempt = move || async move {
            // The permit is held for the call only, so a wait between attempts holds up no other work.
            let _permit = limiter.acquire().await.map_err(|_| Attempt::Failed(PsaError::internal("limiter closed")))?;
            if cancel.is_cancelled() {
                return Err(Attempt::Failed(cancelled()));
            }
            self.requests.fetch_add(1, Ordering::SeqCst);
            let resp = self.send_once(req).await.map_err(Attempt::Failed)?;
            if is_throttled(&resp) {
                Err(Attempt::Throttled(resp))
            } else {
                Ok(resp)
            }
        };
        let retried = attempt
            .retry(backoff_steps(&self.settings))
            .sleep(tokio::time::sleep)
            .when(|e| matches!(e, Attempt::Throttled(_)))
            .adjust(move |e, step| match (e, step) {
                (Attempt::Throttled(resp), Some(step)) => Some(wait_before_retry(resp, step, max_wait)),
                (_, step) => step,
            })
            .notify(|e, wait| {
                if let Attempt::Throttled(resp) = e {
                    tracing::debug!(status = resp.status, ?wait, "throttled, waiting before retrying");
                }
            });
        // Cancelling drops whatever is under way: a wait for a permit, a call, or a wait between attempts.
        let outcome = tokio::select! {
            biased;
            _ = cancel.cancelled() => return Err(cancelled()),
            r = retried => r,
        };
        match outcome {
            Ok(resp) | Err(Attempt::Throttled(resp)) => Ok(resp),
            Err(Attempt::Failed(e)) => Err(e),
        }
    }

    async fn send_once(&self, req: &HttpRequest) -> Result<HttpResponse, PsaError> {
        let mut builder = self.client.request(req.method.clone(), req.url.clone()).headers(req.headers.clone());
        if let Some(body) = &req.json_body {
            builder = builder.json(body);
        }
        let host = req.url.host_str().unwrap_or("").to_string();
        // reqwest's own timeout covers the body too; this outer one is the guarantee (a trickling body
        // must not outlive the budget even if a lower layer resets its timer).
        let work = async {
            let mut resp = builder.send().await.map_err(|e| map_reqwest_error(&e, &host))?;
            let status = resp.status();
            if status.is_redirection() {
                let to = resp.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("?").to_string();
                return Err(PsaError::new(
                    ErrorCode::RedirectRefused,
                    format!("The server at {host} tried to send PSA Connect somewhere else."),
                    "Check the address: use the API address Autotask's zone lookup gives (webservicesN.autotask.net), not a web page or a proxy.",
                )
                .with_details(format!("HTTP {} redirect to {to}", status.as_u16())));
            }
            let retry_after = resp
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            let link = resp.headers().get("link").and_then(|v| v.to_str().ok()).map(str::to_string);
            let cap = self.settings.max_body_bytes;
            if resp.content_length().is_some_and(|n| n as usize > cap) {
                return Err(too_large(&host, cap));
            }
            let mut body = Vec::new();
            while let Some(chunk) = resp.chunk().await.map_err(|e| map_reqwest_error(&e, &host))? {
                if body.len() + chunk.len() > cap {
                    return Err(too_large(&host, cap));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(HttpResponse { status: status.as_u16(), body, retry_after, link })
        };
        match tokio::time::timeout(self.settings.request_timeout, work).await {
            Ok(r) => r,
            Err(_) => Err(timeout_error(&host)),
        }
    }

    /// One semaphore per host and endpoint (the first path segment after the version, lowercased).
    fn limiter_for(&self, url: &Url) -> Arc<Semaphore> {
        let key = endpoint_key(url);
        let mut map = self.limiters.lock().unwrap_or_else(|p| p.into_inner());
        map.entry(key)
            .or_insert_with(|| Arc::new(Semaphore::new(self.settings.max_in_flight_per_endpoint.max(1))))
            .clone()
    }
}

/// The waits between attempts when the server names none: `base_backoff`, then doubling, each at most
/// `max_retry_wait`; `max_attempts - 1` of them (the first attempt is not a retry).
fn backoff_steps(s: &HttpSettings) -> ExponentialBuilder {
    ExponentialBuilder::default()
        .with_min_delay(s.base_backoff)
        .with_factor(2.0)
        .with_max_delay(s.max_retry_wait)
        .with_max_times(s.max_attempts.saturating_sub(1) as usize)
}

/// The wait before the next attempt: the server's `Retry-After` when it sent one, else the backoff step;
/// never more than `max`, whatever the server asks for.
fn wait_before_retry(resp: &HttpResponse, step: Duration, max: Duration) -> Duration {
    resp.retry_after.unwrap_or(step).min(max)
}

/// One attempt that did not give the final answer: the server asked to slow down (retried while attempts
/// are left), or the call failed (never retried).
enum Attempt {
    Throttled(HttpResponse),
    Failed(PsaError),
}

/// Whether the response asks us to slow down: a 429, or Autotask's thread-threshold error, which arrives
/// with other statuses too.
fn is_throttled(resp: &HttpResponse) -> bool {
    resp.status == 429 || (!resp.is_success() && is_thread_threshold(&resp.text()))
}

pub fn is_thread_threshold(body: &str) -> bool {
    let b = body.to_ascii_lowercase();
    b.contains("thread threshold") || b.contains("itgenatr005")
}

#[cfg(test)]
mod tests;
