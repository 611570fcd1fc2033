//! Vendor packs applied to the template catalogue (issue 13). One test function, because the pack in use is
//! process-wide and these steps must not interleave with each other.

use std::path::PathBuf;

use psa_core::templates;
use psa_core::ErrorCode;

const SIM_CODE: &str = "SIMVENDOR7QXK2M4PZ8RT3WB6HJ";
const SIM_CLIENT_ID: &str = "5b0c6f0e-2f4d-4a8e-9c53-7c1d2a9e4b61";

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sim-vendor.psapack.toml")
}

fn code(id: &str) -> Option<String> {
    templates::get(id).unwrap().autotask.unwrap().tracking_identifier.code
}

#[test]
fn a_pack_supplies_identifiers_adds_templates_and_a_refused_one_changes_nothing() {
    // Built in: no vendor's identifier is known, and nothing is invented.
    for t in templates::load_all().unwrap() {
        assert!(t.autotask.as_ref().is_none_or(|a| a.tracking_identifier.code.is_none()), "{}", t.id);
        assert!(t.connectwise.as_ref().is_none_or(|c| c.client_id.is_none()), "{}", t.id);
    }
    assert_eq!(templates::pack_status(), templates::PackStatus { pack: None, error: None });

    // The test pack, named explicitly (the command line's --pack).
    let status = templates::load_pack(Some(&fixture()));
    assert!(status.error.is_none(), "{status:?}");
    assert_eq!(status.pack.as_ref().unwrap().vendor, "Simulated Vendor");
    assert_eq!(code("binox-msp").as_deref(), Some(SIM_CODE));
    let s365 = templates::get("sync365-license").unwrap();
    assert_eq!(s365.connectwise_client_id().as_deref(), Some(SIM_CLIENT_ID));
    assert_eq!(code("custom"), None, "Custom stays the partner's own");
    assert!(templates::get("custom").unwrap().connectwise_client_id().is_none());

    // A pack that adds a template and replaces a built-in one.
    let dir = tempfile::tempdir().unwrap();
    let custom = include_str!("../templates/custom.toml");
    let entry = |t: &str, id: &str| {
        let mut out = String::from("[[templates]]\n");
        for line in t.replace("id = \"custom\"", &format!("id = \"{id}\"")).lines() {
            let l = line.trim_start();
            if l.starts_with("[[") {
                out.push_str(&line.replacen("[[", "[[templates.", 1));
            } else if l.starts_with('[') {
                out.push_str(&line.replacen('[', "[templates.", 1));
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
        out
    };
    let added = entry(custom, "acme-sync")
        .replace("kind = \"custom\"", "kind = \"integration_vendor\"\nvendorName = \"Acme Sync\"\ncode = \"ACME123\"");
    let text = format!(
        "kind = \"psa-connect-pack\"\nversion = 1\nvendor = \"Acme\"\n{added}{}",
        entry(custom, "binox-msp").replace("name = \"Custom integration\"", "name = \"Binox by Acme\"")
    );
    let file = dir.path().join("acme.psapack.toml");
    std::fs::write(&file, text).unwrap();
    let status = templates::load_pack(Some(&file));
    assert!(status.error.is_none(), "{status:?}");
    let info = status.pack.unwrap();
    assert_eq!(info.templates, vec!["acme-sync".to_string(), "binox-msp".to_string()]);
    assert_eq!(info.supplies_identifiers_for, vec!["acme-sync".to_string()]);
    let ids = templates::ids();
    assert_eq!(ids.last().map(String::as_str), Some("acme-sync"), "added after the built-ins: {ids:?}");
    assert_eq!(ids.iter().filter(|i| *i == "binox-msp").count(), 1, "replaced, not doubled");
    assert_eq!(templates::get("binox-msp").unwrap().name, "Binox by Acme");
    assert_eq!(code("acme-sync").as_deref(), Some("ACME123"));
    assert!(templates::list().iter().any(|t| t.id == "acme-sync"));

    // A refused pack: its error is kept for the app to show, and the built-in templates are back.
    std::fs::write(&file, "kind = \"psa-connect-pack\"\nversion = 1\nvendor = \"Acme\"\nhost = \"evil.example\"\n")
        .unwrap();
    let status = templates::load_pack(Some(&file));
    assert!(status.pack.is_none());
    let e = status.error.unwrap();
    assert_eq!(e.code, ErrorCode::PackInvalid);
    assert!(e.message.contains("host"), "{e:?}");
    assert_eq!(templates::pack_status().error.map(|e| e.code), Some(ErrorCode::PackInvalid));
    assert_eq!(code("binox-msp"), None);
    assert_eq!(templates::get("binox-msp").unwrap().name, "Binox MSP");
    assert!(templates::get("acme-sync").is_err());

    // PSA_CONNECT_PACK is read when nothing is named explicitly.
    std::env::set_var(templates::pack::PACK_ENV, fixture());
    let status = templates::load_pack(None);
    std::env::remove_var(templates::pack::PACK_ENV);
    assert_eq!(status.pack.map(|p| p.vendor).as_deref(), Some("Simulated Vendor"));
    templates::install_pack(None);
}
