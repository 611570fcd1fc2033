use std::path::Path;

use tracing_subscriber::layer::SubscriberExt;

use super::logging::*;
use crate::model::{AutotaskCredentials, ConnectwiseCredentials};
use crate::Secret;

const SECRET: &str = "Tr0ub4dor&3-api-secret-value";
const PRIVATE_KEY: &str = "cw-private-KEY-9f8e7d6c5b4a";

/// Runs `body` with the file layer as the thread's subscriber (no global state, tests stay independent).
fn with_file_log(files: &LogFiles, body: impl FnOnce()) {
    let writer = RotatingWriter::open(files.clone()).unwrap();
    let subscriber = tracing_subscriber::registry().with(file_layer(writer, parse_filter("trace").unwrap()));
    tracing::subscriber::with_default(subscriber, body);
}

fn all_log_text(dir: &Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        text.push_str(&String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()));
    }
    text
}

fn total_bytes(dir: &Path) -> (u64, usize) {
    let entries: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().collect();
    (entries.iter().map(|e| e.metadata().unwrap().len()).sum(), entries.len())
}

#[test]
fn rotation_caps_the_total_size_under_heavy_logging() {
    let tmp = tempfile::tempdir().unwrap();
    let files = LogFiles::new(tmp.path(), "heavy").with_limits(64 * 1024, 3);
    let payload = "x".repeat(300);
    with_file_log(&files, || {
        // About 30 times the cap, including records bigger than a whole file.
        for i in 0..20_000u32 {
            tracing::info!(i, payload = %payload, "event number {i}");
        }
        tracing::warn!(huge = %"y".repeat(200 * 1024), "one record larger than a file");
        tracing::info!("last line written");
    });
    let (bytes, count) = total_bytes(tmp.path());
    assert!(bytes <= files.cap_bytes(), "{bytes} bytes on disk, cap {}", files.cap_bytes());
    assert!(bytes > files.cap_bytes() / 2, "rotation kept too little: {bytes}");
    assert_eq!(count, 4, "current file plus 3 old ones");
    for n in 0..=3 {
        let len = std::fs::metadata(files.numbered(n)).unwrap().len();
        assert!(len <= files.max_file_bytes, "{} is {len} bytes", files.numbered(n).display());
    }
    // The newest lines are in the current file and the tail ends with them, oldest first.
    let tail = files.tail(3);
    assert_eq!(tail.len(), 3);
    assert!(tail[2].contains("last line written"), "{tail:?}");
    assert!(tail[0].contains("event number 19999") || tail[1].contains("larger than a file"), "{tail:?}");
}

#[test]
fn the_default_limits_hold_too() {
    let tmp = tempfile::tempdir().unwrap();
    let files = LogFiles::new(tmp.path(), "default");
    assert_eq!(files.cap_bytes(), 4 * 1024 * 1024);
    let line = "z".repeat(1000);
    with_file_log(&files, || {
        for i in 0..6_000u32 {
            tracing::info!(i, "{line}");
        }
    });
    let (bytes, count) = total_bytes(tmp.path());
    assert!(bytes <= files.cap_bytes(), "{bytes}");
    assert_eq!(count, 4);
}

#[test]
fn tail_spans_rotated_files_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let files = LogFiles::new(tmp.path(), "tail").with_limits(2048, 2);
    with_file_log(&files, || {
        for i in 0..200u32 {
            tracing::info!("line {i:03}");
        }
    });
    let tail = files.tail(40);
    assert_eq!(tail.len(), 40);
    let numbers: Vec<u32> = tail.iter().map(|l| l.rsplit(' ').next().unwrap().parse().unwrap()).collect();
    assert_eq!(numbers, (160..200).collect::<Vec<_>>(), "{tail:?}");
    assert!(files.numbered(1).exists(), "the 40 lines came from more than one file");
    assert!(LogFiles::new(tmp.path(), "nothing-here").tail(10).is_empty());
}

#[test]
fn a_restarted_program_continues_the_files_and_keeps_the_cap() {
    let tmp = tempfile::tempdir().unwrap();
    let files = LogFiles::new(tmp.path(), "restart").with_limits(2048, 2);
    // Three runs, as three launches of the program would write them; each finds the files the last left.
    for run in 0..3u32 {
        with_file_log(&files, || {
            for i in 0..60u32 {
                tracing::info!("run {run} line {i:03}");
            }
        });
    }
    let (bytes, count) = total_bytes(tmp.path());
    assert!(bytes <= files.cap_bytes(), "{bytes}");
    assert_eq!(count, 3, "current file plus 2 old ones");
    let tail = files.tail(70);
    assert!(tail.last().unwrap().ends_with("run 2 line 059"), "{tail:?}");
    let order: Vec<(u32, u32)> = tail
        .iter()
        .map(|l| {
            let words: Vec<&str> = l.rsplit(' ').take(4).collect();
            (words[2].parse().unwrap(), words[0].parse().unwrap())
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "oldest first across runs and files: {tail:?}");
}

#[test]
fn no_secret_reaches_the_files() {
    let tmp = tempfile::tempdir().unwrap();
    let files = LogFiles::new(tmp.path(), "secrets");
    let at = AutotaskCredentials {
        username: "api.user@contoso.example".into(),
        integration_code: "CODE".into(),
        secret: Secret::new(SECRET),
    };
    let cw: ConnectwiseCredentials = serde_json::from_value(serde_json::json!({
        "companyId": "contoso", "publicKey": "pub", "privateKey": PRIVATE_KEY, "clientId": "id"
    }))
    .unwrap();
    let plain_copy = at.secret.expose().to_string();
    with_file_log(&files, || {
        tracing::info!(creds = ?at, "autotask credentials");
        tracing::info!(creds = ?cw, "connectwise credentials");
        tracing::info!(secret = %at.secret, debug = ?at.secret, "the secret type itself");
        tracing::warn!("message formatting: {:?} / {}", at.secret, cw.private_key);
        let span = tracing::info_span!("check", creds = ?at);
        span.in_scope(|| tracing::info!("inside a span that recorded the credentials"));
        // A plain String under a secret-looking name is caught by the name rule.
        tracing::info!(secret = %plain_copy, api_secret = %plain_copy, password = %plain_copy, token = %plain_copy, "named fields");
    });
    let text = all_log_text(tmp.path());
    assert!(text.contains("api.user@contoso.example") && text.contains("autotask credentials"), "{text}");
    assert!(text.contains("<redacted>"), "{text}");
    for s in [SECRET, PRIVATE_KEY] {
        assert!(!text.contains(s), "a secret reached the log:\n{text}");
    }
    let tail = files.tail(100).join("\n");
    assert!(tail.contains("named fields") && !tail.contains(SECRET));
}

#[test]
fn the_http_stack_stays_quiet_even_when_everything_else_is_traced() {
    // Only this test touches PSA_CONNECT_LOG in this binary.
    std::env::set_var(LOG_FILTER_ENV, "trace");
    let filter = file_filter();
    std::env::remove_var(LOG_FILTER_ENV);
    let tmp = tempfile::tempdir().unwrap();
    let files = LogFiles::new(tmp.path(), "http");
    let writer = RotatingWriter::open(files.clone()).unwrap();
    let subscriber = tracing_subscriber::registry().with(file_layer(writer, filter));
    tracing::subscriber::with_default(subscriber, || {
        tracing::trace!(target: "psa_core::autotask", "engine trace line");
        tracing::trace!(target: "hyper::proto::h1::role", "encode headers: secret: hunter2");
        tracing::debug!(target: "reqwest::connect", "connection detail");
        tracing::warn!(target: "hyper_util::client", "a real transport warning");
    });
    let text = all_log_text(tmp.path());
    assert!(text.contains("engine trace line") && text.contains("a real transport warning"), "{text}");
    assert!(!text.contains("hunter2") && !text.contains("connection detail"), "{text}");
}

#[test]
fn filters_take_targets_and_levels_and_refuse_what_they_cannot_read() {
    use tracing::Level;
    use tracing_subscriber::filter::Targets;
    let on = |f: &Targets, target: &str, level: Level| f.would_enable(target, &level);
    let f = parse_filter(" warn, psa_core=debug,,psa_core::http=error ").unwrap();
    assert!(on(&f, "tauri", Level::WARN) && !on(&f, "tauri", Level::INFO));
    assert!(on(&f, "psa_core::autotask", Level::DEBUG) && !on(&f, "psa_core::autotask", Level::TRACE));
    assert!(on(&f, "psa_core::http", Level::ERROR) && !on(&f, "psa_core::http", Level::WARN));
    // A bare target means every level of it; nothing else is on without a bare level.
    let f = parse_filter("psa_connect").unwrap();
    assert!(on(&f, "psa_connect::cmd", Level::TRACE) && !on(&f, "hyper", Level::ERROR));
    for bad in ["", " , ", "psa_core=loud", "a=b=c"] {
        assert!(parse_filter(bad).is_none(), "{bad:?}");
    }
    // The shipped default is valid: PSA Connect's crates at info, the rest at warn.
    let f = parse_filter(DEFAULT_FILE_FILTER).unwrap();
    assert!(on(&f, "psa_connect_app_lib::startup", Level::INFO) && !on(&f, "psa_core", Level::DEBUG));
    assert!(on(&f, "tao", Level::WARN) && !on(&f, "tao", Level::INFO));
}

#[test]
fn number_fields_are_read_by_their_whole_key() {
    let line =
        "2026-11-23T15:00:00Z  INFO psa_connect_app_lib::startup: first screen interactive process_ms=640 ui_ms=160";
    assert_eq!(number_field(line, "process_ms"), Some(640));
    assert_eq!(number_field(line, "ui_ms"), Some(160));
    // A key that only ends like another one, a missing key and a key without digits give nothing.
    assert_eq!(number_field("subprocess_ms=5 x", "process_ms"), None);
    assert_eq!(number_field(line, "elapsed_ms"), None);
    assert_eq!(number_field("process_ms=soon", "process_ms"), None);
}

#[test]
fn a_directive_naming_part_of_the_http_stack_cannot_outrank_the_pin() {
    use tracing::Level;
    let filter = file_filter_from(Some("trace,hyper::proto=trace,reqwest::connect=debug,rustls=trace,psa_core=debug"));
    for target in ["hyper::proto::h1::role", "hyper_util::client", "reqwest::connect", "rustls::client", "h2::codec"] {
        assert!(!filter.would_enable(target, &Level::INFO), "{target} passes below warn");
        assert!(filter.would_enable(target, &Level::WARN), "{target} warnings still pass");
    }
    // The rest of what was asked for stays.
    assert!(filter.would_enable("psa_core::autotask", &Level::DEBUG));
    assert!(filter.would_enable("psa_connect_app_lib", &Level::TRACE));
}
