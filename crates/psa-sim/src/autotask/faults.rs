//! Injected failures. A fault sits on a target until cleared, except the counted ones
//! (`Throttle429`, `ThreadThreshold`) which remove themselves after `times` requests.

use std::time::Duration;

use crate::sim_common::faults::Counted;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// 200 with a JSON body cut off mid-object.
    MalformedJson,
    /// 200 with a syntactically valid JSON body of about `bytes` bytes.
    HugeBody { bytes: usize },
    /// The normal answer, headers at once, body trickled out over `total`.
    SlowBody { total: Duration },
    /// Never answers (until the simulator shuts down).
    Hang,
    /// 302 to this absolute URL.
    RedirectTo(String),
    /// This status and body, verbatim (content type application/json).
    Status { status: u16, body: String },
    /// The next `times` requests get 429 with `Retry-After: retry_after_secs`.
    Throttle429 { times: usize, retry_after_secs: u64 },
    /// The next `times` requests get the non-429 thread-threshold error.
    ThreadThreshold { times: usize },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FaultTarget {
    /// Every request under `/zone{N}/ATServicesRest/`.
    Api,
    /// `…/ZoneInformation` (and VersionInformation) at the ATServicesRest root.
    ZoneLookup,
    /// Requests whose path contains this text (case-insensitive), e.g. "Contacts/query".
    Path(String),
}

impl Counted for Fault {
    fn remaining(&mut self) -> Option<&mut usize> {
        match self {
            Fault::Throttle429 { times, .. } | Fault::ThreadThreshold { times } => Some(times),
            _ => None,
        }
    }
}
