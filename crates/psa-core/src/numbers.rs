//! How numbers read in every report, message and the command line. A leaf module: the data types in `model`
//! and the report lines in `report` both write numbers.

/// 12345 → "12,345": budgets and record counts are read at a glance when grouped. The comma is fixed (not
/// the partner's locale) so reports read the same on every machine that sends them to support.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let groups: Vec<&str> =
        digits.as_bytes().rchunks(3).rev().map(|g| std::str::from_utf8(g).expect("ASCII digits")).collect();
    groups.join(",")
}
