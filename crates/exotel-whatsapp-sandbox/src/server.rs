//! Serving connections with hyper directly (rather than `axum::serve`), so that a handler can
//! drop its connection after reading the body, as a [`Fault::drop_after_body`](crate::Fault)
//! asks.

use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};
use tokio::task::JoinSet;
use tower_service::Service as _;

/// How long a shutdown waits for requests in progress.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);
/// The pause after a failed `accept` (such as too many open files), so the loop does not spin.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// A handle on the connection a request came in on; every request carries one.
#[derive(Clone)]
pub(crate) struct Connection(Arc<Notify>);

impl Connection {
    /// Closes the connection without answering; the handler's future is dropped with it.
    pub(crate) fn drop_now(&self) {
        // `notify_one` keeps the wake-up if the connection task is not waiting yet.
        self.0.notify_one();
    }
}

/// Accepts connections until `shutdown` turns `true`, then lets requests in progress finish
/// (for up to [`SHUTDOWN_GRACE`]).
pub(crate) async fn serve(listener: TcpListener, router: Router, shutdown: watch::Receiver<bool>) {
    let mut connections = JoinSet::new();
    let mut stop = pin!(stopped(shutdown.clone()));
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(connection(stream, router.clone(), shutdown.clone()));
                }
                Err(_) => tokio::time::sleep(ACCEPT_BACKOFF).await,
            },
            () = &mut stop => break,
        }
        // Forget the connections that ended.
        while connections.try_join_next().is_some() {}
    }
    drop(listener);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, connections.join_all()).await;
}

/// Serves one connection until it ends, its handler drops it, or the server shuts down.
async fn connection(stream: TcpStream, router: Router, shutdown: watch::Receiver<bool>) {
    let handle = Connection(Arc::new(Notify::new()));
    let service = hyper::service::service_fn({
        let handle = handle.clone();
        move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(handle.clone());
            router.clone().call(request)
        }
    });
    let mut served = pin!(http1::Builder::new().serve_connection(TokioIo::new(stream), service));
    let mut stop = pin!(stopped(shutdown));
    let mut closing = false;
    loop {
        tokio::select! {
            // An error here is the client's (a reset, a malformed request): nothing to do.
            _ = served.as_mut() => return,
            () = handle.0.notified() => return,
            () = &mut stop, if !closing => {
                closing = true;
                served.as_mut().graceful_shutdown();
            }
        }
    }
}

/// Resolves once `shutdown` turns `true`, or its sender is gone.
pub(crate) async fn stopped(mut shutdown: watch::Receiver<bool>) {
    // An error means the sandbox is gone: stop as well.
    let _ = shutdown.wait_for(|stopped| *stopped).await;
}
