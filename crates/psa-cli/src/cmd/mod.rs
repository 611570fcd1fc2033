//! The command tree below `psa-connect`.

pub mod autotask;
mod autotask_filters;
mod autotask_report;
pub mod connectwise;
mod connectwise_filters;
mod connectwise_report;
pub mod diagnose;
mod filter_values;
pub mod handoff;
pub mod profile;
mod profile_report;
mod profile_save;
mod profile_transfer;
mod psa_common;
mod report;
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
    /// ConnectWise Manage: site and codebase, connection check, filter preview.
    #[command(subcommand)]
    Connectwise(connectwise::ConnectwiseCommand),
    /// Saved connection profiles (secrets stay in the OS keychain).
    #[command(subcommand)]
    Profile(profile::ProfileCommand),
    /// Integration templates (vendor guides as data).
    #[command(subcommand)]
    Templates(templates::TemplatesCommand),
    /// Re-test a saved profile and print a report for support (no secret in it).
    Diagnose(diagnose::DiagnoseArgs),
    /// Prepare or check a hand-off: a connection filled in by support, without the secret.
    #[command(subcommand)]
    Handoff(handoff::HandoffCommand),
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
        Command::Connectwise(c) => connectwise::run(c, ctx).await,
        Command::Profile(c) => profile::run(c, ctx).await,
        Command::Templates(c) => templates::run(c, ctx).await,
        Command::Diagnose(a) => diagnose::run(a, ctx).await,
        Command::Handoff(c) => handoff::run(c, ctx).await,
    }
}
