//! PSA simulators for tests and demos.
