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
//!
//! The app is launched as a partner launches it: no WebDriver (automation adds about 100 MB to the web
//! process) and WebKit settings left at the app's defaults.
//!
//! Beside it, the same figures for the floor: an empty Tauri window built from the same Tauri version and
//! release profile, with the app's WebKit settings (src-tauri/examples/blank_window.rs; PSA_CONNECT_BLANK_APP
//! overrides its path), launched in turn with the app, first and second alternately, so both meet the machine
//! in the same mood. The difference is what PSA Connect itself adds.
//! Targets: ≤ 12 MB, ≤ 0.5 s, ≤ 150 MB. It prints numbers; it asserts nothing.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use psa_core::support::diagnose::STARTUP_READY_MESSAGE as READY_MESSAGE;
use psa_core::support::logging::{number_field, LogFiles, APP_LOG_STEM};

/// Launches of each program (`APP_BENCH_RUNS` overrides): single launches vary by about 0.1 s on a small
/// machine, so telling 0.05 s apart needs more of them than the default.
const RUNS: usize = 7;

fn runs() -> usize {
    std::env::var("APP_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).filter(|n| *n >= 2).unwrap_or(RUNS)
}

fn main() {
    let target = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/release"));
    let app = path_from_env("PSA_CONNECT_E2E_APP").unwrap_or_else(|| target.join("psa-connect-app"));
    let blank = path_from_env("PSA_CONNECT_BLANK_APP").unwrap_or_else(|| target.join("examples/blank_window"));
    if !app.is_file() {
        eprintln!("no app at {}: run bash scripts/bench-app.sh (it builds the release app)", app.display());
        std::process::exit(2);
    }
    if std::env::var_os("DISPLAY").is_none() {
        eprintln!("no DISPLAY: run under Xvfb (bash scripts/bench-app.sh does)");
        std::process::exit(2);
    }
    let blank = blank.is_file().then_some(blank);
    if blank.is_none() {
        println!("(no blank window built: only the app is measured; bash scripts/bench-app.sh builds both)");
    }
    let size = std::fs::metadata(&app).expect("app binary").len();
    println!("app binary: {} ({size} bytes, {:.2} MiB)", app.display(), mb(size));
    let runs = runs();

    let (mut samples, mut floor) = (Vec::new(), Vec::new());
    for i in 0..runs {
        // Which goes first alternates, so neither always starts while the other's processes wind down.
        let blank_first = i % 2 == 1;
        let run_blank = |floor: &mut Vec<Sample>| {
            if let Some(blank) = &blank {
                let s = one_run(&Subject::Blank(blank));
                print_run("blank", i, &s);
                floor.push(s);
            }
        };
        if blank_first {
            run_blank(&mut floor);
        }
        let s = one_run(&Subject::App(&app));
        print_run("app  ", i, &s);
        samples.push(s);
        if !blank_first {
            run_blank(&mut floor);
        }
    }
    println!("---- release app, median of runs 2-{runs} (targets: <= 12 MB, <= 0.5 s, <= 150 MB) ----");
    println!("binary size:                        {size} bytes ({:.2} MiB)", mb(size));
    println!(
        "launch -> first step interactive:   {:.3} s  (first run {:.3} s; page load -> interactive {:.3} s)",
        warm_median(&samples, |s| s.process_ms as f64) / 1000.0,
        samples[0].process_ms as f64 / 1000.0,
        warm_median(&samples, |s| s.ui_ms as f64) / 1000.0
    );
    println!(
        "memory, app + WebKit processes:     {:.1} MB PSS ({:.1} MB RSS summed, shared libraries counted once per process)",
        warm_median(&samples, |s| kb_mb(s.pss_kb)),
        warm_median(&samples, |s| kb_mb(s.rss_kb))
    );
    let code = |v: &[Sample]| (warm_median(v, |s| kb_mb(s.code_kb.0)), kb_mb(v[0].code_kb.1));
    let (code_rss, code_size) = code(&samples);
    println!("program code resident:              {code_rss:.1} of {code_size:.1} MB");
    if floor.is_empty() {
        return;
    }
    let (app_s, floor_s) = (
        warm_median(&samples, |s| s.process_ms as f64) / 1000.0,
        warm_median(&floor, |s| s.process_ms as f64) / 1000.0,
    );
    let (app_m, floor_m) = (warm_median(&samples, |s| kb_mb(s.pss_kb)), warm_median(&floor, |s| kb_mb(s.pss_kb)));
    println!("---- floor: an empty Tauri window (examples/blank_window), launched in turn ----");
    println!("launch -> empty page painted:       {floor_s:.3} s   (the app adds {:+.3} s)", app_s - floor_s);
    // Where the difference lies: before the page starts loading, or in the page itself.
    let (app_page, floor_page) =
        (warm_median(&samples, |s| s.ui_ms as f64) / 1000.0, warm_median(&floor, |s| s.ui_ms as f64) / 1000.0);
    println!(
        "page load -> painted:               {floor_page:.3} s   (the app's page adds {:+.3} s; before its page, {:+.3} s)",
        app_page - floor_page,
        (app_s - app_page) - (floor_s - floor_page)
    );
    println!(
        "memory, window + WebKit processes:  {floor_m:.1} MB PSS ({:.1} MB RSS)   (the app adds {:+.1} MB PSS)",
        warm_median(&floor, |s| kb_mb(s.rss_kb)),
        app_m - floor_m
    );
    let (floor_code_rss, floor_code_size) = code(&floor);
    println!("program code resident:              {floor_code_rss:.1} of {floor_code_size:.1} MB");
}

fn path_from_env(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).map(PathBuf::from)
}

fn print_run(label: &str, i: usize, s: &Sample) {
    let page = if s.ui_ms > 0 { format!(" (page's own clock {:>4} ms)", s.ui_ms) } else { String::new() };
    println!(
        "{label} run {}: process start -> interactive {:>4} ms{page}, RSS {:.1} MB, PSS {:.1} MB  [{}]",
        i + 1,
        s.process_ms,
        kb_mb(s.rss_kb),
        kb_mb(s.pss_kb),
        s.per_process.join(", ")
    );
}

/// The first launch reads the libraries from disk; a partner's second launch is the common case.
fn warm_median(samples: &[Sample], f: impl Fn(&Sample) -> f64) -> f64 {
    let mut v: Vec<f64> = samples[1..].iter().map(f).collect();
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

/// What is launched, and where it says it is ready.
enum Subject<'a> {
    /// PSA Connect: the ready line in its log.
    App(&'a Path),
    /// The empty window: `ready process_ms=N` on its stdout.
    Blank(&'a Path),
}

struct Sample {
    process_ms: u64,
    ui_ms: u64,
    rss_kb: u64,
    pss_kb: u64,
    /// The program's own code: resident, and mapped (its executable segment).
    code_kb: (u64, u64),
    per_process: Vec<String>,
}

fn one_run(subject: &Subject) -> Sample {
    let data_dir = tempfile::tempdir().expect("temp dir");
    let log_dir = tempfile::tempdir().expect("temp dir");
    let stdout_file = log_dir.path().join("stdout.txt");
    let (program, stdout) = match subject {
        Subject::App(p) => (*p, Stdio::null()),
        Subject::Blank(p) => (*p, Stdio::from(std::fs::File::create(&stdout_file).expect("stdout file"))),
    };
    let mut command = Command::new(program);
    // psa_connect_app_lib::LINUX_WEBKIT_SETTINGS: the app's own choices, not the shell's.
    for (name, _) in std::env::vars_os().filter(|(n, _)| n.to_string_lossy().starts_with("JSC_")) {
        command.env_remove(name);
    }
    let mut child = command
        .env("PSA_CONNECT_DATA_DIR", data_dir.path())
        .env("PSA_CONNECT_LOG_DIR", log_dir.path())
        .env("PSA_CONNECT_KEYCHAIN_NAMESPACE", "test:bench")
        // The app as shipped, single-instance check included: the previous run has been waited for.
        .env_remove("PSA_CONNECT_MULTI_INSTANCE")
        .env_remove("WEBKIT_DISABLE_DMABUF_RENDERER")
        .stdout(stdout)
        .stderr(Stdio::null())
        .spawn()
        .expect("start the app");
    let ready = wait_for_ready(&mut child, || match subject {
        Subject::App(_) => {
            let line = LogFiles::new(log_dir.path(), APP_LOG_STEM).last_line_with(READY_MESSAGE)?;
            Some(match (number_field(&line, "process_ms"), number_field(&line, "ui_ms")) {
                (Some(p), Some(u)) => Ok((p, u)),
                _ => Err(format!("ready line without timings: {line}")),
            })
        }
        Subject::Blank(_) => {
            let out = std::fs::read_to_string(&stdout_file).ok()?;
            let line = out.lines().find(|l| l.starts_with("ready "))?;
            Some(match (number_field(line, "process_ms"), number_field(line, "ui_ms")) {
                (Some(p), Some(u)) => Ok((p, u)),
                _ => Err(format!(
                    "no process_ms and ui_ms in {line:?}: rebuild examples/blank_window (bench-app.sh does)"
                )),
            })
        }
    });
    let (process_ms, ui_ms) = ready.unwrap_or_else(|why| {
        let _ = child.kill();
        panic!("{} ({})", why, program.display());
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
    let code_kb = own_code_kb(child.id());
    let _ = child.kill();
    let _ = child.wait();
    // WebKit's processes outlive the app by a moment; the next launch must not share the machine with them.
    let deadline = Instant::now() + Duration::from_secs(10);
    while pids[1..].iter().any(|p| running(*p)) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    Sample { process_ms, ui_ms, rss_kb, pss_kb, code_kb, per_process }
}

/// Polls `ready` (None: not yet) until it answers; returns (process age, page clock) in milliseconds.
fn wait_for_ready(
    child: &mut Child,
    ready: impl Fn() -> Option<Result<(u64, u64), String>>,
) -> Result<(u64, u64), String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!(
                "the app exited ({status}) before its first screen was up; if PSA Connect is already open on this \
                 display, close it: a second launch hands over to it and exits"
            ));
        }
        if let Some(answer) = ready() {
            return answer;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    Err("no ready signal within 30 s".to_string())
}

/// Still running: present and not a zombie waiting for whoever adopted it to reap it.
fn running(pid: u32) -> bool {
    stat_field(pid, 0).is_some_and(|state| state != "Z")
}

/// Field `n` of /proc/PID/stat counted after the parenthesised command name (which may hold spaces): 0 is the
/// state, 1 the parent's pid.
fn stat_field(pid: u32, n: usize) -> Option<String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(')')?.1.split_whitespace().nth(n).map(str::to_string)
}

fn all_pids() -> Vec<u32> {
    std::fs::read_dir("/proc")
        .map(|d| d.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok()).collect())
        .unwrap_or_default()
}

fn ppid(pid: u32) -> Option<u32> {
    stat_field(pid, 1)?.parse().ok()
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

/// (resident, mapped) kB of the executable mappings of the process's own program file: how much of the
/// program's code a launch brought into memory (src-tauri/build.rs, the first-screen layout).
fn own_code_kb(pid: u32) -> (u64, u64) {
    let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
    let smaps = std::fs::read_to_string(format!("/proc/{pid}/smaps")).unwrap_or_default();
    let (mut rss, mut size, mut ours) = (0, 0, false);
    for line in smaps.lines() {
        let mut fields = line.split_whitespace();
        let first = fields.next().unwrap_or_default();
        if first.contains('-') && !first.ends_with(':') {
            // A mapping's header: "start-end perms offset dev inode path".
            let perms = fields.next().unwrap_or_default();
            let path = fields.nth(3).map(Path::new);
            ours = perms.contains('x') && path == Some(exe.as_path());
        } else if ours {
            let kb = fields.next().and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
            match first {
                "Rss:" => rss += kb,
                "Size:" => size += kb,
                _ => {}
            }
        }
    }
    (rss, size)
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
