//! Restarting the app within one test: same simulator, data directory and keychain namespace, as when a
//! person quits PSA Connect and opens it again.

use std::path::PathBuf;
use std::time::Instant;

use psa_tests::autotask::AutotaskSim;
use psa_tests::connectwise::CwSim;

use super::{E2e, WAIT};

impl E2e {
    /// Quits the app as a person would (window closed, WebDriver session ended, driver and app stopped) and
    /// starts it again on the same simulator, PSA_CONNECT_DATA_DIR and keychain namespace. Screenshots go on
    /// numbering in the same folder; each start writes its own driver log (driver.log, driver-2.log, ...).
    pub async fn restart(self) -> E2e {
        self.log("restart: close the window, stop the driver");
        let E2e { client, mut driver, run } = self;
        let _ = tokio::time::timeout(WAIT, client.close()).await;
        driver.stop();
        drop(driver);
        Self::start_app(run).await
    }

    /// [`Self::restart`] with other command-line arguments for the app (a hand-off link).
    pub async fn restart_with_args(mut self, args: Vec<String>) -> E2e {
        self.app_args = args;
        self.restart().await
    }

    /// [`Self::restart_with_args`], started with this vendor pack or none.
    pub async fn restart_with_pack(mut self, pack: Option<PathBuf>, args: Vec<String>) -> E2e {
        self.pack = pack;
        self.restart_with_args(args).await
    }

    /// The driver logs written so far (the app's own output flows into them).
    pub fn driver_logs(&self) -> Vec<PathBuf> {
        (1..=self.launches).map(|n| self.shots_dir.join(driver_log_name(n))).collect()
    }
}

/// What survives a restart of the app within one test.
pub struct AppRun {
    pub sim: AutotaskSim,
    /// The ConnectWise simulator every launch also gets (cloud hosts mapped onto it).
    pub cw_sim: CwSim,
    pub data_dir: tempfile::TempDir,
    pub shots_dir: PathBuf,
    pub(super) test: String,
    pub(super) shot_no: u32,
    pub(super) started: Instant,
    /// PSA_CONNECT_KEYCHAIN_NAMESPACE the app was started with.
    pub(super) keychain_namespace: String,
    /// How many times the app was started in this test (1 after launch; a restart adds one).
    pub(super) launches: u32,
    /// Command-line arguments the app is started with.
    pub(super) app_args: Vec<String>,
    /// The vendor pack the app is started with (PSA_CONNECT_PACK): the simulators' test pack unless a test
    /// starts the app without one (`restart_with_pack`).
    pub(super) pack: Option<PathBuf>,
}

/// The first start keeps the name it always had; later starts are numbered.
pub(super) fn driver_log_name(launch: u32) -> String {
    if launch <= 1 {
        "driver.log".to_string()
    } else {
        format!("driver-{launch}.log")
    }
}
