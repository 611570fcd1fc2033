//! What tests that run a PSA Connect binary as a child, or use the real OS keychain, need alike: the child
//! with its environment adjusted and stdin fed, a scan for a secret on disk, and a keychain gate.

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use psa_core::keychain::{KeychainNamespace, KeyringStore, SecretStore};

/// Runs `cmd` to its end with `remove` cleared from its environment, then `set` added (so a variable in
/// both ends up set), and `stdin` written to its standard input, which is then closed.
pub fn run_piped<R, K, V>(cmd: &mut Command, remove: &[R], set: &[(K, V)], stdin: Option<&[u8]>) -> Output
where
    R: AsRef<OsStr>,
    K: AsRef<OsStr>,
    V: AsRef<OsStr>,
{
    for name in remove {
        cmd.env_remove(name);
    }
    for (name, value) in set {
        cmd.env(name, value);
    }
    cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn the child process");
    let mut input = child.stdin.take().expect("piped stdin");
    if let Some(bytes) = stdin {
        // A child that refuses its command line exits before reading: a broken pipe here is expected.
        let _ = input.write_all(bytes);
    }
    drop(input);
    child.wait_with_output().expect("wait for the child process")
}

/// What a search of a folder for a text found.
pub struct Scan {
    /// The files whose bytes contain the text.
    pub hits: Vec<PathBuf>,
    /// How many files were read: a test that finds nothing can show it looked.
    pub files_read: usize,
}

/// Searches every file under `dir` (recursively) for `needle`; a missing `dir` has no files. A file or folder
/// that can't be read fails the test: for a secret scan, unread would mean unchecked.
pub fn scan_for(dir: &Path, needle: &str) -> Scan {
    let mut scan = Scan { hits: Vec::new(), files_read: 0 };
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return scan,
        Err(e) => panic!("look at {}: {e}", dir.display()),
        Ok(_) => {}
    }
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("read folder {}: {e}", d.display())) {
            let path = entry.unwrap_or_else(|e| panic!("list {}: {e}", d.display())).path();
            if path.is_dir() {
                todo.push(path);
                continue;
            }
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
            scan.files_read += 1;
            if String::from_utf8_lossy(&bytes).contains(needle) {
                scan.hits.push(path);
            }
        }
    }
    scan
}

/// Fails the test when a file under `dir` holds `secret`, and when there was no file to look at: a scan of an
/// empty or mistaken folder would otherwise pass without proving anything.
pub fn assert_secret_in_no_file(dir: &Path, secret: &str) {
    let scan = scan_for(dir, secret);
    assert!(scan.files_read > 0, "no file under {} to scan for the secret: wrong folder?", dir.display());
    assert!(scan.hits.is_empty(), "the secret reached {:?}", scan.hits);
}

/// The files under `dir` whose bytes contain `needle` (see [`scan_for`]).
pub fn files_containing(dir: &Path, needle: &str) -> Vec<String> {
    scan_for(dir, needle).hits.iter().map(|p| p.display().to_string()).collect()
}

/// A keychain that passed its self-test, or `None` (skip) when there is none and it is not required:
/// with `PSA_CONNECT_KEYCHAIN_REQUIRED=1` a missing keychain is a failure, never a silent skip.
pub fn real_keychain(ns: &KeychainNamespace) -> Option<KeyringStore> {
    let store = KeyringStore::new(ns);
    match store.round_trip_check() {
        Ok(()) => Some(store),
        Err(e) if std::env::var("PSA_CONNECT_KEYCHAIN_REQUIRED").as_deref() == Ok("1") => {
            panic!("PSA_CONNECT_KEYCHAIN_REQUIRED=1 but the keychain does not work: {e:?}")
        }
        Err(e) => {
            eprintln!("SKIPPED: no working keychain ({:?}); set PSA_CONNECT_KEYCHAIN_REQUIRED=1 to fail", e.code);
            None
        }
    }
}
