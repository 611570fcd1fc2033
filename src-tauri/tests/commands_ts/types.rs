//! Rust types as the page sees them in TypeScript: what the generator maps, and the refusal of anything else.

use std::collections::BTreeSet;

use syn::{GenericArgument, PathArguments, ReturnType, Type};

const NUMBERS: &[&str] = &["u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize", "f32", "f64"];

/// Rust types → TypeScript. Panics (the test fails) on anything it does not know.
pub(crate) struct Mapper {
    /// Types exported by bindings.gen.ts.
    pub(crate) bindings: BTreeSet<String>,
    /// Types exported by the generated file itself.
    pub(crate) local: BTreeSet<String>,
}

impl Mapper {
    pub(crate) fn ts(&self, ty: &Type, at: &str) -> String {
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
    pub(crate) fn answer(&self, out: &ReturnType, at: &str) -> String {
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
         app_types()), or teach tests/commands_ts/types.rs the new one.",
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

pub(crate) fn only_generic<'a>(ty: &Type, args: &'a PathArguments, at: &str) -> &'a Type {
    match generics(ty, args, at).as_slice() {
        [t] => t,
        _ => unmapped(ty, at),
    }
}

fn first_generic<'a>(ty: &Type, args: &'a PathArguments, at: &str) -> &'a Type {
    generics(ty, args, at).first().copied().unwrap_or_else(|| unmapped(ty, at))
}

pub(crate) fn last_ident(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}
