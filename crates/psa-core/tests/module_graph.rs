//! The engine's top-level modules must not import each other in a circle. This test reads `src/`, finds
//! every path into another top-level module (`use crate::x::…`, `crate::{x::…, y}`, an inline
//! `crate::x::Y`, a re-export such as `crate::Secret`, and `super::…` that climbs to the crate root), prints
//! the module graph with each module's layer, and fails on a cycle.
//!
//! Print the graph: `bash scripts/module-graph.sh` (runs this test with `--nocapture`).
//!
//! Layers today (each imports only from lower ones): leaf types `error`, `secret`, `need`, `ids`, `answer` →
//! `model`, `http`, `keychain` → `filters`, `report`, `templates`, `profiles` → `autotask`, `connectwise` →
//! `support`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The source with comments, string literals and char literals blanked out (replaced by spaces, so a doc
/// link like ``[`crate::autotask`]`` or a `"crate::x"` in a message never counts as an import).
fn code_only(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    let blank = |out: &mut Vec<u8>, bytes: &[u8]| out.extend(bytes.iter().map(|&c| if c == b'\n' { c } else { b' ' }));
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"//") {
            let end = rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest.starts_with(b"/*") {
            let (mut depth, mut j) = (0usize, 0usize);
            while j < rest.len() {
                if rest[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if rest[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    j += 1;
                }
            }
            blank(&mut out, &rest[..j]);
            i += j;
        } else if rest[0] == b'r' && (i == 0 || !ident(b[i - 1])) && matches!(rest.get(1), Some(b'"' | b'#')) {
            // Raw string r"…" or r#"…"#.
            let hashes = rest[1..].iter().take_while(|&&c| c == b'#').count();
            if rest.get(1 + hashes) != Some(&b'"') {
                out.push(rest[0]);
                i += 1;
                continue;
            }
            let close: Vec<u8> = std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
            let body = 2 + hashes;
            let end =
                rest[body..].windows(close.len()).position(|w| w == close.as_slice()).map(|p| body + p + close.len());
            let end = end.unwrap_or(rest.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest[0] == b'"' {
            let mut j = 1;
            while j < rest.len() && rest[j] != b'"' {
                j += if rest[j] == b'\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(rest.len());
            blank(&mut out, &rest[..end]);
            i += end;
        } else if rest[0] == b'\'' {
            // A char literal ('x', '\n', '\u{1F600}', '"'); anything else is a lifetime.
            let end = if rest.get(1) == Some(&b'\\') {
                rest[2..].iter().position(|&c| c == b'\'').map(|p| p + 3)
            } else {
                let ch = std::str::from_utf8(&rest[1..])
                    .ok()
                    .or_else(|| std::str::from_utf8(&rest[1..rest.len().min(5)]).ok());
                let len = ch.and_then(|s| s.chars().next()).map(char::len_utf8).unwrap_or(1);
                (rest.get(1 + len) == Some(&b'\'')).then_some(2 + len)
            };
            match end {
                Some(end) => {
                    blank(&mut out, &rest[..end]);
                    i += end;
                }
                None => {
                    out.push(b'\'');
                    i += 1;
                }
            }
        } else {
            out.push(rest[0]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("only ASCII bytes were replaced")
}

/// The first identifier of every path that starts at the crate root: `crate::x`, the items of
/// `crate::{x::…, y}`, and `super::…::x` when the chain of `super`s climbs `depth` levels (out of the file's
/// module, to the root).
fn root_paths(code: &str, depth: usize) -> Vec<String> {
    let ident_char = |c: char| c.is_ascii_alphanumeric() || c == '_';
    // `keyword ::` at `rest`'s start: what follows the `::`.
    let after = |rest: &'_ str, keyword: &str| -> Option<usize> {
        let t = rest.strip_prefix(keyword)?;
        let t2 = t.trim_start().strip_prefix("::")?;
        Some(rest.len() - t2.trim_start().len())
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < code.len() {
        let rest = &code[i..];
        let at_word = !code[..i].chars().next_back().is_some_and(ident_char);
        let start = if !at_word {
            None
        } else if let Some(n) = after(rest, "crate") {
            Some(n)
        } else if let Some(mut n) = after(rest, "super") {
            let mut supers = 1;
            while let Some(m) = after(&rest[n..], "super") {
                supers += 1;
                n += m;
            }
            if supers < depth {
                i += n;
                continue;
            }
            Some(n)
        } else {
            None
        };
        let Some(start) = start else {
            i += rest.chars().next().map(char::len_utf8).unwrap_or(1);
            continue;
        };
        let tail = &rest[start..];
        if let Some(group) = tail.strip_prefix('{') {
            // The first identifier of each top-level item of the group (commas inside nested braces skipped).
            let mut level = 0;
            let mut item_start = true;
            for (k, c) in group.char_indices() {
                match c {
                    '{' => level += 1,
                    '}' if level == 0 => break,
                    '}' => level -= 1,
                    ',' if level == 0 => item_start = true,
                    c if c.is_whitespace() => {}
                    c if item_start && level == 0 && ident_char(c) => {
                        found.push(group[k..].chars().take_while(|&c| ident_char(c)).collect());
                        item_start = false;
                    }
                    _ => item_start = false,
                }
            }
        } else {
            let word: String = tail.chars().take_while(|&c| ident_char(c)).collect();
            if !word.is_empty() {
                found.push(word);
            }
        }
        i += start;
    }
    found
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// How many `super::` climb from a file to the crate root: `src/x.rs` and `src/x/mod.rs` 1, `src/x/y.rs` 2, …
/// (inline `mod tests { … }` blocks add a level this ignores, so their `super::` is read as one level
/// higher: harmless, since an item of the parent module is named like a top-level module only by accident).
fn module_depth(src: &Path, file: &Path) -> usize {
    let rel = file.strip_prefix(src).expect("under src");
    let parts = rel.components().count();
    if rel.file_name().is_some_and(|n| n == "mod.rs") {
        parts - 1
    } else {
        parts
    }
}

/// The module graph of the crate at `src` (its `lib.rs` names the top-level modules and re-exports).
fn module_graph(src: &Path) -> Graph {
    let lib = code_only(&std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs"));
    let modules: BTreeSet<String> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod ").or_else(|| l.trim().strip_prefix("mod ")))
        .map(|m| m.trim_end_matches(';').trim().to_string())
        .collect();
    // `pub use error::{ApiError, ErrorCode, PsaError};` in lib.rs: `crate::ErrorCode` is a use of `error`.
    let mut reexports: BTreeMap<String, String> = BTreeMap::new();
    for line in lib.lines().filter_map(|l| l.trim().strip_prefix("pub use ")) {
        let Some((module, items)) = line.trim_end_matches(';').split_once("::") else { continue };
        for item in items.trim_matches(|c| c == '{' || c == '}').split(',') {
            let name = item.split(" as ").last().unwrap_or(item).trim();
            if !name.is_empty() {
                reexports.insert(name.to_string(), module.trim().to_string());
            }
        }
    }
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut graph: Graph = modules.iter().map(|m| (m.clone(), BTreeSet::new())).collect();
    for file in files {
        let rel = file.strip_prefix(src).expect("under src");
        let first = rel.components().next().expect("non-empty").as_os_str().to_string_lossy().into_owned();
        let stem = first.strip_suffix(".rs").unwrap_or(&first);
        let (owner, depth) = if modules.contains(stem) {
            (stem.to_string(), module_depth(src, &file))
        } else if let Some(m) = modules.iter().find(|m| stem.starts_with(&format!("{m}_"))) {
            // `src/<module>_tests.rs` (none today): `#[path]`-included as `<module>::tests`, one level below it.
            (m.clone(), 2)
        } else {
            continue; // lib.rs itself
        };
        let code = code_only(&std::fs::read_to_string(&file).expect("readable"));
        for word in root_paths(&code, depth) {
            let target = if modules.contains(&word) { Some(word) } else { reexports.get(&word).cloned() };
            if let Some(target) = target.filter(|t| *t != owner) {
                graph.get_mut(&owner).expect("known module").insert(target);
            }
        }
    }
    graph
}

/// Strongly connected components with more than one module (Tarjan), each sorted.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct State<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut scc = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                scc.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if scc.len() > 1 {
                scc.sort();
                s.found.push(scc);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found.sort();
    s.found
}

/// Layer 0 imports nothing from the crate; layer n imports from layers below n only. None in or above a cycle.
fn layers(graph: &Graph) -> BTreeMap<String, usize> {
    let mut layer = BTreeMap::new();
    while layer.len() < graph.len() {
        let ready: Vec<(String, usize)> = graph
            .iter()
            .filter(|(m, _)| !layer.contains_key(*m))
            .filter(|(_, deps)| deps.iter().all(|d| layer.contains_key(d)))
            .map(|(m, deps)| (m.clone(), deps.iter().map(|d| layer[d] + 1).max().unwrap_or(0)))
            .collect();
        if ready.is_empty() {
            break;
        }
        layer.extend(ready);
    }
    layer
}

fn describe(graph: &Graph) -> String {
    let layer = layers(graph);
    let mut text = String::from("psa-core module graph (layer: module -> what it imports):\n");
    let mut rows: Vec<_> = graph.iter().collect();
    rows.sort_by_key(|(m, _)| (layer.get(*m).copied().unwrap_or(usize::MAX), (*m).clone()));
    for (m, deps) in rows {
        let at = layer.get(m).map(|l| l.to_string()).unwrap_or_else(|| "-".into());
        let deps: Vec<&str> = deps.iter().map(String::as_str).collect();
        text.push_str(&format!(
            "  {at:>5}: {m} -> {}\n",
            if deps.is_empty() { "(nothing)".into() } else { deps.join(", ") }
        ));
    }
    for c in cycles(graph) {
        text.push_str(&format!("  CYCLE: {}\n", c.join(" <-> ")));
    }
    text
}

#[test]
fn top_level_modules_import_each_other_without_a_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = module_graph(&src);
    let text = describe(&graph);
    println!("{text}");
    // The reader must see the crate, or a broken parser would pass this test by finding nothing.
    for (from, to) in [("autotask", "http"), ("connectwise", "model"), ("support", "profiles"), ("keychain", "secret")]
    {
        assert!(graph[from].contains(to), "the parser missed {from} -> {to}:\n{text}");
    }
    assert!(graph.len() >= 15, "{text}");
    assert_eq!(cycles(&graph), Vec::<Vec<String>>::new(), "top-level modules import each other in a circle:\n{text}");
}

#[test]
fn the_reader_skips_comments_and_strings_and_reads_every_path_form() {
    let code = code_only(
        r##"//! See [`crate::doc_link`].
use crate::alpha::A;
use crate::{beta::B, gamma, delta::{D1, D2}};
/* crate::block_comment */
fn f<'a>(x: &'a str) -> char {
    let _ = "crate::in_string";
    let _ = r#"crate::in_raw "string""#;
    let _ = crate::epsilon::make();
    let _: crate::Secret = todo!();
    '"'
}
"##,
    );
    let mut found = root_paths(&code, 1);
    found.sort();
    assert_eq!(found, ["Secret", "alpha", "beta", "delta", "epsilon", "gamma"]);
    // `super::` reaches the root from `src/x.rs` (depth 1) but not from `src/x/y.rs` (depth 2).
    assert_eq!(root_paths("use super::zeta::Z;", 1), ["zeta"]);
    assert!(root_paths("use super::zeta::Z;", 2).is_empty());
    assert_eq!(root_paths("use super::super::eta;", 2), ["eta"]);
}

#[test]
fn a_cycle_is_found_and_named() {
    let mut g: Graph = BTreeMap::new();
    let mut edge = |a: &str, b: &str| {
        g.entry(a.into()).or_default().insert(b.into());
        g.entry(b.into()).or_default();
    };
    edge("report", "templates");
    edge("templates", "autotask");
    edge("autotask", "report");
    edge("autotask", "http");
    edge("support", "autotask");
    assert_eq!(cycles(&g), [vec!["autotask".to_string(), "report".into(), "templates".into()]]);
    assert!(describe(&g).contains("CYCLE: autotask <-> report <-> templates"));
    assert_eq!(layers(&g).get("http"), Some(&0));
    assert_eq!(layers(&g).get("support"), None);
}
