//! What the app remembers between commands while it runs: the PSA credentials entered in the wizard (only
//! in memory; the secret stays a `psa_core::Secret`), where the PSA lives (the Autotask zone or ConnectWise
//! site), the last connection test, and the cancellation tokens of running operations.
//!
//! The window never tells a check or preview where to connect: it asks for a detection, pastes an address to
//! be parsed, or opens a saved connection or a hand-off, and the location those give is kept here.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};

use psa_core::autotask::AutotaskEndpoints;
use psa_core::connectwise::CwEndpoints;
use psa_core::model::{AutotaskCredentials, AutotaskZone, CheckReport, ConnectwiseCredentials, ConnectwiseSite};
use tokio_util::sync::CancellationToken;

/// How many cancel requests for operations not (yet) running are remembered. A cancel can overtake the
/// command it cancels, since each command runs as its own task; a handful is plenty for one window.
const EARLY_CANCELS_KEPT: usize = 32;

use psa_core::connection::Connection;
/// The credentials of one PSA, as the wizard entered them or a profile and the keychain provided them.
pub use psa_core::connection::Credentials;

/// Where the PSA of this session lives: what the test, preview and save connect to.
#[derive(Debug, Clone, PartialEq)]
pub enum Location {
    Autotask(AutotaskZone),
    Connectwise(ConnectwiseSite),
}

impl Location {
    /// The location a saved connection (or a hand-off's draft of one) names, if any.
    pub fn of(connection: &Connection) -> Option<Location> {
        match connection {
            Connection::Autotask(a) => a.zone.clone().map(Location::Autotask),
            Connection::Connectwise(c) => c.site.clone().map(Location::Connectwise),
        }
    }
}

pub struct Session {
    endpoints: AutotaskEndpoints,
    cw_endpoints: CwEndpoints,
    credentials: Mutex<Option<Credentials>>,
    location: Mutex<Option<Location>>,
    last_check: Mutex<Option<SessionCheck>>,
    operations: Mutex<Operations>,
}

/// The last connection test of this session, with the login and integration identifier it ran with (see
/// [`Credentials::login`]), so a save can tell whether it still describes the credentials held now.
#[derive(Debug, Clone)]
pub struct SessionCheck {
    pub username: String,
    pub integration_code: String,
    pub report: CheckReport,
}

#[derive(Default)]
struct Operations {
    running: HashMap<String, (u64, CancellationToken)>,
    early_cancels: VecDeque<String>,
    next_generation: u64,
}

impl Session {
    pub fn new(endpoints: AutotaskEndpoints) -> Self {
        Session {
            endpoints,
            cw_endpoints: CwEndpoints::from_env(),
            credentials: Mutex::new(None),
            location: Mutex::new(None),
            last_check: Mutex::new(None),
            operations: Mutex::new(Operations::default()),
        }
    }

    /// Where ConnectWise cloud sites are reached (tests and demos point this at a simulator).
    pub fn with_connectwise(mut self, endpoints: CwEndpoints) -> Self {
        self.cw_endpoints = endpoints;
        self
    }

    pub fn endpoints(&self) -> &AutotaskEndpoints {
        &self.endpoints
    }

    pub fn cw_endpoints(&self) -> &CwEndpoints {
        &self.cw_endpoints
    }

    /// New credentials make the last test meaningless, so it is forgotten with the old ones. The location
    /// stays: the wizard asks for the secret before or after finding the zone, depending on how it started.
    pub fn set_credentials(&self, creds: Credentials) {
        *lock(&self.credentials) = Some(creds);
        *lock(&self.last_check) = None;
    }

    /// A detection, a pasted address, an opened profile or hand-off decided where the PSA lives.
    pub fn set_location(&self, location: Option<Location>) {
        *lock(&self.location) = location;
    }

    /// Records a test; where it ended (the zone or site it found, or the new one after a move) becomes the
    /// location, so a later test, preview and save follow a move Autotask or ConnectWise reported.
    pub fn record_check(&self, check: SessionCheck) {
        let ended = match (&check.report.zone, &check.report.site) {
            (Some(zone), _) => Some(Location::Autotask(zone.clone())),
            (None, Some(site)) => Some(Location::Connectwise(site.clone())),
            (None, None) => None,
        };
        if ended.is_some() {
            self.set_location(ended);
        }
        *lock(&self.last_check) = Some(check);
    }

    pub fn last_check(&self) -> Option<SessionCheck> {
        lock(&self.last_check).clone()
    }

    /// The Autotask zone of this session: detected, pasted, from an opened profile or hand-off, or where the
    /// last check ended (it follows a move). `None` when the location is unknown or a ConnectWise site.
    pub fn zone(&self) -> Option<AutotaskZone> {
        match &*lock(&self.location) {
            Some(Location::Autotask(zone)) => Some(zone.clone()),
            _ => None,
        }
    }

    /// Puts this session's zone or site into `connection` (none known: none there), so what is saved or
    /// shown is where the session connects, never a location the page sent.
    pub fn place(&self, connection: &mut Connection) {
        match connection {
            Connection::Autotask(a) => a.zone = self.zone(),
            Connection::Connectwise(c) => c.site = self.site(),
        }
    }

    /// The ConnectWise site (codebase and API address) of this session; see [`Self::zone`].
    pub fn site(&self) -> Option<ConnectwiseSite> {
        match &*lock(&self.location) {
            Some(Location::Connectwise(site)) => Some(site.clone()),
            _ => None,
        }
    }

    /// A copy for one operation, so the lock is not held across network calls.
    pub fn credentials(&self) -> Option<Credentials> {
        lock(&self.credentials).clone()
    }

    pub fn autotask_credentials(&self) -> Option<AutotaskCredentials> {
        match self.credentials() {
            Some(Credentials::Autotask(c)) => Some(c),
            _ => None,
        }
    }

    pub fn connectwise_credentials(&self) -> Option<ConnectwiseCredentials> {
        match self.credentials() {
            Some(Credentials::Connectwise(c)) => Some(c),
            _ => None,
        }
    }

    pub fn clear_credentials(&self) {
        *lock(&self.credentials) = None;
        *lock(&self.location) = None;
        *lock(&self.last_check) = None;
    }

    /// Registers an operation; the returned guard unregisters it when the command finishes.
    pub fn begin(&self, op_id: &str) -> OperationGuard<'_> {
        let token = CancellationToken::new();
        let mut ops = lock(&self.operations);
        if let Some(pos) = ops.early_cancels.iter().position(|id| id == op_id) {
            ops.early_cancels.remove(pos);
            token.cancel();
        }
        ops.next_generation += 1;
        let generation = ops.next_generation;
        // A reused id replaces the older operation, which is cancelled so it cannot outlive its handle.
        if let Some((_, old)) = ops.running.insert(op_id.to_string(), (generation, token.clone())) {
            old.cancel();
        }
        OperationGuard { session: self, op_id: op_id.to_string(), generation, token }
    }

    /// Cancels a running operation, or remembers the id in case the operation has not started yet.
    pub fn cancel(&self, op_id: &str) {
        let mut ops = lock(&self.operations);
        match ops.running.get(op_id) {
            Some((_, token)) => token.cancel(),
            None => {
                if ops.early_cancels.len() == EARLY_CANCELS_KEPT {
                    ops.early_cancels.pop_front();
                }
                ops.early_cancels.push_back(op_id.to_string());
            }
        }
    }

    pub fn running_operations(&self) -> usize {
        lock(&self.operations).running.len()
    }
}

pub struct OperationGuard<'a> {
    session: &'a Session,
    op_id: String,
    generation: u64,
    token: CancellationToken,
}

impl OperationGuard<'_> {
    pub fn token(&self) -> &CancellationToken {
        &self.token
    }
}

impl Drop for OperationGuard<'_> {
    fn drop(&mut self) {
        let mut ops = lock(&self.session.operations);
        // Only remove our own entry: a newer operation may have reused the id.
        if ops.running.get(&self.op_id).is_some_and(|(g, _)| *g == self.generation) {
            ops.running.remove(&self.op_id);
        }
    }
}

/// A poisoned lock only means another command panicked mid-update; the data is still usable.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use psa_core::Secret;

    #[test]
    fn cancel_reaches_a_running_operation_and_the_guard_unregisters_it() {
        let s = Session::new(AutotaskEndpoints::production());
        {
            let op = s.begin("a");
            assert!(!op.token().is_cancelled());
            s.cancel("a");
            assert!(op.token().is_cancelled());
            assert_eq!(s.running_operations(), 1);
        }
        assert_eq!(s.running_operations(), 0);
    }

    #[test]
    fn a_cancel_that_overtakes_its_operation_still_applies() {
        let s = Session::new(AutotaskEndpoints::production());
        s.cancel("early");
        assert!(s.begin("early").token().is_cancelled());
        // Remembered once only.
        assert!(!s.begin("early").token().is_cancelled());
    }

    fn zone(input: &str) -> AutotaskZone {
        psa_core::autotask::parse_zone_override(input).unwrap()
    }

    fn check_ending_in(zone: &AutotaskZone) -> SessionCheck {
        let report = serde_json::from_value(serde_json::json!({
            "psa": "autotask", "zone": zone, "items": [], "ok": true, "requests": 0, "elapsedMs": 0
        }))
        .unwrap();
        SessionCheck { username: "u@example.com".into(), integration_code: "X".into(), report }
    }

    #[test]
    fn the_location_outlives_new_credentials_follows_a_check_and_goes_with_a_clear() {
        let s = Session::new(AutotaskEndpoints::production());
        let (detected, moved) = (zone("https://ww14.autotask.net/"), zone("https://ww16.autotask.net/"));
        s.set_location(Some(Location::Autotask(detected.clone())));
        assert_eq!(s.site(), None, "an Autotask zone is no ConnectWise site");
        // The wizard may take the secret after the zone was found: the zone stays.
        s.set_credentials(Credentials::Autotask(AutotaskCredentials {
            username: "u@example.com".into(),
            integration_code: "X".into(),
            secret: Secret::new("s"),
        }));
        assert_eq!(s.zone(), Some(detected));
        // A check that ended in another zone (the tenant moved) moves the session there.
        s.record_check(check_ending_in(&moved));
        assert_eq!(s.zone(), Some(moved));
        s.clear_credentials();
        assert_eq!(s.zone(), None);
        assert!(s.last_check().is_none());
    }

    #[test]
    fn a_profile_names_the_location_of_its_own_psa_only() {
        let z = zone("https://ww14.autotask.net/");
        let at = Connection::autotask("u@example.com", "X", Some(z.clone()));
        assert_eq!(Location::of(&at), Some(Location::Autotask(z)));
        assert_eq!(Location::of(&Connection::autotask("u@example.com", "X", None)), None);
        assert_eq!(Location::of(&Connection::connectwise("contoso", "pub", "cid", None)), None);
    }

    #[test]
    fn a_reused_id_cancels_the_older_operation_and_keeps_the_newer_registered() {
        let s = Session::new(AutotaskEndpoints::production());
        let first = s.begin("x");
        let second = s.begin("x");
        assert!(first.token().is_cancelled());
        drop(first);
        assert_eq!(s.running_operations(), 1);
        s.cancel("x");
        assert!(second.token().is_cancelled());
    }
}
