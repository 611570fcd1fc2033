//! `psa-connect autotask` end to end, on what the command line feeds in: filter values by number and by
//! label, URLs and secrets refused before any request, templates that decide what is probed. The real
//! binary against the Autotask simulator on 127.0.0.1; no fixture secret may show up in its output.

use crate::common;

use common::autotask::{line, looked_up, run, sim};
use common::EXIT_USAGE;
use psa_tests::autotask::fixtures as fx;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn preview_counts_match_the_fixture_data() {
    let sim = sim().await;
    let lookup = sim.zone_lookup_url();
    let base = looked_up("preview", fx::GOOD_USER, &lookup);

    let r = run(&base, Some(&line(fx::GOOD_SECRET)), &[]).await;
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.json["preview"]["companies"], fx::CONTOSO_COMPANY_COUNT as u64);
    assert_eq!(r.json["preview"]["contacts"], fx::CONTOSO_CONTACT_COUNT as u64);

    let customer = fx::TYPE_CUSTOMER.to_string();
    let prospect = fx::TYPE_PROSPECT.to_string();
    let types = format!("{customer},{prospect}");
    let mut args = base.to_vec();
    args.extend(["--company-type", &types, "--company-status", "active", "--contact-status", "active"]);
    let r = run(&args, Some(&line(fx::GOOD_SECRET)), &[]).await;
    assert_eq!(r.code, 0, "{}", r.stdout);
    let company = |c: &psa_tests::autotask::Company| {
        c.is_active && (c.company_type == fx::TYPE_CUSTOMER || c.company_type == fx::TYPE_PROSPECT)
    };
    assert_eq!(r.json["preview"]["companies"], fx::contoso_count(company) as u64);
    assert_eq!(r.json["preview"]["contacts"], fx::contoso_contacts_of(company, |c| c.is_active == 1) as u64);
    assert_eq!(r.json["filters"]["companyTypes"], serde_json::json!([customer, prospect]));
    let sample = r.json["preview"]["sample"].as_array().unwrap();
    assert!(!sample.is_empty());
    let names: Vec<&str> =
        fx::contoso_companies().iter().filter(|c| company(c)).map(|c| c.company_name.as_str()).collect();
    assert!(sample.iter().all(|s| names.contains(&s.as_str().unwrap())), "sample {sample:?} outside the selection");

    // Labels work too (looked up in the live picklists), and give the same selection.
    let mut args = base.to_vec();
    args.extend(["--company-type", "customer, Prospect", "--company-status", "active", "--contact-status", "active"]);
    let r = run(&args, Some(&line(fx::GOOD_SECRET)), &[]).await;
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.json["filters"]["companyTypes"], serde_json::json!([customer, prospect]));
    assert_eq!(r.json["preview"]["companies"], fx::contoso_count(company) as u64);
    let mut args = base.to_vec();
    args.extend(["--market", "Helthcare"]);
    let r = run(&args, Some(&line(fx::GOOD_SECRET)), &[]).await;
    assert_eq!(r.code, EXIT_USAGE, "{}", r.stdout);
    assert_eq!(r.json["error"]["code"], "invalid_input");
    assert!(r.json["error"]["fix"].as_str().unwrap().contains("Healthcare"));

    let healthcare = fx::MARKET_HEALTHCARE.to_string();
    let mut args = base.to_vec();
    args.extend(["--market", &healthcare]);
    let r = run(&args, Some(&line(fx::GOOD_SECRET)), &[]).await;
    assert_eq!(
        r.json["preview"]["companies"],
        fx::contoso_count(|c| c.market_segment_id == Some(fx::MARKET_HEALTHCARE)) as u64
    );

    let human: Vec<&str> = base.iter().copied().filter(|a| *a != "--json").collect();
    let r = run(&human, Some(&line(fx::GOOD_SECRET)), &[]).await;
    assert!(r.stdout.contains("Companies") && r.stdout.contains("1,234"), "{}", r.stdout);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_http_to_another_host_is_refused_before_any_request() {
    let sim = sim().await;
    let base = [
        "autotask",
        "check",
        "--username",
        fx::GOOD_USER,
        "--integration-code",
        fx::INTEGRATION_CODE,
        "--secret-stdin",
        "--json",
    ];
    let mut args = base.to_vec();
    args.extend(["--api-url", "http://webservices14.autotask.net/ATServicesRest/V1.0"]);
    let r = run(&args, Some(&line(fx::GOOD_SECRET)), &[]).await;
    assert_eq!(r.code, EXIT_USAGE, "{}", r.stdout);
    assert_eq!(r.json["error"]["code"], "insecure_url");

    let mut args = base.to_vec();
    args.extend(["--zone-lookup-url", "http://example.com/ATServicesRest/"]);
    let r = run(&args, Some(&line(fx::GOOD_SECRET)), &[]).await;
    assert_eq!(r.code, EXIT_USAGE, "{}", r.stdout);
    assert_eq!(r.json["error"]["code"], "insecure_url");
    assert_eq!(sim.stats().total_requests, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_secret_comes_only_from_stdin() {
    let sim = sim().await;
    let lookup = sim.zone_lookup_url();
    let base = [
        "autotask",
        "check",
        "--username",
        fx::GOOD_USER,
        "--integration-code",
        fx::INTEGRATION_CODE,
        "--zone-lookup-url",
        &lookup,
        "--json",
    ];

    let mut args = base.to_vec();
    args.push("--secret-stdin");
    for empty in ["", "\n", "  \n"] {
        let r = run(&args, Some(empty), &[]).await;
        assert_eq!(r.code, EXIT_USAGE, "{empty:?}: {}", r.stdout);
        assert_eq!(r.json["error"]["code"], "invalid_input");
        assert!(r.json["error"]["fix"].as_str().unwrap().contains("--secret-stdin"));
    }

    let secret_flag = format!("--secret={}", fx::GOOD_SECRET);
    // The stdin flag takes no value; given one, the refusal must not repeat it (clap's own message would).
    let stdin_flag_with_value = format!("--secret-stdin={}", fx::GOOD_SECRET);
    // A misspelt flag with a value, and anything after `--`, reach clap: its refusal must not quote them.
    let misspelt = format!("--secrett={}", fx::GOOD_SECRET);
    for extra in [
        vec!["--secret", fx::GOOD_SECRET],
        vec![secret_flag.as_str()],
        vec!["--secret-stdin", fx::GOOD_SECRET],
        vec![stdin_flag_with_value.as_str()],
        vec!["--secret-stdin", misspelt.as_str()],
        vec!["--secret-stdin", "--", stdin_flag_with_value.as_str()],
    ] {
        let mut args = base.to_vec();
        args.extend(extra.iter().copied());
        let r = run(&args, Some(&line(fx::GOOD_SECRET)), &[]).await;
        assert_eq!(r.code, EXIT_USAGE, "{extra:?}: {}", r.stdout);
        assert_eq!(r.json["error"]["code"], "invalid_input");
    }
    // Without --json a stray value is still not echoed (checked in `run`).
    let mut args: Vec<&str> = base.iter().copied().filter(|a| *a != "--json").collect();
    args.extend(["--secret-stdin", fx::GOOD_SECRET]);
    assert_eq!(run(&args, Some(&line(fx::GOOD_SECRET)), &[]).await.code, EXIT_USAGE);

    let r = run(&base, Some(&line(fx::GOOD_SECRET)), &[]).await;
    assert_eq!(r.code, EXIT_USAGE, "--secret-stdin is required");
    assert_eq!(r.json["ok"], false);
    assert_eq!(sim.stats().total_requests, 0, "nothing is sent when the input is refused");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn templates_decide_what_is_probed() {
    let sim = sim().await;
    let lookup = sim.zone_lookup_url();
    let base = looked_up("check", fx::GOOD_USER, &lookup);
    let mut args = base.to_vec();
    args.extend(["--template", "no-such-template"]);
    let r = run(&args, Some(&line(fx::GOOD_SECRET)), &[]).await;
    assert_eq!(r.code, EXIT_USAGE);
    assert_eq!(r.json["error"]["code"], "template_unknown");
    assert_eq!(sim.stats().total_requests, 0);

    let mut args = base.to_vec();
    args.extend(["--template", "custom"]);
    let r = run(&args, Some(&line(fx::GOOD_SECRET)), &[]).await;
    assert_eq!(r.json["template"], "custom", "{}", r.stdout);
    assert!(r.json["items"].as_array().unwrap().iter().any(|i| i["id"].as_str().unwrap().starts_with("probe.")));
}
