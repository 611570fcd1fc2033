//! The number generator behind the fixture data. A fixed LCG (no rand crate) keeps every run and every
//! process identical, so tests compute expected counts from the same data.

/// Knuth's MMIX constants; the upper bits are good enough for spreading fixture values.
pub(crate) struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed)
    }

    fn next(&mut self) -> u32 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) as u32
    }

    pub fn below(&mut self, n: u32) -> u32 {
        self.next() % n
    }

    pub fn percent(&mut self, p: u32) -> bool {
        self.below(100) < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u32) as usize]
    }
}
