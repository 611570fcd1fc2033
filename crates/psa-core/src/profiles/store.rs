//! The profile file: `profiles.json` = `{ "version": 2, "profiles": [...] }` in the data directory.
//!
//! Reads need no lock (writes replace the file atomically). Every change is one read-modify-write under an
//! exclusive lock on `profiles.lock`, so two app instances or a CLI run cannot lose each other's edits.
//! A file that does not parse is moved aside, never overwritten; a file from a newer version is left alone
//! and nothing is written over it. A file from an older version is migrated at the first read: the old file
//! is copied to `profiles.v<N>.backup.json` first, and that copy is removed only once the new file was
//! written and read back.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::fsutil::{self, LockError};
use super::{paths, Profile};
use crate::error::{ErrorCode, PsaError};

pub const PROFILES_FILE: &str = "profiles.json";
pub const LOCK_FILE: &str = "profiles.lock";
/// 2: each profile's connection is one `connection` object per PSA (see `crate::connection`); 1 kept it flat.
pub const STORE_VERSION: u64 = 2;
/// Long enough for any real write to finish, short enough that a stuck peer gives an error, not a hang.
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(5);

#[derive(Serialize, Deserialize)]
struct StoreFile {
    version: u64,
    profiles: Vec<Profile>,
}

enum Parsed {
    Ok(Vec<Profile>),
    /// Read from an older format (with the file as it was, for its backup); the next write migrates it.
    Old(u64, Vec<Profile>, Vec<u8>),
    Newer(u64),
    Corrupt(String),
}

#[derive(Debug, Clone)]
pub struct ProfileStore {
    dir: PathBuf,
    lock_wait: Duration,
}

impl ProfileStore {
    /// A store in `dir`; nothing is created until the first write.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        ProfileStore { dir: dir.into(), lock_wait: DEFAULT_LOCK_WAIT }
    }

    /// The store in `PSA_CONNECT_DATA_DIR`, else in the OS app-data directory.
    pub fn from_env() -> Result<Self, PsaError> {
        Ok(Self::new(paths::resolve_data_dir()?))
    }

    pub fn with_lock_wait(mut self, wait: Duration) -> Self {
        self.lock_wait = wait;
        self
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn file_path(&self) -> PathBuf {
        self.dir.join(PROFILES_FILE)
    }

    fn lock_path(&self) -> PathBuf {
        self.dir.join(LOCK_FILE)
    }

    /// All profiles, in the order they were created.
    pub fn list(&self) -> Result<Vec<Profile>, PsaError> {
        match self.read()? {
            Parsed::Ok(profiles) => Ok(profiles),
            Parsed::Newer(v) => Err(self.newer_error(v)),
            // Migrating writes, so it needs the lock: `modify` does it whether or not anything else changes.
            Parsed::Old(..) => self.modify(|profiles| Ok(profiles.clone())),
            // Moving the file aside needs the lock, and a writer may have fixed it meanwhile: retry under it.
            Parsed::Corrupt(_) => self.modify(|profiles| Ok(profiles.clone())),
        }
    }

    /// One profile by id, or by name ignoring case.
    pub fn get(&self, id_or_name: &str) -> Result<Profile, PsaError> {
        let profiles = self.list()?;
        find(&profiles, id_or_name).cloned().ok_or_else(|| not_found(id_or_name))
    }

    /// Runs `change` on the current list under the lock and saves the result atomically. When `change`
    /// fails or leaves the list as it was, nothing is written.
    pub fn modify<T>(&self, change: impl FnOnce(&mut Vec<Profile>) -> Result<T, PsaError>) -> Result<T, PsaError> {
        fs::create_dir_all(&self.dir).map_err(|e| self.io_error("create", &self.dir, e))?;
        let _lock = fsutil::lock_exclusive(&self.lock_path(), self.lock_wait).map_err(|e| match e {
            LockError::TimedOut => self.locked_error(),
            LockError::Io(e) => self.io_error("lock", &self.lock_path(), e),
        })?;
        fsutil::remove_stale_temps(&self.dir);
        let (mut profiles, old) = match self.read()? {
            Parsed::Ok(p) => (p, None),
            Parsed::Old(v, p, original) => (p, Some((v, original))),
            Parsed::Newer(v) => return Err(self.newer_error(v)),
            Parsed::Corrupt(reason) => return Err(self.set_aside(reason)),
        };
        let before = profiles.clone();
        let out = change(&mut profiles)?;
        if profiles == before && old.is_none() {
            return Ok(out);
        }
        let backup = match old {
            Some((version, original)) => Some(self.back_up(version, &original)?),
            None => None,
        };
        let file = StoreFile { version: STORE_VERSION, profiles };
        let mut bytes = serde_json::to_vec_pretty(&file).map_err(|e| PsaError::internal(e.to_string()))?;
        bytes.push(b'\n');
        let path = self.file_path();
        fsutil::atomic_write(&path, &bytes).map_err(|e| self.io_error("write", &path, e))?;
        if let Some(backup) = backup {
            // The backup goes only once the new file reads back as what was meant to be written.
            match self.read()? {
                Parsed::Ok(read) if read == file.profiles => {
                    let _ = fs::remove_file(&backup);
                    tracing::info!(backup = %backup.display(), "profile store migrated to format {STORE_VERSION}");
                }
                _ => {
                    return Err(PsaError::internal("the migrated profile file did not read back as written")
                        .with_details(format!("the old file is kept as {}", backup.display())))
                }
            }
        }
        Ok(out)
    }

    /// The file as it is, copied beside it before a migration rewrites it.
    pub fn backup_path(&self, version: u64) -> PathBuf {
        self.dir.join(format!("profiles.v{version}.backup.json"))
    }

    fn back_up(&self, version: u64, original: &[u8]) -> Result<PathBuf, PsaError> {
        let to = self.backup_path(version);
        fsutil::atomic_write(&to, original).map_err(|e| self.io_error("back up", &to, e))?;
        Ok(to)
    }

    fn read(&self) -> Result<Parsed, PsaError> {
        let path = self.file_path();
        match fs::read(&path) {
            Ok(bytes) => Ok(parse(&bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Parsed::Ok(Vec::new())),
            Err(e) => Err(self.io_error("read", &path, e)),
        }
    }

    fn set_aside(&self, reason: String) -> PsaError {
        let path = self.file_path();
        match fsutil::move_aside(&path, "corrupt") {
            Ok(aside) => PsaError::new(
                ErrorCode::ProfileStoreCorrupt,
                format!(
                    "The saved profiles could not be read, so PSA Connect kept the damaged file as {} and starts \
                     with an empty list. Nothing in it was changed.",
                    aside.display()
                ),
                "To recover the old profiles, send that file to support or import a profile export you made \
                 earlier. What you save from now on starts a new list beside it.",
            )
            .with_details(reason),
            Err(e) => {
                let why = format!("{}: {e}; the file is unreadable: {reason}", path.display());
                self.io_error("move aside", &path, e).with_details(why)
            }
        }
    }

    fn newer_error(&self, version: u64) -> PsaError {
        PsaError::new(
            ErrorCode::ProfileStoreNewer,
            format!(
                "The saved profiles were written by a newer version of PSA Connect (format {version}; this version \
                 understands format {STORE_VERSION}). To keep them safe, this version will not change them."
            ),
            "Update PSA Connect to the latest version, or use the version that saved these profiles.",
        )
        .with_details(self.file_path().display().to_string())
    }

    fn locked_error(&self) -> PsaError {
        PsaError::new(
            ErrorCode::ProfileStoreLocked,
            "Another PSA Connect window or command is changing the saved profiles right now.",
            "Wait a moment and try again. If it keeps happening, close other PSA Connect windows and running \
             psa-connect commands.",
        )
        .with_details(self.lock_path().display().to_string())
    }

    fn io_error(&self, what: &str, path: &Path, e: io::Error) -> PsaError {
        PsaError::new(
            ErrorCode::ProfileStoreIo,
            format!("PSA Connect could not {what} its saved profiles in {}.", self.dir.display()),
            format!(
                "Check that this folder exists and your user may write to it, and that the disk is not full. \
                 To use another folder, set {}.",
                paths::DATA_DIR_ENV
            ),
        )
        .with_details(format!("{}: {e}", path.display()))
    }
}

fn parse(bytes: &[u8]) -> Parsed {
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => return Parsed::Corrupt(format!("not valid JSON ({} bytes): {e}", bytes.len())),
    };
    let Some(version) = value.get("version").and_then(|v| v.as_u64()) else {
        return Parsed::Corrupt("no numeric \"version\" field".to_string());
    };
    if version > STORE_VERSION {
        return Parsed::Newer(version);
    }
    let value = match version {
        STORE_VERSION => value,
        1 => {
            let mut value = value;
            if let Err(reason) = crate::connection::v1::upgrade_list(&mut value) {
                return Parsed::Corrupt(format!("format 1 profiles could not be migrated: {reason}"));
            }
            value
        }
        _ => return Parsed::Corrupt(format!("unknown format version {version}")),
    };
    match serde_json::from_value::<StoreFile>(value) {
        Ok(file) if version == STORE_VERSION => Parsed::Ok(file.profiles),
        Ok(file) => Parsed::Old(version, file.profiles, bytes.to_vec()),
        Err(e) => Parsed::Corrupt(format!("profiles do not match format {version}: {e}")),
    }
}

pub(crate) fn find<'a>(profiles: &'a [Profile], id_or_name: &str) -> Option<&'a Profile> {
    profiles.iter().find(|p| p.id == id_or_name).or_else(|| profiles.iter().find(|p| p.matches(id_or_name)))
}

pub(crate) fn not_found(id_or_name: &str) -> PsaError {
    PsaError::new(
        ErrorCode::ProfileNotFound,
        format!("There is no saved profile called \"{id_or_name}\"."),
        "Check the name (psa-connect profile list shows all of them), or create the profile first.",
    )
}
