//! Test helper for the profile store (not shipped).
//!
//! `profile-writer churn DIR RUN`: loops forever over the store in DIR, creating profiles `rRUN-N` and,
//! once there are more than 40, deleting the oldest. After each change is saved it prints one line,
//! `created NAME` or `deleted NAME` (and `deleting NAME` before a delete starts), so a test that SIGKILLs it knows which writes were acknowledged.
//!
//! `profile-writer save DIR NAME`: reads a secret from stdin and saves profile NAME through the real
//! keychain (round-trip self-test first), printing `{"ok":true,...}` or `{"ok":false,"error":{...}}`.

use std::io::{Read, Write};
use std::process::ExitCode;

use psa_core::connection::Connection;
use psa_core::keychain::{KeyringStore, SecretStore};
use psa_core::model::FilterSet;
use psa_core::profiles::{ops, service, ProfileInput, ProfileStore};
use psa_core::{PsaError, Secret};

fn input(name: &str) -> ProfileInput {
    ProfileInput {
        name: name.to_string(),
        template: "generic-autotask".to_string(),
        connection: Connection::autotask(format!("{name}@example.com"), "CRASH-TEST", None),
        filters: FilterSet::default(),
        settings: Default::default(),
        notes: "x".repeat(200),
    }
}

fn churn(dir: &str, run: &str) -> Result<(), PsaError> {
    let store = ProfileStore::new(dir);
    let mut out = std::io::stdout().lock();
    for n in 0.. {
        let name = format!("r{run}-{n}");
        ops::create(&store, input(&name))?;
        writeln!(out, "created {name}").and_then(|_| out.flush()).map_err(|e| PsaError::internal(e.to_string()))?;
        let all = store.list()?;
        if all.len() > 40 {
            let oldest = &all[0];
            // Announced first: if killed mid-delete, the test may find this one gone without a "deleted".
            writeln!(out, "deleting {}", oldest.name)
                .and_then(|_| out.flush())
                .map_err(|e| PsaError::internal(e.to_string()))?;
            ops::remove(&store, &oldest.id)?;
            writeln!(out, "deleted {}", oldest.name)
                .and_then(|_| out.flush())
                .map_err(|e| PsaError::internal(e.to_string()))?;
        }
    }
    Ok(())
}

fn save(dir: &str, name: &str) -> Result<serde_json::Value, PsaError> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text).map_err(|e| PsaError::internal(e.to_string()))?;
    let secret = Secret::new(text.trim_end_matches(['\r', '\n']));
    let keys = KeyringStore::from_env()?;
    keys.round_trip_check()?;
    let out = service::save_profile(&ProfileStore::new(dir), input(name), Some(&secret), &keys)?;
    Ok(serde_json::json!({ "ok": true, "id": out.profile.id, "secretRef": out.profile.secret_ref }))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["churn", dir, run] => churn(dir, run).map(|_| serde_json::Value::Null),
        ["save", dir, name] => save(dir, name),
        _ => {
            eprintln!("usage: profile-writer churn DIR RUN | save DIR NAME");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(v) => {
            println!("{v}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!("{}", serde_json::json!({ "ok": false, "error": e }));
            ExitCode::FAILURE
        }
    }
}
