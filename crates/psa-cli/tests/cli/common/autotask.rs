//! `psa-connect autotask …` against the Autotask simulator, with every fixture secret checked absent from
//! what the binary printed.

use psa_tests::autotask::fixtures as fx;
use psa_tests::autotask::{AutotaskSim, SimConfig};

use super::{Invocation, Run};

/// Runs the binary with `stdin` (if any) on its standard input; env vars that could redirect it are
/// cleared so a developer's shell does not change the outcome.
pub async fn run(args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> Run {
    let r = Invocation::new(args)
        .stdin(stdin)
        .remove(&["PSA_CONNECT_AUTOTASK_ZONE_URL", "RUST_LOG"])
        .set(env)
        .run_async()
        .await;
    let (stdout, stderr) = (&r.stdout, &r.stderr);
    for user in [fx::GOOD_USER, fx::NO_CONTACTS_USER, fx::RESTRICTED_USER, fx::FABRIKAM_USER] {
        let secret = fx::secret_of(user).unwrap();
        assert!(!stdout.contains(secret), "secret of {user} in stdout of {args:?}:\n{stdout}");
        assert!(!stderr.contains(secret), "secret of {user} in stderr of {args:?}:\n{stderr}");
    }
    assert!(!stdout.contains("Not-The-Secret-77") && !stderr.contains("Not-The-Secret-77"), "wrong secret echoed");
    r
}

pub fn line(stdin_secret: &str) -> String {
    format!("{stdin_secret}\n")
}

pub async fn sim() -> AutotaskSim {
    AutotaskSim::start(SimConfig::standard()).await.expect("simulator starts")
}

/// `autotask CMD` for `user` with the fixture integration code, the secret on stdin and the zone looked up
/// at `lookup`, as JSON: the command line most tests start from.
pub fn looked_up<'a>(cmd: &'a str, user: &'a str, lookup: &'a str) -> Vec<&'a str> {
    vec![
        "autotask",
        cmd,
        "--username",
        user,
        "--integration-code",
        fx::INTEGRATION_CODE,
        "--secret-stdin",
        "--zone-lookup-url",
        lookup,
        "--json",
    ]
}
