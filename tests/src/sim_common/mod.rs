//! What the Autotask and ConnectWise simulators have in common, kept in one place so a fix to the plumbing
//! reaches both. What a PSA says (its error envelope, routes, fixtures) stays in its own simulator.

pub(crate) mod controls;
pub(crate) mod faults;
pub(crate) mod gauge;
pub(crate) mod lcg;
pub(crate) mod reply;
pub(crate) mod serve;
