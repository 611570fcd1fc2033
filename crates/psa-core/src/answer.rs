//! Reading a PSA's error answer. Autotask and ConnectWise both wrap their texts in JSON (`{"errors":[…]}`,
//! `{"code":…,"message":…}`), proxies answer with HTML, and support staff need a short, bounded summary.

/// The error texts of a body: `{"errors":["…"]}`, `{"errors":[{"message":"…"}]}`, `{"message":"…"}`,
/// `{"error":"…"}`, an HTML title, or the raw text (shortened).
pub fn error_texts(body: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(body);
    if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
        let mut out = Vec::new();
        if let Some(errs) = v.get("errors").and_then(|e| e.as_array()) {
            for e in errs {
                match e {
                    serde_json::Value::String(s) => out.push(s.clone()),
                    other => {
                        if let Some(m) = other.get("message").and_then(|m| m.as_str()) {
                            out.push(m.to_string());
                        }
                    }
                }
            }
        }
        for key in ["message", "Message", "error"] {
            if let Some(m) = v.get(key).and_then(|m| m.as_str()) {
                out.push(m.to_string());
            }
        }
        if !out.is_empty() {
            return out;
        }
    }
    let lower = text.to_ascii_lowercase();
    if let (Some(a), Some(b)) = (lower.find("<title>"), lower.find("</title>")) {
        if b > a + 7 {
            return vec![text[a + 7..b].trim().to_string()];
        }
    }
    let trimmed: String = text.trim().chars().take(300).collect();
    if trimmed.is_empty() {
        Vec::new()
    } else {
        vec![trimmed]
    }
}

/// `HTTP 403: text | text`, bounded, for `PsaError::details`.
pub fn details(status: u16, texts: &[String]) -> String {
    if texts.is_empty() {
        format!("HTTP {status}")
    } else {
        let joined: String = texts.join(" | ").chars().take(400).collect();
        format!("HTTP {status}: {joined}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_of_each_shape() {
        assert_eq!(error_texts(br#"{"errors":["a",{"message":"b"}]}"#), ["a", "b"]);
        assert_eq!(
            error_texts(br#"{"code":"Security","message":"SSL is required.","errors":null}"#),
            ["SSL is required."]
        );
        assert_eq!(error_texts(br#"{"error":"ConnectWiseAPI","message":"Too many"}"#), ["Too many", "ConnectWiseAPI"]);
        assert_eq!(error_texts(b"<html><title> Bad </title></html>"), ["Bad"]);
        assert!(error_texts(b"  ").is_empty());
        assert_eq!(details(401, &[]), "HTTP 401");
        assert_eq!(details(403, &["x".into(), "y".into()]), "HTTP 403: x | y");
    }
}
