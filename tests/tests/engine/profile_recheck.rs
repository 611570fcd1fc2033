//! psa-core's one re-check service (`profiles::recheck`, issue 13): a saved profile is tested with the check of
//! its own PSA, its stored zone or site and its template's needs, with the secret from the keychain. The CLI
//! (`profile check`, `diagnose`) and the app (`profile_recheck`) both call it; before, the CLI ran an Autotask
//! check on a ConnectWise profile.

use crate::autotask_support;
use crate::connectwise_support;

use autotask_support::TestKeys;
use psa_core::autotask::AutotaskEndpoints;
use psa_core::connection::Connection;
use psa_core::connectwise::CwEndpoints;
use psa_core::model::CheckItem;
use psa_core::profiles::recheck::{self, RecheckOptions};
use psa_core::profiles::{service, ProfileInput, ProfileStore};
use psa_core::Secret;
use psa_tests::autotask::{fixtures as atfx, AutotaskSim, SimConfig};
use psa_tests::connectwise::{fixtures as cwfx, CwSim, CwSimConfig};

fn options(at: &AutotaskSim, cw: &CwSim) -> RecheckOptions {
    RecheckOptions {
        autotask: AutotaskEndpoints::with_lookup_url(at.zone_lookup_url()),
        connectwise: CwEndpoints::with_cloud_override(cw.cloud_url()),
        http: autotask_support::fast_http(),
        cancel: Default::default(),
        lookup_beside: true,
    }
}

fn no_progress(_: &CheckItem) {}

#[tokio::test]
async fn each_profile_is_rechecked_with_its_own_psa_site_and_template() {
    let at = AutotaskSim::start(SimConfig::live_like()).await.unwrap();
    let cw = CwSim::start(CwSimConfig::live_like()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let store = ProfileStore::new(dir.path());
    let keys = TestKeys::default();

    // What the wizard saved after a passing ConnectWise check: the site it found, the public key, the clientId.
    let site = connectwise_support::detect(&cw, &cwfx::GOOD).await;
    let input = |name: &str, template: &str, connection: Connection| ProfileInput {
        name: name.into(),
        template: template.into(),
        connection,
        filters: Default::default(),
        settings: Default::default(),
        notes: String::new(),
    };
    let cw_input = input(
        "Contoso CW",
        "sync365-license",
        Connection::connectwise(site.company_id.clone(), cwfx::ADMIN.public_key, cwfx::CLIENT_ID, Some(site)),
    );
    let cw_saved = service::save_profile(&store, cw_input, Some(&Secret::new(cwfx::ADMIN.private_key)), &keys).unwrap();
    let at_input = input("Contoso AT", "custom", Connection::autotask(atfx::GOOD_USER, atfx::INTEGRATION_CODE, None));
    let at_saved = service::save_profile(&store, at_input, Some(&Secret::new(atfx::GOOD_SECRET)), &keys).unwrap();

    let opts = options(&at, &cw);
    let r = recheck::recheck(&store, &cw_saved.profile, &keys, &opts, &no_progress).await.unwrap();
    assert!(r.report.ok, "{:#?}", r.report);
    let ids: Vec<&str> = r.report.items.iter().map(|i| i.id.as_str()).collect();
    assert!(ids.contains(&"role.finance.agreement_invoicing"), "the template's role lines: {ids:?}");
    assert!(!ids.iter().any(|i| i.starts_with("probe.")), "no Autotask probe on a ConnectWise profile: {ids:?}");
    assert_eq!(r.profile.last_check.as_ref().map(|c| c.ok), Some(true));
    assert_eq!(r.secret.expose(), cwfx::ADMIN.private_key);
    assert_eq!(at.stats().total_requests, 0, "nothing went to Autotask");

    let r = recheck::recheck(&store, &at_saved.profile, &keys, &opts, &no_progress).await.unwrap();
    assert!(r.report.ok, "{:#?}", r.report);
    assert!(r.report.items.iter().any(|i| i.id == "probe.companies"));
    assert!(!format!("{:?}", r.report).contains(atfx::GOOD_SECRET));

    // A profile whose secret is not in the keychain says so before anything is sent.
    let mut missing = cw_saved.profile.clone();
    missing.secret_ref = None;
    let before = cw.stats().total_requests;
    let e = recheck::recheck(&store, &missing, &keys, &opts, &no_progress).await.unwrap_err();
    assert_eq!(e.code, psa_core::ErrorCode::KeychainEntryMissing);
    assert_eq!(cw.stats().total_requests, before);
}
