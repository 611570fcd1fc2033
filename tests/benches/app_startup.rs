//! Start-up benchmark of the RELEASE app (run it with `bash scripts/bench-app.sh`, which builds it first).
//! Prints, for target/release/psa-connect-app (or PSA_CONNECT_E2E_APP):
//! - binary size;
//! - launch → first step interactive, under Xvfb: from the kernel starting the app process (its start time in
//!   /proc) to the moment the welcome step's primary button exists, is enabled and the page has painted it
//!   (seen by a WebDriver poll every 10 ms, so an upper bound by up to one poll); the WebDriver session
//!   start → same moment is printed too (adds WebKitWebDriver's own start-up);
//! - resident memory of the app process plus its WebKit children (sum of RSS, and of PSS, which counts
//!   shared pages once), after the first step is up and one second of rest.
//! Targets: ≤ 12 MB, ≤ 0.5 s, ≤ 150 MB. It prints numbers; it asserts nothing.

#[path = "../tests/e2e/driver.rs"]
mod driver;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::{ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use psa_tests::autotask::{AutotaskSim, SimConfig};
use serde_json::json;

/// The first step is interactive once the integration list has arrived over IPC and can be clicked.
const READY_TESTID: &str = "integration-custom";
const RUNS: usize = 5;

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
    if !driver::on_path("WebKitWebDriver") {
        eprintln!("WebKitWebDriver is not on PATH: run bash scripts/setup.sh (package webkit2gtk-driver)");
        std::process::exit(2);
    }
    let rt = tokio::runtime::Runtime::new().expect("tokio runtime");
    rt.block_on(run(&app));
}

struct Sample {
    from_process: Duration,
    from_session: Duration,
    rss_kb: u64,
    pss_kb: u64,
    processes: Vec<String>,
}

async fn run(app: &Path) {
    let size = std::fs::metadata(app).expect("app binary").len();
    println!("app binary: {} ({:.2} MB)", app.display(), size as f64 / 1_048_576.0);
    let sim = AutotaskSim::start(SimConfig::standard()).await.expect("simulator");
    let mut samples = Vec::new();
    for i in 0..RUNS {
        let s = one_run(app, &sim).await;
        println!(
            "run {}: process start -> interactive {:>4} ms, session request -> interactive {:>4} ms, RSS {:.1} MB, PSS {:.1} MB",
            i + 1,
            s.from_process.as_millis(),
            s.from_session.as_millis(),
            s.rss_kb as f64 / 1024.0,
            s.pss_kb as f64 / 1024.0
        );
        samples.push(s);
    }
    let med = |f: &dyn Fn(&Sample) -> f64| {
        let mut v: Vec<f64> = samples.iter().map(f).collect();
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        v[v.len() / 2]
    };
    println!("processes measured: {}", samples[0].processes.join(", "));
    println!("---- release app, median of {RUNS} runs (targets: <= 12 MB, <= 0.5 s, <= 150 MB) ----");
    println!("binary size:                        {:.2} MB", size as f64 / 1_048_576.0);
    println!("launch -> first step interactive:   {:.3} s  (from process start; {:.3} s from WebDriver session request)",
        med(&|s| s.from_process.as_secs_f64()), med(&|s| s.from_session.as_secs_f64()));
    println!("memory, app + WebKit processes:     {:.1} MB RSS summed ({:.1} MB PSS)",
        med(&|s| s.rss_kb as f64 / 1024.0), med(&|s| s.pss_kb as f64 / 1024.0));
}

async fn one_run(app: &Path, sim: &AutotaskSim) -> Sample {
    let data_dir = tempfile::tempdir().expect("temp dir");
    let log = std::env::temp_dir().join(format!("psa-bench-driver-{}.log", std::process::id()));
    let envs = [
        ("PSA_CONNECT_AUTOTASK_ZONE_URL", sim.zone_lookup_url()),
        ("PSA_CONNECT_DATA_DIR", data_dir.path().display().to_string()),
        ("PSA_CONNECT_KEYCHAIN_NAMESPACE", "bench".to_string()),
        // As in the end-to-end tests: under Xvfb the app's default (DMA-BUF renderer off) can stall frames.
        ("WEBKIT_DISABLE_DMABUF_RENDERER", std::env::var("WEBKIT_DISABLE_DMABUF_RENDERER").unwrap_or("0".into())),
    ];
    let tauri_driver = driver::find_tauri_driver().expect("tauri-driver not installed");
    let mut drv = driver::TauriDriver::start(&tauri_driver, &envs, &log).expect("tauri-driver");
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("wry"));
    caps.insert("tauri:options".into(), json!({ "application": app.display().to_string() }));

    let session_start = Instant::now();
    let client = ClientBuilder::new(HttpConnector::new()).capabilities(caps).connect(&drv.url()).await
        .unwrap_or_else(|e| panic!("WebDriver session: {e}; see {}", log.display()));
    let css = format!("[data-testid=\"{READY_TESTID}\"]");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(el) = client.find(Locator::Css(&css)).await {
            if el.is_enabled().await.unwrap_or(false) && el.is_displayed().await.unwrap_or(false) {
                break;
            }
        }
        assert!(Instant::now() < deadline, "[data-testid={READY_TESTID}] never became enabled");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // Two animation frames: the button has been painted, not only inserted.
    let painted = client.execute_async(
        "const d = arguments[arguments.length-1]; requestAnimationFrame(() => requestAnimationFrame(() => d(1)));",
        vec![],
    );
    tokio::time::timeout(Duration::from_secs(10), painted).await.expect("no frame painted within 10 s").ok();
    let ready_uptime = uptime();
    let from_session = session_start.elapsed();

    let app_pid = find_app_pid(app).expect("app process not found in /proc");
    let from_process = Duration::from_secs_f64((ready_uptime - process_start_uptime(app_pid)).max(0.0));
    tokio::time::sleep(Duration::from_secs(1)).await;
    let mut pids = vec![app_pid];
    pids.extend(descendants(app_pid));
    let (mut rss_kb, mut pss_kb) = (0, 0);
    let mut processes = Vec::new();
    for pid in &pids {
        rss_kb += status_kb(*pid, "VmRSS:");
        pss_kb += rollup_kb(*pid, "Pss:");
        processes.push(comm(*pid));
    }
    let _ = client.close().await;
    drv.stop();
    let _ = std::fs::remove_file(&log);
    Sample { from_process, from_session, rss_kb, pss_kb, processes }
}

fn all_pids() -> Vec<u32> {
    std::fs::read_dir("/proc")
        .map(|d| d.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok()).collect())
        .unwrap_or_default()
}

fn find_app_pid(app: &Path) -> Option<u32> {
    let want = std::fs::canonicalize(app).ok()?;
    all_pids().into_iter().find(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).ok().as_ref() == Some(&want))
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

/// Seconds since boot now (/proc/uptime, 10 ms resolution): the clock /proc/PID/stat start times use.
fn uptime() -> f64 {
    let s = std::fs::read_to_string("/proc/uptime").expect("/proc/uptime");
    s.split_whitespace().next().unwrap().parse().unwrap()
}

/// Seconds since boot at which the process started (/proc/PID/stat field 22, in USER_HZ = 100 ticks).
fn process_start_uptime(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
    let ticks: u64 = stat.rsplit_once(')').unwrap().1.split_whitespace().nth(19).unwrap().parse().unwrap();
    ticks as f64 / 100.0
}

fn status_kb(pid: u32, key: &str) -> u64 {
    field_kb(&format!("/proc/{pid}/status"), key)
}
fn rollup_kb(pid: u32, key: &str) -> u64 {
    field_kb(&format!("/proc/{pid}/smaps_rollup"), key)
}
fn field_kb(path: &str, key: &str) -> u64 {
    std::fs::read_to_string(path).ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix(key)?.split_whitespace().next()?.parse().ok()))
        .unwrap_or(0)
}
fn comm(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm")).map(|s| s.trim().to_string()).unwrap_or_default()
}
