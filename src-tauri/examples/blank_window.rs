//! The floor under the start-up benchmark: a Tauri 2 window with an empty page, built with the app's Tauri
//! version and release profile and started the way the app starts (same WebKit settings). Being an example, it
//! also links the package's dev-dependencies (Tauri's `test` feature, the simulators), which add code but
//! change nothing in GTK or WebKit. Whatever it costs, WebKitGTK, GTK and the graphics stack cost before any PSA
//! Connect code runs; the benchmark prints it beside the app's figures so the app's own share can be read off.
//!
//! Its page waits two animation frames after its first paint (as the app's UI does before reporting its
//! first screen interactive), then navigates to `blank://localhost/ready?ui_ms=M`; the window refuses that
//! navigation and prints `ready process_ms=N ui_ms=M` on stdout, N being the process age from the kernel's
//! start time and M the page's own clock (from the start of its navigation, as the app's page reports it).
//!
//! Build: cargo build --release -p psa-connect-app --features custom-protocol --example blank_window

use tauri::http::Response;
use tauri::{WebviewUrl, WebviewWindowBuilder};

const PAGE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>blank</title></head>\
<body><p>An empty page.</p><script>\
requestAnimationFrame(() => requestAnimationFrame(() => {\
location.href = 'blank://localhost/ready?ui_ms=' + Math.round(performance.now()); }));\
</script></body></html>";

fn main() {
    psa_connect_app_lib::startup::mark_run_started();
    psa_connect_app_lib::apply_linux_workarounds();

    let mut context = tauri::generate_context!();
    // The app's own window (from tauri.conf.json) is not wanted here, only one with the empty page.
    context.config_mut().app.windows.clear();
    tauri::Builder::default()
        .register_uri_scheme_protocol("blank", |_ctx, _request| {
            Response::builder()
                .header("Content-Type", "text/html; charset=utf-8")
                .body(PAGE.as_bytes().to_vec())
                .unwrap()
        })
        .setup(|app| {
            let url = WebviewUrl::CustomProtocol("blank://localhost/".parse().expect("static URL"));
            WebviewWindowBuilder::new(app, "main", url)
                .title("blank")
                .inner_size(960.0, 680.0)
                .on_navigation(|url| {
                    if url.path() != "/ready" {
                        return true;
                    }
                    let age = psa_connect_app_lib::startup::since_process_start().unwrap_or_default();
                    // The page's own clock, as the app reports it: from the start of its navigation.
                    let ui_ms = url.query_pairs().find(|(k, _)| k == "ui_ms").map(|(_, v)| v.into_owned());
                    println!("ready process_ms={} ui_ms={}", age.as_millis(), ui_ms.as_deref().unwrap_or("0"));
                    false
                })
                .build()?;
            Ok(())
        })
        .run(context)
        .expect("the blank window could not start");
}
