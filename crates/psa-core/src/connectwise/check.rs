//! The connection check, in two waves like Autotask's: the site (companyinfo, skipped when the site is
//! saved), then everything else at once: the security role (`system/mySecurity`, whose first page is also
//! the sign-in, plus live counts for the two functions the filters read), the picklists and the template's
//! manual extras. A re-check of a saved site is one round trip, a fresh check two.
//!
//! No `system/info`: what it would add is the server's version, which companyinfo already gives
//! (`VersionCode`, psa-api.md §B1 "Codebase discovery", [CW-DEVGUIDE], [PSWARRANTY-PR32]), and proof that the
//! keys are accepted, which any authenticated call gives (ConnectWise answers 401 "The supplied
//! authentication is incorrect." to every call with wrong keys, psa-api.md §B1 "Errors", [CW-DEVGUIDE]). So
//! the role read is the sign-in: a fresh check is companyinfo + 7 requests, a re-check 7.
//!
//! With wrong keys every request of the wave fails (7 at most: mysecurity, 2 counts, 4 picklists); the
//! sign-in line alone reports it and every other line says "Not run: sign-in failed.".

use std::sync::Arc;
use std::time::Instant;

use futures::FutureExt;

use super::client::{Answer, CwClient};
use super::errors::API_MEMBER_STEP;
use super::preview::{count_of, COMPANIES, CONTACTS};
use super::site::{self, validate_company_id};
use super::{paging, security};
use super::{picklists, CwCheckOptions, RoleNeed};
use crate::error::{ErrorCode, PsaError};
use crate::http::HttpClient;
use crate::model::{CheckItem, CheckReport, CheckStatus, ConnectwiseCredentials, ConnectwiseSite, Picklists, Psa};
use crate::report::{self, extra_id, extra_label, failed, gated, item, manual, signed_in, timed};
use crate::templates::Extra;

/// The message of every line that waited for a sign-in that failed.
pub use crate::report::NOT_RUN_SIGN_IN;

/// What the check verifies when no template says otherwise: reading companies and contacts.
pub fn default_needs() -> Vec<RoleNeed> {
    ["Company Maintenance", "Contacts"]
        .iter()
        .map(|f| RoleNeed {
            module: "Companies".into(),
            function: f.to_string(),
            inquire: true,
            add: false,
            edit: false,
            delete: None,
            guide_step: None,
        })
        .collect()
}

/// Shape checks before anything is sent. Keys go into `company+public:private`, so `:` and spaces would
/// silently change the credential.
pub fn check_inputs(creds: &ConnectwiseCredentials) -> Result<(), PsaError> {
    validate_company_id(&creds.company_id)?;
    let key = |v: &str, which: &str| {
        let v = v.trim();
        if v.is_empty() || v.chars().any(|c| c.is_whitespace() || c.is_control() || c == ':' || !c.is_ascii()) {
            Err(PsaError::invalid_input(
                format!("The {which} key is empty or has characters an API key never has."),
                format!("Copy the {which} key again from {API_MEMBER_STEP}, without spaces or line breaks."),
            ))
        } else {
            Ok(())
        }
    };
    key(&creds.public_key, "public")?;
    key(creds.private_key.expose(), "private")?;
    // Before anything is sent: no clientId, or one ConnectWise cannot have issued, stops here.
    super::client_id::resolve(creds)?;
    Ok(())
}

fn new_report() -> CheckReport {
    CheckReport {
        psa: Psa::Connectwise,
        zone: None,
        site: None,
        items: Vec::new(),
        threshold: None,
        picklists: None,
        ok: false,
        error: None,
        requests: 0,
        elapsed_ms: 0,
    }
}

pub async fn run(
    creds: &ConnectwiseCredentials,
    opts: &CwCheckOptions,
    on_item: &(dyn Fn(&CheckItem) + Send + Sync),
) -> CheckReport {
    let started = Instant::now();
    let mut report = new_report();
    let mut http_count = None;
    run_inner(creds, opts, on_item, &mut report, &mut http_count).await;
    if opts.cancel.is_cancelled() && report.error.as_ref().is_none_or(|e| e.code != ErrorCode::Cancelled) && !report.ok
    {
        report.error =
            Some(PsaError::new(ErrorCode::Cancelled, "The check was cancelled.", "Start it again when you are ready."));
    }
    report.requests = http_count.map(|h: Arc<HttpClient>| h.request_count()).unwrap_or(0);
    report.elapsed_ms = started.elapsed().as_millis() as u64;
    report
}

fn block(report: &mut CheckReport, on_item: &(dyn Fn(&CheckItem) + Send + Sync), id: &str, label: &str, e: PsaError) {
    let it = failed(id, label, &e);
    on_item(&it);
    report.items.push(it);
    report.error = Some(e);
}

async fn run_inner(
    creds: &ConnectwiseCredentials,
    opts: &CwCheckOptions,
    on_item: &(dyn Fn(&CheckItem) + Send + Sync),
    report: &mut CheckReport,
    http_out: &mut Option<Arc<HttpClient>>,
) {
    if let Err(e) = check_inputs(creds) {
        return block(report, on_item, "input", "Your entries", e);
    }
    let company_id = creds.company_id.trim().to_string();

    // Wave 1: the site. The HTTP settings admit ConnectWise's cloud and the typed self-hosted host only.
    let prepared = match &opts.site_known {
        Some(s) => site::settings_for_known(s, &opts.http).map(|h| (h, None)),
        None => site::parse_site(&opts.site).map(|input| (input.http_settings(&opts.http), Some(input))),
    };
    let (settings, input) = match prepared {
        Ok(p) => p,
        Err(e) => return block(report, on_item, "site", "Site", e),
    };
    let http = match HttpClient::new(settings) {
        Ok(h) => Arc::new(h),
        Err(e) => return block(report, on_item, "site", "Site", e),
    };
    *http_out = Some(http.clone());
    let site = match (&opts.site_known, input) {
        (Some(s), _) => {
            let mut it = item("site", "Site", CheckStatus::Ok, format!("Using {} ({}).", site_words(s), s.api_url));
            it.elapsed_ms = Some(0);
            on_item(&it);
            report.items.push(it);
            s.clone()
        }
        (None, Some(input)) => {
            let detect = site::detect(&http, &opts.endpoints, &input, &company_id, &opts.cancel);
            let found = report::locate(report, ("site", "Site"), on_item, detect, |s| {
                format!("Found {} on {}: codebase {}.", name_or_id(s), site_words(s), s.codebase)
            })
            .await;
            match found {
                Some(s) => s,
                None => return,
            }
        }
        (None, None) => return,
    };
    report.site = Some(site.clone());
    let client = CwClient::new(http.clone(), creds.clone(), site, Some(opts.endpoints.clone()), opts.cancel.clone());

    wave(&client, opts, on_item, report).await;
}

type SignIn<'a> = report::SignIn<'a, Option<String>>;

/// The first page of the security role, shared by the sign-in line and the role lines.
type RolePage<'a> = futures::future::Shared<futures::future::BoxFuture<'a, Result<Answer, PsaError>>>;

/// Spelled `mySecurity` as ConnectWise's OpenAPI description has it (pyconnectwise `SystemMysecurityEndpoint`
/// registers "mySecurity").
const ROLE_PATH: &str = "system/mySecurity";

async fn wave<'a>(
    client: &'a CwClient,
    opts: &'a CwCheckOptions,
    on_item: &'a (dyn Fn(&CheckItem) + Send + Sync),
    report: &mut CheckReport,
) {
    // The role's first page is the sign-in; the version shown is the one companyinfo gave (or the saved site).
    let first_page: RolePage<'a> =
        async move { client.get(ROLE_PATH, &paging::first_page_query(""), None).await }.boxed().shared();
    let version = client.site().version_code.filter(|v| !v.trim().is_empty());
    let sign_in: SignIn<'a> = first_page.clone().map(move |r| r.map(|_| version)).boxed().shared();
    let auth_fut = timed("auth", "Sign-in", on_item, async {
        match sign_in.clone().await {
            Ok(version) => {
                let version = version.map(|v| format!(" (ConnectWise {v})")).unwrap_or_default();
                item(
                    "auth",
                    "Sign-in",
                    CheckStatus::Ok,
                    format!("ConnectWise accepted the company ID, keys and clientId{version}."),
                )
            }
            // The documented role refusal (psa-api.md §B1 "Errors"): the keys were accepted; only the object is
            // off limits. The role lines say what is missing.
            Err(e) if e.code == ErrorCode::PermissionDenied => {
                item("auth", "Sign-in", CheckStatus::Ok, "ConnectWise accepted the company ID, keys and clientId.")
            }
            // A 403 without that wording may be a clientId ConnectWise does not know (how it refuses one is
            // UNCONFIRMED, §B1) or a role refusal: not a sign-in proven either way.
            Err(e) if e.code == ErrorCode::CwRefusedUnclear => report::unclear_sign_in(
                "Unclear whether ConnectWise accepted the company ID, keys and clientId: it refused to show the \
                 security role without saying why.",
                &e,
            ),
            Err(e) => failed("auth", "Sign-in", &e),
        }
    });
    let needs = if opts.needs.is_empty() { default_needs() } else { opts.needs.clone() };
    let mut picklist_value: Option<Picklists> = None;
    let roles_fut = roles(client, &needs, first_page, sign_in.clone(), on_item);
    let extras_fut = futures::future::join_all(opts.extras.iter().enumerate().map(|(n, extra)| {
        let (id, label) = (extra_id(n, extra), extra_label(extra));
        let line = extra_line(id.clone(), label.clone(), extra);
        gated(id, label, true, sign_in.clone(), on_item, async move { line }.boxed())
    }));
    let picklists_fut = async {
        if !opts.picklists {
            return None;
        }
        let work = picklist_line(client, &mut picklist_value).boxed();
        Some(gated("picklists".into(), "Filter lists".into(), true, sign_in.clone(), on_item, work).await)
    };
    let (auth, role_items, extra_items, picklist_item) = futures::join!(auth_fut, roles_fut, extras_fut, picklists_fut);
    if let Some(moved) = client.moved().await {
        let mut it = item(
            "site.moved",
            "Site moved",
            CheckStatus::Warning,
            format!("ConnectWise now serves this company from codebase {}; PSA Connect uses it.", moved.codebase),
        );
        it.fix = Some(
            "Nothing to do now. If you saved a profile before, save it again so it remembers the new address.".into(),
        );
        it.details = Some(format!("new API URL {}", moved.api_url));
        on_item(&it);
        report.items.push(it);
        report.site = Some(moved);
    }
    report.picklists = picklist_value;
    let wave = report::Wave {
        sign_in: sign_in.await,
        auth,
        informative: Vec::new(),
        required: role_items,
        extras: extra_items,
        picklists: picklist_item,
    };
    report::settle(report, wave, opts.cancel.is_cancelled());
}

fn site_words(s: &ConnectwiseSite) -> String {
    match site::parse_site(&s.site) {
        Ok(site::SiteInput::Cloud { region, .. }) => format!("the {region} cloud site"),
        _ => format!("the self-hosted site {}", s.site),
    }
}

fn name_or_id(s: &ConnectwiseSite) -> &str {
    if s.company_name.trim().is_empty() {
        &s.company_id
    } else {
        &s.company_name
    }
}

/// A role has dozens of rows; 40 pages of 25 (a server that caps `pageSize`) is far beyond any real one.
const ROLE_MAX_PAGES: u32 = 40;
const ROLE_MAX_ROWS: usize = 5000;

/// One `system/mysecurity` read shared by every role line, plus a live count for the functions that have one,
/// all sent with the sign-in; the lines finish once the sign-in answer is known.
async fn roles(
    client: &CwClient,
    needs: &[RoleNeed],
    first_page: RolePage<'_>,
    sign_in: SignIn<'_>,
    on_item: &(dyn Fn(&CheckItem) + Send + Sync),
) -> Vec<CheckItem> {
    for n in needs {
        let label = security::role_label(n);
        on_item(&item(&security::role_id(n), &label, CheckStatus::Running, format!("{label}…")));
    }
    let started = Instant::now();
    // A paged list (25 rows by default: connectpyse issue #11; HealthITAU/pyconnectwise
    // `SystemMysecurityEndpoint`; christaylorcodes/ConnectWiseManageAPI `Get-CWMMySecurity -all`): read every
    // page, or a granted function past row 25 looks missing. The first page went out with the wave.
    // `truncated` is kept: a row missing from a cut-off table is unknown, not absent.
    let table = async {
        let first = first_page.await?;
        let listed = paging::get_rest(client, ROLE_PATH, first, None, ROLE_MAX_PAGES, ROLE_MAX_ROWS).await?;
        security::parse_rows(&serde_json::Value::Array(listed.items)).map(|rows| (rows, listed.truncated))
    };
    let lives = futures::future::join_all(needs.iter().map(|n| live_count(client, n)));
    let (table, lives, auth) = futures::join!(table, lives, sign_in);
    let elapsed = started.elapsed().as_millis() as u64;
    let ok = signed_in(&auth);
    needs
        .iter()
        .zip(lives)
        .map(|(n, live)| {
            let mut it = if ok {
                let rows = table.as_ref().map(|(rows, _)| rows.as_slice());
                security::evaluate_table(n, rows, table.as_ref().is_ok_and(|(_, cut)| *cut), live)
            } else {
                item(&security::role_id(n), &security::role_label(n), CheckStatus::Skipped, NOT_RUN_SIGN_IN)
            };
            it.elapsed_ms = Some(elapsed);
            on_item(&it);
            it
        })
        .collect()
}

/// Company Maintenance and Contacts are confirmed with a count; other functions have no cheap read.
async fn live_count(client: &CwClient, need: &RoleNeed) -> Option<Result<u64, PsaError>> {
    if !need.inquire || !need.module.eq_ignore_ascii_case("companies") {
        return None;
    }
    let (path, subject) = match need.function.to_ascii_lowercase().as_str() {
        "company maintenance" => ("company/companies/count", COMPANIES),
        "contacts" => ("company/contacts/count", CONTACTS),
        _ => return None,
    };
    Some(client.get(path, "", Some(subject)).await.and_then(|a| count_of(&a.value, path)))
}

fn extra_line(id: String, label: String, extra: &Extra) -> CheckItem {
    match extra {
        Extra::ManualCheck(m) => manual(id, label, m),
        // Templates only give ConnectWise manual checks; anything else is shown, not silently dropped.
        _ => item(&id, &label, CheckStatus::Skipped, "This check applies to Autotask only."),
    }
}

async fn picklist_line(client: &CwClient, out: &mut Option<Picklists>) -> CheckItem {
    let found = picklists::run(client).await;
    let p = &found.picklists;
    let mut msg = format!(
        "{} company types, {} company statuses, {} markets, {} territories.",
        p.company_types.len(),
        p.company_statuses.len(),
        p.markets.len(),
        p.territories.len()
    );
    if !found.truncated.is_empty() {
        msg.push_str(&format!(" Only the first values of {} were read.", found.truncated.join(", ")));
    }
    let mut it = item("picklists", "Filter lists", CheckStatus::Ok, msg);
    if let Some((_, first)) = found.failures.first() {
        let names: Vec<&str> = found.failures.iter().map(|(n, _)| *n).collect();
        it.status = if names.len() == 4 { CheckStatus::Failed } else { CheckStatus::Warning };
        it.message = format!("{} Could not read: {}.", it.message, names.join(", "));
        it.code = Some(first.code);
        it.fix = Some(first.fix.clone());
        it.details = first.details.clone();
    }
    *out = Some(found.picklists);
    it
}
