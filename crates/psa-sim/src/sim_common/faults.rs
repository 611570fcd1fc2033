//! The table of injected faults, for any PSA's fault and target types. A fault sits on its target until
//! cleared, except a counted one, which removes itself after its requests.

/// What a fault target reaches, as its simulator tells the table for each request.
pub(crate) enum Scope<'a> {
    /// Requests whose path contains this text (case-insensitive); such a target wins over the others.
    Path(&'a str),
    /// Whether the target covers this request's kind (API call, zone lookup, companyinfo, …).
    Kind(bool),
}

pub(crate) trait Counted: Clone {
    /// Requests left for a fault that removes itself after some; `None` for one that stays.
    fn remaining(&mut self) -> Option<&mut usize>;
}

pub(crate) struct FaultTable<T, F> {
    entries: Vec<(T, F)>,
}

// Derived, it would ask T and F for Default too.
impl<T, F> Default for FaultTable<T, F> {
    fn default() -> Self {
        FaultTable { entries: Vec::new() }
    }
}

impl<T: PartialEq, F: Counted> FaultTable<T, F> {
    pub fn set(&mut self, target: T, fault: Option<F>) {
        self.entries.retain(|(t, _)| *t != target);
        if let Some(f) = fault {
            self.entries.push((target, f));
        }
    }

    /// The fault for a request on `path`, if any. A counted fault is consumed here; one set with 0 requests
    /// answers nothing.
    pub fn take(&mut self, path: &str, scope: impl Fn(&T) -> Scope<'_>) -> Option<F> {
        let lower = path.to_ascii_lowercase();
        let on_path = |t: &T| matches!(scope(t), Scope::Path(p) if lower.contains(&p.to_ascii_lowercase()));
        let idx = self
            .entries
            .iter()
            .position(|(t, _)| on_path(t))
            .or_else(|| self.entries.iter().position(|(t, _)| matches!(scope(t), Scope::Kind(true))))?;
        let fault = self.entries[idx].1.clone();
        if let Some(times) = self.entries[idx].1.remaining() {
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
