//! Reading documents written before [`Connection`](super::Connection) existed (store, export and hand-off
//! format 1). They kept the connection flat beside the profile's other fields and reused Autotask's names for
//! ConnectWise: `username` held the public key, `integrationCode` the clientId, and the company ID lived only
//! inside a detected `site`. [`upgrade`] rewrites one such object in place into today's nested form, so each
//! reader needs one line to accept both.

use serde_json::{Map, Value};

/// Rewrites a format-1 profile object (a stored profile, an exported one, or a hand-off) into format 2.
/// An object that already has `connection` is left alone. Returns a short reason when the object is not a
/// format-1 profile either (no known `psa`), for the caller's error details.
pub fn upgrade(obj: &mut Map<String, Value>) -> Result<(), String> {
    if obj.contains_key("connection") {
        return Ok(());
    }
    let mut take = |k: &str| obj.remove(k);
    let psa = take("psa");
    let username = take("username").unwrap_or(Value::String(String::new()));
    let code = take("integrationCode").unwrap_or(Value::String(String::new()));
    let zone = take("zone").filter(|v| !v.is_null());
    let site = take("site").filter(|v| !v.is_null());
    let mut conn = Map::new();
    match psa.as_ref().and_then(Value::as_str) {
        Some("autotask") => {
            if site.is_some() {
                return Err("an Autotask profile that also names a ConnectWise site".into());
            }
            conn.insert("psa".into(), "autotask".into());
            conn.insert("username".into(), username);
            conn.insert("integrationCode".into(), code);
            if let Some(z) = zone {
                conn.insert("zone".into(), z);
            }
        }
        Some("connectwise") => {
            if zone.is_some() {
                return Err("a ConnectWise profile that also names an Autotask zone".into());
            }
            let company =
                site.as_ref().and_then(|s| s.get("companyId")).cloned().unwrap_or(Value::String(String::new()));
            conn.insert("psa".into(), "connectwise".into());
            conn.insert("companyId".into(), company);
            conn.insert("publicKey".into(), username);
            conn.insert("clientId".into(), code);
            if let Some(s) = site {
                conn.insert("site".into(), s);
            }
        }
        Some(other) => return Err(format!("unknown psa \"{other}\"")),
        None => return Err("no psa".into()),
    }
    obj.insert("connection".into(), Value::Object(conn));
    Ok(())
}

/// [`upgrade`] for every profile of a document's `profiles` list (a store file or an export); the reason
/// names the profile by its place in the list.
pub fn upgrade_list(doc: &mut Value) -> Result<(), String> {
    let list = doc.get_mut("profiles").and_then(Value::as_array_mut).ok_or("no \"profiles\" list")?;
    for (i, p) in list.iter_mut().enumerate() {
        let obj = p.as_object_mut().ok_or_else(|| format!("profiles[{i}] is not an object"))?;
        upgrade(obj).map_err(|e| format!("profiles[{i}]: {e}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn up(v: Value) -> Result<Value, String> {
        let mut m = v.as_object().unwrap().clone();
        upgrade(&mut m).map(|_| Value::Object(m))
    }

    #[test]
    fn a_connectwise_profile_gets_its_own_names_and_the_company_from_its_site() {
        let out = up(json!({"name": "A", "psa": "connectwise", "username": "pub", "integrationCode": "cid",
                            "site": {"companyId": "contoso", "apiUrl": "https://x"}, "notes": "n"}))
        .unwrap();
        assert_eq!(
            out,
            json!({"name": "A", "notes": "n", "connection": {"psa": "connectwise", "companyId": "contoso",
                   "publicKey": "pub", "clientId": "cid", "site": {"companyId": "contoso", "apiUrl": "https://x"}}})
        );
    }

    #[test]
    fn an_autotask_profile_keeps_its_names_and_zone() {
        let out = up(json!({"psa": "autotask", "username": "u", "integrationCode": "C", "zone": {"zoneName": "AE02"}}))
            .unwrap();
        assert_eq!(
            out,
            json!({"connection": {"psa": "autotask", "username": "u", "integrationCode": "C", "zone": {"zoneName": "AE02"}}})
        );
    }

    #[test]
    fn mixed_or_unknown_psas_are_refused_with_a_reason() {
        assert!(up(json!({"psa": "autotask", "username": "u", "site": {}})).unwrap_err().contains("site"));
        assert!(up(json!({"psa": "connectwise", "zone": {}})).unwrap_err().contains("zone"));
        assert!(up(json!({"psa": "halo"})).unwrap_err().contains("halo"));
        assert!(up(json!({"name": "x"})).unwrap_err().contains("no psa"));
    }

    #[test]
    fn a_format_2_object_is_left_alone() {
        let v = json!({"connection": {"psa": "autotask"}, "psa": "ignored"});
        assert_eq!(up(v.clone()).unwrap(), v);
    }
}
