//! The first-screen layout (src-tauri/first-screen.ld), which only release builds on Linux use. CI builds
//! no release binary, so these tests make sure the file is one the linker takes and that it still lists
//! this program's own start-up functions in the form the build's v0 symbol names have.
#![cfg(target_os = "linux")]

use std::path::{Path, PathBuf};
use std::process::Command;

fn layout_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("first-screen.ld")
}

fn patterns() -> Vec<String> {
    let text = std::fs::read_to_string(layout_path()).expect("src-tauri/first-screen.ld");
    // The input-section patterns: every ".text." line but the output section's own ("... : {").
    text.lines().map(str::trim).filter(|l| l.starts_with(".text.") && !l.ends_with('{')).map(str::to_string).collect()
}

#[test]
fn the_layout_lists_start_up_functions_of_our_own_crates() {
    let patterns = patterns();
    assert!(patterns.len() > 500, "only {} functions: was the list made from a full launch?", patterns.len());
    for ours in ["psa_connect_app_lib", "psa_core", "tauri"] {
        assert!(
            patterns.iter().any(|p| p.contains(ours)),
            "no start-up function of {ours}: run bash scripts/first-screen-layout.sh again"
        );
    }
}

#[test]
fn every_pattern_leaves_the_crate_disambiguators_open() {
    // A v0 name spells out its generic arguments; what changes from build to build are the crate
    // disambiguators ("Cs" + base-62 hash + "_"), the back-references that count positions after them, the
    // instantiating crate at the end and LTO's numbered suffix (scripts/first-screen-layout.sh). A pattern
    // that kept one would stop matching at the next build with other hashes; a legacy (_ZN..17h<hash>E)
    // name would match every instantiation of a generic function at once.
    let mut sorted = patterns();
    for p in &sorted {
        assert!(!p.chars().any(char::is_whitespace), "{p}");
        assert!(p.starts_with(".text.*"), "not open to .text.unlikely and the like: {p}");
        assert!(!p.contains("_ZN"), "a legacy-mangled name: is .cargo/config.toml's v0 flag lost? {p}");
        if p.contains("_R") {
            assert!(p.ends_with('*'), "not open to the instantiating crate and LTO's suffix: {p}");
        }
        // "Cs" or "B", then a base-62 number and "_": a disambiguator or a back-reference left closed.
        let kept = |marker: &str| {
            p.match_indices(marker).any(|(at, _)| {
                let rest = &p[at + marker.len()..];
                let number: String = rest.chars().take_while(char::is_ascii_alphanumeric).collect();
                !number.is_empty() && rest[number.len()..].starts_with('_')
            })
        };
        assert!(!kept("Cs"), "a crate disambiguator was kept: {p}");
        assert!(!kept("B"), "a back-reference was kept: {p}");
    }
    let before = sorted.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(before, sorted, "the script writes each pattern once, in byte order, so its diffs read well");
}

#[test]
fn the_linker_takes_the_layout_and_gathers_matching_functions() {
    // A small program linked with the real script, as the release build links the app: the linker accepts
    // the file, and the standard library functions the app's start-up shares with it land in the
    // first-screen section (its name is in the output only if the section was made).
    let dir = tempfile::tempdir().expect("temp dir");
    let source = dir.path().join("hello.rs");
    std::fs::write(&source, "fn main() { println!(\"{}\", std::env::args().count()); }\n").expect("write");
    let output = dir.path().join("hello");
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let result = Command::new(rustc)
        .arg(&source)
        .arg("-o")
        .arg(&output)
        .args(["-C", "symbol-mangling-version=v0", "-C"])
        .arg(format!("link-arg=-Wl,-T,{}", layout_path().display()))
        .output()
        .expect("run rustc");
    assert!(result.status.success(), "the linker refused the layout:\n{}", String::from_utf8_lossy(&result.stderr));
    let binary = std::fs::read(&output).expect("linked program");
    let name = b".text.first_screen";
    assert!(binary.windows(name.len()).any(|w| w == name), "no first-screen section in the linked program");
    let run = Command::new(&output).output().expect("run the linked program");
    assert_eq!(String::from_utf8_lossy(&run.stdout).trim(), "1", "the relaid program runs as before");
}
