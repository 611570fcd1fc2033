//! Injected failures. A fault sits on its target until cleared, except
//! `Throttle429`, which removes itself after `times` requests.

use crate::sim_common::faults::Counted;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CwFault {
    /// This status and body, verbatim (content type application/json).
    Status { status: u16, body: String },
    /// The next `times` requests get 429 with `Retry-After: retry_after_secs` and ConnectWise's body.
    Throttle429 { times: usize, retry_after_secs: u64 },
    /// 200 with a JSON body cut off mid-object.
    MalformedJson,
    /// Never answers (until the simulator shuts down).
    Hang,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CwFaultTarget {
    /// Every request under `…/apis/3.0/` (any host).
    Api,
    /// `…/login/companyinfo/…` on any host.
    CompanyInfo,
    /// Requests whose path contains this text (case-insensitive), e.g. "company/contacts/count".
    Path(String),
}

impl Counted for CwFault {
    fn remaining(&mut self) -> Option<&mut usize> {
        match self {
            CwFault::Throttle429 { times, .. } => Some(times),
            _ => None,
        }
    }
}
