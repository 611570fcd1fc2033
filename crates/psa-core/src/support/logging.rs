//! Log files that help support without filling a disk or leaking a secret.
//!
//! - Where: the OS log directory for the app's identifier, the same place Tauri's `app_log_dir` uses
//!   (Linux `$XDG_DATA_HOME/{id}/logs` or `~/.local/share/{id}/logs`, macOS `~/Library/Logs/{id}`,
//!   Windows `%LOCALAPPDATA%\{id}\logs`); `PSA_CONNECT_LOG_DIR` overrides it.
//! - How much: `{stem}.log` is rotated (by `file-rotate`) to `{stem}.log.1` → … before it would pass a fixed
//!   size, and a fixed number of old files is kept, so the total is capped (default 1 MiB × 4). Each process kind
//!   (app, command line) writes its own stem, so two programs never rotate each other's file.
//! - What: `tracing` events as text lines with `key=value` fields. Secrets are redacted by type (a
//!   [`crate::Secret`] prints `<redacted>`, and the credentials structs hold one); as a second net, a field
//!   whose *name* looks like a secret (`secret`, `password`, `token`, …) is written as `<redacted>`.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use file_rotate::compression::Compression;
use file_rotate::suffix::AppendCount;
use file_rotate::{ContentLimit, FileRotate};

use tracing::Subscriber;
use tracing_subscriber::field::MakeExt;
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Layer;

use crate::error::{ErrorCode, PsaError};
use crate::profiles::APP_IDENTIFIER;

/// Overrides the log directory (tests, portable setups).
pub const LOG_DIR_ENV: &str = "PSA_CONNECT_LOG_DIR";
/// Overrides what goes into the log files, as `target=level` directives (see [`parse_filter`]; default
/// [`DEFAULT_FILE_FILTER`]).
pub const LOG_FILTER_ENV: &str = "PSA_CONNECT_LOG";
/// PSA Connect's own crates at info; everything else (HTTP stack included: it can print headers) at warn.
pub const DEFAULT_FILE_FILTER: &str =
    "warn,psa_core=info,psa_connect=info,psa_connect_app_lib=info,psa_connect_app=info";
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// Old files kept besides the current one.
pub const KEEP_FILES: usize = 3;
/// The log file stem of the desktop app and of the command line.
pub const APP_LOG_STEM: &str = "psa-connect-app";
pub const CLI_LOG_STEM: &str = "psa-connect-cli";
/// Longest line returned by [`LogFiles::tail`]; longer ones are cut (a report stays readable).
const TAIL_LINE_CHARS: usize = 1000;

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// The OS's per-user log directory for PSA Connect, without looking at `PSA_CONNECT_LOG_DIR`: Tauri's
/// `app_log_dir`, from the same `dirs` lookups Tauri makes.
pub fn default_log_dir() -> Option<PathBuf> {
    if cfg!(target_os = "macos") {
        dirs::home_dir().map(|h| h.join("Library").join("Logs").join(APP_IDENTIFIER))
    } else {
        // Linux: $XDG_DATA_HOME (when absolute) or ~/.local/share; Windows: %LOCALAPPDATA%.
        dirs::data_local_dir().map(|d| d.join(APP_IDENTIFIER).join("logs"))
    }
}

/// `PSA_CONNECT_LOG_DIR` when set, else [`default_log_dir`].
pub fn resolve_log_dir() -> Result<PathBuf, PsaError> {
    env_path(LOG_DIR_ENV).or_else(default_log_dir).ok_or_else(|| {
        PsaError::new(
            ErrorCode::ProfileStoreIo,
            "PSA Connect cannot tell where to write its log: the home folder is not set.",
            format!("Set {LOG_DIR_ENV} to a folder PSA Connect may write to, or run it as a normal user."),
        )
    })
}

/// The number after `key=` in a log line written by the `tracing` formatter (`… process_ms=640 ui_ms=160`).
pub fn number_field(line: &str, key: &str) -> Option<u64> {
    let value = line.split_whitespace().find_map(|word| word.strip_prefix(key)?.strip_prefix('='))?;
    value.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

/// One program's set of log files: `{dir}/{stem}.log` and up to `keep` older ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogFiles {
    pub dir: PathBuf,
    pub stem: String,
    pub max_file_bytes: u64,
    pub keep: usize,
}

impl LogFiles {
    pub fn new(dir: impl Into<PathBuf>, stem: &str) -> Self {
        LogFiles { dir: dir.into(), stem: stem.to_string(), max_file_bytes: MAX_FILE_BYTES, keep: KEEP_FILES }
    }

    /// The files of `stem` in [`resolve_log_dir`].
    pub fn from_env(stem: &str) -> Result<Self, PsaError> {
        Ok(Self::new(resolve_log_dir()?, stem))
    }

    pub fn with_limits(mut self, max_file_bytes: u64, keep: usize) -> Self {
        self.max_file_bytes = max_file_bytes.max(1);
        self.keep = keep;
        self
    }

    /// The most the files can hold together.
    pub fn cap_bytes(&self) -> u64 {
        self.max_file_bytes * (self.keep as u64 + 1)
    }

    pub fn current(&self) -> PathBuf {
        self.dir.join(format!("{}.log", self.stem))
    }

    /// `n == 0` is the current file; `n >= 1` the n-th older one.
    pub fn numbered(&self, n: usize) -> PathBuf {
        if n == 0 {
            self.current()
        } else {
            self.dir.join(format!("{}.log.{n}", self.stem))
        }
    }

    /// The newest line over the current and older files that contains `needle`.
    pub fn last_line_with(&self, needle: &str) -> Option<String> {
        (0..=self.keep).find_map(|i| {
            let text = read_end(&self.numbered(i), self.max_file_bytes)?;
            text.lines().rev().find(|l| l.contains(needle)).map(cut_line)
        })
    }

    /// The last `n` lines over the current and older files, oldest first. Missing files are no error.
    pub fn tail(&self, n: usize) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        for i in 0..=self.keep {
            if lines.len() >= n {
                break;
            }
            let Some(text) = read_end(&self.numbered(i), self.max_file_bytes) else {
                continue;
            };
            let mut older: Vec<String> = text.lines().rev().take(n - lines.len()).map(cut_line).collect();
            older.reverse();
            older.extend(lines);
            lines = older;
        }
        lines
    }
}

/// At most the last `limit` bytes of a file, as text; a cut first line is dropped.
fn read_end(path: &Path, limit: u64) -> Option<String> {
    let mut f = File::open(path).ok()?;
    let len = f.metadata().ok()?.len();
    let start = len.saturating_sub(limit);
    f.seek(SeekFrom::Start(start)).ok()?;
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes).ok()?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    Some(if start > 0 { text.split_once('\n').map(|(_, rest)| rest.to_string()).unwrap_or_default() } else { text })
}

fn cut_line(line: &str) -> String {
    if line.chars().count() <= TAIL_LINE_CHARS {
        line.to_string()
    } else {
        let mut s: String = line.chars().take(TAIL_LINE_CHARS).collect();
        s.push_str(" …");
        s
    }
}

/// Appends records to the current file and rotates before a record would push it past the size limit.
/// Renaming `{stem}.log` → `{stem}.log.1` → … and deleting the oldest is `file-rotate`'s; what is ours is
/// *when*: a record is never split between files, and no file grows past the limit.
pub struct RotatingWriter {
    files: LogFiles,
    file: Mutex<FileRotate<AppendCount>>,
}

impl RotatingWriter {
    /// Creates the directory and opens (or creates) the current file.
    pub fn open(files: LogFiles) -> Result<Self, PsaError> {
        std::fs::create_dir_all(&files.dir).map_err(|e| {
            PsaError::new(
                ErrorCode::ProfileStoreIo,
                format!("PSA Connect cannot create its log folder {}.", files.dir.display()),
                format!("Check that you may write there, or set {LOG_DIR_ENV} to another folder."),
            )
            .with_details(e.to_string())
        })?;
        let file = FileRotate::new(
            files.current(),
            AppendCount::new(files.keep),
            ContentLimit::None, // rotated by `write_record`, before a record that would not fit
            Compression::None,
            None,
        );
        Ok(RotatingWriter { files, file: Mutex::new(file) })
    }

    pub fn files(&self) -> &LogFiles {
        &self.files
    }

    /// One formatted event. Longer than a whole file: cut, so the cap holds whatever is logged.
    fn write_record(&self, record: &[u8]) -> io::Result<()> {
        let max = self.files.max_file_bytes;
        let record = &record[..record.len().min(max as usize)];
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        // The size on disk, not a count of our own: another process (or a deleted file) may have changed it.
        let size = std::fs::metadata(self.files.current()).map(|m| m.len()).unwrap_or(0);
        if size > 0 && size + record.len() as u64 > max {
            file.rotate()?;
        }
        file.write_all(record)?;
        file.flush()
    }
}

/// What `tracing-subscriber` asks for once per event.
pub struct RecordWriter<'a>(&'a RotatingWriter);

impl Write for RecordWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write_record(buf)?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for RotatingWriter {
    type Writer = RecordWriter<'a>;
    fn make_writer(&'a self) -> Self::Writer {
        RecordWriter(self)
    }
}

/// The HTTP stack stays at warn in the files whatever `PSA_CONNECT_LOG` says: its debug and trace output is
/// about connections and frames, where a header (the secret travels in one) is one upgrade away.
const HTTP_STACK: [&str; 5] = ["hyper", "hyper_util", "h2", "reqwest", "rustls"];

/// A log filter in the `RUST_LOG` syntax of targets and levels: comma-separated `level`, `target` and
/// `target=level` directives, e.g. `warn,psa_core=debug` (the longest matching target wins; empty parts are
/// skipped). `None` when `spec` holds no directive or an invalid one. The regex-based extras of
/// `tracing_subscriber::EnvFilter` (span and field-value filters) are not supported: leaving them out took
/// 0.8 MB off the app binary (issue 16).
pub fn parse_filter(spec: &str) -> Option<Targets> {
    let parts: Vec<&str> = spec.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.is_empty() {
        return None;
    }
    parts.join(",").parse().ok()
}

/// The filter for the files: `PSA_CONNECT_LOG` when set and valid, else [`DEFAULT_FILE_FILTER`].
pub fn file_filter() -> Targets {
    file_filter_from(std::env::var(LOG_FILTER_ENV).ok().as_deref())
}

/// [`file_filter`] for a given `PSA_CONNECT_LOG` value. Directives naming a part of the HTTP stack
/// (`hyper::proto=trace`) are dropped before the stack is pinned at warn: the most specific target wins in a
/// filter, so such a directive would otherwise outrank the pin.
pub fn file_filter_from(spec: Option<&str>) -> Targets {
    let in_http_stack = |part: &str| {
        let target = part.split('=').next().unwrap_or("").trim();
        HTTP_STACK.iter().any(|t| target == *t || target.starts_with(&format!("{t}::")))
    };
    let kept = spec.map(|s| s.split(',').filter(|p| !in_http_stack(p)).collect::<Vec<_>>().join(","));
    let chosen = kept.as_deref().and_then(parse_filter);
    let base = chosen.or_else(|| parse_filter(DEFAULT_FILE_FILTER)).unwrap_or_default();
    HTTP_STACK.iter().fold(base, |filter, target| filter.with_target(*target, LevelFilter::WARN))
}

/// A layer writing to the rotating files with `filter`, secret-named fields redacted. Compose it with the
/// program's own console layer: `tracing_subscriber::registry().with(console).with(file_layer(..))`.
pub fn file_layer<S>(writer: RotatingWriter, filter: Targets) -> Box<dyn Layer<S> + Send + Sync>
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    let fields = tracing_subscriber::fmt::format::debug_fn(|w, field, value| {
        let name = field.name();
        if name == "message" {
            write!(w, "{value:?}")
        } else if super::secret_like_name(name) {
            write!(w, "{name}=<redacted>")
        } else {
            write!(w, "{name}={value:?}")
        }
    })
    .delimited(" ");
    tracing_subscriber::fmt::layer()
        .with_writer(writer)
        .with_ansi(false)
        .with_target(true)
        .fmt_fields(fields)
        .with_filter(filter)
        .boxed()
}
