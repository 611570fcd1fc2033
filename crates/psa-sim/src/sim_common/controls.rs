//! What a simulator's handle and its routes share besides the PSA's own state: the latency and faults a
//! test injects, what the simulator saw, and the shutdown signal that ends hanging answers.

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::watch;

use super::faults::{Counted, FaultTable, Scope};

/// `T`/`F`: the PSA's fault targets and faults; `L`: its in-flight counts and request record.
pub(crate) struct Controls<T, F, L> {
    latency: Mutex<Duration>,
    faults: Mutex<FaultTable<T, F>>,
    live: Mutex<L>,
    shutdown: watch::Receiver<bool>,
}

impl<T: PartialEq, F: Counted, L: Default> Controls<T, F, L> {
    pub fn new(latency: Duration, shutdown: watch::Receiver<bool>) -> Self {
        Controls { latency: Mutex::new(latency), faults: Mutex::default(), live: Mutex::default(), shutdown }
    }

    pub fn set_latency(&self, latency: Duration) {
        *self.latency.lock().unwrap() = latency;
    }

    /// Waits out the injected latency.
    pub async fn delay(&self) {
        let latency = *self.latency.lock().unwrap();
        if !latency.is_zero() {
            tokio::time::sleep(latency).await;
        }
    }

    pub fn set_fault(&self, target: T, fault: Option<F>) {
        self.faults.lock().unwrap().set(target, fault);
    }

    pub fn clear_faults(&self) {
        *self.faults.lock().unwrap() = FaultTable::default();
    }

    /// See [`FaultTable::take`].
    pub fn take_fault(&self, path: &str, scope: impl Fn(&T) -> Scope<'_>) -> Option<F> {
        self.faults.lock().unwrap().take(path, scope)
    }

    pub fn live(&self) -> MutexGuard<'_, L> {
        self.live.lock().unwrap()
    }

    /// Resolves when the simulator shuts down.
    pub async fn until_shutdown(&self) {
        let mut rx = self.shutdown.clone();
        let _ = rx.wait_for(|v| *v).await;
    }
}
