//! Hand-off *files* opened from the desktop: a double-click starts PSA Connect with the file's path (or a
//! `file://` URL) on its command line, or hands that command line to the running app. Files carry their own
//! extension so the operating system can route them here without claiming every JSON file.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use url::Url;

use super::handoff::MAX_DOCUMENT_BYTES;
use crate::error::{ErrorCode, PsaError};

/// `contoso.psaconnect`: what the app names the hand-off files it saves, and the name a support agent should
/// give `psa-connect handoff create -o`, so that the desktop routes a double-click to PSA Connect.
pub const FILE_EXTENSION: &str = "psaconnect";

/// The hand-off file named on a command line (the program name first, as in `std::env::args_os`): the first
/// argument that [`handoff_path`] accepts.
pub fn file_argument<I>(args: I, cwd: &Path) -> Option<PathBuf>
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    args.into_iter().skip(1).find_map(|arg| handoff_path(&arg.into(), cwd))
}

/// `arg` as the path of a hand-off file: a path or a `file://` URL (as file managers and macOS pass them) with
/// our extension; anything else is `None`. Relative paths are taken from `cwd` (a second launch's own working
/// directory, which the running app does not share).
pub fn handoff_path(arg: &OsStr, cwd: &Path) -> Option<PathBuf> {
    let text = arg.to_string_lossy();
    let path = if is_file_url(&text) { Url::parse(&text).ok()?.to_file_path().ok()? } else { PathBuf::from(arg) };
    let ours = path.extension().is_some_and(|e| e.eq_ignore_ascii_case(FILE_EXTENSION));
    ours.then(|| if path.is_absolute() { path } else { cwd.join(path) })
}

/// Only a `file://` URL with our extension (macOS hands a double-clicked file to the app that way, through the
/// deep-link plugin); a plain path is not taken from there.
pub fn handoff_url(url: &str) -> Option<PathBuf> {
    is_file_url(url).then(|| handoff_path(OsStr::new(url), Path::new("/"))).flatten()
}

fn is_file_url(text: &str) -> bool {
    text.get(..7).is_some_and(|scheme| scheme.eq_ignore_ascii_case("file://"))
}

/// The text of a hand-off file. Only a regular file is read, and never more than a hand-off can hold, so a
/// pipe or a link to a device cannot hang or flood the app.
pub fn read(path: &Path) -> Result<String, PsaError> {
    let shown = path.display();
    let unreadable = |e: std::io::Error| {
        PsaError::new(
            ErrorCode::ImportInvalid,
            format!("Could not read {shown}."),
            "Check the file name and that you may read it.",
        )
        .with_details(e.to_string())
    };
    let not_a_handoff = |why: String| {
        PsaError::new(
            ErrorCode::ImportInvalid,
            format!("{shown} is not a PSA Connect hand-off."),
            "Open the file the support agent sent you, unchanged, or ask them for a new one.",
        )
        .with_details(why)
    };
    let file = File::open(path).map_err(unreadable)?;
    if !file.metadata().map_err(unreadable)?.is_file() {
        return Err(not_a_handoff("not a regular file".into()));
    }
    let mut bytes = Vec::new();
    file.take(MAX_DOCUMENT_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(not_a_handoff(format!("larger than {MAX_DOCUMENT_BYTES} bytes")));
    }
    String::from_utf8(bytes).map_err(|_| not_a_handoff("not UTF-8 text".into()))
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
        let found =
            file_argument(args(&["psa-connect-app", "--verbose", "a.json", "Contoso.PSACONNECT", "b.psaconnect"]), cwd);
        assert_eq!(found, Some(cwd.join("Contoso.PSACONNECT")));
        let absolute = file_argument(args(&["app", "/tmp/x.psaconnect"]), cwd);
        assert_eq!(absolute, Some(PathBuf::from("/tmp/x.psaconnect")));
    }

    #[test]
    fn non_ascii_arguments_are_paths_like_any_other() {
        // A multi-byte character across the first seven bytes must not be cut in half.
        let cwd = Path::new("/");
        for name in ["/home/örjan/Downloads/c.psaconnect", "Загрузки/x.psaconnect", "/home/张伟/y.psaconnect"]
        {
            assert_eq!(file_argument(args(&["app", name]), cwd), Some(cwd.join(name)), "{name}");
        }
        assert_eq!(file_argument(args(&["app", "ñandú.txt", "/é"]), cwd), None);
        let url = handoff_path(OsStr::new("file:///home/%C3%B6rjan/c.psaconnect"), cwd);
        assert_eq!(url, Some(PathBuf::from("/home/örjan/c.psaconnect")));
        assert_eq!(
            handoff_url("file:///home/%C3%B6rjan/c.psaconnect"),
            Some(PathBuf::from("/home/örjan/c.psaconnect"))
        );
        assert_eq!(handoff_url("/home/örjan/c.psaconnect"), None, "from a URL event only URLs count");
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
        assert!(e.message.contains("is not a PSA Connect hand-off"), "{}", e.message);
        assert!(e.details.as_deref().unwrap_or("").contains("larger than"), "{e:?}");
        let e = read(&dir.path().join("gone.psaconnect")).unwrap_err();
        assert!(e.message.contains("Could not read") && !e.fix.is_empty(), "{e:?}");
        // A folder, a link to a device and a file that is not text are not hand-offs, and say so.
        let folder = dir.path().join("folder.psaconnect");
        std::fs::create_dir(&folder).unwrap();
        assert!(read(&folder).unwrap_err().message.contains("is not a PSA Connect hand-off"));
        #[cfg(unix)]
        {
            let zero = dir.path().join("zero.psaconnect");
            std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
            let e = read(&zero).unwrap_err();
            assert!(e.message.contains("is not a PSA Connect hand-off"), "{e:?}");
        }
        let binary = dir.path().join("binary.psaconnect");
        std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x80]).unwrap();
        assert!(read(&binary).unwrap_err().message.contains("is not a PSA Connect hand-off"));
        let ok = dir.path().join("ok.psaconnect");
        std::fs::write(&ok, "{}").unwrap();
        assert_eq!(read(&ok).unwrap(), "{}");
    }
}
