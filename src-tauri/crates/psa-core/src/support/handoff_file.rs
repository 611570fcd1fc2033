//! Hand-off *files* opened from the desktop: a double-click starts PSA Connect with the file's path (or a
//! `file://` URL) on its command line, or hands that command line to the running app. Files carry their own
//! extension so the operating system can route them here without claiming every JSON file.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use url::Url;

use super::handoff::MAX_DOCUMENT_BYTES;
use crate::error::{ErrorCode, PsaError};

/// `contoso.psaconnect`: what the app and `psa-connect handoff create` name hand-off files.
pub const FILE_EXTENSION: &str = "psaconnect";

/// The hand-off file named on a command line (the program name first, as in `std::env::args_os`): the first
/// argument with our extension, as a path or a `file://` URL. Relative paths are taken from `cwd` (a second
/// launch's own working directory, which the running app does not share).
pub fn file_argument<I>(args: I, cwd: &Path) -> Option<PathBuf>
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    args.into_iter().skip(1).map(Into::into).find_map(|arg| {
        let text = arg.to_string_lossy().into_owned();
        let path = if text.len() > 7 && text[..7].eq_ignore_ascii_case("file://") {
            Url::parse(&text).ok()?.to_file_path().ok()?
        } else {
            PathBuf::from(arg)
        };
        let ours = path.extension().is_some_and(|e| e.eq_ignore_ascii_case(FILE_EXTENSION));
        ours.then(|| if path.is_absolute() { path } else { cwd.join(path) })
    })
}

/// The text of a hand-off file, refusing anything larger than a hand-off can be (before reading it).
pub fn read(path: &Path) -> Result<String, PsaError> {
    let shown = path.display();
    let unreadable = |e: std::io::Error| {
        PsaError::new(ErrorCode::ImportInvalid, format!("Could not read {shown}."), "Check the file name and that you may read it.")
            .with_details(e.to_string())
    };
    let len = std::fs::metadata(path).map_err(unreadable)?.len();
    if len > MAX_DOCUMENT_BYTES as u64 {
        return Err(PsaError::new(
            ErrorCode::ImportInvalid,
            format!("{shown} is too large to be a PSA Connect hand-off."),
            "Open the file the support agent sent you, unchanged.",
        )
        .with_details(format!("{len} bytes")));
    }
    std::fs::read_to_string(path).map_err(unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_first_argument_with_our_extension_is_the_file() {
        let cwd = Path::new("/home/sam/Downloads");
        let found = file_argument(args(&["psa-connect-app", "--verbose", "a.json", "Contoso.PSACONNECT", "b.psaconnect"]), cwd);
        assert_eq!(found, Some(cwd.join("Contoso.PSACONNECT")));
        let absolute = file_argument(args(&["app", "/tmp/x.psaconnect"]), cwd);
        assert_eq!(absolute, Some(PathBuf::from("/tmp/x.psaconnect")));
    }

    #[test]
    fn file_urls_from_file_managers_are_decoded() {
        let found = file_argument(args(&["app", "file:///home/sam/My%20Files/contoso.psaconnect"]), Path::new("/"));
        assert_eq!(found, Some(PathBuf::from("/home/sam/My Files/contoso.psaconnect")));
    }

    #[test]
    fn no_file_when_nothing_has_our_extension() {
        let cwd = Path::new("/");
        assert_eq!(file_argument(args(&["app"]), cwd), None);
        // The program's own name never counts, and links are the deep-link plugin's business.
        assert_eq!(file_argument(args(&["x.psaconnect", "psa-connect://setup?d=abc", "notes.json"]), cwd), None);
        assert_eq!(file_argument(args(&["app", "file://not a url.psaconnect"]), cwd), None);
    }

    #[test]
    fn oversized_and_missing_files_are_refused_with_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.psaconnect");
        std::fs::write(&big, "x".repeat(MAX_DOCUMENT_BYTES + 1)).unwrap();
        let e = read(&big).unwrap_err();
        assert_eq!(e.code, ErrorCode::ImportInvalid);
        assert!(e.message.contains("too large"), "{}", e.message);
        let e = read(&dir.path().join("gone.psaconnect")).unwrap_err();
        assert!(e.message.contains("Could not read") && !e.fix.is_empty(), "{e:?}");
        let ok = dir.path().join("ok.psaconnect");
        std::fs::write(&ok, "{}").unwrap();
        assert_eq!(read(&ok).unwrap(), "{}");
    }
}
