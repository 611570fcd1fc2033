//! Injected failures (sim.md "Faults"). A fault sits on a target until cleared, except the counted ones
//! (`Throttle429`, `ThreadThreshold`) which remove themselves after `times` requests.

use std::time::Duration;

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

#[derive(Default)]
pub(crate) struct FaultTable {
    entries: Vec<(FaultTarget, Fault)>,
}

impl FaultTable {
    pub fn set(&mut self, target: FaultTarget, fault: Option<Fault>) {
        self.entries.retain(|(t, _)| *t != target);
        if let Some(f) = fault {
            self.entries.push((target, f));
        }
    }

    /// The fault for this request, if any; a `Path` fault wins over `Api`/`ZoneLookup`. Counted faults
    /// are consumed here.
    pub fn take(&mut self, path: &str, is_zone_lookup: bool) -> Option<Fault> {
        let lower = path.to_ascii_lowercase();
        let idx = self
            .entries
            .iter()
            .position(|(t, _)| matches!(t, FaultTarget::Path(p) if lower.contains(&p.to_ascii_lowercase())))
            .or_else(|| {
                self.entries.iter().position(|(t, _)| match t {
                    FaultTarget::Api => !is_zone_lookup,
                    FaultTarget::ZoneLookup => is_zone_lookup,
                    FaultTarget::Path(_) => false,
                })
            })?;
        let fault = self.entries[idx].1.clone();
        if let Fault::Throttle429 { times, .. } | Fault::ThreadThreshold { times } =
            &mut self.entries[idx].1
        {
            if *times <= 1 {
                let was_zero = *times == 0;
                self.entries.remove(idx);
                if was_zero {
                    return None;
                }
            } else {
                *times -= 1;
            }
        }
        Some(fault)
    }
}
