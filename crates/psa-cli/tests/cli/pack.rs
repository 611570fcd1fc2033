//! `psa-connect` with a vendor pack (issue 13): `--pack FILE` and PSA_CONNECT_PACK, `templates list` naming the
//! pack in use, the vendor's code taken from the pack so it is never typed, a refused pack explained, and a
//! hand-off carrying the vendor's code.

use crate::common;

use common::autotask::{line, run, sim};
use common::EXIT_USAGE;
use psa_tests::autotask::fixtures as fx;

fn test_pack() -> String {
    format!("{}/../../tests/fixtures/sim-vendor.psapack.toml", env!("CARGO_MANIFEST_DIR"))
}

/// No pack found by accident: none named, and the data folder a fresh temporary one.
fn no_pack_env(dir: &std::path::Path) -> Vec<(&'static str, String)> {
    vec![("PSA_CONNECT_PACK", String::new()), ("PSA_CONNECT_DATA_DIR", dir.display().to_string())]
}

fn env_refs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, val)| (*k, val.as_str())).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn templates_list_names_the_pack_in_use_and_explains_a_refused_one() {
    let tmp = tempfile::tempdir().unwrap();
    let env = no_pack_env(tmp.path());
    let pack = test_pack();
    let r = run(&["templates", "list", "--pack", &pack], None, &env_refs(&env)).await;
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("Vendor pack: Simulated Vendor"), "{}", r.stdout);
    assert!(!r.stdout.contains(fx::INTEGRATION_CODE), "identifiers are not printed: {}", r.stdout);
    let r = run(&["templates", "list", "--pack", &pack, "--json"], None, &env_refs(&env)).await;
    assert_eq!(r.json["pack"]["vendor"], "Simulated Vendor", "{}", r.stdout);

    // Through PSA_CONNECT_PACK, as the app and start.sh --demo use it.
    let mut with_env = env.clone();
    with_env[0].1 = pack.clone();
    let r = run(&["templates", "list", "--json"], None, &env_refs(&with_env)).await;
    assert_eq!(r.json["pack"]["vendor"], "Simulated Vendor", "{}", r.stdout);

    // None: nothing is said about a pack.
    let r = run(&["templates", "list", "--json"], None, &env_refs(&env)).await;
    assert!(r.json["pack"].is_null(), "{}", r.stdout);

    // A pack that names a host is refused with what to fix; --pack makes that an error.
    let bad = tmp.path().join("bad.psapack.toml");
    std::fs::write(
        &bad,
        "kind = \"psa-connect-pack\"\nversion = 1\nvendor = \"Acme\"\nsupport = \"https://acme.example\"\n",
    )
    .unwrap();
    let r = run(&["templates", "list", "--pack", &bad.display().to_string(), "--json"], None, &env_refs(&env)).await;
    assert_eq!(r.code, EXIT_USAGE, "{}", r.stdout);
    assert_eq!(r.json["error"]["code"], "pack_invalid");
    assert!(r.json["error"]["message"].as_str().unwrap().contains("line 4"), "{}", r.stdout);
    // Found in the data folder instead: reported, and the built-in templates still listed.
    std::fs::rename(&bad, tmp.path().join("acme.psapack.toml")).unwrap();
    let r = run(&["templates", "list", "--json"], None, &env_refs(&env)).await;
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.json["packError"]["code"], "pack_invalid", "{}", r.stdout);
    assert!(r.json["templates"].as_array().unwrap().iter().any(|t| t["id"] == "binox-msp"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_vendors_code_comes_from_the_pack_and_is_never_typed() {
    let sim = sim().await;
    let lookup = sim.zone_lookup_url();
    let tmp = tempfile::tempdir().unwrap();
    let env = no_pack_env(tmp.path());
    let pack = test_pack();
    let args = |with_pack: bool| {
        let mut a = vec![
            "autotask".to_string(),
            "check".into(),
            "--username".into(),
            fx::FULL_ACCESS_USER.into(),
            "--template".into(),
            "binox-msp".into(),
            "--secret-stdin".into(),
            "--zone-lookup-url".into(),
            lookup.clone(),
            "--json".into(),
        ];
        if with_pack {
            a.extend(["--pack".to_string(), pack.clone()]);
        }
        a
    };
    let with: Vec<String> = args(true);
    let with: Vec<&str> = with.iter().map(String::as_str).collect();
    let r = run(&with, Some(&line(fx::FULL_ACCESS_SECRET)), &env_refs(&env)).await;
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.json["ok"], true, "{}", r.stdout);

    // Without a pack there is no code to send, and the fix says where the vendor's comes from.
    let without: Vec<String> = args(false);
    let without: Vec<&str> = without.iter().map(String::as_str).collect();
    let r = run(&without, Some(&line(fx::FULL_ACCESS_SECRET)), &env_refs(&env)).await;
    assert_eq!(r.code, EXIT_USAGE, "{}", r.stdout);
    assert!(r.json["error"]["fix"].as_str().unwrap().contains("--pack"), "{}", r.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hand_off_carries_the_vendors_code_from_the_pack() {
    let tmp = tempfile::tempdir().unwrap();
    let env = no_pack_env(tmp.path());
    let pack = test_pack();
    let r = run(
        &["handoff", "create", "--template", "binox-msp", "--pack", &pack, "--link", "--json"],
        None,
        &env_refs(&env),
    )
    .await;
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let text = r.stdout.clone();
    let draft =
        psa_core::support::handoff::parse(r.json["link"].as_str().unwrap_or_else(|| panic!("a link in {text}")))
            .unwrap();
    assert_eq!(draft.profile.connection.identifier(), fx::INTEGRATION_CODE);
}
