//! Authenticated calls to one company's ConnectWise API.
//!
//! The `Authorization` value is built for each request from `Secret::expose()` and marked sensitive, so it
//! shows in no `Debug` output; nothing else holds the private key. A 404 on a cloud site can mean the
//! codebase moved (ConnectWise upgrades sites), so the client looks the company up once more and retries
//! there; 400, 401 and 403 are never retried, 429 is waited out by the shared HTTP layer.

use std::sync::{Arc, RwLock};

use serde_json::Value;
use tokio_util::sync::CancellationToken;
use url::Url;

use super::errors::{self, Subject};
use super::site::{self, SiteInput};
use super::{accept_for, CwEndpoints};
use crate::error::PsaError;
use crate::http::{HttpClient, HttpRequest, HttpResponse};
use crate::model::{ConnectwiseCredentials, ConnectwiseSite, ZoneSource};

/// Standard base64 with padding (RFC 4648 §4), enough for one Basic credential.
pub fn base64(input: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The clientId to send (see [`super::client_id`]); empty only when `check_inputs` was skipped, and then
/// ConnectWise refuses the request.
pub fn effective_client_id(creds: &ConnectwiseCredentials) -> String {
    super::client_id::effective(creds).unwrap_or_default()
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Refetch {
    NotTried,
    Moved(ConnectwiseSite),
    Unchanged,
}

/// One page of a list: the items and the absolute URL of the next page, when there is one.
#[derive(Debug, Clone)]
pub struct Answer {
    pub value: Value,
    pub next: Option<String>,
}

pub struct CwClient {
    http: Arc<HttpClient>,
    creds: ConnectwiseCredentials,
    client_id: String,
    site: RwLock<ConnectwiseSite>,
    /// `None`: no companyinfo re-fetch on a 404 (a site set by hand, or a preview).
    endpoints: Option<CwEndpoints>,
    refetch: tokio::sync::Mutex<Refetch>,
    cancel: CancellationToken,
}

impl CwClient {
    pub fn new(
        http: Arc<HttpClient>,
        creds: ConnectwiseCredentials,
        site: ConnectwiseSite,
        endpoints: Option<CwEndpoints>,
        cancel: CancellationToken,
    ) -> Self {
        let client_id = effective_client_id(&creds);
        let endpoints = endpoints.filter(|_| site.is_cloud && site.source == ZoneSource::Detected);
        CwClient {
            http,
            creds,
            client_id,
            site: RwLock::new(site),
            endpoints,
            refetch: tokio::sync::Mutex::new(Refetch::NotTried),
            cancel,
        }
    }

    pub fn http(&self) -> &HttpClient {
        &self.http
    }

    pub fn site(&self) -> ConnectwiseSite {
        self.site.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The site found by the 404 re-fetch, when it differs from the one the client started with.
    pub async fn moved(&self) -> Option<ConnectwiseSite> {
        match &*self.refetch.lock().await {
            Refetch::Moved(s) => Some(s.clone()),
            _ => None,
        }
    }

    /// The full URL of `path?query` on the current site (for length checks before sending).
    pub fn url_len(&self, path: &str, query: &str) -> usize {
        self.site().api_url.len() + 1 + path.len() + if query.is_empty() { 0 } else { 1 + query.len() }
    }

    /// `GET {api}/{path}?{query}`; `query` is already encoded (see `conditions::query_string`).
    pub async fn get(&self, path: &str, query: &str, subject: Option<Subject<'_>>) -> Result<Answer, PsaError> {
        let rel = if query.is_empty() {
            path.trim_start_matches('/').to_string()
        } else {
            format!("{}?{query}", path.trim_start_matches('/'))
        };
        self.call(&rel, subject).await
    }

    /// Follows a `Link: rel="next"` URL for the list at `path`. The link gives the page (its query); the
    /// request stays on our own API base and resource, because published examples show next links under
    /// `/v4_6_release/apis/3.0/` whatever the cloud codebase, and HealthITAU/pyconnectwise
    /// (`src/pyconnectwise/utils/helpers.py`, `parse_link_headers`) keeps only the page from them. A link to
    /// another scheme, host or port is refused: keys never go anywhere else.
    pub async fn get_next(&self, path: &str, next: &str, subject: Option<Subject<'_>>) -> Result<Answer, PsaError> {
        let api = self.site().api_url;
        let rel = next_page_on_base(&api, path, next).ok_or_else(|| {
            errors::malformed("a list page", "the next-page link points outside the API")
                .with_details(format!("next page link outside {api}"))
        })?;
        self.call(&rel, subject).await
    }

    fn request(&self, api_url: &str, rel: &str) -> Result<HttpRequest, PsaError> {
        let url = Url::parse(&format!("{}/{rel}", api_url.trim_end_matches('/')))
            .map_err(|e| PsaError::internal(format!("bad API URL: {e}")))?;
        let user = format!("{}+{}", self.creds.company_id.trim(), self.creds.public_key.trim());
        let basic = format!("Basic {}", base64(format!("{user}:{}", self.creds.private_key.expose()).as_bytes()));
        HttpRequest::get(url)
            .header("authorization", &basic, true)?
            .header("clientid", &self.client_id, false)?
            .header("accept", &accept_for(self.site().version_code.as_deref()), false)?
            .header("cache-control", "no-cache", false)
    }

    async fn send(&self, api_url: &str, rel: &str) -> Result<HttpResponse, PsaError> {
        let req = self.request(api_url, rel).map_err(|e| self.redact(e))?;
        self.http.send(&req, &self.cancel).await.map_err(|e| self.redact(errors::transport(e)))
    }

    async fn call(&self, rel: &str, subject: Option<Subject<'_>>) -> Result<Answer, PsaError> {
        let api_url = self.site().api_url;
        let mut resp = self.send(&api_url, rel).await?;
        if resp.status == 404 {
            if let Some(new_api) = self.site_after_404(&api_url).await {
                resp = self.send(&new_api, rel).await?;
            }
        }
        if !resp.is_success() {
            return Err(self.redact(errors::classify(resp.status, &resp.body, subject)));
        }
        let value = serde_json::from_slice(&resp.body)
            .map_err(|e| errors::malformed(rel.split('?').next().unwrap_or(rel), e))?;
        Ok(Answer { value, next: resp.link.as_deref().and_then(next_link) })
    }

    /// The single companyinfo re-fetch; concurrent 404s share it. `Some(api)` to retry on.
    async fn site_after_404(&self, failed_api: &str) -> Option<String> {
        let endpoints = self.endpoints.as_ref()?;
        let mut state = self.refetch.lock().await;
        if *state == Refetch::NotTried {
            let current = self.site();
            let found = match site::parse_site(&current.site) {
                Ok(input @ SiteInput::Cloud { .. }) => {
                    site::detect(&self.http, endpoints, &input, &current.company_id, &self.cancel).await.ok()
                }
                _ => None,
            };
            *state = match found {
                Some(s) if s.api_url != failed_api => {
                    *self.site.write().unwrap_or_else(|p| p.into_inner()) = s.clone();
                    Refetch::Moved(s)
                }
                _ => Refetch::Unchanged,
            };
        }
        match &*state {
            Refetch::Moved(s) if s.api_url != failed_api => Some(s.api_url.clone()),
            _ => None,
        }
    }

    /// Belt and braces: no error text leaves with the private key in it, whatever a server echoes back.
    fn redact(&self, mut e: PsaError) -> PsaError {
        let s = self.creds.private_key.expose();
        if s.len() >= 4 {
            e.message = e.message.replace(s, "<redacted>");
            e.fix = e.fix.replace(s, "<redacted>");
            e.details = e.details.map(|d| d.replace(s, "<redacted>"));
        }
        e
    }
}

/// The next page of the list at `path` as a path relative to `api`: our own resource with the link's query
/// (`company/companies?conditions=…&page=2`). `None` when the link is on another scheme, host or port, carries
/// a user name, or has no query (it would not name a page).
pub fn next_page_on_base(api: &str, path: &str, next: &str) -> Option<String> {
    let api = Url::parse(api).ok()?;
    let next = api.join(next.trim()).ok()?;
    let same_origin = api.scheme() == next.scheme()
        && api.host_str() == next.host_str()
        && api.port_or_known_default() == next.port_or_known_default();
    if !same_origin || !next.username().is_empty() || next.password().is_some() {
        return None;
    }
    let query = next.query().filter(|q| !q.is_empty())?;
    let path = path.split('?').next().unwrap_or(path).trim_start_matches('/');
    Some(format!("{path}?{query}"))
}

/// The `rel="next"` target of an RFC 5988 `Link` header. Targets are taken between `<` and `>`, so commas
/// inside a URL do not split it.
pub fn next_link(header: &str) -> Option<String> {
    let mut rest = header;
    while let Some(open) = rest.find('<') {
        let close = open + rest[open..].find('>')?;
        let target = &rest[open + 1..close];
        let after = &rest[close + 1..];
        let params_end = after.find('<').unwrap_or(after.len());
        let params = after[..params_end].to_ascii_lowercase();
        let is_next = params.split(';').any(|p| {
            let p = p.trim().trim_end_matches(',').trim();
            p.strip_prefix("rel=").is_some_and(|v| v.trim_matches('"').split_whitespace().any(|r| r == "next"))
        });
        if is_next {
            return Some(target.trim().to_string());
        }
        rest = &after[params_end..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
        assert_eq!(base64(b"contoso+pub:priv"), "Y29udG9zbytwdWI6cHJpdg==");
    }

    #[test]
    fn link_headers() {
        let h = r#"<https://h/a/apis/3.0/company/companies?conditions=id in (1,2)&page=2&pageSize=50>; rel="next", <https://h/a/apis/3.0/company/companies?page=25>; rel="last""#;
        assert_eq!(
            next_link(h).as_deref(),
            Some("https://h/a/apis/3.0/company/companies?conditions=id in (1,2)&page=2&pageSize=50")
        );
        assert_eq!(next_link(r#"<https://h/x?page=1>; rel="first", <https://h/x?page=3>; rel="prev""#), None);
        assert_eq!(next_link(r#"<https://h/x?page=4>;rel=next"#).as_deref(), Some("https://h/x?page=4"));
        assert_eq!(next_link(""), None);
    }

    #[test]
    fn next_pages_stay_on_our_base_and_host() {
        let api = "http://127.0.0.1:9/api-na/v2025_1/apis/3.0";
        let path = "company/companies";
        for (link, want) in [
            ("http://127.0.0.1:9/api-na/v2025_1/apis/3.0/company/companies?page=2", "company/companies?page=2"),
            // Published examples: /v4_6_release/ whatever the cloud codebase (issue 13).
            (
                "http://127.0.0.1:9/v4_6_release/apis/3.0/company/companies?pageSize=25&page=3",
                "company/companies?pageSize=25&page=3",
            ),
            ("http://127.0.0.1:9/api-eu/v2025_1/apis/3.0/company/companies?page=2", "company/companies?page=2"),
            // A link naming another resource or climbing out still reads our own list.
            ("http://127.0.0.1:9/api-na/v2025_1/apis/3.0/../../x/y?page=2", "company/companies?page=2"),
            ("/v4_6_release/apis/3.0/company/companies?page=4", "company/companies?page=4"),
        ] {
            assert_eq!(next_page_on_base(api, path, link).as_deref(), Some(want), "{link}");
        }
        for bad in [
            "http://127.0.0.1:10/api-na/v2025_1/apis/3.0/company/companies?page=2",
            "https://127.0.0.1:9/api-na/v2025_1/apis/3.0/company/companies?page=2",
            "https://evil.example/api-na/v2025_1/apis/3.0/company/companies?page=2",
            "//evil.example/v4_6_release/apis/3.0/company/companies?page=2",
            "http://user@127.0.0.1:9/api-na/v2025_1/apis/3.0/company/companies?page=2",
            "http://127.0.0.1:9/api-na/v2025_1/apis/3.0/company/companies",
        ] {
            assert!(next_page_on_base(api, path, bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn the_authorization_header_is_sensitive_and_built_from_the_secret() {
        let creds = ConnectwiseCredentials {
            company_id: "contoso".into(),
            public_key: "pub".into(),
            private_key: crate::Secret::new("priv-very-secret"),
            client_id: "0e7d3c1a-9b64-4f2e-8a15-63c2b9d7e480".into(),
        };
        let site = ConnectwiseSite {
            site: "na".into(),
            company_id: "contoso".into(),
            company_name: String::new(),
            codebase: "v2025_1/".into(),
            is_cloud: true,
            api_url: "https://api-na.myconnectwise.net/v2025_1/apis/3.0".into(),
            web_url: "https://na.myconnectwise.net".into(),
            source: ZoneSource::Detected,
            version_code: None,
        };
        let http = Arc::new(HttpClient::new(Default::default()).unwrap());
        let c = CwClient::new(http, creds, site, None, CancellationToken::new());
        let req = c.request(&c.site().api_url, "system/info").unwrap();
        let auth = req.headers.get("authorization").unwrap();
        assert!(auth.is_sensitive());
        assert_eq!(auth.to_str().unwrap(), format!("Basic {}", base64(b"contoso+pub:priv-very-secret")));
        assert_eq!(req.headers.get("clientid").unwrap(), "0e7d3c1a-9b64-4f2e-8a15-63c2b9d7e480");
        assert_eq!(req.headers.get("accept").unwrap(), super::super::ACCEPT_VERSION);
        assert!(!format!("{req:?}").contains(&base64(b"contoso+pub:priv-very-secret")));
        assert_eq!(req.url.as_str(), "https://api-na.myconnectwise.net/v2025_1/apis/3.0/system/info");
    }
}
