//! The table of injected faults, for any PSA's fault and target types. A fault sits on its target until
//! cleared, except a counted one, which removes itself after its requests.

/// A fault target; one naming part of a path wins over the others.
pub(crate) trait Target: PartialEq {
    /// The text of a target that matches requests whose path contains it (case-insensitive).
    fn path(&self) -> Option<&str>;
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
        FaultTable {
            entries: Vec::new(),
        }
    }
}

impl<T: Target, F: Counted> FaultTable<T, F> {
    pub fn set(&mut self, target: T, fault: Option<F>) {
        self.entries.retain(|(t, _)| *t != target);
        if let Some(f) = fault {
            self.entries.push((target, f));
        }
    }

    /// The fault for a request on `path`, if any: a path target that matches, else the first target that
    /// `covers` the request. A counted fault is consumed here; one set with 0 requests answers nothing.
    pub fn take(&mut self, path: &str, covers: impl Fn(&T) -> bool) -> Option<F> {
        let lower = path.to_ascii_lowercase();
        let idx = self
            .entries
            .iter()
            .position(|(t, _)| {
                t.path()
                    .is_some_and(|p| lower.contains(&p.to_ascii_lowercase()))
            })
            .or_else(|| self.entries.iter().position(|(t, _)| covers(t)))?;
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
