//! A connection test's state machine (one wave of probes, each with its HTTP request) is tens of kB. The engine
//! boxes it, so what callers hold while they wait is a pointer: the app's command dispatcher builds every
//! command's future on the main thread's stack, and an inline check made it reserve 0.4 MB there (issue 16,
//! start-up memory). The futures are only built, never run.

use std::mem::size_of_val;

use psa_core::autotask::{self, AutotaskEndpoints, CheckOptions};
use psa_core::connectwise::{self, CwCheckOptions, CwEndpoints};
use psa_core::model::{AutotaskCredentials, CheckItem, ConnectwiseCredentials};
use psa_core::profiles::recheck::{self, RecheckOptions, SavedCredentials};
use psa_core::Secret;

/// Far above a boxed future's size (references, options, a pointer), far below an inline check's.
const SMALL: usize = 2048;

fn ignore(_: &CheckItem) {}

fn autotask_creds() -> AutotaskCredentials {
    AutotaskCredentials {
        username: "api@example.com".into(),
        integration_code: "CODE".into(),
        secret: Secret::new("s"),
    }
}

fn connectwise_creds() -> ConnectwiseCredentials {
    ConnectwiseCredentials {
        company_id: "acme".into(),
        public_key: "pub".into(),
        private_key: Secret::new("s"),
        client_id: "00000000-0000-0000-0000-000000000000".into(),
    }
}

#[test]
fn an_autotask_check_is_boxed() {
    let (creds, opts) = (autotask_creds(), CheckOptions::new(AutotaskEndpoints::from_env()));
    let size = size_of_val(&autotask::run_check(&creds, &opts, &ignore));
    assert!(size <= SMALL, "autotask::run_check's future is {size} bytes");
}

#[test]
fn a_connectwise_check_is_boxed() {
    let (creds, opts) = (connectwise_creds(), CwCheckOptions::new(CwEndpoints::from_env(), "na"));
    let size = size_of_val(&connectwise::run_check(&creds, &opts, &ignore));
    assert!(size <= SMALL, "connectwise::run_check's future is {size} bytes");
}

#[test]
fn a_saved_connections_test_holds_either_check_boxed() {
    let opts = RecheckOptions::from_env();
    for creds in [SavedCredentials::Autotask(autotask_creds()), SavedCredentials::Connectwise(connectwise_creds())] {
        let connection = creds.connection();
        let size = size_of_val(&recheck::test(&connection, &creds, None, &opts, &ignore));
        assert!(size <= SMALL, "recheck::test's future is {size} bytes");
    }
}
