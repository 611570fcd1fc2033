//! The profile file: `profiles.json` = `{ "version": 1, "profiles": [...] }` in the data directory.
//!
//! Reads need no lock (writes replace the file atomically). Every change is one read-modify-write under an
//! exclusive lock on `profiles.lock`, so two app instances or a CLI run cannot lose each other's edits.
//! A file that does not parse is moved aside, never overwritten; a file from a newer version is left alone
//! and nothing is written over it.

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
pub const STORE_VERSION: u64 = 1;
/// Long enough for any real write to finish, short enough that a stuck peer gives an error, not a hang.
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(5);

#[derive(Serialize, Deserialize)]
struct StoreFile {
    version: u64,
    profiles: Vec<Profile>,
}

enum Parsed {
    Ok(Vec<Profile>),
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
        let mut profiles = match self.read()? {
            Parsed::Ok(p) => p,
            Parsed::Newer(v) => return Err(self.newer_error(v)),
            Parsed::Corrupt(reason) => return Err(self.set_aside(reason)),
        };
        let before = profiles.clone();
        let out = change(&mut profiles)?;
        if profiles == before {
            return Ok(out);
        }
        let file = StoreFile { version: STORE_VERSION, profiles };
        let mut bytes = serde_json::to_vec_pretty(&file).map_err(|e| PsaError::internal(e.to_string()))?;
        bytes.push(b'\n');
        let path = self.file_path();
        fsutil::atomic_write(&path, &bytes).map_err(|e| self.io_error("write", &path, e))?;
        Ok(out)
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
                "Try again to continue with an empty list. To recover the old profiles, send that file to support \
                 or import a profile export you made earlier.",
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
    if version != STORE_VERSION {
        return Parsed::Corrupt(format!("unknown format version {version}"));
    }
    match serde_json::from_value::<StoreFile>(value) {
        Ok(file) => Parsed::Ok(file.profiles),
        Err(e) => Parsed::Corrupt(format!("profiles do not match format {STORE_VERSION}: {e}")),
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
