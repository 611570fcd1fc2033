//! Keychain entries are grouped under a service name that depends on the kind of build, so a developer's
//! debug runs and the test suite never read, overwrite or delete what the released app stored.

use crate::error::PsaError;

/// The service name of release builds; other builds add a suffix.
pub const SERVICE_BASE: &str = "PSA Connect";
/// Forces a namespace: `release`, `debug` (or `dev`), `test` or `test:NAME`.
pub const KEYCHAIN_NAMESPACE_ENV: &str = "PSA_CONNECT_KEYCHAIN_NAMESPACE";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeychainNamespace {
    Release,
    Debug,
    /// Test runs; the name keeps parallel suites apart.
    Test(String),
}

impl KeychainNamespace {
    /// What this build uses when nothing is forced: release builds `Release`, debug builds `Debug`.
    pub fn for_build() -> Self {
        if cfg!(debug_assertions) {
            KeychainNamespace::Debug
        } else {
            KeychainNamespace::Release
        }
    }

    /// `PSA_CONNECT_KEYCHAIN_NAMESPACE` when set and non-empty, else [`Self::for_build`].
    pub fn from_env() -> Result<Self, PsaError> {
        match std::env::var(KEYCHAIN_NAMESPACE_ENV) {
            Ok(v) if !v.trim().is_empty() => Self::parse(v.trim()),
            _ => Ok(Self::for_build()),
        }
    }

    pub fn parse(value: &str) -> Result<Self, PsaError> {
        let lower = value.to_ascii_lowercase();
        match lower.as_str() {
            "release" => return Ok(KeychainNamespace::Release),
            "debug" | "dev" => return Ok(KeychainNamespace::Debug),
            "test" => return Ok(KeychainNamespace::Test("default".to_string())),
            _ => {}
        }
        if let Some(name) = value.strip_prefix("test:").or_else(|| value.strip_prefix("TEST:")) {
            let valid = !name.is_empty()
                && name.len() <= 64
                && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if valid {
                return Ok(KeychainNamespace::Test(name.to_string()));
            }
        }
        Err(PsaError::invalid_input(
            format!("{KEYCHAIN_NAMESPACE_ENV} has a value PSA Connect does not understand."),
            format!(
                "Unset {KEYCHAIN_NAMESPACE_ENV}, or set it to release, debug, test or test:NAME (letters, digits, \
                 '-', '_' and '.')."
            ),
        )
        .with_details(format!("value: {value:?}")))
    }

    /// The keychain "service" all of this namespace's entries are filed under.
    pub fn service_name(&self) -> String {
        match self {
            KeychainNamespace::Release => SERVICE_BASE.to_string(),
            KeychainNamespace::Debug => format!("{SERVICE_BASE} (dev)"),
            KeychainNamespace::Test(name) => format!("{SERVICE_BASE} (test: {name})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_namespace_has_its_own_service_name() {
        let names = [
            KeychainNamespace::Release.service_name(),
            KeychainNamespace::Debug.service_name(),
            KeychainNamespace::Test("a".into()).service_name(),
            KeychainNamespace::Test("b".into()).service_name(),
        ];
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(names[0], "PSA Connect");
    }

    #[test]
    fn parses_the_forced_values() {
        assert_eq!(KeychainNamespace::parse("release").unwrap(), KeychainNamespace::Release);
        assert_eq!(KeychainNamespace::parse("Dev").unwrap(), KeychainNamespace::Debug);
        assert_eq!(KeychainNamespace::parse("test").unwrap(), KeychainNamespace::Test("default".into()));
        assert_eq!(KeychainNamespace::parse("test:ci-42").unwrap(), KeychainNamespace::Test("ci-42".into()));
        for bad in ["prod", "test:", "test:a b", "test:x/y"] {
            let e = KeychainNamespace::parse(bad).unwrap_err();
            assert_eq!(e.code, crate::ErrorCode::InvalidInput, "{bad}");
        }
    }
}
