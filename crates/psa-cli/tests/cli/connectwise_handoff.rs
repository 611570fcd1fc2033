//! `psa-connect handoff create|show` for ConnectWise end to end: the real binary against the ConnectWise
//! simulator on 127.0.0.1 (the site is looked up while the agent is there); no fixture private key may
//! show up in its output.

use crate::common;

use common::connectwise::run;
use common::{EXIT_REMOTE, EXIT_USAGE};
use psa_tests::connectwise::fixtures as fx;
use psa_tests::connectwise::{CwSim, CwSimConfig};

/// `handoff create` for ConnectWise looks the site up while the agent is there: the document carries it, the
/// keys may only go to that site's API host, and a wrong company ID is told at once, not by the customer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handoff_carries_the_site_found_for_the_company() {
    let sim = CwSim::start(CwSimConfig::standard()).await.unwrap();
    let handoff = |site: &str, company: &str, extra: &[&str]| {
        let mut args: Vec<String> =
            ["handoff", "create", "--psa", "connectwise", "--template", "sync365-license", "--username"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        args.extend(
            [fx::GOOD.public_key, "--site", site, "--company-id", company, "--cloud-url", &sim.cloud_url()]
                .map(String::from),
        );
        args.extend(extra.iter().map(|s| s.to_string()));
        run(args, None, vec![])
    };

    let r = handoff(fx::CONTOSO_REGION, fx::CONTOSO, &["--json"]).await;
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let site = &r.json["draft"]["profile"]["connection"]["site"];
    assert_eq!(r.json["draft"]["profile"]["connection"]["companyId"], fx::CONTOSO);
    assert_eq!(site["companyId"], fx::CONTOSO);
    assert_eq!(site["companyName"], fx::CONTOSO_NAME);
    assert_eq!(site["codebase"], fx::CONTOSO_CODEBASE);
    let hosts = r.json["draft"]["secretHosts"].as_array().unwrap();
    assert_eq!(hosts.len(), 1, "keys go to one host: {hosts:?}");
    let api_url = site["apiUrl"].as_str().unwrap();
    assert!(api_url.contains(hosts[0].as_str().unwrap()), "keys go to the site's API host {api_url}, not {hosts:?}");
    assert_eq!(r.json["draft"]["openStep"], "secret", "everything but the keys is known");

    // The link the customer gets opens with the same site.
    let link = r.json["link"].as_str().unwrap().to_string();
    let shown = run(["handoff", "show", &link, "--json"].map(String::from).to_vec(), None, vec![]).await;
    assert_eq!(shown.code, 0, "{}", shown.stderr);
    assert_eq!(shown.json["draft"]["profile"]["connection"]["site"], *site);
    let human = run(["handoff", "show", &link].map(String::from).to_vec(), None, vec![]).await;
    assert!(human.stdout.contains(fx::CONTOSO_NAME) && human.stdout.contains("Site"), "{}", human.stdout);

    // Contoso is not in the EU region: said now, with the region that knows it.
    let wrong = handoff(fx::FABRIKAM_REGION, fx::CONTOSO, &["--json"]).await;
    assert_eq!(wrong.code, EXIT_REMOTE, "{}", wrong.stdout);
    assert_eq!(wrong.json["error"]["code"], "cw_unknown_company", "{}", wrong.stdout);

    // A site for Autotask, or a company without a site, is a usage error that names the right flags.
    let args = ["handoff", "create", "--template", "custom", "--site", "na", "--company-id", "contoso", "--json"];
    let at = run(args.map(String::from).to_vec(), None, vec![]).await;
    assert_eq!(at.code, EXIT_USAGE, "{}", at.stdout);
    assert!(at.json["error"]["fix"].as_str().unwrap().contains("--zone"), "{}", at.stdout);
    let args = ["handoff", "create", "--psa", "connectwise", "--template", "custom", "--company-id", "contoso"];
    let lone = run(args.map(String::from).to_vec(), None, vec![]).await;
    assert_eq!(lone.code, EXIT_USAGE, "{}", lone.stderr);
    assert!(lone.stderr.contains("--site"), "{}", lone.stderr);
}
