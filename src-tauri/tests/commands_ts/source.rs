//! The commands as the Rust source declares them: each `#[tauri::command]` in src/commands/ (read with `syn`),
//! and the list `lib.rs` registers.

use std::collections::BTreeSet;
use std::path::PathBuf;

use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Expr, FnArg, Item, ItemFn, Lit, Meta, Pat, Type};

use crate::root;
use crate::types::{last_ident, only_generic, Mapper};

/// Arguments Tauri fills in itself; the page never sends them.
const INJECTED: &[&str] = &["State", "AppHandle", "Window", "WebviewWindow", "Webview", "Request"];

pub(crate) struct Command {
    /// `app`, `autotask`, … (the file in src/commands/).
    pub(crate) module: String,
    /// Its file under src/commands/ (`app.rs`, `handoff/mod.rs`).
    pub(crate) file: String,
    pub(crate) name: String,
    pub(crate) doc: Vec<String>,
    pub(crate) args: Vec<Arg>,
    pub(crate) answer: String,
}

pub(crate) struct Arg {
    /// The key Tauri reads the argument from: the Rust name in camelCase.
    pub(crate) key: String,
    pub(crate) ts: String,
    pub(crate) kind: ArgKind,
}

#[derive(PartialEq)]
pub(crate) enum ArgKind {
    Plain,
    /// `Option<T>`: sent as `null` when left out.
    Optional,
    /// `Channel<T>`: the page passes a callback, wrapped in a Channel here.
    Channel,
}

pub(crate) fn camel(snake: &str) -> String {
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
pub(crate) fn pascal(kebab: &str) -> String {
    let c = camel(&kebab.replace('-', "_"));
    let mut chars = c.chars();
    chars.next().map(|f| f.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

pub(crate) fn doc_lines(attrs: &[syn::Attribute]) -> Vec<String> {
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

pub(crate) fn read_commands(mapper: &Mapper) -> Vec<Command> {
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
pub(crate) fn registered() -> BTreeSet<String> {
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
pub(crate) fn bindings_names() -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("../ui/src/bindings.gen.ts")).expect("ui/src/bindings.gen.ts");
    text.lines()
        .filter_map(|l| l.strip_prefix("export type "))
        .filter_map(|l| l.split(|c: char| !c.is_alphanumeric() && c != '_').next())
        .map(str::to_string)
        .collect()
}
