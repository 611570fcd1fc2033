//! Which ConnectWise clientId a request carries. A clientId names the integration, not the partner: it is
//! registered by whoever wrote the integration at developer.connectwise.com/ClientID. PSA Connect has none of
//! its own and never makes one up. It comes from, in order: the credentials (a template of a vendor pack, a
//! hand-off, or a Custom partner's own), else the one a build embedded with `PSA_CONNECT_CW_CLIENT_ID`.
//! With none, nothing is sent.

use crate::error::{ErrorCode, PsaError};
use crate::model::ConnectwiseCredentials;

pub use crate::ids::{build_client_id, is_guid, BUILD_CLIENT_ID_ENV};

/// The clientId to send with these credentials: theirs, else the build's. `None`: there is none at all.
pub fn effective(creds: &ConnectwiseCredentials) -> Option<String> {
    match creds.client_id.trim() {
        "" => build_client_id().map(str::to_string),
        id => Some(id.to_string()),
    }
}

/// The clientId to send, or the reason nothing may be sent: missing, or not shaped like a clientId.
pub fn resolve(creds: &ConnectwiseCredentials) -> Result<String, PsaError> {
    let Some(id) = effective(creds) else {
        return Err(missing());
    };
    if !is_guid(&id) {
        return Err(PsaError::new(
            ErrorCode::CwClientIdMissing,
            "The clientId does not look like one ConnectWise issues (a GUID: 8-4-4-4-12 hexadecimal digits).",
            "Copy the clientId again from where it was registered (developer.connectwise.com/ClientID for your \
             own integration), or ask the integration's vendor for their PSA Connect pack or setup link.",
        ));
    }
    Ok(id)
}

/// No clientId anywhere: said before anything is sent to ConnectWise.
pub fn missing() -> PsaError {
    PsaError::new(
        ErrorCode::CwClientIdMissing,
        "PSA Connect has no ConnectWise clientId for this integration, so it sent nothing to ConnectWise. Every \
         ConnectWise API call must carry the clientId its integration registered.",
        "For a vendor's integration, ask the vendor for their PSA Connect pack or a setup link (hand-off): it \
         carries their clientId. For your own integration (Custom), register one at \
         developer.connectwise.com/ClientID and enter it on the Private key step.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Secret;

    fn creds(client_id: &str) -> ConnectwiseCredentials {
        ConnectwiseCredentials {
            company_id: "contoso".into(),
            public_key: "pub".into(),
            private_key: Secret::new("priv"),
            client_id: client_id.into(),
        }
    }

    #[test]
    fn guids_only() {
        assert!(is_guid("0e7d3c1a-9b64-4f2e-8a15-63c2b9d7e480"));
        assert!(is_guid("0E7D3C1A-9B64-4F2E-8A15-63C2B9D7E480"));
        for bad in
            ["", "my-integration", "0e7d3c1a9b644f2e8a1563c2b9d7e48000000", "0e7d3c1a-9b64-4f2e-8a15-63c2b9d7e48g"]
        {
            assert!(!is_guid(bad), "{bad}");
        }
    }

    #[test]
    fn the_credentials_clientid_is_sent_as_given() {
        let id = "0e7d3c1a-9b64-4f2e-8a15-63c2b9d7e480";
        assert_eq!(resolve(&creds(&format!(" {id} "))).unwrap(), id);
    }

    #[test]
    fn without_any_clientid_nothing_is_invented() {
        // This test build embeds none (CI never sets PSA_CONNECT_CW_CLIENT_ID).
        assert_eq!(build_client_id(), None);
        let e = resolve(&creds("  ")).unwrap_err();
        assert_eq!(e.code, ErrorCode::CwClientIdMissing);
        assert!(e.fix.contains("developer.connectwise.com/ClientID") && e.fix.contains("pack"), "{}", e.fix);
        let e = resolve(&creds("my-integration")).unwrap_err();
        assert_eq!(e.code, ErrorCode::CwClientIdMissing);
    }
}
