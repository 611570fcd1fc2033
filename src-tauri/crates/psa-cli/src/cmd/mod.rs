//! The command tree below `psa-connect`.

pub mod autotask;
mod autotask_filters;
mod autotask_report;
pub mod profile;
mod profile_report;
pub mod templates;

use clap::Subcommand;
use psa_core::autotask::CancellationToken;
use psa_core::PsaError;

use crate::output::{Rendered, Style};

// Parsed once per process: the size of the biggest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Datto Autotask: zone lookup, connection check, filter preview.
    #[command(subcommand)]
    Autotask(autotask::AutotaskCommand),
    /// Saved connection profiles (secrets stay in the OS keychain).
    #[command(subcommand)]
    Profile(profile::ProfileCommand),
    /// Integration templates (vendor guides as data).
    #[command(subcommand)]
    Templates(templates::TemplatesCommand),
}

/// What every command gets besides its flags.
pub struct Ctx {
    pub style: Style,
    /// Cancelled on Ctrl-C, so in-flight requests stop and the report says so.
    pub cancel: CancellationToken,
}

pub async fn run(cmd: Command, ctx: &Ctx) -> Result<Rendered, PsaError> {
    match cmd {
        Command::Autotask(c) => autotask::run(c, ctx).await,
        Command::Profile(c) => profile::run(c, ctx).await,
        Command::Templates(c) => templates::run(c, ctx).await,
    }
}
