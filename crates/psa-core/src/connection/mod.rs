//! Where and as whom PSA Connect signs in: one shape per PSA, used by saved profiles, exports, hand-offs and
//! diagnostic reports. Each PSA names its own parts in its own words (a ConnectWise public key is not a
//! "username"), so nothing downstream has to remember which field means what for which PSA. It never holds a
//! secret: [`Connection::with_secret`] pairs it with one for a single test.

pub mod v1;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{AutotaskCredentials, AutotaskZone, ConnectwiseCredentials, ConnectwiseSite, Psa};
use crate::secret::Secret;

/// `{"psa": "autotask", ...}` or `{"psa": "connectwise", ...}` on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "psa", rename_all = "snake_case")]
pub enum Connection {
    Autotask(AutotaskConnection),
    Connectwise(ConnectwiseConnection),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AutotaskConnection {
    /// The API user's username (an e-mail-like login).
    pub username: String,
    /// The API tracking identifier sent as `ApiIntegrationCode`: the vendor's, or the partner's own for Custom.
    pub integration_code: String,
    /// Unknown until detected or typed.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<AutotaskZone>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectwiseConnection {
    /// The company ID typed at the ConnectWise login screen.
    pub company_id: String,
    /// The API member's public key (not a secret; the private key is).
    pub public_key: String,
    /// The integration's registered clientId: the vendor's, or the partner's own for Custom.
    pub client_id: String,
    /// Unknown until looked up from the company ID or typed.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<ConnectwiseSite>,
}

/// A connection with its secret, for one test. Never serialised (no `Serialize`); `Debug` redacts the secret.
#[derive(Debug, Clone)]
pub enum Credentials {
    Autotask(AutotaskCredentials),
    Connectwise(ConnectwiseCredentials),
}

impl Credentials {
    pub fn psa(&self) -> Psa {
        match self {
            Credentials::Autotask(_) => Psa::Autotask,
            Credentials::Connectwise(_) => Psa::Connectwise,
        }
    }

    /// Who signs in: the Autotask username or the ConnectWise public key.
    pub fn login(&self) -> &str {
        match self {
            Credentials::Autotask(c) => &c.username,
            Credentials::Connectwise(c) => &c.public_key,
        }
    }

    /// The vendor's identifier: Autotask's tracking identifier or ConnectWise's clientId.
    pub fn integration(&self) -> &str {
        match self {
            Credentials::Autotask(c) => &c.integration_code,
            Credentials::Connectwise(c) => &c.client_id,
        }
    }

    /// The connection these credentials sign in to, without its zone or site (the credentials do not know it).
    pub fn connection(&self) -> Connection {
        match self {
            Credentials::Autotask(c) => Connection::autotask(c.username.clone(), c.integration_code.clone(), None),
            Credentials::Connectwise(c) => {
                Connection::connectwise(c.company_id.clone(), c.public_key.clone(), c.client_id.clone(), None)
            }
        }
    }

    /// True when these credentials are the ones `connection` describes (same PSA, login and identifier;
    /// ConnectWise also the same company), i.e. a secret entered for one may be saved with the other.
    pub fn describe(&self, connection: &Connection) -> bool {
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        let company = match (self, connection) {
            (Credentials::Connectwise(c), Connection::Connectwise(k)) => same(&c.company_id, &k.company_id),
            _ => true,
        };
        self.psa() == connection.psa()
            && same(self.login(), connection.login())
            && self.integration().trim() == connection.identifier().trim()
            && company
    }

    /// For callers that prove their output free of it; never printed.
    pub fn secret(&self) -> &Secret {
        match self {
            Credentials::Autotask(c) => &c.secret,
            Credentials::Connectwise(c) => &c.private_key,
        }
    }
}

impl Connection {
    pub fn autotask(
        username: impl Into<String>,
        integration_code: impl Into<String>,
        zone: Option<AutotaskZone>,
    ) -> Self {
        Connection::Autotask(AutotaskConnection {
            username: username.into(),
            integration_code: integration_code.into(),
            zone,
        })
    }

    pub fn connectwise(
        company_id: impl Into<String>,
        public_key: impl Into<String>,
        client_id: impl Into<String>,
        site: Option<ConnectwiseSite>,
    ) -> Self {
        Connection::Connectwise(ConnectwiseConnection {
            company_id: company_id.into(),
            public_key: public_key.into(),
            client_id: client_id.into(),
            site,
        })
    }

    pub fn psa(&self) -> Psa {
        match self {
            Connection::Autotask(_) => Psa::Autotask,
            Connection::Connectwise(_) => Psa::Connectwise,
        }
    }

    /// An empty connection for `psa`, for drafts that fill it in later.
    pub fn empty(psa: Psa) -> Connection {
        match psa {
            Psa::Autotask => Connection::Autotask(AutotaskConnection::default()),
            Psa::Connectwise => Connection::Connectwise(ConnectwiseConnection::default()),
        }
    }

    /// Who signs in: the Autotask username or the ConnectWise public key. Not a secret; support needs it.
    pub fn login(&self) -> &str {
        match self {
            Connection::Autotask(a) => &a.username,
            Connection::Connectwise(c) => &c.public_key,
        }
    }

    /// The login, to fill in or change (a hand-off without one, an edit).
    pub fn login_mut(&mut self) -> &mut String {
        match self {
            Connection::Autotask(a) => &mut a.username,
            Connection::Connectwise(c) => &mut c.public_key,
        }
    }

    pub fn identifier_mut(&mut self) -> &mut String {
        match self {
            Connection::Autotask(a) => &mut a.integration_code,
            Connection::Connectwise(c) => &mut c.client_id,
        }
    }

    /// Forgets the zone or site (it will be detected again).
    pub fn clear_location(&mut self) {
        match self {
            Connection::Autotask(a) => a.zone = None,
            Connection::Connectwise(c) => c.site = None,
        }
    }

    /// The vendor's identifier: Autotask integration code or ConnectWise clientId (may be empty).
    pub fn identifier(&self) -> &str {
        match self {
            Connection::Autotask(a) => &a.integration_code,
            Connection::Connectwise(c) => &c.client_id,
        }
    }

    /// The REST base the secret goes to, once the zone or site is known.
    pub fn api_url(&self) -> Option<&str> {
        match self {
            Connection::Autotask(a) => a.zone.as_ref().map(|z| z.api_url.as_str()),
            Connection::Connectwise(c) => c.site.as_ref().map(|s| s.api_url.as_str()),
        }
    }

    /// The web host partners log into, once known.
    pub fn web_url(&self) -> Option<&str> {
        match self {
            Connection::Autotask(a) => a.zone.as_ref().map(|z| z.web_url.as_str()),
            Connection::Connectwise(c) => c.site.as_ref().map(|s| s.web_url.as_str()),
        }
    }

    pub fn zone(&self) -> Option<&AutotaskZone> {
        match self {
            Connection::Autotask(a) => a.zone.as_ref(),
            Connection::Connectwise(_) => None,
        }
    }

    pub fn site(&self) -> Option<&ConnectwiseSite> {
        match self {
            Connection::Connectwise(c) => c.site.as_ref(),
            Connection::Autotask(_) => None,
        }
    }

    /// The same with every typed part trimmed (what people paste often carries spaces).
    pub fn trimmed(self) -> Connection {
        match self {
            Connection::Autotask(a) => Connection::Autotask(AutotaskConnection {
                username: a.username.trim().to_string(),
                integration_code: a.integration_code.trim().to_string(),
                zone: a.zone,
            }),
            Connection::Connectwise(c) => Connection::Connectwise(ConnectwiseConnection {
                company_id: c.company_id.trim().to_string(),
                public_key: c.public_key.trim().to_string(),
                client_id: c.client_id.trim().to_string(),
                site: c.site,
            }),
        }
    }

    /// Same Autotask database (`ci`) or same ConnectWise company and API host, and the same login: usually a
    /// duplicate made by mistake.
    pub fn same_tenant_and_login(&self, other: &Connection) -> bool {
        if !self.login().trim().eq_ignore_ascii_case(other.login().trim()) {
            return false;
        }
        match (self, other) {
            (Connection::Autotask(a), Connection::Autotask(b)) => {
                let ci = |c: &AutotaskConnection| c.zone.as_ref().and_then(|z| z.ci);
                matches!((ci(a), ci(b)), (Some(x), Some(y)) if x == y)
            }
            (Connection::Connectwise(a), Connection::Connectwise(b)) => {
                a.company_id.trim().eq_ignore_ascii_case(b.company_id.trim())
                    && match (&a.site, &b.site) {
                        (Some(x), Some(y)) => x.api_url.eq_ignore_ascii_case(&y.api_url),
                        _ => false,
                    }
            }
            _ => false,
        }
    }

    /// The credentials for one test.
    pub fn with_secret(&self, secret: Secret) -> Credentials {
        match self {
            Connection::Autotask(a) => Credentials::Autotask(AutotaskCredentials {
                username: a.username.clone(),
                integration_code: a.integration_code.clone(),
                secret,
            }),
            Connection::Connectwise(c) => Credentials::Connectwise(ConnectwiseCredentials {
                company_id: c.company_id.clone(),
                public_key: c.public_key.clone(),
                private_key: secret,
                client_id: c.client_id.clone(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_psa_names_its_own_parts_on_the_wire() {
        let at = Connection::Autotask(AutotaskConnection {
            username: "api@x.com".into(),
            integration_code: "ABC".into(),
            zone: None,
        });
        let cw = Connection::Connectwise(ConnectwiseConnection {
            company_id: "contoso".into(),
            public_key: "pub".into(),
            client_id: "c1".into(),
            site: None,
        });
        assert_eq!(
            serde_json::to_value(&at).unwrap(),
            serde_json::json!({"psa": "autotask", "username": "api@x.com", "integrationCode": "ABC"})
        );
        assert_eq!(
            serde_json::to_value(&cw).unwrap(),
            serde_json::json!({"psa": "connectwise", "companyId": "contoso", "publicKey": "pub", "clientId": "c1"})
        );
        assert_eq!(cw.login(), "pub");
        assert_eq!(cw.identifier(), "c1");
        assert_eq!(at.psa(), Psa::Autotask);
    }

    #[test]
    fn credentials_carry_the_company_id_even_before_the_site_is_known() {
        let cw = Connection::Connectwise(ConnectwiseConnection {
            company_id: "contoso".into(),
            public_key: "pub".into(),
            client_id: "c1".into(),
            site: None,
        });
        match cw.with_secret(Secret::new("priv".to_string())) {
            Credentials::Connectwise(c) => assert_eq!(c.company_id, "contoso"),
            other => panic!("{other:?}"),
        }
    }
}
