//! Embeds every `templates/*.toml` into the binary: adding a vendor means adding a file, never editing code.
//! Writes `$OUT_DIR/templates_index.rs`, a sorted list of `(file name, contents)` pairs.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    check_build_client_id();
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest_dir).join("templates");
    // The directory itself, so that a new or removed file triggers a rebuild, and each file for edits.
    println!("cargo:rerun-if-changed={}", dir.display());

    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();

    let mut out = String::from("pub(crate) const FILES: &[(&str, &str)] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().and_then(|n| n.to_str()).expect("template file names are UTF-8");
        writeln!(out, "    ({name:?}, include_str!({:?})),", path.display().to_string()).unwrap();
    }
    out.push_str("];\n");

    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("templates_index.rs"), out).expect("write templates_index.rs");
}

/// `PSA_CONNECT_CW_CLIENT_ID`: a vendor's registered ConnectWise clientId, embedded in its own build. A value
/// that is not a GUID fails the build here rather than every ConnectWise call later.
fn check_build_client_id() {
    println!("cargo:rerun-if-env-changed=PSA_CONNECT_CW_CLIENT_ID");
    let Ok(id) = std::env::var("PSA_CONNECT_CW_CLIENT_ID") else {
        return;
    };
    let id = id.trim();
    let guid = id.len() == 36
        && id
            .chars()
            .enumerate()
            .all(|(i, c)| if [8, 13, 18, 23].contains(&i) { c == '-' } else { c.is_ascii_hexdigit() });
    if !id.is_empty() && !guid {
        panic!(
            "PSA_CONNECT_CW_CLIENT_ID must be the clientId registered at developer.connectwise.com/ClientID, \
             a GUID like 00000000-0000-0000-0000-000000000000; got {id:?}"
        );
    }
}
