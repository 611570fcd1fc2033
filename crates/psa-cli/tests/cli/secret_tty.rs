//! A secret typed at `psa-connect`'s terminal prompt is not echoed: run the real binary on a pseudo-terminal
//! (util-linux `script`), type a secret, and look for it in everything the terminal showed.

#[cfg(target_os = "linux")]
#[test]
fn a_secret_typed_at_the_terminal_prompt_is_not_shown() {
    use std::io::Write;
    use std::process::{Command, Stdio};

    const TYPED: &str = "Typed-At-The-Prompt-7q!";
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("SKIPPED: util-linux `script` is not installed (it provides the pseudo-terminal)");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_psa-connect");
    // Nothing listens on port 1: the check stops at sign-in, after the secret was read.
    let cmd = format!(
        "{bin} autotask check --username api@contoso.example --integration-code X --secret-stdin \
         --api-url http://127.0.0.1:1/ATServicesRest/V1.0"
    );
    let mut child = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env("PSA_CONNECT_LOG_DIR", std::env::temp_dir().join("psa-secret-tty-logs"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run script");
    let mut stdin = child.stdin.take().unwrap();
    // Typed once the prompt is up (the pseudo-terminal echoes whatever arrives while echo is on).
    std::thread::sleep(std::time::Duration::from_millis(800));
    stdin.write_all(format!("{TYPED}\n").as_bytes()).unwrap();
    let out = child.wait_with_output().expect("script output");
    let shown = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(shown.contains("it is not shown"), "the prompt says the secret is hidden: {shown}");
    assert!(shown.contains("Sign-in"), "the secret was read and the check ran: {shown}");
    assert!(!shown.contains(TYPED), "the secret was echoed: {shown}");
}
