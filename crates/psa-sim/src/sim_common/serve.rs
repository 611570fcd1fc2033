//! Serving a simulator in the background, the same way for every PSA: axum on a listener bound to
//! 127.0.0.1, stopped by a shutdown signal that routes can watch too (a hanging or trickling response ends
//! with the server), with a bounded graceful stop and an abort when the simulator is dropped.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// A bound port before anything serves on it: a simulator's state needs the address and the shutdown
/// signal, and the router needs that state.
pub(crate) struct Listening {
    listener: TcpListener,
    addr: SocketAddr,
    shutdown_tx: watch::Sender<bool>,
}

impl Listening {
    /// Binds 127.0.0.1:`port` (0 = any free port).
    pub async fn bind(port: u16) -> std::io::Result<Listening> {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        let addr = listener.local_addr()?;
        let (shutdown_tx, _) = watch::channel(false);
        Ok(Listening { listener, addr, shutdown_tx })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The signal a simulator's routes wait on.
    pub fn shutdown_signal(&self) -> watch::Receiver<bool> {
        self.shutdown_tx.subscribe()
    }

    /// Serves `app` until the signal is sent. `name` goes into the log line of a failed serve.
    pub fn serve(self, app: axum::Router, name: &'static str) -> ServerTask {
        let Listening { listener, shutdown_tx, .. } = self;
        let mut rx = shutdown_tx.subscribe();
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
                let _ = rx.wait_for(|v| *v).await;
            });
            if let Err(e) = serve.await {
                tracing::warn!("{name} simulator stopped: {e}");
            }
        });
        ServerTask { shutdown_tx, task: Some(task) }
    }
}

pub(crate) struct ServerTask {
    shutdown_tx: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl ServerTask {
    /// Stops serving, waiting up to 3 s for open connections before aborting them.
    pub async fn stop(&mut self) {
        let _ = self.shutdown_tx.send(true);
        if let Some(task) = self.task.take() {
            let abort = task.abort_handle();
            if tokio::time::timeout(Duration::from_secs(3), task).await.is_err() {
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
