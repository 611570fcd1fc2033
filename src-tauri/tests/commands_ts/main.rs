//! Generates `ui/src/commands.gen.ts`, the page's only way to call the app, and FAILS when the committed file
//! is stale. It reads the `#[tauri::command]` functions in `src/commands/*.rs` (with `syn`), so a command's
//! name, argument names and types, and answer type reach TypeScript exactly as Tauri expects them; the events
//! come from `events::ALL`; the answer types this crate defines are exported with ts-rs. Data types from
//! psa-core are imported from `ui/src/bindings.gen.ts` (psa-core's `bindings` test).
//!
//! Refresh with: `UPDATE_COMMANDS=1 cargo test --workspace --locked --features psa-connect-app/custom-protocol
//! --test commands_ts` (UPDATE_BINDINGS=1 works too), then commit the file.
//!
//! It also fails when a command is registered in `generate_handler!` but not generated or the other way
//! round, and on any argument or answer type it cannot map (rather than guessing).

#[path = "../common/drift.rs"]
mod drift;
mod source;
mod types;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use psa_connect_app_lib::commands::handoff::HandoffCreated;
use psa_connect_app_lib::commands::profiles::{ProfileRechecked, ProfileSaved};
use psa_connect_app_lib::commands::support::Diagnosis;
use psa_connect_app_lib::commands::transfer::ExportWritten;
use psa_connect_app_lib::events;
use psa_connect_app_lib::startup::StartupAnswers;
use syn::{ItemFn, Type};
use ts_rs::{Config, TS};

use source::{bindings_names, camel, pascal, read_commands, registered, ArgKind, Command};
use types::Mapper;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The answer types of this crate, exported beside the commands (psa-core's are in bindings.gen.ts).
fn app_types(cfg: &Config) -> Vec<(String, String)> {
    vec![
        (ProfileSaved::name(cfg), ProfileSaved::decl(cfg)),
        (ProfileRechecked::name(cfg), ProfileRechecked::decl(cfg)),
        (ExportWritten::name(cfg), ExportWritten::decl(cfg)),
        (HandoffCreated::name(cfg), HandoffCreated::decl(cfg)),
        (Diagnosis::name(cfg), Diagnosis::decl(cfg)),
        // Not an answer of a command: what the app puts in the page before its script runs (startup.rs).
        (StartupAnswers::name(cfg), StartupAnswers::decl(cfg)),
    ]
}

fn jsdoc(out: &mut String, lines: &[String]) {
    let lines: Vec<&String> = lines.iter().collect();
    if lines.is_empty() {
        return;
    }
    out.push_str("/**\n");
    for l in lines {
        let l = l.replace("*/", "*\\/");
        if l.is_empty() {
            out.push_str(" *\n");
        } else {
            let _ = writeln!(out, " * {l}");
        }
    }
    out.push_str(" */\n");
}

fn command_fn(out: &mut String, c: &Command) {
    jsdoc(out, &c.doc);
    // Left-out trailing options are sent as null; an option before a required argument must be written.
    let last_required = c.args.iter().rposition(|a| a.kind != ArgKind::Optional);
    let params: Vec<String> = c
        .args
        .iter()
        .enumerate()
        .map(|(i, a)| match a.kind {
            ArgKind::Channel => format!("{}: (message: {}) => void", a.key, a.ts),
            ArgKind::Optional if last_required.is_none_or(|r| i > r) => format!("{}?: {}", a.key, a.ts),
            _ => format!("{}: {}", a.key, a.ts),
        })
        .collect();
    let values: Vec<String> = c
        .args
        .iter()
        .map(|a| match a.kind {
            ArgKind::Channel => format!("{}: new Channel<{}>({})", a.key, a.ts, a.key),
            ArgKind::Optional => format!("{}: {} ?? null", a.key, a.key),
            ArgKind::Plain => a.key.clone(),
        })
        .collect();
    let _ = writeln!(out, "export function {}({}): Promise<{}> {{", camel(&c.name), params.join(", "), c.answer);
    if values.is_empty() {
        let _ = writeln!(out, "  return call<{}>(\"{}\");", c.answer, c.name);
    } else {
        let _ = writeln!(out, "  return call<{}>(\"{}\", {{ {} }});", c.answer, c.name, values.join(", "));
    }
    out.push_str("}\n\n");
}

/// Removes comments, so a type named only in a doc comment is not imported.
fn code_only(ts: &str) -> String {
    let mut out = String::new();
    let mut rest = ts;
    while let Some(at) = rest.find("/*") {
        out.push_str(&rest[..at]);
        rest = rest[at..].find("*/").map(|e| &rest[at + e + 2..]).unwrap_or("");
    }
    out.push_str(rest);
    out.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

fn uses_word(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(i, _)| {
        let ident = |c: char| c.is_alphanumeric() || c == '_';
        let before = code[..i].chars().next_back().is_none_or(|c| !ident(c));
        let after = code[i + word.len()..].chars().next().is_none_or(|c| !ident(c));
        before && after
    })
}

fn render() -> String {
    let cfg = Config::default();
    let app = app_types(&cfg);
    let mapper = Mapper { bindings: bindings_names(), local: app.iter().map(|(n, _)| n.clone()).collect() };
    let commands = read_commands(&mapper);

    let found: BTreeSet<String> = commands.iter().map(|c| format!("{}::{}", c.module, c.name)).collect();
    assert_eq!(found.len(), commands.len(), "commands_ts: two commands share a name");
    let listed = registered();
    let unregistered: Vec<&String> = found.difference(&listed).collect();
    let unknown: Vec<&String> = listed.difference(&found).collect();
    assert!(
        unregistered.is_empty() && unknown.is_empty(),
        "commands_ts: generate_handler! in src/lib.rs and the #[tauri::command] functions in src/commands/ differ.\n\
         Not registered: {unregistered:?}\nRegistered but not found as a command: {unknown:?}"
    );
    let names: BTreeSet<&str> = events::ALL.iter().map(|e| e.name).collect();
    assert_eq!(names.len(), events::ALL.len(), "commands_ts: two events share a name");

    let mut body = String::new();
    body.push_str("// ---- answer types of the app crate (src-tauri/src/commands/) ----\n\n");
    for (_, decl) in &app {
        body.push_str("export ");
        body.push_str(decl);
        body.push_str("\n\n");
    }
    body.push_str("// ---- commands ----\n\n");
    let mut module = "";
    for c in &commands {
        if c.module != module {
            module = &c.module;
            let _ = writeln!(body, "// src-tauri/src/commands/{}\n", c.file);
        }
        command_fn(&mut body, c);
    }
    body.push_str("// ---- events (src-tauri/src/events.rs) ----\n\n");
    for e in events::ALL {
        let at = format!("src/events.rs: event {}", e.name);
        let ty: Type = syn::parse_str(e.payload).unwrap_or_else(|err| panic!("{at}: {err}"));
        let payload = mapper.ts(&ty, &at);
        jsdoc(&mut body, &[e.doc.trim().to_string(), "Resolves to the function that stops listening.".into()]);
        let _ = writeln!(
            body,
            "export function on{}(handler: (payload: {payload}) => void): Promise<UnlistenFn> {{\n  return subscribe(\"{}\", handler);\n}}\n",
            pascal(e.name),
            e.name
        );
    }

    let code = code_only(&body);
    let imports: Vec<&String> = mapper.bindings.iter().filter(|n| uses_word(&code, n)).collect();
    let mut out = String::from(
        "// Generated from the #[tauri::command] functions in src-tauri/src/commands/ and the events in\n\
         // src-tauri/src/events.rs by src-tauri/tests/commands_ts/. Do not edit: refresh with\n\
         // UPDATE_COMMANDS=1 cargo test --workspace --locked --features psa-connect-app/custom-protocol --test commands_ts\n\
         import { Channel, invoke } from \"@tauri-apps/api/core\";\n\
         import { listen, type UnlistenFn } from \"@tauri-apps/api/event\";\n",
    );
    let _ = writeln!(
        out,
        "import type {{ {} }} from \"./bindings.gen\";",
        imports.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
    );
    out.push_str(
        "import { toPsaError } from \"./psaError\";\n\n\
         /** Every command goes through here: whatever it rejects with reaches the caller as a PsaError. */\n\
         async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {\n  \
           try {\n    return await invoke<T>(cmd, args);\n  } catch (e) {\n    throw toPsaError(e);\n  }\n}\n\n\
         /** Every event subscription goes through here; a refused subscription is a PsaError too. */\n\
         async function subscribe<T>(event: string, handler: (payload: T) => void): Promise<UnlistenFn> {\n  \
           try {\n    return await listen<T>(event, (e) => handler(e.payload));\n  } catch (e) {\n    throw toPsaError(e);\n  }\n}\n\n",
    );
    out.push_str(&body);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[test]
fn typescript_commands_are_current() {
    let path = root().join("../ui/src/commands.gen.ts");
    let want = render();
    if std::env::var_os("UPDATE_COMMANDS").is_some() || std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &want).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        return;
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have != want {
        let first = drift::first_difference(&have, &want, "generated");
        panic!(
            "ui/src/commands.gen.ts is stale ({first}).\nRefresh it: UPDATE_COMMANDS=1 cargo test --workspace --locked \
             --features psa-connect-app/custom-protocol --test commands_ts, and commit it."
        );
    }
}

#[test]
fn the_mapper_refuses_what_it_does_not_know() {
    let mapper = Mapper { bindings: ["CheckItem".to_string()].into(), local: BTreeSet::new() };
    let ty = |s: &str| syn::parse_str::<Type>(s).unwrap();
    assert_eq!(mapper.ts(&ty("Option<Vec<CheckItem>>"), "t"), "CheckItem[] | null");
    assert_eq!(mapper.ts(&ty("Vec<Option<u32>>"), "t"), "(number | null)[]");
    assert_eq!(mapper.answer(&syn::parse_str::<ItemFn>("fn f() -> CmdResult<()> {}").unwrap().sig.output, "t"), "void");
    for bad in ["HashMap<String, String>", "Unknown", "(u8, u8)", "&Path"] {
        let t = ty(bad);
        let r = std::panic::catch_unwind(|| mapper.ts(&t, "t"));
        assert!(r.is_err(), "{bad} should be refused");
    }
    assert_eq!(camel("id_or_name"), "idOrName");
    assert_eq!(pascal("handoff-opened"), "HandoffOpened");
}
