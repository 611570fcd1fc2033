//! How the CLI tests run `psa-connect`: the real binary as a child process, stdin piped in, colour off, and
//! its outcome read the way a script reads it (exit status, one JSON document with `--json`).

// Each test binary compiles this module and uses only part of it.
#![allow(dead_code)]

pub mod autotask;
pub mod connectwise;

use std::path::{Path, PathBuf};

use psa_tests::harness::run_piped;
use serde_json::Value;

pub const EXIT_CHECK_FAILED: i32 = 1;
pub const EXIT_USAGE: i32 = 2;
pub const EXIT_REMOTE: i32 = 3;

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// Stdout then stderr: where a secret must never show up.
    pub all_output: String,
    /// The document on stdout when `--json` was given, else `Null`.
    pub json: Value,
}

/// One run of the binary as a test sets it up. Removals apply before additions, so a test can set a
/// variable the runner clears by default.
#[derive(Default)]
pub struct Invocation {
    args: Vec<String>,
    stdin: Option<String>,
    remove: Vec<String>,
    set: Vec<(String, String)>,
}

impl Invocation {
    pub fn new<S: AsRef<str>>(args: &[S]) -> Self {
        Invocation { args: args.iter().map(|a| a.as_ref().to_string()).collect(), ..Invocation::default() }
    }

    pub fn stdin(mut self, text: Option<&str>) -> Self {
        self.stdin = text.map(str::to_string);
        self
    }

    pub fn remove(mut self, names: &[&str]) -> Self {
        self.remove.extend(names.iter().map(|n| n.to_string()));
        self
    }

    pub fn set<K: AsRef<str>, V: AsRef<str>>(mut self, vars: &[(K, V)]) -> Self {
        self.set.extend(vars.iter().map(|(k, v)| (k.as_ref().to_string(), v.as_ref().to_string())));
        self
    }

    pub fn run(&self) -> Run {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_psa-connect"));
        cmd.args(&self.args).env("NO_COLOR", "1");
        let out = run_piped(&mut cmd, &self.remove, &self.set, self.stdin.as_deref().map(str::as_bytes));
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let json = if self.args.iter().any(|a| a == "--json") {
            serde_json::from_str(&stdout).unwrap_or_else(|e| {
                panic!("stdout of {:?} is not one JSON document ({e}):\n{stdout}\nstderr:\n{stderr}", self.args)
            })
        } else {
            Value::Null
        };
        Run { code: out.status.code().unwrap_or(-1), all_output: format!("{stdout}\n{stderr}"), stdout, stderr, json }
    }

    /// For tests whose simulator is served by their own runtime: the child is waited for on a blocking
    /// thread, so the simulator keeps answering it.
    pub async fn run_async(self) -> Run {
        tokio::task::spawn_blocking(move || self.run()).await.unwrap()
    }
}

/// A throwaway home for the commands that keep state: their own profile and log directories and keychain
/// namespace, with Autotask zone lookups sent to `zone_url`.
pub struct Sandbox {
    root: PathBuf,
    pub data: PathBuf,
    pub namespace: String,
    pub zone_url: String,
    json: bool,
}

impl Sandbox {
    /// `tag` names the test file in the keychain namespace, so a leftover entry says where it came from.
    pub fn new(root: &Path, tag: &str, zone_url: &str) -> Self {
        Sandbox {
            root: root.to_path_buf(),
            data: root.join("data"),
            namespace: format!("test:{tag}-{}", psa_core::profiles::new_id()),
            zone_url: zone_url.to_string(),
            json: false,
        }
    }

    /// Every run asks for the JSON document, for tests that read nothing else.
    pub fn with_json(mut self) -> Self {
        self.json = true;
        self
    }

    pub fn logs(&self) -> PathBuf {
        self.root.join("logs")
    }

    /// `stdin`, if any, is sent as one line, as a person pastes a secret.
    pub fn run(&self, args: &[&str], stdin: Option<&str>) -> Run {
        self.run_with(args, stdin, &[], &[])
    }

    pub fn run_with(&self, args: &[&str], stdin: Option<&str>, env: &[(&str, &str)], remove: &[&str]) -> Run {
        let mut args = args.to_vec();
        if self.json {
            args.push("--json");
        }
        let (data, logs) = (self.data.display().to_string(), self.logs().display().to_string());
        Invocation::new(&args)
            .stdin(stdin.map(|s| format!("{s}\n")).as_deref())
            .remove(remove)
            .set(&[
                ("PSA_CONNECT_DATA_DIR", data.as_str()),
                ("PSA_CONNECT_LOG_DIR", &logs),
                ("PSA_CONNECT_KEYCHAIN_NAMESPACE", &self.namespace),
                ("PSA_CONNECT_AUTOTASK_ZONE_URL", &self.zone_url),
            ])
            .set(env)
            .run()
    }
}

/// The check line `id` of a check report.
pub fn item<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id} in {report:#}"))
}
