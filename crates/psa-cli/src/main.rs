//! `psa-connect`: PSA Connect's engine on the command line, for scripts, support staff and CI. Parses the
//! command, runs it on a small tokio runtime, prints one result and exits with a status that tells the
//! kind of outcome apart (see `output::EXIT_CODES_HELP`).

mod cmd;
mod output;
mod secret_input;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Parser};
use psa_core::{ErrorCode, PsaError};

use crate::cmd::{Command, Ctx};
use crate::output::{Style, EXIT_CODES_HELP, EXIT_OK, EXIT_USAGE};

#[derive(Debug, Parser)]
#[command(
    name = "psa-connect",
    version,
    about = "Connect a PSA (Datto Autotask or ConnectWise Manage) to an integration: find the zone or site, test the API user, preview filters.",
    after_help = EXIT_CODES_HELP,
    propagate_version = true
)]
struct Cli {
    /// Print one JSON document on stdout instead of a report.
    #[arg(long, global = true)]
    json: bool,
    /// More log output on stderr (-v info, -vv debug). Secrets are never logged.
    #[arg(short, long, global = true, action = ArgAction::Count)]
    verbose: u8,
    /// A vendor pack (*.psapack.toml) with the vendor's integration code, clientId and templates. Default:
    /// PSA_CONNECT_PACK, else a *.psapack.toml beside the program or in PSA Connect's data folder.
    #[arg(long, global = true, value_name = "FILE")]
    pack: Option<std::path::PathBuf>,
    #[command(subcommand)]
    command: Command,
}

fn main() {
    std::process::exit(real_main());
}

fn real_main() -> i32 {
    let args: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    let json_mode = args.iter().take_while(|a| *a != "--").any(|a| a == "--json");

    // Before clap: its error would repeat the value, and that value is a secret.
    if let Some(flag) = secret_input::secret_flag_in_args(&args[1..]) {
        return output::emit(Err(secret_input::secret_flag_error(&flag)), json_mode);
    }

    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => return usage_error(e, json_mode),
    };
    init_logging(cli.verbose);
    // The subcommand only: values on the command line are never logged (one might be a pasted secret).
    tracing::info!(version = env!("CARGO_PKG_VERSION"), command = %args.iter().skip(1).find(|a| !a.starts_with('-')).map(String::as_str).unwrap_or(""), "psa-connect started");

    // The vendor pack before any template is read. One named with --pack must be usable; one found in a
    // default place that is refused is reported (and logged) and the built-in templates are used.
    let pack = psa_core::templates::load_pack(cli.pack.as_deref());
    if let (Some(_), Some(e)) = (&cli.pack, &pack.error) {
        return output::emit(Err(e.clone()), cli.json);
    }

    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return output::emit(Err(PsaError::internal(format!("tokio runtime: {e}"))), cli.json),
    };
    let ctx = Ctx { style: Style::detect(), cancel: psa_core::autotask::CancellationToken::new() };
    let result = runtime.block_on(async {
        let cancel = ctx.cancel.clone();
        let ctrl_c = tokio::spawn(async move {
            if tokio::signal::ctrl_c().await.is_ok() {
                cancel.cancel();
            }
        });
        let result = cmd::run(cli.command, &ctx).await;
        ctrl_c.abort();
        result
    });
    match &result {
        Ok(r) => tracing::info!(exit = r.exit, "psa-connect finished"),
        Err(e) => tracing::warn!(code = %e.code.name(), details = ?e.details, "{}", e.message),
    }
    output::emit(result, cli.json)
}

/// Help and version go to stdout with status 0; real usage errors follow the `--json` contract.
fn usage_error(e: clap::Error, json_mode: bool) -> i32 {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return EXIT_OK;
    }
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand && !json_mode {
        let _ = e.print();
        return EXIT_USAGE;
    }
    // A stray word on the command line may be a secret pasted in the wrong place: name flags, not values.
    let invalid = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(s)) if e.kind() == ErrorKind::UnknownArgument => Some(s.as_str()),
        _ => None,
    };
    let hidden = invalid.and_then(|s| {
        if !s.starts_with('-') {
            Some("An unexpected extra value was given (not shown, in case it is a secret).".to_string())
        } else {
            let (flag, _) = s.split_once('=')?;
            Some(format!("An unexpected argument {flag}=… was given (its value not shown, in case it is a secret)."))
        }
    });
    let stray_value = hidden.is_some();
    let message = hidden.unwrap_or_else(|| first_line(&e.render().to_string()));
    let err = PsaError::new(
        ErrorCode::InvalidInput,
        message,
        "Run the command with --help to see its flags. The secret is never an argument: pipe it with --secret-stdin.",
    );
    if json_mode || stray_value {
        return output::emit(Err(err), json_mode);
    }
    let _ = e.print();
    EXIT_USAGE
}

/// clap's message without its usage and tips: the lines before the first blank one, joined.
fn first_line(rendered: &str) -> String {
    let text: Vec<&str> = rendered
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let text = text.join(" ");
    let text = text.trim_start_matches("error:").trim();
    if text.is_empty() {
        "invalid command line".to_string()
    } else {
        text.to_string()
    }
}

/// Warnings only by default; `-v` opens PSA Connect's own crates, never the HTTP stack's internals (they
/// can print header values). Independently, info and up go to the size-capped log files in the OS log
/// directory (`PSA_CONNECT_LOG_DIR` overrides it), which `diagnose` quotes; without a writable log
/// directory the command still runs, it just keeps no file.
fn init_logging(verbose: u8) {
    use psa_core::support::logging::{file_filter, file_layer, LogFiles, RotatingWriter, CLI_LOG_STEM};
    use tracing_subscriber::layer::{Layer, SubscriberExt};
    use tracing_subscriber::util::SubscriberInitExt;

    let ours = match verbose {
        0 => tracing::Level::WARN,
        1 => tracing::Level::INFO,
        2 => tracing::Level::DEBUG,
        _ => tracing::Level::TRACE,
    };
    let filter = tracing_subscriber::filter::Targets::new()
        .with_default(tracing::Level::WARN)
        .with_target("psa_connect", ours)
        .with_target("psa_core", ours);
    let console = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(verbose >= 2)
        .with_filter(filter);
    let file =
        LogFiles::from_env(CLI_LOG_STEM).and_then(RotatingWriter::open).ok().map(|w| file_layer(w, file_filter()));
    let _ = tracing_subscriber::registry().with(console).with(file).try_init();
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_tree_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn check_requires_secret_stdin_and_takes_one_zone_source() {
        let base = ["psa-connect", "autotask", "check", "--username", "u@x.com", "--integration-code", "C"];
        let e = Cli::try_parse_from(base).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MissingRequiredArgument);
        let mut ok = base.to_vec();
        ok.extend(["--secret-stdin", "--zone", "ww14", "--template", "custom", "--json"]);
        assert!(Cli::try_parse_from(&ok).is_ok());
        let mut both = base.to_vec();
        both.extend([
            "--secret-stdin",
            "--zone",
            "ww14",
            "--api-url",
            "https://webservices14.autotask.net/ATServicesRest/V1.0",
        ]);
        assert_eq!(Cli::try_parse_from(&both).unwrap_err().kind(), ErrorKind::ArgumentConflict);
    }

    #[test]
    fn preview_takes_repeated_and_comma_separated_filters() {
        let cli = Cli::try_parse_from([
            "psa-connect",
            "autotask",
            "preview",
            "--username",
            "u@x.com",
            "--integration-code",
            "C",
            "--secret-stdin",
            "--company-type",
            "1,3",
            "--company-type",
            "7",
            "--company-status",
            "active",
            "--contact-status",
            "active,inactive",
        ])
        .unwrap();
        let Command::Autotask(cmd::autotask::AutotaskCommand::Preview(p)) = cli.command else { panic!("not preview") };
        assert_eq!(p.filters.company_types, vec!["1", "3", "7"]);
        assert_eq!(p.filters.contact_statuses.len(), 2);
        assert!(Cli::try_parse_from([
            "psa-connect",
            "autotask",
            "preview",
            "--username",
            "u@x.com",
            "--integration-code",
            "C",
            "--secret-stdin",
            "--company-status",
            "dormant"
        ])
        .is_err());
    }

    #[test]
    fn help_documents_the_exit_codes() {
        let help = Cli::command().render_long_help().to_string();
        assert!(help.contains("Exit status:"));
        assert!(help.contains("usage or input error"));
    }

    #[test]
    fn first_line_strips_the_error_prefix() {
        assert_eq!(
            first_line("error: unexpected argument '--x' found\n\nUsage: ..."),
            "unexpected argument '--x' found"
        );
        assert_eq!(
            first_line("error: the following required arguments were not provided:\n  --secret-stdin\n\nUsage: x"),
            "the following required arguments were not provided: --secret-stdin"
        );
    }
}
