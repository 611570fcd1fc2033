//! The tauri-driver process: found, spawned on free ports, stopped with SIGTERM.
//! (SIGKILL would leave WebKitWebDriver and the app window behind.) tauri-driver runs in a process group of
//! its own, so whatever it leaves (the app outlives WebKitWebDriver when a session was not closed) is
//! stopped with the group.

use std::fs::File;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct TauriDriver {
    child: Option<Child>,
    pub port: u16,
}

/// A port the kernel has just handed out on 127.0.0.1. Another process could take it before the driver
/// binds it; distinct ports per test make that unlikely enough, and a clash fails loudly at start.
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local addr").port()
}

/// `tauri-driver` from PATH, else from ~/.cargo/bin (where `cargo install` puts it).
pub fn find_tauri_driver() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|dir| dir.join("tauri-driver")).find(|p| p.is_file()));
    on_path.or_else(|| {
        let home = std::env::var_os("HOME")?;
        let p = Path::new(&home).join(".cargo/bin/tauri-driver");
        p.is_file().then_some(p)
    })
}

pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

impl TauriDriver {
    /// Starts tauri-driver with `envs` added to its environment: WebKitWebDriver and the app inherit them.
    /// Its output (and the app's, which flows through it) goes to `log`.
    pub fn start(binary: &Path, envs: &[(&str, String)], log: &Path) -> Result<Self, String> {
        let port = free_port();
        let native_port = free_port();
        let out = File::create(log).map_err(|e| format!("create {}: {e}", log.display()))?;
        let err = out.try_clone().map_err(|e| e.to_string())?;
        let mut cmd = Command::new(binary);
        cmd.args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::from(out))
            .stderr(Stdio::from(err))
            .process_group(0);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let child = cmd.spawn().map_err(|e| format!("spawn {}: {e}", binary.display()))?;
        let mut driver = TauriDriver { child: Some(child), port };
        // tauri-driver starts WebKitWebDriver and then listens itself without waiting for it; a session asked
        // for before WebKitWebDriver listens fails with a connection error, so wait for both.
        driver.wait_for_port(port, "tauri-driver", Duration::from_secs(20))?;
        driver.wait_for_port(native_port, "WebKitWebDriver", Duration::from_secs(20))?;
        Ok(driver)
    }

    fn wait_for_port(&mut self, port: u16, what: &str, limit: Duration) -> Result<(), String> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(());
            }
            if let Some(status) = self.child.as_mut().and_then(|c| c.try_wait().ok().flatten()) {
                return Err(format!("tauri-driver exited at start ({status})"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(format!("{what} did not listen on 127.0.0.1:{port} within {limit:?}"))
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// SIGTERM to tauri-driver (it stops WebKitWebDriver), then SIGTERM to what is left of its process
    /// group (the app), then SIGKILL for anything that ignored both.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let pid = child.id().to_string();
        let group = format!("-{pid}");
        signal("-TERM", &pid);
        wait_until(Duration::from_secs(5), || matches!(child.try_wait(), Ok(Some(_))));
        let _ = child.kill();
        let _ = child.wait();
        signal("-TERM", &group);
        wait_until(Duration::from_secs(3), || !signal("-0", &group));
        signal("-KILL", &group);
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `kill SIG TARGET` (a pid, or -pgid for a whole group); true when the signal was delivered.
fn signal(sig: &str, target: &str) -> bool {
    Command::new("kill")
        .args([sig, "--", target])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn wait_until(limit: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < limit && !done() {
        std::thread::sleep(Duration::from_millis(50));
    }
}
