//! The state every handler and callback task shares: the configuration, the records, and the
//! signals for "something changed" and "shut down".

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::sync::watch;

use crate::credentials::Credentials;
use crate::record::{Activity, MessageRecord};
use crate::scenario::Scenario;

/// Called with each [`Activity`].
pub(crate) type Observer = Arc<dyn Fn(&Activity) + Send + Sync>;

/// The settings a sandbox runs with.
pub(crate) struct Config {
    pub(crate) credentials: Credentials,
    pub(crate) seed: u64,
    pub(crate) speed: f64,
    pub(crate) scenario: Scenario,
    pub(crate) default_callback: Option<String>,
    pub(crate) incoming_callback: Option<String>,
    pub(crate) allow_external_callbacks: bool,
    pub(crate) observer: Option<Observer>,
}

pub(crate) struct Shared {
    pub(crate) config: Config,
    /// Requests that arrived on the messages route.
    requests: AtomicU64,
    records: Mutex<Vec<MessageRecord>>,
    /// Bumped after every change to the records.
    changes: watch::Sender<u64>,
    /// `true` once the sandbox shuts down.
    pub(crate) shutdown: watch::Receiver<bool>,
    /// Posts callbacks.
    pub(crate) client: crate::delivery::Poster,
}

impl Shared {
    pub(crate) fn new(
        config: Config,
        shutdown: watch::Receiver<bool>,
        client: crate::delivery::Poster,
    ) -> Self {
        Self {
            config,
            requests: AtomicU64::new(0),
            records: Mutex::new(Vec::new()),
            changes: watch::Sender::new(0),
            shutdown,
            client,
        }
    }

    /// The number of the request that just arrived, from 1.
    pub(crate) fn next_request(&self) -> u64 {
        self.requests.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// A copy of the records.
    pub(crate) fn records(&self) -> Vec<MessageRecord> {
        self.lock().clone()
    }

    /// Appends records; returns the position of the first.
    pub(crate) fn append(&self, records: Vec<MessageRecord>) -> usize {
        let first = {
            let mut all = self.lock();
            let first = all.len();
            all.extend(records);
            first
        };
        self.changes.send_modify(|version| *version += 1);
        first
    }

    /// Reads one record.
    pub(crate) fn read<T>(&self, position: usize, read: impl FnOnce(&MessageRecord) -> T) -> Option<T> {
        self.lock().get(position).map(read)
    }

    /// Changes one record and tells the waiters.
    pub(crate) fn update(&self, position: usize, change: impl FnOnce(&mut MessageRecord)) {
        if let Some(record) = self.lock().get_mut(position) {
            change(record);
        }
        self.changes.send_modify(|version| *version += 1);
    }

    /// Waits until `done` holds for the records, or `timeout` passes; says which.
    pub(crate) async fn wait_for(
        &self,
        timeout: Duration,
        mut done: impl FnMut(&[MessageRecord]) -> bool,
    ) -> bool {
        let mut changes = self.changes.subscribe();
        let wait = async {
            loop {
                changes.borrow_and_update();
                if done(&self.lock()) {
                    return;
                }
                // The sender lives as long as `self`, so this only fails if it is dropped.
                if changes.changed().await.is_err() {
                    return std::future::pending().await;
                }
            }
        };
        tokio::time::timeout(timeout, wait).await.is_ok()
    }

    /// A base delay scaled by the speed.
    pub(crate) fn delay(&self, base: Duration) -> Duration {
        base.div_f64(self.config.speed)
    }

    /// Tells the observer, if there is one.
    pub(crate) fn observe(&self, activity: &Activity) {
        if let Some(observer) = &self.config.observer {
            observer(activity);
        }
    }

    /// Resolves once the sandbox shuts down.
    pub(crate) async fn stopped(&self) {
        crate::server::stopped(self.shutdown.clone()).await;
    }

    fn lock(&self) -> MutexGuard<'_, Vec<MessageRecord>> {
        self.records.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
