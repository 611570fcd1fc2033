//! File-system primitives for the profile store: atomic replace, moving a bad file aside, and the
//! cross-process lock. Kept apart from the JSON handling so the crash-safety argument is in one place.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fs4::fs_std::FileExt;
use time::macros::format_description;

/// Prefix of in-flight temporary files; anything left with it after a crash is debris.
pub(crate) const TEMP_PREFIX: &str = ".profiles.json.tmp-";

/// Replaces `target` with `bytes` so a reader (or a crash at any instant) sees the old file or the new
/// one, never a mix: write a temporary file in the same directory (`tempfile`: unique name, removed again
/// on any error), flush it to disk, rename it over the target, then flush the directory so the rename
/// itself survives a power cut.
pub(crate) fn atomic_write(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = target.parent().ok_or_else(|| io::Error::other("target has no parent directory"))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    // The mode a plain `File::create` gives (0666 less the umask), not tempfile's private 0600.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(target).map_err(|e| e.error)?;
    sync_dir(dir)
}

#[cfg(unix)]
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
pub(crate) fn sync_dir(_dir: &Path) -> io::Result<()> {
    // Windows cannot open a directory for flushing; its rename (MoveFileEx) is journaled by NTFS.
    Ok(())
}

/// Removes temporary files a killed writer left behind. Only call with the store lock held, so no live
/// writer's file is removed.
pub(crate) fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Renames `path` to `<path>.<label>-<UTC timestamp>` (with a counter if that exists) and returns the new
/// path. The file's content is kept untouched for the user or support to inspect.
pub(crate) fn move_aside(path: &Path, label: &str) -> io::Result<PathBuf> {
    let stamp = time::OffsetDateTime::now_utc()
        .format(format_description!("[year][month][day]T[hour][minute][second]Z"))
        .map_err(io::Error::other)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    for n in 0..1000 {
        let suffix = if n == 0 { String::new() } else { format!("-{n}") };
        let aside = path.with_file_name(format!("{name}.{label}-{stamp}{suffix}"));
        if aside.exists() {
            continue;
        }
        fs::rename(path, &aside)?;
        if let Some(dir) = path.parent() {
            sync_dir(dir)?;
        }
        return Ok(aside);
    }
    Err(io::Error::other("too many files already moved aside"))
}

/// An exclusive lock on the store's lock file, released on drop (and by the OS if the process dies).
pub(crate) struct StoreLock {
    file: File,
}

impl Drop for StoreLock {
    fn drop(&mut self) {
        let _ = FileExt::unlock(&self.file);
    }
}

pub(crate) enum LockError {
    TimedOut,
    Io(io::Error),
}

/// Takes the lock, polling until `wait` has passed. Polling (rather than a blocking lock) keeps the wait
/// bounded, so a stuck second instance produces an error instead of a frozen window.
pub(crate) fn lock_exclusive(path: &Path, wait: Duration) -> Result<StoreLock, LockError> {
    let file =
        OpenOptions::new().read(true).write(true).create(true).truncate(false).open(path).map_err(LockError::Io)?;
    let deadline = Instant::now() + wait;
    let mut pause = Duration::from_millis(2);
    loop {
        match FileExt::try_lock_exclusive(&file) {
            Ok(true) => return Ok(StoreLock { file }),
            Ok(false) => {}
            Err(e) => return Err(LockError::Io(e)),
        }
        if Instant::now() >= deadline {
            return Err(LockError::TimedOut);
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}
