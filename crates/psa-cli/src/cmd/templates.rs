//! `psa-connect templates list`: the integration templates `--template` accepts.

use clap::Subcommand;
use psa_core::PsaError;
use serde_json::json;

use super::Ctx;
use crate::output::{table, Rendered};

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// List the integration templates: the built-in ones with the vendor pack in use applied.
    List,
}

pub async fn run(cmd: TemplatesCommand, ctx: &Ctx) -> Result<Rendered, PsaError> {
    match cmd {
        TemplatesCommand::List => {
            let list = psa_core::templates::list();
            let rows: Vec<(String, String)> = list
                .iter()
                .map(|t| {
                    let psas: Vec<&str> = t.psas.iter().map(|p| p.short_name()).collect();
                    (t.id.clone(), format!("{} ({}) - {}", t.name, psas.join(", "), t.vendor))
                })
                .collect();
            let status = psa_core::templates::pack_status();
            let pack_line = match (&status.pack, &status.error) {
                (Some(p), _) => format!(
                    "Vendor pack: {} ({}){}\n",
                    p.vendor,
                    p.file,
                    if p.supplies_identifiers_for.is_empty() {
                        String::new()
                    } else {
                        format!("; supplies the vendor's identifiers for {}", p.supplies_identifiers_for.join(", "))
                    }
                ),
                (None, Some(e)) => format!("{} {}\n", e.message, e.fix),
                (None, None) => String::new(),
            };
            let human = format!(
                "{pack_line}{}\n{}",
                ctx.style.bold("Integration templates (use with --template):"),
                table(&rows, 2)
            );
            Ok(Rendered::ok(
                json!({ "ok": true, "templates": list, "pack": status.pack, "packError": status.error }),
                human,
            ))
        }
    }
}
