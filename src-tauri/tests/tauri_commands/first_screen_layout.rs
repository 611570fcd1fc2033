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
    // disambiguators ("Cs" + base-62 hash + "_"), the back-references ("B" + base-62 offset + "_") that
    // count positions after them, the instantiating crate at the end and LTO's numbered suffix
    // (scripts/first-screen-layout.sh). A pattern that kept one would stop matching at the next build with
    // other hashes; a legacy name (_ZN...17h<hash>E) would match in one build only.
    let mut sorted = patterns();
    for p in &sorted {
        assert!(!p.chars().any(char::is_whitespace), "{p}");
        assert!(p.starts_with(".text.*"), "not open to .text.unlikely and the like: {p}");
        assert!(!p.contains("_ZN"), "a legacy-mangled name: is .cargo/config.toml's v0 flag lost? {p}");
        if let Some(name) = p.strip_prefix(".text.*_R") {
            let name = name.strip_suffix('*').unwrap_or_else(|| panic!("not open at its end: {p}"));
            if let Some(kept) = closed_build_specific_part(name) {
                panic!("{kept} left closed in {p}");
            }
        }
    }
    let before = sorted.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(before, sorted, "the script writes each pattern once, in byte order, so its diffs read well");
}

/// Reads a v0 name (after "_R") token by token as the script does, skipping identifiers by their length
/// prefix, and returns a crate disambiguator or back-reference that is not "*".
fn closed_build_specific_part(name: &str) -> Option<&'static str> {
    let bytes = name.as_bytes();
    let mut i = 0;
    let mut after_impl = false;
    while i < bytes.len() {
        let rest = &name[i..];
        let base62 = |from: usize| rest[from..].find(|c: char| !c.is_ascii_alphanumeric()).map(|n| from + n);
        let tag = bytes[i];
        if tag == b's' {
            if let Some(end) = base62(1).filter(|&e| e <= 4 && rest[e..].starts_with('_')) {
                if after_impl || rest[end + 1..].starts_with(|c: char| c.is_ascii_digit()) {
                    i += end + 1;
                    after_impl = false;
                    continue;
                }
            }
        }
        after_impl = matches!(tag, b'M' | b'X' | b'Y');
        if tag.is_ascii_digit() {
            let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
            let skip = usize::from(rest[digits..].starts_with('_'));
            i += digits + skip + rest[..digits].parse::<usize>().unwrap_or(0);
        } else if rest.starts_with("Cs*_") || rest.starts_with("B*_") {
            i += if tag == b'C' { 4 } else { 3 };
        } else if rest.starts_with("Cs") && base62(2).is_some_and(|e| e > 2 && rest[e..].starts_with('_')) {
            return Some("a crate disambiguator");
        } else if tag == b'B' && base62(1).is_some_and(|e| rest[e..].starts_with('_')) {
            return Some("a back-reference");
        } else {
            i += 1;
        }
    }
    None
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
        // As src-tauri/build.rs passes it: `-T` and the path, each its own argument to the C compiler driver.
        .args(["-C", "symbol-mangling-version=v0", "-C", "link-arg=-T", "-C"])
        .arg(format!("link-arg={}", layout_path().display()))
        .output()
        .expect("run rustc");
    assert!(result.status.success(), "the linker refused the layout:\n{}", String::from_utf8_lossy(&result.stderr));
    let binary = std::fs::read(&output).expect("linked program");
    let name = b".text.first_screen";
    assert!(binary.windows(name.len()).any(|w| w == name), "no first-screen section in the linked program");
    let run = Command::new(&output).output().expect("run the linked program");
    assert_eq!(String::from_utf8_lossy(&run.stdout).trim(), "1", "the relaid program runs as before");
}
