//! `psa-connect templates list`: the integration templates `--template` accepts.

use clap::Subcommand;
use psa_core::PsaError;
use serde_json::json;

use super::Ctx;
use crate::output::{table, Rendered};

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// List the built-in integration templates.
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
            let human =
                format!("{}\n{}", ctx.style.bold("Integration templates (use with --template):"), table(&rows, 2));
            Ok(Rendered::ok(json!({ "ok": true, "templates": list }), human))
        }
    }
}
