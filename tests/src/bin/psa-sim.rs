//! Serves the standard Autotask simulator for demos: `cargo run -p psa-tests --bin psa-sim -- --port 8787`.

use psa_tests::autotask::{fixtures as fx, AutotaskSim, SimConfig};

#[tokio::main]
async fn main() {
    let mut cfg = SimConfig::standard();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--port" => cfg.port = args.next().and_then(|p| p.parse().ok()).unwrap_or_else(|| usage()),
            "--latency-ms" => {
                let ms: u64 = args.next().and_then(|p| p.parse().ok()).unwrap_or_else(|| usage());
                cfg.latency = std::time::Duration::from_millis(ms);
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
    println!("Ctrl-C to stop.");
    let _ = tokio::signal::ctrl_c().await;
    sim.shutdown().await;
}

fn usage() -> ! {
    eprintln!("usage: psa-sim [--port N] [--latency-ms N]");
    std::process::exit(2);
}
