//! A test program made of modules (`tests/<name>/main.rs`) compiles only the files its `main.rs` names, where
//! cargo would have made a program of every `tests/*.rs`: a file added beside `main.rs` and not named there
//! would never run, and nothing would say so. Each such program calls [`assert_every_file_is_a_module`].

use std::path::Path;

/// Fails for each `*.rs` file or folder beside `main.rs` in `dir` that `main.rs` does not declare with
/// `mod <name>;` (a `#[path]` attribute before it is allowed).
pub fn assert_every_file_is_a_module(dir: &Path) {
    let main = std::fs::read_to_string(dir.join("main.rs")).expect("main.rs of the test program");
    let declared: Vec<&str> =
        main.lines().filter_map(|l| l.trim().strip_prefix("mod ")?.strip_suffix(';')).map(str::trim).collect();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(dir).expect("the test program's folder") {
        let path = entry.expect("a folder entry").path();
        let name = match path.file_name().and_then(|n| n.to_str()) {
            Some(n) if path.is_dir() => n.to_string(),
            Some(n) if n != "main.rs" && n.ends_with(".rs") => n.trim_end_matches(".rs").to_string(),
            _ => continue,
        };
        if !declared.contains(&name.as_str()) {
            missing.push(name);
        }
    }
    missing.sort();
    assert!(
        missing.is_empty(),
        "{}: {missing:?} would never be compiled or run: add `mod <name>;` to main.rs for each",
        dir.display()
    );
}

#[cfg(test)]
mod tests {
    use super::assert_every_file_is_a_module;

    #[test]
    fn a_file_that_main_does_not_name_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("main.rs"), "mod named;\n#[path = \"x\"]\nmod folder;\n").unwrap();
        std::fs::write(dir.path().join("named.rs"), "").unwrap();
        std::fs::create_dir(dir.path().join("folder")).unwrap();
        assert_every_file_is_a_module(dir.path());
        std::fs::write(dir.path().join("forgotten.rs"), "").unwrap();
        let failed = std::panic::catch_unwind(|| assert_every_file_is_a_module(dir.path()));
        let message = *failed.expect_err("a forgotten file must fail").downcast::<String>().unwrap();
        assert!(message.contains("[\"forgotten\"]"), "{message}");
    }
}
