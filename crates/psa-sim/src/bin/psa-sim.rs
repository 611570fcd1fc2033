//! Serves the standard Autotask and ConnectWise simulators for demos:
//! `cargo run -p psa-sim -- --port 8787 --cw-port 8788`.

use psa_sim::autotask::{fixtures as fx, AccessForm, AutotaskSim, SimConfig};
use psa_sim::connectwise::{fixtures as cwfx, CwSim, CwSimConfig, LinkStyle};

/// Printed once everything above it is written; scripts wait for this line.
const DONE_LINE: &str = "Ctrl-C to stop.";

#[tokio::main]
async fn main() {
    let mut cfg = SimConfig::standard();
    let mut cw_cfg = CwSimConfig::standard();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--port" => cfg.port = args.next().and_then(|p| p.parse().ok()).unwrap_or_else(|| usage()),
            "--cw-port" => cw_cfg.port = args.next().and_then(|p| p.parse().ok()).unwrap_or_else(|| usage()),
            "--latency-ms" => {
                let ms: u64 = args.next().and_then(|p| p.parse().ok()).unwrap_or_else(|| usage());
                cfg.latency = std::time::Duration::from_millis(ms);
                cw_cfg.latency = cfg.latency;
            }
            // issue 13: `words` spells userAccessFor* as the live API does ("None"/"All"/"Restricted").
            "--autotask-access" => {
                cfg.access_form = args.next().as_deref().and_then(AccessForm::parse).unwrap_or_else(|| usage())
            }
            // issue 13: `v4_6_release` points next-page links at /v4_6_release/apis/3.0/ on every server.
            "--cw-links" => {
                cw_cfg.link_style = match args.next().as_deref() {
                    Some("same") => LinkStyle::SamePath,
                    Some("v4_6_release") => LinkStyle::V46Release,
                    _ => usage(),
                }
            }
            // Both live-like modes at once.
            "--live-like" => {
                cfg.access_form = AccessForm::Words;
                cw_cfg.link_style = LinkStyle::V46Release;
            }
            _ => usage(),
        }
    }
    let sim = match AutotaskSim::start(cfg).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("psa-sim: cannot listen: {e}");
            std::process::exit(1);
        }
    };
    println!("Autotask simulator on {}", sim.base_url());
    println!("  zone lookup URL (--zone-lookup-url / PSA_CONNECT_AUTOTASK_ZONE_URL): {}", sim.zone_lookup_url());
    for z in fx::ZONES {
        println!("  zone {z} API URL (--api-url): {}", sim.zone_api_url(*z));
    }
    println!("  integration code: {}", fx::INTEGRATION_CODE);
    println!("  users (username / secret — simulator-only values):");
    for u in &sim.config().users {
        println!("    {:<36} {:<28} ci {} {:?}", u.username, u.secret, u.ci, u.status);
    }
    let cw = match CwSim::start(cw_cfg).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("psa-sim: cannot listen for ConnectWise: {e}");
            std::process::exit(1);
        }
    };
    print_connectwise(&cw);
    println!();
    print!("{}", psa_sim::demo::listing(sim.config()));
    // The last line: start.sh --demo waits for it before showing the listing above.
    println!("{DONE_LINE}");
    let _ = tokio::signal::ctrl_c().await;
    sim.shutdown().await;
    cw.shutdown().await;
}

fn print_connectwise(cw: &CwSim) {
    println!("ConnectWise simulator on {}", cw.base_url());
    println!("  cloud URL (--cloud-url / PSA_CONNECT_CONNECTWISE_CLOUD_URL): {}", cw.cloud_url());
    println!("  self-hosted site (--site): {}", cw.self_hosted_site());
    for t in &cw.config().tenants {
        println!("  company {:<10} {:<18} {:?} codebase {}", t.company_id, t.name, t.location, t.codebase);
    }
    println!("  registered clientIds: {}", cw.config().client_ids.join(", "));
    println!("  API members (company / public key / private key — simulator-only values):");
    for (name, k) in cwfx::MEMBERS {
        println!("    {name:<15} {:<10} {:<18} {}", k.company_id, k.public_key, k.private_key);
    }
}

fn usage() -> ! {
    eprintln!("usage: psa-sim [--port N] [--cw-port N] [--latency-ms N] [--autotask-access numbers|words] [--cw-links same|v4_6_release] [--live-like]");
    std::process::exit(2);
}
