//! PSA Connect's engine. Everything the wizard and the `psa-connect` command line do against a PSA lives
//! here, so that it can be tested over real HTTP without a window, a WebKit or a display.

pub mod autotask;
pub mod error;
pub mod model;
pub mod secret;

pub use error::{ApiError, ErrorCode, PsaError};
pub use secret::Secret;
