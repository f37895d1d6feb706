//! A small HTTP client over hyper (http and https): one request, the whole answer.

use crate::contract::strings;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_tls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use std::time::Duration;

/// The header every mutation carries (the contract's CSRF guard).
pub const REQUESTED_WITH: (&str, &str) = ("X-Requested-With", "portal-conformance");

/// A request to the API, relative to its base (`/articles/3`).
#[derive(Debug, Clone)]
pub struct Call {
    pub method: &'static str,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<(Option<String>, Vec<u8>)>,
    cookie: Option<String>,
    csrf: bool,
}

impl Call {
    pub fn new(method: &'static str, path: impl Into<String>) -> Call {
        Call {
            method,
            path: path.into(),
            headers: Vec::new(),
            body: None,
            cookie: None,
            csrf: true,
        }
    }

    pub fn get(path: impl Into<String>) -> Call {
        Call::new("GET", path)
    }

    /// Sends the session's cookie (`None`: anonymous).
    pub fn session(mut self, session: Option<&Session>) -> Call {
        self.cookie = session.map(|s| s.cookie.clone());
        self
    }

    pub fn json(self, body: &Value) -> Call {
        self.raw(Some("application/json"), body.to_string().into_bytes())
    }

    pub fn raw(mut self, content_type: Option<&str>, body: Vec<u8>) -> Call {
        self.body = Some((content_type.map(str::to_string), body));
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Call {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// `If-Match: "<version>"`.
    pub fn if_match(self, version: i64) -> Call {
        self.header("If-Match", &format!("\"{version}\""))
    }

    /// Leaves out `X-Requested-With` (to see the CSRF guard refuse).
    pub fn without_csrf_header(mut self) -> Call {
        self.csrf = false;
        self
    }
}

/// A logged-in user: the cookie to send and who it is.
#[derive(Debug, Clone)]
pub struct Session {
    pub cookie: String,
    pub username: String,
    /// What the session was opened with: the contract asks for it again before roles are
    /// given (`POST /session/reauthenticate`).
    pub password: String,
    pub user_id: i64,
    /// Roles as `GET /session` reports them.
    pub roles: Vec<String>,
    /// Permissions as `GET /session` reports them.
    pub permissions: Vec<String>,
}

/// A whole answer.
#[derive(Debug, Clone)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    /// The first value of a header (names compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The body for a message, cut to a readable length.
    pub fn snippet(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        let text = text.trim();
        if text.chars().count() > 300 {
            format!("{}…", text.chars().take(300).collect::<String>())
        } else {
            text.to_string()
        }
    }

    /// `"status: body"` for messages.
    pub fn describe(&self) -> String {
        format!("{} {}", self.status, self.snippet())
    }
}

/// The API of one backend.
pub struct Api {
    /// `http://host:port/api/v1`, without a trailing slash.
    pub base: String,
    client: Client<HttpsConnector<HttpConnector>, Full<Bytes>>,
}

/// The API base from `--base-url`: an origin without a path (`http://host:8080`) gets the
/// contract's `/api/v1`; with a path it is taken as given, `http://host:8080/` meaning an API
/// at the root (as `prism mock` serves it). A trailing slash is dropped.
pub fn normalise_base(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    let rest = raw
        .strip_prefix("http://")
        .or_else(|| raw.strip_prefix("https://"))
        .ok_or_else(|| format!("the base URL must start with http:// or https://: {raw}"))?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err(format!("the base URL has no host: {raw}"));
    }
    if rest.contains('/') {
        Ok(raw.trim_end_matches('/').to_string())
    } else {
        Ok(format!("{raw}/api/v1"))
    }
}

impl Api {
    pub fn new(base: &str) -> Result<Api, String> {
        let base = normalise_base(base)?;
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(Some(Duration::from_secs(10)));
        let tls = hyper_tls::native_tls::TlsConnector::new().map_err(|e| e.to_string())?;
        let https = HttpsConnector::from((http, tls.into()));
        // No idle connections kept: a server may close one after an error answer (a 413 sent
        // before the body was read), and the next request must not be sent on it.
        let client = Client::builder(TokioExecutor::new())
            .pool_max_idle_per_host(0)
            .build(https);
        Ok(Api { base, client })
    }

    pub async fn send(&self, call: Call) -> Result<Resp, String> {
        let url = format!("{}{}", self.base, call.path);
        let mut req = hyper::Request::builder()
            .method(call.method)
            .uri(&url)
            .header("Accept", "application/json, application/problem+json");
        if call.csrf {
            req = req.header(REQUESTED_WITH.0, REQUESTED_WITH.1);
        }
        if let Some(cookie) = &call.cookie {
            req = req.header("Cookie", cookie);
        }
        for (k, v) in &call.headers {
            req = req.header(k, v);
        }
        let body = match call.body {
            Some((ct, bytes)) => {
                if let Some(ct) = ct {
                    req = req.header("Content-Type", ct);
                }
                Full::new(Bytes::from(bytes))
            }
            None => Full::new(Bytes::new()),
        };
        let req = req
            .body(body)
            .map_err(|e| format!("{} {url}: {e}", call.method))?;
        let what = format!("{} {url}", call.method);
        let res = tokio::time::timeout(Duration::from_secs(60), self.client.request(req))
            .await
            .map_err(|_| format!("{what}: no answer within 60 s"))?
            .map_err(|e| format!("{what}: {e}"))?;
        let status = res.status().as_u16();
        let headers = res
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let body = res
            .into_body()
            .collect()
            .await
            .map_err(|e| format!("{what}: reading the body: {e}"))?
            .to_bytes()
            .to_vec();
        Ok(Resp {
            status,
            headers,
            body,
        })
    }

    /// Logs in and reads the session back (`GET /session`).
    /// `POST /session/reauthenticate` with the session's own password: what the contract asks
    /// before roles are given or another user's password is set.
    pub async fn reauthenticate(&self, session: &Session) -> Result<(), String> {
        let call = Call::new("POST", "/session/reauthenticate")
            .session(Some(session))
            .json(&serde_json::json!({ "password": session.password }));
        let res = self.send(call).await?;
        if res.status == 204 {
            Ok(())
        } else {
            Err(format!(
                "POST /session/reauthenticate as {} answered {}",
                session.username,
                res.describe()
            ))
        }
    }

    pub async fn login(&self, username: &str, password: &str) -> Result<Session, String> {
        let res = self
            .send(Call::new("POST", "/session").json(&serde_json::json!({
                "username": username,
                "password": password,
            })))
            .await?;
        if res.status != 200 {
            return Err(format!(
                "POST /session as {username} answered {}",
                res.describe()
            ));
        }
        let cookie = res
            .headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
            .filter_map(|(_, v)| v.split(';').next())
            .map(str::trim)
            .filter(|pair| pair.contains('=') && !pair.ends_with('='))
            .collect::<Vec<_>>()
            .join("; ");
        if cookie.is_empty() {
            return Err(format!("POST /session as {username} set no cookie"));
        }
        let mut session = Session {
            cookie,
            username: username.to_string(),
            password: password.to_string(),
            user_id: 0,
            roles: Vec::new(),
            permissions: Vec::new(),
        };
        let res = self
            .send(Call::get("/session").session(Some(&session)))
            .await?;
        let info = res
            .json()
            .filter(|_| res.status == 200)
            .ok_or_else(|| format!("GET /session as {username} answered {}", res.describe()))?;
        session.user_id = info["user"]["id"].as_i64().unwrap_or(0);
        session.roles = strings(&info["user"]["roles"]);
        session.permissions = strings(&info["permissions"]);
        Ok(session)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_origin_gets_the_contract_base_path() {
        for (given, want) in [
            ("http://127.0.0.1:8241", "http://127.0.0.1:8241/api/v1"),
            (
                "http://127.0.0.1:8241/api/v1/",
                "http://127.0.0.1:8241/api/v1",
            ),
            // An explicit root.
            ("http://127.0.0.1:4010/", "http://127.0.0.1:4010"),
            (
                "https://cms.example.vn/backend/v1/",
                "https://cms.example.vn/backend/v1",
            ),
        ] {
            assert_eq!(normalise_base(given).unwrap(), want, "{given}");
        }
        assert!(normalise_base("127.0.0.1:8241").is_err());
        assert!(normalise_base("http://").is_err());
    }
}
