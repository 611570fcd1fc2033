//! The vendor pack over Tauri's IPC path (issue 13): `pack_status` says whose pack is in use (names only, no
//! identifier), `template_get` serves the vendor's code from it, and a refused pack comes back as
//! `{code: "pack_invalid", message, fix}` with the built-in templates still served. One test: the pack in
//! use is process-wide.

mod common;

use common::Harness;
use psa_core::autotask::AutotaskEndpoints;
use psa_core::templates;
use serde_json::json;

#[test]
fn pack_status_and_templates_follow_the_pack_in_use() {
    let h = Harness::new(AutotaskEndpoints::production());
    assert_eq!(h.invoke("pack_status", json!({})).unwrap(), json!({}));
    let binox = h.invoke("template_get", json!({ "id": "binox-msp" })).unwrap();
    assert!(binox["autotask"]["trackingIdentifier"].get("code").is_none(), "no code is built in: {binox}");

    let pack = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/sim-vendor.psapack.toml");
    assert!(templates::load_pack(Some(&pack)).error.is_none());
    let status = h.invoke("pack_status", json!({})).unwrap();
    assert_eq!(status["pack"]["vendor"], "Simulated Vendor", "{status}");
    assert!(!status.to_string().contains(common::INTEGRATION_CODE), "the window gets names, not identifiers");
    let binox = h.invoke("template_get", json!({ "id": "binox-msp" })).unwrap();
    assert_eq!(binox["autotask"]["trackingIdentifier"]["code"], common::INTEGRATION_CODE);

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("big.psapack.toml");
    std::fs::write(&bad, "x".repeat(300 * 1024)).unwrap();
    assert!(templates::load_pack(Some(&bad)).pack.is_none());
    let status = h.invoke("pack_status", json!({})).unwrap();
    assert_eq!(status["error"]["code"], "pack_invalid", "{status}");
    assert!(status["error"]["message"].as_str().unwrap().contains("256 KiB"), "{status}");
    assert!(!status["error"]["fix"].as_str().unwrap().is_empty());
    let binox = h.invoke("template_get", json!({ "id": "binox-msp" })).unwrap();
    assert!(binox["autotask"]["trackingIdentifier"].get("code").is_none(), "built-in again: {binox}");
    templates::install_pack(None);
}
