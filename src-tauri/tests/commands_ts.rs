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

#[path = "common/drift.rs"]
mod drift;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use psa_connect_app_lib::commands::handoff::HandoffCreated;
use psa_connect_app_lib::commands::profiles::{ProfileRechecked, ProfileSaved};
use psa_connect_app_lib::commands::support::Diagnosis;
use psa_connect_app_lib::commands::transfer::ExportWritten;
use psa_connect_app_lib::events;
use psa_connect_app_lib::startup::StartupAnswers;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Expr, FnArg, GenericArgument, Item, ItemFn, Lit, Meta, Pat, PathArguments, ReturnType, Type};
use ts_rs::{Config, TS};

/// Arguments Tauri fills in itself; the page never sends them.
const INJECTED: &[&str] = &["State", "AppHandle", "Window", "WebviewWindow", "Webview", "Request"];

const NUMBERS: &[&str] = &["u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize", "f32", "f64"];

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

struct Command {
    /// `app`, `autotask`, … (the file in src/commands/).
    module: String,
    /// Its file under src/commands/ (`app.rs`, `handoff/mod.rs`).
    file: String,
    name: String,
    doc: Vec<String>,
    args: Vec<Arg>,
    answer: String,
}

struct Arg {
    /// The key Tauri reads the argument from: the Rust name in camelCase.
    key: String,
    ts: String,
    kind: ArgKind,
}

#[derive(PartialEq)]
enum ArgKind {
    Plain,
    /// `Option<T>`: sent as `null` when left out.
    Optional,
    /// `Channel<T>`: the page passes a callback, wrapped in a Channel here.
    Channel,
}

/// Rust types → TypeScript. Panics (the test fails) on anything it does not know.
struct Mapper {
    /// Types exported by bindings.gen.ts.
    bindings: BTreeSet<String>,
    /// Types exported by the generated file itself.
    local: BTreeSet<String>,
}

impl Mapper {
    fn ts(&self, ty: &Type, at: &str) -> String {
        match ty {
            Type::Reference(r) => match &*r.elem {
                Type::Path(p) if p.path.is_ident("str") => "string".into(),
                _ => unmapped(ty, at),
            },
            Type::Paren(p) => self.ts(&p.elem, at),
            Type::Path(p) if p.qself.is_none() => {
                let seg = p.path.segments.last().expect("a path has a segment");
                let name = seg.ident.to_string();
                match name.as_str() {
                    "String" | "str" => "string".into(),
                    "bool" => "boolean".into(),
                    n if NUMBERS.contains(&n) => "number".into(),
                    "Option" => format!("{} | null", self.ts(only_generic(ty, &seg.arguments, at), at)),
                    "Vec" => {
                        let inner = self.ts(only_generic(ty, &seg.arguments, at), at);
                        if inner.contains(' ') {
                            format!("({inner})[]")
                        } else {
                            format!("{inner}[]")
                        }
                    }
                    _ if !seg.arguments.is_empty() => unmapped(ty, at),
                    n if self.local.contains(n) || self.bindings.contains(n) => n.to_string(),
                    _ => unmapped(ty, at),
                }
            }
            _ => unmapped(ty, at),
        }
    }

    /// A command's answer: `CmdResult<T>` / `Result<T, E>` → T, nothing or `()` → void.
    fn answer(&self, out: &ReturnType, at: &str) -> String {
        let ty = match out {
            ReturnType::Default => return "void".into(),
            ReturnType::Type(_, ty) => ty,
        };
        let ok = match &**ty {
            Type::Path(p) => match p.path.segments.last() {
                Some(seg) if seg.ident == "CmdResult" || seg.ident == "Result" => first_generic(ty, &seg.arguments, at),
                _ => ty,
            },
            _ => ty,
        };
        match ok {
            Type::Tuple(t) if t.elems.is_empty() => "void".into(),
            _ => self.ts(ok, at),
        }
    }
}

fn unmapped(ty: &Type, at: &str) -> ! {
    panic!(
        "commands_ts: {at}: no TypeScript mapping for the Rust type `{}`. Use a type the generator maps \
         (String, bool, numbers, Option, Vec, Channel, a type exported to bindings.gen.ts or listed in \
         app_types()), or teach tests/commands_ts.rs the new one.",
        type_text(ty)
    )
}

/// The type as written, for error messages (syn without its printing feature has no Display).
fn type_text(ty: &Type) -> String {
    match ty {
        Type::Path(p) => p
            .path
            .segments
            .iter()
            .map(|s| match &s.arguments {
                PathArguments::AngleBracketed(a) => {
                    let inner: Vec<String> = a
                        .args
                        .iter()
                        .map(|g| match g {
                            GenericArgument::Type(t) => type_text(t),
                            GenericArgument::Lifetime(l) => format!("'{}", l.ident),
                            _ => "…".into(),
                        })
                        .collect();
                    format!("{}<{}>", s.ident, inner.join(", "))
                }
                _ => s.ident.to_string(),
            })
            .collect::<Vec<_>>()
            .join("::"),
        Type::Reference(r) => format!("&{}", type_text(&r.elem)),
        Type::Tuple(t) if t.elems.is_empty() => "()".into(),
        _ => "(a type other than a path or reference)".into(),
    }
}

fn generics<'a>(ty: &Type, args: &'a PathArguments, at: &str) -> Vec<&'a Type> {
    let PathArguments::AngleBracketed(a) = args else { unmapped(ty, at) };
    a.args
        .iter()
        .filter_map(|g| match g {
            GenericArgument::Type(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn only_generic<'a>(ty: &Type, args: &'a PathArguments, at: &str) -> &'a Type {
    match generics(ty, args, at).as_slice() {
        [t] => t,
        _ => unmapped(ty, at),
    }
}

fn first_generic<'a>(ty: &Type, args: &'a PathArguments, at: &str) -> &'a Type {
    generics(ty, args, at).first().copied().unwrap_or_else(|| unmapped(ty, at))
}

fn last_ident(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    for (i, part) in snake.split('_').filter(|p| !p.is_empty()).enumerate() {
        let mut chars = part.chars();
        match (i, chars.next()) {
            (0, Some(c)) => out.extend(std::iter::once(c).chain(chars)),
            (_, Some(c)) => out.extend(c.to_uppercase().chain(chars)),
            (_, None) => {}
        }
    }
    out
}

/// "handoff-opened" → "HandoffOpened".
fn pascal(kebab: &str) -> String {
    let c = camel(&kebab.replace('-', "_"));
    let mut chars = c.chars();
    chars.next().map(|f| f.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn doc_lines(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            Meta::NameValue(nv) => match &nv.value {
                Expr::Lit(l) => match &l.lit {
                    Lit::Str(s) => Some(s.value().trim().to_string()),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn is_command(f: &ItemFn) -> bool {
    f.attrs.iter().any(|a| {
        let segs: Vec<String> = a.path().segments.iter().map(|s| s.ident.to_string()).collect();
        let hit = segs == ["tauri", "command"] || segs == ["command"];
        // `#[tauri::command(rename_all = …)]` and friends change the keys; the generator assumes the default.
        assert!(
            !hit || matches!(a.meta, Meta::Path(_)),
            "commands_ts: {}: #[tauri::command(...)] options are not supported by the generator",
            f.sig.ident
        );
        hit
    })
}

fn read_commands(mapper: &Mapper) -> Vec<Command> {
    let dir = root().join("src/commands");
    // A module is `<name>.rs`, or `<name>/mod.rs` when it has files of its own (its tests, say).
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter_map(|p| {
            let name = p.file_stem()?.to_string_lossy().to_string();
            if p.is_dir() {
                let module = p.join("mod.rs");
                module.is_file().then_some((name, module))
            } else {
                p.extension().is_some_and(|x| x == "rs").then_some((name, p))
            }
        })
        .collect();
    files.sort();
    let mut out = Vec::new();
    for (module, path) in files {
        let rel = path.strip_prefix(&dir).unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for item in file.items {
            let Item::Fn(f) = item else { continue };
            if !is_command(&f) {
                continue;
            }
            let name = f.sig.ident.to_string();
            let at = format!("src/commands/{rel}: {name}");
            let mut args = Vec::new();
            for input in &f.sig.inputs {
                let FnArg::Typed(pt) = input else { panic!("{at}: a command cannot take self") };
                if last_ident(&pt.ty).is_some_and(|i| INJECTED.contains(&i.as_str())) {
                    continue;
                }
                let Pat::Ident(id) = &*pt.pat else { panic!("{at}: arguments must be plain names") };
                let rust_name = id.ident.to_string();
                let arg_at = format!("{at}, argument `{rust_name}`");
                let (kind, ts) = match &*pt.ty {
                    Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Channel") => {
                        let seg = p.path.segments.last().unwrap();
                        (ArgKind::Channel, mapper.ts(only_generic(&pt.ty, &seg.arguments, &arg_at), &arg_at))
                    }
                    Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Option") => {
                        (ArgKind::Optional, mapper.ts(&pt.ty, &arg_at))
                    }
                    _ => (ArgKind::Plain, mapper.ts(&pt.ty, &arg_at)),
                };
                args.push(Arg { key: camel(&rust_name), ts, kind });
            }
            let answer = mapper.answer(&f.sig.output, &at);
            out.push(Command {
                module: module.clone(),
                file: rel.clone(),
                name,
                doc: doc_lines(&f.attrs),
                args,
                answer,
            });
        }
    }
    out
}

/// The commands `lib.rs` registers, as `module::name`.
fn registered() -> BTreeSet<String> {
    let lib = std::fs::read_to_string(root().join("src/lib.rs")).unwrap();
    let start = lib.find("generate_handler![").expect("lib.rs has generate_handler![") + "generate_handler![".len();
    let end = start + lib[start..].find(']').expect("generate_handler! is closed");
    let paths = Punctuated::<syn::Path, syn::Token![,]>::parse_terminated
        .parse_str(&lib[start..end])
        .expect("generate_handler! lists paths");
    paths
        .iter()
        .map(|p| {
            let segs: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
            match segs.as_slice() {
                [c, module, name] if c == "commands" => format!("{module}::{name}"),
                _ => panic!(
                    "commands_ts: generate_handler! entry `{}` is not commands::<module>::<name>",
                    segs.join("::")
                ),
            }
        })
        .collect()
}

/// The type names bindings.gen.ts exports.
fn bindings_names() -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("../ui/src/bindings.gen.ts")).expect("ui/src/bindings.gen.ts");
    text.lines()
        .filter_map(|l| l.strip_prefix("export type "))
        .filter_map(|l| l.split(|c: char| !c.is_alphanumeric() && c != '_').next())
        .map(str::to_string)
        .collect()
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
         // src-tauri/src/events.rs by src-tauri/tests/commands_ts.rs. Do not edit: refresh with\n\
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
