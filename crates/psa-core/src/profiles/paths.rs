//! Where profiles live: PSA Connect's data folder (see [`crate::folders`]).

pub use crate::folders::{default_data_dir, resolve_data_dir, APP_IDENTIFIER, DATA_DIR_ENV};
