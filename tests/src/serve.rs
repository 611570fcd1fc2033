//! Serving a simulator in the background, the same way for every PSA: axum on a bound listener, stopped by a
//! shutdown signal that routes can watch too (a hanging or trickling response ends with the server), with a
//! bounded graceful stop and an abort when the simulator is dropped.

use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

pub struct ServerTask {
    shutdown_tx: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

/// The signal a simulator's routes wait on; the sender goes to [`ServerTask::spawn`].
pub fn shutdown_signal() -> (watch::Sender<bool>, watch::Receiver<bool>) {
    watch::channel(false)
}

impl ServerTask {
    /// Serves `app` on `listener` until the signal is sent. `name` goes into the log line of a failed serve.
    pub fn spawn(
        listener: tokio::net::TcpListener,
        app: axum::Router,
        shutdown_tx: watch::Sender<bool>,
        name: &'static str,
    ) -> ServerTask {
        let mut rx = shutdown_tx.subscribe();
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
                let _ = rx.wait_for(|v| *v).await;
            });
            if let Err(e) = serve.await {
                tracing::warn!("{name} simulator stopped: {e}");
            }
        });
        ServerTask {
            shutdown_tx,
            task: Some(task),
        }
    }

    /// Stops serving, waiting up to 3 s for open connections before aborting them.
    pub async fn stop(&mut self) {
        let _ = self.shutdown_tx.send(true);
        if let Some(task) = self.task.take() {
            let abort = task.abort_handle();
            if tokio::time::timeout(Duration::from_secs(3), task)
                .await
                .is_err()
            {
                abort.abort();
            }
        }
    }
}

impl Drop for ServerTask {
    fn drop(&mut self) {
        let _ = self.shutdown_tx.send(true);
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
