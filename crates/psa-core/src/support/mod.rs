//! What support staff and customers use when a connection needs a second pair of eyes:
//! - [`handoff`]: a secret-free draft an agent prepares (file or `psa-connect://` link) that opens the
//!   wizard on the secret step with everything else filled in ([`handoff_file`]: such files opened from the
//!   desktop);
//! - [`diagnose`]: a report of a connection test a customer can send to support, provably secret-free;
//! - [`logging`]: size-capped log files in the OS log directory, and their last lines for the report.

pub mod diagnose;
pub mod handoff;
mod handoff_checks;
pub mod handoff_file;
pub mod logging;

#[cfg(test)]
mod diagnose_tests;
#[cfg(test)]
mod handoff_tests;
#[cfg(test)]
mod logging_tests;

/// A file name in `dir` that does not exist yet, so nothing earlier is replaced:
/// `{prefix}-2026-11-23.{ext}` (today, UTC), then `{prefix}-2026-11-23 (2).{ext}` and so on.
pub fn free_file_name(dir: &std::path::Path, prefix: &str, ext: &str) -> std::path::PathBuf {
    let date = time::OffsetDateTime::now_utc().date();
    let first = dir.join(format!("{prefix}-{date}.{ext}"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| dir.join(format!("{prefix}-{date} ({n}).{ext}")))
        .find(|p| !p.exists())
        .expect("an unused name exists")
}

/// A field name that suggests its value is a credential: `secret`, `apiSecret`, `password`, `passwd`,
/// `pwd`, `privateKey` / `private_key`, `token`, `accessToken`, ... (case and separators ignored).
///
/// Deliberately broader than the profile import's rule: a hand-off travels through e-mail and chat, so
/// anything that might be a credential is refused rather than guessed about.
pub fn secret_like_name(name: &str) -> bool {
    let k: String = name.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase();
    ["secret", "password", "passwd", "privatekey", "token"].iter().any(|w| k.contains(w)) || k == "pwd"
}

/// Paths (`zone.apiSecret`, `settings[2].token`) of every secret-looking key in a JSON document, at any
/// depth. Only names are reported, never values.
pub fn secret_like_fields(value: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    walk(value, "", &mut out);
    out
}

fn walk(value: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let here = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                if secret_like_name(k) {
                    out.push(here.clone());
                }
                walk(v, &here, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_like_names_in_any_spelling() {
        for k in [
            "secret",
            "Secret",
            "apiSecret",
            "API_SECRET",
            "password",
            "Passwd",
            "pwd",
            "privateKey",
            "private_key",
            "PRIVATE-KEY",
            "token",
            "accessToken",
            "refresh_token",
        ] {
            assert!(secret_like_name(k), "{k}");
        }
        for k in
            ["username", "integrationCode", "publicKey", "zone", "notes", "companyId", "clientId", "keyword", "site"]
        {
            assert!(!secret_like_name(k), "{k}");
        }
    }

    #[test]
    fn free_file_names_never_replace_a_file() {
        let tmp = tempfile::tempdir().unwrap();
        let a = free_file_name(tmp.path(), "psa-connect-diagnostic", "txt");
        std::fs::write(&a, "x").unwrap();
        let b = free_file_name(tmp.path(), "psa-connect-diagnostic", "txt");
        assert_ne!(a, b);
        assert!(b.to_string_lossy().ends_with(" (2).txt"), "{}", b.display());
    }

    #[test]
    fn fields_are_found_at_any_depth_by_path() {
        let v =
            serde_json::json!({"a": {"b": [{"c": 1}, {"apiSecret": "x"}]}, "Token": "y", "ok": "secret value only"});
        let mut found = secret_like_fields(&v);
        found.sort();
        assert_eq!(found, vec!["Token".to_string(), "a.b[1].apiSecret".to_string()]);
    }
}
