//! A test program made of modules (`tests/<name>/main.rs`) compiles only the files its `main.rs` names, where
//! cargo would have made a program of every `tests/*.rs`: a file added beside `main.rs` (or beside a folder
//! module's `mod.rs`) and not named there would never run, and nothing would say so. Each such program calls
//! [`assert_every_file_is_a_module`].

use std::path::Path;

/// Fails for each `*.rs` file or folder beside `main.rs` in `dir` that `main.rs` does not declare with
/// `mod <name>;` (a `#[path]` attribute before it is allowed), and likewise inside each declared folder that
/// is a module of its own (`<folder>/mod.rs` names the files beside it).
pub fn assert_every_file_is_a_module(dir: &Path) {
    let mut missing = Vec::new();
    undeclared(dir, "main.rs", &mut missing);
    missing.sort();
    assert!(
        missing.is_empty(),
        "{}: {missing:?} would never be compiled or run: add `mod <name>;` to the main.rs or mod.rs beside each",
        dir.display()
    );
}

/// Adds to `missing` the files and folders in `dir` that its `root` file (main.rs or mod.rs) does not declare,
/// as paths relative to the program's folder, and looks inside the declared folders that have a mod.rs.
fn undeclared(dir: &Path, root: &str, missing: &mut Vec<String>) {
    let text = std::fs::read_to_string(dir.join(root)).unwrap_or_else(|e| panic!("{}: {e}", dir.join(root).display()));
    let declared: Vec<&str> = text.lines().filter_map(declared_module).collect();
    for entry in std::fs::read_dir(dir).expect("the test program's folder") {
        let path = entry.expect("a folder entry").path();
        let name = match path.file_name().and_then(|n| n.to_str()) {
            Some(n) if path.is_dir() => n.to_string(),
            Some(n) if n != root && n.ends_with(".rs") => n.trim_end_matches(".rs").to_string(),
            _ => continue,
        };
        if !declared.contains(&name.as_str()) {
            let shown =
                if root == "main.rs" { name } else { format!("{}/{name}", dir.file_name().unwrap().to_string_lossy()) };
            missing.push(shown);
        } else if path.is_dir() && path.join("mod.rs").is_file() {
            undeclared(&path, "mod.rs", missing);
        }
    }
}

/// The module a line declares: `mod x;`, `pub mod x;`, `pub(crate) mod x;` and the like.
fn declared_module(line: &str) -> Option<&str> {
    let line = line.trim();
    let line = match line.strip_prefix("pub") {
        Some(rest) if rest.starts_with(' ') => rest.trim_start(),
        Some(rest) if rest.starts_with('(') => rest.split_once(')')?.1.trim_start(),
        _ => line,
    };
    Some(line.strip_prefix("mod ")?.strip_suffix(';')?.trim())
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

    #[test]
    fn a_file_its_folders_mod_rs_does_not_name_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("main.rs"), "mod harness;\n").unwrap();
        let harness = dir.path().join("harness");
        std::fs::create_dir(&harness).unwrap();
        std::fs::write(harness.join("mod.rs"), "mod driver;\npub mod portal;\npub(super) mod restart;\n").unwrap();
        for named in ["driver.rs", "portal.rs", "restart.rs"] {
            std::fs::write(harness.join(named), "").unwrap();
        }
        assert_every_file_is_a_module(dir.path());
        std::fs::write(harness.join("elements.rs"), "").unwrap();
        let failed = std::panic::catch_unwind(|| assert_every_file_is_a_module(dir.path()));
        let message = *failed.expect_err("a forgotten file in a module folder must fail").downcast::<String>().unwrap();
        assert!(message.contains("[\"harness/elements\"]"), "{message}");
    }
}
