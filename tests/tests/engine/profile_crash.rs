//! The profile store survives SIGKILL at any moment (issue 4, "Done when": crash test).
//!
//! `profile-writer churn` creates and deletes profiles in a loop and prints a line after each change is
//! saved (and `deleting NAME` before a delete, which may or may not have happened when it is killed). It is
//! killed a few hundred times at pseudo-random moments; after every kill the store must load (no file ever
//! fails to parse, nothing is moved aside), contain every acknowledged creation not announced for
//! deletion, and contain no acknowledged deletion.
#![cfg(unix)]

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use psa_core::profiles::ProfileStore;

const KILLS: u32 = 300;

/// xorshift: reproducible from the printed seed, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[test]
fn sigkill_mid_write_never_loses_an_acknowledged_profile() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let seed = std::env::var("CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
    });
    eprintln!("crash test seed {seed} (set CRASH_SEED to replay)");
    let mut rng = Rng(seed);
    let mut present: BTreeSet<String> = BTreeSet::new();
    let mut gone: BTreeSet<String> = BTreeSet::new();
    let mut acks_total = 0u64;
    let mut mid_write = 0u32;

    for run in 0..KILLS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_profile-writer"))
            .args(["churn", dir.to_str().unwrap(), &run.to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Let it acknowledge a few writes (sometimes none), then kill it at a random instant.
        let wanted = rng.below(4);
        let mut lines = Vec::new();
        for _ in 0..wanted {
            match rx.recv_timeout(Duration::from_secs(10)) {
                Ok(line) => lines.push(line),
                Err(_) => break,
            }
        }
        std::thread::sleep(Duration::from_micros(rng.below(8_000)));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        reader.join().unwrap();
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert!(status.code().is_none(), "run {run}: writer exited by itself ({status}): {stderr}");

        lines.extend(rx.try_iter());
        for line in lines {
            acks_total += 1;
            match line.split_once(' ') {
                Some(("created", name)) => {
                    present.insert(name.to_string());
                }
                Some(("deleting", name)) => {
                    // Until acknowledged, it may or may not be gone.
                    present.remove(name);
                }
                Some(("deleted", name)) => {
                    gone.insert(name.to_string());
                }
                _ => panic!("run {run}: unexpected writer output {line:?}"),
            }
        }

        // A temporary file left behind means this kill landed between writing and renaming.
        let debris = std::fs::read_dir(&dir)
            .map(|d| d.flatten().any(|e| e.file_name().to_string_lossy().starts_with(".profiles.json.tmp-")))
            .unwrap_or(false);
        mid_write += u32::from(debris);

        let names: BTreeSet<String> = match ProfileStore::new(&dir).list() {
            Ok(list) => list.into_iter().map(|p| p.details.name).collect(),
            Err(e) => panic!("run {run} (seed {seed}): store fails to load after SIGKILL: {e:?}"),
        };
        let lost: Vec<&String> = present.difference(&names).collect();
        assert!(lost.is_empty(), "run {run} (seed {seed}): acknowledged profiles lost: {lost:?}");
        let back: Vec<&String> = gone.intersection(&names).collect();
        assert!(back.is_empty(), "run {run} (seed {seed}): acknowledged deletions came back: {back:?}");
    }

    let aside: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".corrupt-"))
        .collect();
    assert!(aside.is_empty(), "a file was found corrupt and moved aside: {aside:?}");
    assert!(acks_total > u64::from(KILLS), "the writer got too few writes done to test anything: {acks_total}");
    eprintln!("{KILLS} kills ({mid_write} between write and rename), {acks_total} acknowledged writes");
}
