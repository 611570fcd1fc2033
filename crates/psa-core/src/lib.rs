//! PSA Connect's engine. Everything the wizard and the `psa-connect` command line do against a PSA lives
//! here, so that it can be tested over real HTTP without a window, a WebKit or a display.

pub mod answer;
pub mod autotask;
pub mod connection;
pub mod connectwise;
pub mod error;
pub mod filters;
pub mod folders;
pub mod http;
pub mod ids;
pub mod keychain;
pub mod model;
pub mod need;
pub mod numbers;
pub mod portal;
pub mod profiles;
pub mod report;
pub mod secret;
pub mod support;
pub mod templates;

pub use connection::{Connection, Credentials};
pub use error::{ApiError, ErrorCode, PsaError};
pub use secret::Secret;
