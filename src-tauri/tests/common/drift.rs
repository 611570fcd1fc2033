//! Telling where a committed generated file (`ui/src/commands.gen.ts`, `ui/e2e/recorded-ipc.json`) and what
//! the code makes now part ways, for the test's failure message. Kept free of Tauri so a test that needs no
//! app can include it on its own (`#[path]`).

/// The first line that differs, both versions quoted; `now_label` names the side made now.
pub fn first_difference(committed: &str, now: &str, now_label: &str) -> String {
    committed
        .lines()
        .zip(now.lines())
        .enumerate()
        .find(|(_, (a, b))| a != b)
        .map(|(n, (a, b))| format!("line {}:\n  committed: {a}\n  {now_label}: {b}", n + 1))
        .unwrap_or_else(|| "one is a prefix of the other (or the file is missing)".into())
}
