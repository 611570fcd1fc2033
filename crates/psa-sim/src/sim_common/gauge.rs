//! Requests in flight per key (an endpoint, a thread-limit bucket) and the most there have been at once,
//! which tests read to see how many calls a check runs in parallel.

use std::collections::HashMap;

#[derive(Default)]
pub(crate) struct Gauge {
    now: HashMap<String, usize>,
}

impl Gauge {
    /// `peaks` is the map in the simulator's public stats that keeps the most per key.
    pub fn enter(&mut self, key: &str, peaks: &mut HashMap<String, usize>) {
        let n = self.now.entry(key.to_string()).or_default();
        *n += 1;
        let peak = peaks.entry(key.to_string()).or_default();
        *peak = (*peak).max(*n);
    }

    pub fn leave(&mut self, key: &str) {
        if let Some(n) = self.now.get_mut(key) {
            *n = n.saturating_sub(1);
        }
    }
}
