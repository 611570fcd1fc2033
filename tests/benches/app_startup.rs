//! Start-up benchmark of the RELEASE app (run it with `bash scripts/bench-app.sh`, which builds it first).
//! Prints, for target/release/psa-connect-app (or PSA_CONNECT_E2E_APP):
//! - binary size;
//! - launch → first step interactive, under Xvfb: from the kernel starting the app process (its start time in
//!   /proc) to the moment the welcome step's integration list is enabled and painted. The UI reports that
//!   moment itself (two animation frames after the list is on screen) and the app logs it with the process
//!   age ("first screen interactive", see src-tauri/src/startup.rs); the end-to-end tests check that the line
//!   is written while the welcome step is showing;
//! - resident memory of the app process plus its WebKit children (sum of RSS, and of PSS, which counts
//!   shared pages such as libwebkit2gtk once), after the first step is up and one second of rest.
//! The app is launched as a partner launches it: no WebDriver (automation adds about 100 MB to the web
//! process) and WebKit settings left at the app's defaults.
//! Targets: ≤ 12 MB, ≤ 0.5 s, ≤ 150 MB. It prints numbers; it asserts nothing.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use psa_core::support::diagnose::STARTUP_READY_MESSAGE as READY_MESSAGE;
use psa_core::support::logging::{number_field, LogFiles, APP_LOG_STEM};

const RUNS: usize = 7;

fn main() {
    let app = std::env::var_os("PSA_CONNECT_E2E_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/release/psa-connect-app")));
    if !app.is_file() {
        eprintln!("no app at {}: run bash scripts/bench-app.sh (it builds the release app)", app.display());
        std::process::exit(2);
    }
    if std::env::var_os("DISPLAY").is_none() {
        eprintln!("no DISPLAY: run under Xvfb (bash scripts/bench-app.sh does)");
        std::process::exit(2);
    }
    let size = std::fs::metadata(&app).expect("app binary").len();
    println!("app binary: {} ({:.2} MB)", app.display(), mb(size));

    let mut samples = Vec::new();
    for i in 0..RUNS {
        let s = one_run(&app);
        println!(
            "run {}: process start -> interactive {:>4} ms (page's own clock {:>4} ms), RSS {:.1} MB, PSS {:.1} MB  [{}]",
            i + 1,
            s.process_ms,
            s.ui_ms,
            kb_mb(s.rss_kb),
            kb_mb(s.pss_kb),
            s.per_process.join(", ")
        );
        samples.push(s);
    }
    // The first launch reads the libraries from disk; a partner's second launch is the common case.
    let warm = &samples[1..];
    let med = |f: &dyn Fn(&Sample) -> f64| {
        let mut v: Vec<f64> = warm.iter().map(f).collect();
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        v[v.len() / 2]
    };
    println!("---- release app, median of runs 2-{RUNS} (targets: <= 12 MB, <= 0.5 s, <= 150 MB) ----");
    println!("binary size:                        {:.2} MB", mb(size));
    println!(
        "launch -> first step interactive:   {:.3} s  (first run {:.3} s; page load -> interactive {:.3} s)",
        med(&|s| s.process_ms as f64) / 1000.0,
        samples[0].process_ms as f64 / 1000.0,
        med(&|s| s.ui_ms as f64) / 1000.0
    );
    println!(
        "memory, app + WebKit processes:     {:.1} MB PSS ({:.1} MB RSS summed, shared libraries counted once per process)",
        med(&|s| kb_mb(s.pss_kb)),
        med(&|s| kb_mb(s.rss_kb))
    );
}

struct Sample {
    process_ms: u64,
    ui_ms: u64,
    rss_kb: u64,
    pss_kb: u64,
    per_process: Vec<String>,
}

fn one_run(app: &Path) -> Sample {
    let data_dir = tempfile::tempdir().expect("temp dir");
    let log_dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(app)
        .env("PSA_CONNECT_DATA_DIR", data_dir.path())
        .env("PSA_CONNECT_LOG_DIR", log_dir.path())
        .env("PSA_CONNECT_KEYCHAIN_NAMESPACE", "bench")
        // The app as shipped, single-instance check included: the previous run has been waited for.
        .env_remove("PSA_CONNECT_MULTI_INSTANCE")
        .env_remove("WEBKIT_DISABLE_DMABUF_RENDERER")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the app");
    let ready = wait_for_ready(&mut child, log_dir.path());
    let (process_ms, ui_ms) = ready.unwrap_or_else(|why| {
        let _ = child.kill();
        panic!("{why}");
    });
    std::thread::sleep(Duration::from_secs(1));
    let mut pids = vec![child.id()];
    pids.extend(descendants(child.id()));
    let (mut rss_kb, mut pss_kb) = (0, 0);
    let mut per_process = Vec::new();
    for pid in &pids {
        let (rss, pss) = (rollup_kb(*pid, "Rss:"), rollup_kb(*pid, "Pss:"));
        rss_kb += rss;
        pss_kb += pss;
        per_process.push(format!("{} {:.0}", comm(*pid), kb_mb(pss)));
    }
    let _ = child.kill();
    let _ = child.wait();
    Sample { process_ms, ui_ms, rss_kb, pss_kb, per_process }
}

/// Polls the app's log for the ready line; returns (process age, page clock) in milliseconds.
fn wait_for_ready(child: &mut Child, log_dir: &Path) -> Result<(u64, u64), String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!(
                "the app exited ({status}) before its first screen was up; if PSA Connect is already open on this \
                 display, close it: a second launch hands over to it and exits"
            ));
        }
        if let Some(line) = LogFiles::new(log_dir, APP_LOG_STEM).last_line_with(READY_MESSAGE) {
            return match (number_field(&line, "process_ms"), number_field(&line, "ui_ms")) {
                (Some(p), Some(u)) => Ok((p, u)),
                _ => Err(format!("ready line without timings: {line}")),
            };
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    Err(format!("no \"{READY_MESSAGE}\" line in {} within 30 s", log_dir.display()))
}

fn all_pids() -> Vec<u32> {
    std::fs::read_dir("/proc")
        .map(|d| d.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok()).collect())
        .unwrap_or_default()
}

fn ppid(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the parenthesised command name, which may itself contain spaces.
    stat.rsplit_once(')')?.1.split_whitespace().nth(1)?.parse().ok()
}

fn descendants(root: u32) -> Vec<u32> {
    let pids = all_pids();
    let mut out = Vec::new();
    let mut frontier = vec![root];
    while let Some(p) = frontier.pop() {
        for c in pids.iter().copied().filter(|c| ppid(*c) == Some(p)) {
            out.push(c);
            frontier.push(c);
        }
    }
    out
}

fn rollup_kb(pid: u32, key: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix(key)?.split_whitespace().next()?.parse().ok()))
        .unwrap_or(0)
}

fn comm(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm")).map(|s| s.trim().to_string()).unwrap_or_default()
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_048_576.0
}

fn kb_mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}
