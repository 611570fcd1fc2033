//! Finding the Autotask zone (the server cluster a tenant lives on) from a username, and understanding a
//! zone a partner pastes by hand. psa-api.md §A1.

use tokio_util::sync::CancellationToken;
use url::Url;

use super::errors::{self, API_USER_STEP};
use super::AutotaskEndpoints;
use crate::error::{ErrorCode, PsaError};
use crate::http::{is_loopback_host, HttpClient, HttpRequest};
use crate::model::{AutotaskZone, ZoneSource};

/// The pinned API version: "latest" (V2.0) has no zoneInformation route and broke clients.
pub const API_VERSION: &str = "V1.0";

/// Zone number N (`wwN` ↔ `webservicesN`) → the name Autotask's zone list gives it.
pub const ZONE_NAMES: &[(u32, &str)] = &[
    (1, "Limited Release"),
    (2, "Pre-release"),
    (3, "America East"),
    (4, "UK"),
    (5, "America West"),
    (6, "Australia / New Zealand"),
    (11, "UK Pre-release"),
    (12, "Español"),
    (14, "America East 2"),
    (15, "America West 2"),
    (16, "UK2"),
    (17, "UK Limited Release"),
    (18, "Deutsch"),
    (19, "EU1 (English Europe and Asia)"),
    (22, "America East 3"),
    (24, "America West 3"),
    (25, "America West 4"),
    (28, "UK3"),
];

/// Zones whose names the sources dispute (psa-api.md §A1, UNCONFIRMED: 26 "Australia 2" [CELERIUM] vs
/// "Australia (Sandbox)" [KELVIN-PR73]; 29 "Australia 3" vs "Australia / New Zealand (Sydney)" [N8N-CRED]).
/// They get a neutral name from the host alone, which no source disputes.
pub const DISPUTED_ZONES: &[u32] = &[26, 29];

pub fn zone_name_for(n: u32) -> Option<&'static str> {
    ZONE_NAMES.iter().find(|(k, _)| *k == n).map(|(_, v)| *v)
}

/// `https://webservicesN.autotask.net/ATServicesRest/V1.0` and `https://wwN.autotask.net` for zone N.
pub fn zone_for_number(n: u32) -> AutotaskZone {
    AutotaskZone {
        zone_name: match zone_name_for(n) {
            Some(name) => name.to_string(),
            None if DISPUTED_ZONES.contains(&n) => format!("Zone {n} (ww{n})"),
            None => format!("Zone {n}"),
        },
        api_url: format!("https://webservices{n}.autotask.net/ATServicesRest/{API_VERSION}"),
        web_url: format!("https://ww{n}.autotask.net"),
        ci: None,
        source: ZoneSource::Manual,
    }
}

/// An `ATServicesRest` root as Autotask returns it (any case, with or without trailing slash or version)
/// → the pinned REST base without trailing slash.
pub fn normalize_api_url(raw: &str) -> Result<String, String> {
    let mut url = Url::parse(raw.trim()).map_err(|e| format!("not a URL ({e})"))?;
    let mut segs: Vec<String> =
        url.path_segments().map(|s| s.filter(|x| !x.is_empty()).map(str::to_string).collect()).unwrap_or_default();
    if segs.last().is_some_and(|s| s.to_ascii_lowercase().starts_with('v') && s.contains('.')) {
        segs.pop();
    }
    if let Some(i) = segs.iter().position(|s| s.eq_ignore_ascii_case("atservicesrest")) {
        segs.truncate(i);
    }
    segs.push("ATServicesRest".to_string());
    segs.push(API_VERSION.to_string());
    url.set_query(None);
    url.set_fragment(None);
    url.set_path(&format!("/{}", segs.join("/")));
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// A web UI URL → scheme and host (and any path) without trailing slash; host lowercase.
pub fn normalize_web_url(raw: &str) -> Result<String, String> {
    let mut url = Url::parse(raw.trim()).map_err(|e| format!("not a URL ({e})"))?;
    url.set_query(None);
    url.set_fragment(None);
    Ok(url.as_str().trim_end_matches('/').to_string())
}

fn lookup_url(base: &str, username: &str) -> Result<Url, PsaError> {
    let mut root = base.trim().trim_end_matches('/').to_string();
    // Accept a base that already names the version.
    if root.to_ascii_lowercase().ends_with("/v1.0") {
        root.truncate(root.len() - 5);
    }
    let mut url = Url::parse(&format!("{root}/{API_VERSION}/ZoneInformation")).map_err(|e| {
        PsaError::new(
            ErrorCode::InvalidInput,
            "The zone lookup address is not a valid URL.",
            "Check --zone-lookup-url or PSA_CONNECT_AUTOTASK_ZONE_URL (e.g. https://webservices2.autotask.net/ATServicesRest/).",
        )
        .with_details(format!("{base}: {e}"))
    })?;
    url.query_pairs_mut().append_pair("user", username);
    Ok(url)
}

/// One lookup against one base. No auth headers: the lookup is public and exempt from thread limits.
async fn lookup_once(
    http: &HttpClient,
    base: &str,
    username: &str,
    cancel: &CancellationToken,
) -> Result<AutotaskZone, PsaError> {
    let url = lookup_url(base, username)?;
    let resp = http.send(&HttpRequest::get(url), cancel).await?;
    if !resp.is_success() {
        let e = errors::classify(resp.status, &resp.body, None);
        if e.code == ErrorCode::ZoneUnknownUser {
            return Err(e);
        }
        return Err(PsaError::new(
            ErrorCode::ZoneLookupFailed,
            "Autotask's zone lookup did not answer normally.",
            "Try again in a few minutes. If it persists, enter the zone by hand: copy the address of the Autotask page you log into (https://wwN.autotask.net/...).",
        )
        .with_details(e.details.unwrap_or_default()));
    }
    parse_zone_response(http, &resp.body)
}

pub fn parse_zone_response(http: &HttpClient, body: &[u8]) -> Result<AutotaskZone, PsaError> {
    let v: serde_json::Value = serde_json::from_slice(body).map_err(|e| errors::malformed("the zone lookup", e))?;
    let get = |k: &str| -> Option<&serde_json::Value> {
        v.as_object().and_then(|o| o.iter().find(|(key, _)| key.eq_ignore_ascii_case(k)).map(|(_, v)| v))
    };
    let url = get("url").and_then(|x| x.as_str()).ok_or_else(|| errors::malformed("the zone lookup", "no url"))?;
    let api_url = normalize_api_url(url).map_err(|e| errors::malformed("the zone lookup", e))?;
    // A lookup answer naming a host outside the policy is not followed.
    http.check_url(&Url::parse(&api_url).map_err(|e| errors::malformed("the zone lookup", e))?)?;
    let web_url = get("webUrl").and_then(|x| x.as_str()).and_then(|w| normalize_web_url(w).ok()).unwrap_or_default();
    let zone_name = get("zoneName").and_then(|x| x.as_str()).unwrap_or("").trim().to_string();
    let ci = get("ci").and_then(|x| x.as_i64().or_else(|| x.as_str().and_then(|s| s.parse().ok())));
    Ok(AutotaskZone { zone_name, api_url, web_url, ci, source: ZoneSource::Detected })
}

/// The documented lookup: primary base, then the fallback host on any failure (psa-api.md §D step 2: "On
/// failure, fall back"); only a zone and "unknown user" are answers. A 404 or 5xx is as much a failure of that
/// host as an outage.
pub async fn lookup(
    http: &HttpClient,
    endpoints: &AutotaskEndpoints,
    username: &str,
    cancel: &CancellationToken,
) -> Result<AutotaskZone, PsaError> {
    match lookup_once(http, &endpoints.zone_lookup_url, username, cancel).await {
        Err(e) if !matches!(e.code, ErrorCode::ZoneUnknownUser | ErrorCode::Cancelled) => match &endpoints
            .fallback_lookup_url
        {
            Some(fb) => {
                tracing::info!(code = ?e.code, "zone lookup host failed, trying the fallback host");
                // The fallback's own answer wins, unless it could not be reached either.
                lookup_once(http, fb, username, cancel).await.map_err(|e2| if is_unreachable(e2.code) { e } else { e2 })
            }
            None => Err(e),
        },
        other => other,
    }
}

fn is_unreachable(code: ErrorCode) -> bool {
    matches!(
        code,
        ErrorCode::NetworkTimeout
            | ErrorCode::NetworkRefused
            | ErrorCode::NetworkDns
            | ErrorCode::NetworkTls
            | ErrorCode::NetworkOther
    )
}

fn bad_override(input: &str, why: &str) -> PsaError {
    PsaError::new(
        ErrorCode::InvalidZoneOverride,
        format!("PSA Connect cannot tell the Autotask zone from \"{input}\"."),
        "Log into Autotask in your browser and copy the address bar (it starts with https://wwN.autotask.net), or type webservicesN with the same number N.",
    )
    .with_details(why.to_string())
}

/// `ww14` / `webservices14` (any case) → 14.
fn zone_number_of(label: &str) -> Option<u32> {
    let l = label.to_ascii_lowercase();
    let digits = l.strip_prefix("webservices").or_else(|| l.strip_prefix("ww"))?;
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| *n > 0)
}

/// See [`super::parse_zone_override`].
pub fn parse_override(input: &str) -> Result<AutotaskZone, PsaError> {
    let raw = input.trim();
    if raw.is_empty() {
        return Err(bad_override(input, "empty"));
    }
    if let Some(n) = zone_number_of(raw) {
        return Ok(zone_for_number(n));
    }
    if let Ok(n) = raw.parse::<u32>() {
        if n > 0 {
            return Ok(zone_for_number(n));
        }
    }
    let with_scheme = if raw.contains("://") { raw.to_string() } else { format!("https://{raw}") };
    let url = Url::parse(&with_scheme).map_err(|e| bad_override(input, &e.to_string()))?;
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    if host.is_empty() {
        return Err(bad_override(input, "no host"));
    }
    let loopback = is_loopback_host(&url);
    if !loopback && url.scheme() != "https" {
        return Err(PsaError::new(
            ErrorCode::InsecureUrl,
            "Autotask zones are only reached over https.",
            "Paste the https:// address from your browser (https://wwN.autotask.net/...).",
        )
        .with_details(format!("refused {}://{host}", url.scheme())));
    }
    let has_rest_path = url.path().to_ascii_lowercase().contains("atservicesrest");
    if loopback {
        // A simulator or demo: only a full API URL says where the API is.
        if !has_rest_path {
            return Err(bad_override(input, "a local address must be the full API URL ending in /ATServicesRest/V1.0"));
        }
        let api_url = normalize_api_url(url.as_str()).map_err(|e| bad_override(input, &e))?;
        let mut origin = url.clone();
        origin.set_path("/");
        return Ok(AutotaskZone {
            zone_name: "Local test server".to_string(),
            api_url,
            web_url: normalize_web_url(origin.as_str()).unwrap_or_default(),
            ci: None,
            source: ZoneSource::Manual,
        });
    }
    let Some(first) = host.strip_suffix(".autotask.net") else {
        return Err(bad_override(input, "not an autotask.net address"));
    };
    if let Some(n) = zone_number_of(first) {
        return Ok(zone_for_number(n));
    }
    if first.contains('.') || first.is_empty() || first == "webservices" {
        return Err(bad_override(input, "not a zone host"));
    }
    // Hosts outside the numbered scheme (prde, pres, new zones): the same host serves UI and API.
    let name = match first {
        "prde" => "Deutsch Pre-Release".to_string(),
        "pres" => "Español Pre-Release".to_string(),
        other => other.to_string(),
    };
    Ok(AutotaskZone {
        zone_name: name,
        api_url: format!("https://{host}/ATServicesRest/{API_VERSION}"),
        web_url: format!("https://{host}"),
        ci: None,
        source: ZoneSource::Manual,
    })
}

/// Trimmed, e-mail shaped (API usernames are generated as `name@domain`).
pub fn validate_username(username: &str) -> Result<String, PsaError> {
    let u = username.trim();
    let bad = |why: &str| {
        PsaError::new(
            ErrorCode::InvalidUsername,
            format!("\"{u}\" does not look like an Autotask API username ({why})."),
            format!("API usernames look like an e-mail address (name@yourdomain.com). Copy it from {API_USER_STEP} > Username."),
        )
    };
    if u.is_empty() {
        return Err(bad("it is empty"));
    }
    if u.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad("it contains spaces"));
    }
    let mut parts = u.splitn(2, '@');
    let (local, domain) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    if local.is_empty() || domain.is_empty() || domain.contains('@') {
        return Err(bad("it needs exactly one @"));
    }
    if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
        return Err(bad("the part after @ is not a domain"));
    }
    if u.len() > 254 {
        return Err(bad("it is too long"));
    }
    Ok(u.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn override_forms() {
        for input in [
            "https://ww14.autotask.net/Mvc/Framework/Navigation.mvc/Landing",
            "ww14.autotask.net",
            "WEBSERVICES14",
            "webservices14.autotask.net",
            "https://webservices14.autotask.net/atservicesrest/v1.0/",
            "ww14",
            " 14 ",
        ] {
            let z = parse_override(input).unwrap_or_else(|e| panic!("{input}: {e:?}"));
            assert_eq!(z.api_url, "https://webservices14.autotask.net/ATServicesRest/V1.0", "{input}");
            assert_eq!(z.web_url, "https://ww14.autotask.net", "{input}");
            assert_eq!(z.zone_name, "America East 2");
            assert_eq!(z.source, ZoneSource::Manual);
        }
        let z = parse_override("https://prde.autotask.net/").unwrap();
        assert_eq!(z.api_url, "https://prde.autotask.net/ATServicesRest/V1.0");
        let z = parse_override("http://127.0.0.1:8787/zone14/ATServicesRest/V1.0").unwrap();
        assert_eq!(z.api_url, "http://127.0.0.1:8787/zone14/ATServicesRest/V1.0");
        assert_eq!(parse_override("http://ww14.autotask.net/").unwrap_err().code, ErrorCode::InsecureUrl);
        for bad in
            ["", "https://evil.example/", "webservices", "wwx", "https://autotask.net.evil.com/", "http://127.0.0.1:1/"]
        {
            assert_eq!(parse_override(bad).unwrap_err().code, ErrorCode::InvalidZoneOverride, "{bad}");
        }
    }

    /// psa-api.md §A1 marks the names of zones 26 and 29 UNCONFIRMED (sources disagree): neutral names only.
    #[test]
    fn disputed_zones_get_neutral_names() {
        assert_eq!(zone_for_number(26).zone_name, "Zone 26 (ww26)");
        assert_eq!(zone_for_number(29).zone_name, "Zone 29 (ww29)");
        assert_eq!(zone_for_number(14).zone_name, "America East 2");
    }

    #[test]
    fn api_and_web_url_normalisation() {
        for raw in [
            "https://webservices14.autotask.net/ATServicesRest/",
            "https://WEBSERVICES14.autotask.net/atservicesrest",
            "https://webservices14.autotask.net/ATServicesRest/V1.0/",
            "https://webservices14.autotask.net/ATServicesRest/v2.0",
        ] {
            assert_eq!(
                normalize_api_url(raw).unwrap(),
                "https://webservices14.autotask.net/ATServicesRest/V1.0",
                "{raw}"
            );
        }
        assert_eq!(
            normalize_api_url("http://127.0.0.1:9/zone14/ATServicesRest/").unwrap(),
            "http://127.0.0.1:9/zone14/ATServicesRest/V1.0"
        );
        assert_eq!(normalize_web_url("https://WW14.autotask.net/").unwrap(), "https://ww14.autotask.net");
    }

    #[test]
    fn lookup_url_pins_the_version_and_encodes_the_user() {
        let u = lookup_url("https://webservices2.autotask.net/ATServicesRest/", "a+b@x.com").unwrap();
        assert_eq!(
            u.as_str(),
            "https://webservices2.autotask.net/ATServicesRest/V1.0/ZoneInformation?user=a%2Bb%40x.com"
        );
        let u = lookup_url("http://127.0.0.1:1/ATServicesRest/V1.0/", "u@x.com").unwrap();
        assert!(u.path().ends_with("/ATServicesRest/V1.0/ZoneInformation"));
    }

    #[test]
    fn usernames() {
        assert_eq!(validate_username("  api@contoso.com \n").unwrap(), "api@contoso.com");
        for bad in ["", "apiuser", "a@b", "a b@c.com", "@c.com", "a@@c.com", "a@.com"] {
            assert_eq!(validate_username(bad).unwrap_err().code, ErrorCode::InvalidUsername, "{bad}");
        }
    }
}
