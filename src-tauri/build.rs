use std::path::Path;

// `generate_context!` refuses to compile when `frontendDist` is missing, so a fresh clone that runs
// `cargo build` or `cargo test` before `npm run build` in ui/ would fail. A placeholder page keeps those
// builds working; the UI build replaces the whole directory (Vite empties its outDir).
const PLACEHOLDER: &str = r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>PSA Connect</title></head>
<body style="font-family: sans-serif; margin: 3rem;">
<h1>PSA Connect</h1>
<p>The user interface has not been built yet. Run <code>npm ci &amp;&amp; npm run build</code> in <code>ui/</code>,
then build the app again.</p>
</body>
</html>
"#;

fn main() {
    let dist = Path::new("../ui/dist");
    if !dist.join("index.html").exists() {
        std::fs::create_dir_all(dist).expect("create ui/dist");
        std::fs::write(dist.join("index.html"), PLACEHOLDER).expect("write ui/dist/index.html");
    }
    // The assets are embedded when this crate compiles; rerunning the build script on a UI rebuild is what
    // makes Cargo recompile the crate and pick the new files up.
    println!("cargo:rerun-if-changed=../ui/dist");
    tauri_build::build();
}
