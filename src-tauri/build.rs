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
    first_screen_layout();
    tauri_build::build();
}

/// Release builds on Linux put the code a launch runs up to the first screen in one block at the start of
/// the program's code (`first-screen.ld`, made by `scripts/first-screen-layout.sh`). The kernel maps a
/// program's code in 64 kB windows around each page it touches, so start-up code scattered over the whole
/// file made 4.6 of its 5.4 MB resident; gathered, 1.7 MB (README, "The first-screen layout"). Debug builds
/// keep the default layout: nothing measures them and they link faster without it. PSA_CONNECT_DEFAULT_LAYOUT
/// turns it off for a linker that takes no such script (mold).
fn first_screen_layout() {
    println!("cargo:rerun-if-changed=first-screen.ld");
    // scripts/first-screen-layout.sh profiles a build without the layout (valgrind attributes functions
    // outside the .text section to no file, so a laid-out build would hide them from the next list) and
    // with a link map, which names the functions of the stripped binary.
    println!("cargo:rerun-if-env-changed=PSA_CONNECT_DEFAULT_LAYOUT");
    println!("cargo:rerun-if-env-changed=PSA_CONNECT_LINK_MAP");
    if let Some(map) = std::env::var_os("PSA_CONNECT_LINK_MAP") {
        println!("cargo:rustc-link-arg-bins=-Wl,-Map={}", Path::new(&map).display());
    }
    let release = std::env::var("PROFILE").as_deref() == Ok("release");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux");
    if release && linux && std::env::var_os("PSA_CONNECT_DEFAULT_LAYOUT").is_none() {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("first-screen.ld");
        // An `INSERT BEFORE .text` script adds one output section to the linker's default layout (GNU ld and
        // lld both) instead of replacing it. Only the binaries take it: the blank-window example stays the
        // plain Tauri floor that the start-up benchmark compares against.
        // `-T` and the path as two arguments to the C compiler driver, which hands them to the linker: a
        // path with a comma would be cut in two inside one `-Wl,` argument.
        println!("cargo:rustc-link-arg-bins=-T");
        println!("cargo:rustc-link-arg-bins={}", script.display());
    }
}
