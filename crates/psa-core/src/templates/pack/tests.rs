//! Vendor packs: parsing, the checks on every field, and where a pack is looked for.

use super::*;

const FIXTURE: &str = include_str!("../../../../../tests/fixtures/sim-vendor.psapack.toml");

fn head() -> String {
    "kind = \"psa-connect-pack\"\nversion = 1\nvendor = \"Acme\"\n".to_string()
}

fn refused_for(text: &str) -> PsaError {
    let e = parse("acme.psapack.toml", text).expect_err("refused");
    assert_eq!(e.code, ErrorCode::PackInvalid, "{e:?}");
    assert!(e.message.contains("acme.psapack.toml") && !e.fix.is_empty(), "{e:?}");
    e
}

#[test]
fn the_test_pack_supplies_identifiers_and_names_its_vendor() {
    let p = parse("sim-vendor.psapack.toml", FIXTURE).expect("the test pack is valid");
    assert_eq!(p.info.vendor, "Simulated Vendor");
    assert!(p.info.supplies_identifiers_for.contains(&"binox-msp".to_string()));
    let s365 = p.apply("sync365-license", super::super::builtin("sync365-license").ok()).unwrap();
    assert_eq!(s365.autotask.unwrap().tracking_identifier.code.as_deref(), Some("SIMVENDOR7QXK2M4PZ8RT3WB6HJ"));
    assert_eq!(s365.connectwise.unwrap().client_id.as_deref(), Some("5b0c6f0e-2f4d-4a8e-9c53-7c1d2a9e4b61"));
    // The info the app shows carries names, never the identifiers themselves.
    let shown = serde_json::to_string(&p.info).unwrap();
    assert!(!shown.contains("SIMVENDOR") && !shown.contains("5b0c6f0e"), "{shown}");
}

#[test]
fn a_pack_cannot_carry_an_address_or_a_host_field() {
    let e = refused_for(&format!("{}support = \"see https://acme.example/help\"\n", head()));
    assert!(e.message.contains("line 4") && e.message.contains("address"), "{e:?}");
    // No field exists for a host: an unknown key is refused, whatever its value.
    let e = refused_for(&format!("{}zoneHost = \"webservices14.autotask.net\"\n", head()));
    assert!(e.message.contains("zoneHost"), "{e:?}");
    let e = refused_for(&format!(
        "{}[[identifiers]]\ntemplate = \"binox-msp\"\ntrackingCode = \"ABC\"\napiUrl = \"webservices1.example\"\n",
        head()
    ));
    assert!(e.message.contains("apiUrl"), "{e:?}");
}

#[test]
fn malformed_packs_say_what_to_fix() {
    let e = refused_for("kind = \"psa-connect-pack\"\nversion = 1\nvendor = \n");
    assert!(e.message.contains("line 3"), "{e:?}");
    assert!(refused_for("kind = \"psa-connect-pack\"\nversion = 1\n").message.contains("vendor"));
    assert!(refused_for("kind = \"other\"\nversion = 1\nvendor = \"A\"\n").message.contains("kind"));
    assert!(refused_for("kind = \"psa-connect-pack\"\nversion = 2\nvendor = \"A\"\n").message.contains("version 2"));
    assert!(refused_for("kind = \"psa-connect-pack\"\nversion = 1\nvendor = \" \"\n").message.contains("vendor"));
    let e = refused_for(&format!("{}[[identifiers]]\ntemplate = \"nope\"\ntrackingCode = \"ABC\"\n", head()));
    assert!(e.message.contains("\"nope\"") && e.message.contains("binox-msp"), "{e:?}");
    let e = refused_for(&format!("{}[[identifiers]]\ntemplate = \"binox-msp\"\n", head()));
    assert!(e.message.contains("trackingCode, clientId"), "{e:?}");
    let e =
        refused_for(&format!("{}[[identifiers]]\ntemplate = \"binox-msp\"\ntrackingCode = \"has space\"\n", head()));
    assert!(e.message.contains("letters and digits"), "{e:?}");
    let e = refused_for(&format!(
        "{}[[identifiers]]\ntemplate = \"binox-msp\"\nclientId = \"0e7d3c1a-9b64-4f2e-8a15-63c2b9d7e480\"\n",
        head()
    ));
    assert!(e.message.contains("no ConnectWise setup"), "{e:?}");
    let e = refused_for(&format!("{}[[identifiers]]\ntemplate = \"sync365-license\"\nclientId = \"my-app\"\n", head()));
    assert!(e.message.contains("developer.connectwise.com/ClientID"), "{e:?}");
}

#[test]
fn the_partners_own_custom_identifier_is_never_in_a_pack() {
    let e = refused_for(&format!("{}[[identifiers]]\ntemplate = \"custom\"\ntrackingCode = \"ABC123\"\n", head()));
    assert!(e.message.contains("Custom (Internal Integration)"), "{e:?}");
}

#[test]
fn a_pack_template_is_validated_like_a_built_in_one() {
    let custom = include_str!("../../../templates/custom.toml").replace("id = \"custom\"", "id = \"acme-sync\"");
    // A whole template as a [[templates]] entry: every key of the file under that table.
    let as_entry = |t: &str| {
        let mut out = head();
        out.push_str("[[templates]]\n");
        for line in t.lines() {
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
    let p = parse("acme.psapack.toml", &as_entry(&custom)).expect("a valid added template");
    assert_eq!(p.info.templates, vec!["acme-sync".to_string()]);
    let broken = custom.replace("entity = \"Companies\"", "entity = \"Companys\"");
    let e = refused_for(&as_entry(&broken));
    assert!(e.message.contains("templates[0]") && e.message.contains("Companys"), "{e:?}");
}

#[test]
fn oversized_and_unreadable_files_are_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.psapack.toml");
    let mut text = head();
    text.push_str(&format!("# {}\n", "x".repeat(MAX_PACK_BYTES as usize)));
    std::fs::write(&big, text).unwrap();
    let e = load(&big).unwrap_err();
    assert_eq!(e.code, ErrorCode::PackInvalid);
    assert!(e.message.contains("at most 256 KiB"), "{e:?}");
    let e = load(&dir.path().join("missing.psapack.toml")).unwrap_err();
    assert!(e.message.contains("cannot be read"), "{e:?}");
    std::fs::write(dir.path().join("bin.psapack.toml"), [0xff, 0xfe, 0]).unwrap();
    assert!(load(&dir.path().join("bin.psapack.toml")).unwrap_err().message.contains("UTF-8"));
}

#[test]
fn one_pack_per_folder() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(pack_in(dir.path()).unwrap(), None);
    std::fs::write(dir.path().join("notes.toml"), "x").unwrap();
    assert_eq!(pack_in(dir.path()).unwrap(), None);
    std::fs::write(dir.path().join("a.psapack.toml"), head()).unwrap();
    assert_eq!(pack_in(dir.path()).unwrap(), Some(dir.path().join("a.psapack.toml")));
    std::fs::write(dir.path().join("b.psapack.toml"), head()).unwrap();
    let e = pack_in(dir.path()).unwrap_err();
    assert!(e.message.contains("a.psapack.toml, b.psapack.toml") && e.message.contains("keep one"), "{e:?}");
}
