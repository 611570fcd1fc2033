//! `psa-connect connectwise …` against the ConnectWise simulator, with every fixture private key checked
//! absent from what the binary printed.

use psa_tests::connectwise::fixtures::{self as fx, CwKeys};
use psa_tests::connectwise::CwSim;

use super::{Invocation, Run};

pub const WRONG_PRIVATE_KEY: &str = "Not-The-Private-Key-42";

/// Runs the binary with `stdin` on its standard input; the cloud override comes only from `env` or flags.
pub async fn run(args: Vec<String>, stdin: Option<String>, env: Vec<(String, String)>) -> Run {
    let r = Invocation::new(&args)
        .stdin(stdin.as_deref())
        .remove(&["PSA_CONNECT_CONNECTWISE_CLOUD_URL", "RUST_LOG"])
        .set(&env)
        .run_async()
        .await;
    let (stdout, stderr) = (&r.stdout, &r.stderr);
    for (name, keys) in fx::MEMBERS {
        for text in [stdout, stderr] {
            assert!(!text.contains(keys.private_key), "private key of {name} printed by {args:?}:\n{text}");
        }
    }
    assert!(!stdout.contains(WRONG_PRIVATE_KEY) && !stderr.contains(WRONG_PRIVATE_KEY), "wrong key echoed");
    r
}

/// `connectwise <cmd> --site S --company-id C --cloud-url U --public-key P --private-key-stdin` plus `extra`.
pub async fn cw(sim: &CwSim, cmd: &str, site: &str, keys: &CwKeys, private_key: &str, extra: &[&str]) -> Run {
    let mut args: Vec<String> =
        ["connectwise", cmd, "--site", site, "--company-id", keys.company_id, "--cloud-url", &sim.cloud_url()]
            .iter()
            .map(|s| s.to_string())
            .collect();
    if cmd != "zone" && cmd != "site" {
        args.extend(["--public-key".to_string(), keys.public_key.to_string(), "--private-key-stdin".to_string()]);
    }
    // PSA Connect has no clientId of its own: a test names the registered one (the simulated vendor's) unless
    // it passes its own.
    if cmd != "zone" && cmd != "site" && !extra.contains(&"--client-id") {
        args.extend(["--client-id".to_string(), fx::CLIENT_ID.to_string()]);
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    run(args, Some(format!("{private_key}\n")), vec![]).await
}

pub fn error_code(r: &Run) -> &str {
    r.json["error"]["code"].as_str().unwrap_or_else(|| panic!("no error code in {:#}", r.json))
}
