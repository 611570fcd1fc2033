//! Injected failures (`notes/cw-sim.md` "Faults"). A fault sits on its target until cleared, except
//! `Throttle429`, which removes itself after `times` requests.

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

#[derive(Default)]
pub(crate) struct FaultTable {
    entries: Vec<(CwFaultTarget, CwFault)>,
}

impl FaultTable {
    pub fn set(&mut self, target: CwFaultTarget, fault: Option<CwFault>) {
        self.entries.retain(|(t, _)| *t != target);
        if let Some(f) = fault {
            self.entries.push((target, f));
        }
    }

    /// The fault for this request, if any; a `Path` fault wins over `Api`/`CompanyInfo`. A counted fault
    /// is consumed here.
    pub fn take(&mut self, path: &str, is_company_info: bool, is_api: bool) -> Option<CwFault> {
        let lower = path.to_ascii_lowercase();
        let idx = self
            .entries
            .iter()
            .position(|(t, _)| matches!(t, CwFaultTarget::Path(p) if lower.contains(&p.to_ascii_lowercase())))
            .or_else(|| {
                self.entries.iter().position(|(t, _)| match t {
                    CwFaultTarget::Api => is_api,
                    CwFaultTarget::CompanyInfo => is_company_info,
                    CwFaultTarget::Path(_) => false,
                })
            })?;
        let fault = self.entries[idx].1.clone();
        if let CwFault::Throttle429 { times, .. } = &mut self.entries[idx].1 {
            match *times {
                0 => {
                    self.entries.remove(idx);
                    return None;
                }
                1 => {
                    self.entries.remove(idx);
                }
                _ => *times -= 1,
            }
        }
        Some(fault)
    }
}
