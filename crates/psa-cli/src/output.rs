//! How results leave the CLI. With `--json`: exactly one JSON document on stdout, success or not, so a
//! script can always parse stdout. Without it: a report for people on stdout, errors on stderr. The exit
//! status tells the kind of outcome apart (see [`EXIT_CODES_HELP`]).

use std::io::{IsTerminal, Write};

use psa_core::{ErrorCode, PsaError};
use serde_json::{json, Value};

/// Shown under `--help`. Keep in step with [`exit_code_for`].
pub const EXIT_CODES_HELP: &str = "\
Exit status:
  0    success (for `check`: the connection is ready)
  1    the check ran but found problems (a permission missing or restricted, see the report)
  2    usage or input error (bad flag, empty secret, invalid username, URL or zone, unknown template)
  3    network or PSA error (timeout, refused, TLS, wrong secret, unknown user, throttled, ...)
  4    local problem (keychain, profile store, or an internal fault)
  130  cancelled (Ctrl-C)

With --json, stdout holds exactly one JSON document, also on failure:
  {\"ok\": false, \"error\": {\"code\": ..., \"message\": ..., \"fix\": ..., \"details\": ...}}
The secret is read only from standard input (--secret-stdin) and never printed or logged.";

pub const EXIT_OK: i32 = 0;
pub const EXIT_CHECK_FAILED: i32 = 1;
pub const EXIT_USAGE: i32 = 2;
pub const EXIT_REMOTE: i32 = 3;
pub const EXIT_LOCAL: i32 = 4;
pub const EXIT_CANCELLED: i32 = 130;

/// The exit status for an error, by what kind of thing went wrong.
pub fn exit_code_for(code: ErrorCode) -> i32 {
    use ErrorCode::*;
    match code {
        InvalidInput | InvalidUsername | InvalidZoneOverride | InsecureUrl | SecretTooLong | TemplateUnknown
        | ProfileNotFound | ProfileExists | ImportInvalid | ImportContainsSecret | PackInvalid => EXIT_USAGE,
        KeychainUnavailable | KeychainLocked | KeychainEntryMissing | KeychainFailed | ProfileStoreCorrupt
        | ProfileStoreNewer | ProfileStoreLocked | ProfileStoreIo | TemplateInvalid | SecretNotHeld
        | ClipboardFailed | Internal => EXIT_LOCAL,
        Cancelled => EXIT_CANCELLED,
        NetworkTimeout
        | NetworkRefused
        | NetworkDns
        | NetworkTls
        | NetworkOther
        | RedirectRefused
        | ResponseMalformed
        | ResponseTooLarge
        | ServerError
        | Throttled
        | ZoneUnknownUser
        | ZoneLookupFailed
        | AuthWrongSecret
        | AuthIntegrationCodeInvalid
        | AuthNotApiUser
        | AuthLocked
        | AuthInactive
        | AuthZoneMoved
        | PermissionDenied
        | AuthUnclear
        | CwUnknownCompany
        | CwBadKeys
        | CwClientIdMissing
        | CwWrongHost
        | CwRefusedUnclear => EXIT_REMOTE,
    }
}

/// What a command produced: the JSON document, the text for people, and the exit status.
pub struct Rendered {
    pub json: Value,
    pub human: String,
    pub exit: i32,
}

impl Rendered {
    pub fn ok(json: Value, human: String) -> Self {
        Rendered { json, human, exit: EXIT_OK }
    }
}

/// ANSI colour when stdout is a terminal and `NO_COLOR` is unset (https://no-color.org).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub fn detect() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        Style { color: !no_color && !dumb && std::io::stdout().is_terminal() }
    }

    #[cfg(test)]
    pub fn plain() -> Self {
        Style { color: false }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    pub fn green(&self, t: &str) -> String {
        self.paint("32", t)
    }
    pub fn red(&self, t: &str) -> String {
        self.paint("31", t)
    }
    pub fn yellow(&self, t: &str) -> String {
        self.paint("33", t)
    }
    pub fn dim(&self, t: &str) -> String {
        self.paint("2", t)
    }
    pub fn bold(&self, t: &str) -> String {
        self.paint("1", t)
    }
}

/// The `--json` failure document.
pub fn error_json(e: &PsaError) -> Value {
    json!({ "ok": false, "error": e })
}

/// An error for people: what happened, then what to do.
pub fn error_human(e: &PsaError, style: Style) -> String {
    let mut out = format!("{} {}\n", style.red(&style.bold("error:")), e.message);
    out.push_str(&format!("  {} {}\n", style.bold("fix:"), e.fix));
    out.push_str(&style.dim(&format!("  code: {}", e.code.name())));
    if let Some(d) = &e.details {
        out.push_str(&style.dim(&format!(" ({d})")));
    }
    out.push('\n');
    out
}

/// Prints the outcome and returns the exit status.
pub fn emit(result: Result<Rendered, PsaError>, json_mode: bool) -> i32 {
    let style = Style::detect();
    let stderr_style = Style { color: style.color && std::io::stderr().is_terminal() };
    let mut stdout = std::io::stdout().lock();
    let code = match result {
        Ok(r) => {
            let written = if json_mode {
                serde_json::to_string_pretty(&r.json).map(|s| writeln!(stdout, "{s}")).is_ok()
            } else {
                write!(stdout, "{}", r.human).is_ok()
            };
            if written {
                r.exit
            } else {
                EXIT_LOCAL
            }
        }
        Err(e) => {
            if json_mode {
                let doc = serde_json::to_string_pretty(&error_json(&e)).unwrap_or_else(|_| {
                    r#"{"ok":false,"error":{"code":"internal","message":"output failed","fix":""}}"#.into()
                });
                let _ = writeln!(stdout, "{doc}");
            } else {
                eprint!("{}", error_human(&e, stderr_style));
            }
            exit_code_for(e.code)
        }
    };
    let _ = stdout.flush();
    code
}

/// Lines aligned in two columns: `label  value`.
pub fn table(rows: &[(String, String)], indent: usize) -> String {
    let width = rows.iter().map(|(l, _)| l.chars().count()).max().unwrap_or(0);
    rows.iter().map(|(l, v)| format!("{:indent$}{l}{:pad$}  {v}\n", "", "", pad = width - l.chars().count())).collect()
}

/// The engine groups digits the same way in the reports the app shows.
pub use psa_core::report::thousands;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_document_has_the_documented_shape() {
        let e = PsaError::new(ErrorCode::AuthWrongSecret, "Wrong secret.", "Generate a new one.").with_details("401");
        let v = error_json(&e);
        assert_eq!(v["ok"], false);
        assert_eq!(v["error"]["code"], "auth_wrong_secret");
        assert_eq!(v["error"]["message"], "Wrong secret.");
        assert_eq!(v["error"]["fix"], "Generate a new one.");
        assert_eq!(v["error"]["details"], "401");
        let bare = error_json(&PsaError::new(ErrorCode::InvalidInput, "m", "f"));
        assert!(bare["error"].get("details").is_none());
    }

    #[test]
    fn exit_codes_follow_the_kind_of_failure() {
        assert_eq!(exit_code_for(ErrorCode::InvalidInput), EXIT_USAGE);
        assert_eq!(exit_code_for(ErrorCode::InsecureUrl), EXIT_USAGE);
        assert_eq!(exit_code_for(ErrorCode::TemplateUnknown), EXIT_USAGE);
        assert_eq!(exit_code_for(ErrorCode::AuthWrongSecret), EXIT_REMOTE);
        assert_eq!(exit_code_for(ErrorCode::ZoneUnknownUser), EXIT_REMOTE);
        assert_eq!(exit_code_for(ErrorCode::NetworkTimeout), EXIT_REMOTE);
        assert_eq!(exit_code_for(ErrorCode::KeychainUnavailable), EXIT_LOCAL);
        assert_eq!(exit_code_for(ErrorCode::Cancelled), EXIT_CANCELLED);
        let codes = [EXIT_OK, EXIT_CHECK_FAILED, EXIT_USAGE, EXIT_REMOTE, EXIT_LOCAL, EXIT_CANCELLED];
        for c in codes {
            assert!(EXIT_CODES_HELP.contains(&format!("  {c} ")), "help misses exit status {c}");
        }
    }

    #[test]
    fn human_error_names_message_fix_and_code_without_colour_when_plain() {
        let e = PsaError::new(ErrorCode::ZoneUnknownUser, "No database knows this username.", "Check the username.");
        let text = error_human(&e, Style::plain());
        assert!(text.contains("error: No database knows this username."));
        assert!(text.contains("fix: Check the username."));
        assert!(text.contains("code: zone_unknown_user"));
        assert!(!text.contains('\x1b'));
        assert!(error_human(&e, Style { color: true }).contains("\x1b[31m"));
    }

    #[test]
    fn table_aligns_the_second_column() {
        let t = table(&[("Zone".into(), "AE02".into()), ("API budget".into(), "1 of 2".into())], 2);
        assert_eq!(t, "  Zone        AE02\n  API budget  1 of 2\n");
    }
}
