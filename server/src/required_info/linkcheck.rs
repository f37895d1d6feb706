//! The link checker: visits the links to local departments' portals and records whether each
//! still answers.
//!
//! Safe by construction: only `http`/`https`; addresses that resolve into loopback, private or
//! link-local networks are refused (unless the config allows them, for tests); every check has
//! one overall timeout; at most [`MAX_REDIRECTS`] redirects, each checked again; `HEAD` first,
//! `GET` only when `HEAD` is refused, reading at most [`MAX_BODY`] bytes; at most
//! [`CONCURRENCY`] requests at once in the whole server.

use crate::state::AppState;
use crate::store::{NewAudit, StoreError};
use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::{Method, Request, StatusCode};
use hyper_tls::HttpsConnector;
use hyper_util::client::legacy::connect::dns::Name;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use portal_contract::required_info::{LinkCheck, LinksContent};
use portal_contract::User;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Redirects followed before giving up.
pub const MAX_REDIRECTS: usize = 5;
/// Bytes of a `GET` answer read at most (the rest is dropped with the connection).
pub const MAX_BODY: usize = 64 * 1024;
/// Requests under way at once, in the whole server.
pub const CONCURRENCY: usize = 4;

static SLOTS: Semaphore = Semaphore::const_new(CONCURRENCY);

/// Whether `ip` is on the public internet: in none of the special-purpose blocks that the
/// `iprfc` crate keeps from the IANA registries and their RFCs (loopback, private, shared,
/// link-local, documentation, benchmarking, reserved 240/4, multicast; IPv6 site-local
/// `fec0::/10`, unique-local, IPv4-compatible `::/96` and -mapped `::ffff:0:0/96`, NAT64
/// `64:ff9b::/96`, 6to4 `2002::/16`, Teredo …). An address that embeds an IPv4 address is
/// refused whole, so `[::7f00:1]` can never reach the loopback.
pub fn is_public_ip(ip: IpAddr) -> bool {
    !iprfc::RFCs::iter()
        .filter(|rfc| !ASSIGNMENTS.contains(&rfc.id()))
        .any(|rfc| rfc.contains(&ip))
}

/// RFCs of the crate's list that assign ordinary global space rather than reserve special
/// space: RFC 2928 gave the registries `2001::/16`, where most of the IPv6 internet lives.
const ASSIGNMENTS: [u32; 1] = [2928];

/// Name resolution that drops non-public addresses (unless allowed), so a link cannot reach
/// the server's own network even through a name that points there.
#[derive(Clone)]
struct GuardedResolver {
    allow_private: bool,
}

impl tower::Service<Name> for GuardedResolver {
    type Response = std::vec::IntoIter<SocketAddr>;
    type Error = std::io::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, name: Name) -> Self::Future {
        let allow = self.allow_private;
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = tokio::net::lookup_host((name.as_str(), 0))
                .await?
                .filter(|a| allow || is_public_ip(a.ip()))
                .collect();
            if addrs.is_empty() {
                Err(std::io::Error::other(PRIVATE))
            } else {
                Ok(addrs.into_iter())
            }
        })
    }
}

const PRIVATE: &str = "non-public address";

type HttpClient = Client<HttpsConnector<HttpConnector<GuardedResolver>>, Empty<Bytes>>;

/// How one check runs.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// For the whole check, redirects included.
    pub timeout: Duration,
    /// Let links reach loopback and private networks (tests against a local server only).
    pub allow_private: bool,
}

/// The outcome of one check, before it is dated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub alive: bool,
    pub status_code: Option<u16>,
    pub error: Option<String>,
}

impl Outcome {
    fn dead(status_code: Option<u16>, error: impl Into<String>) -> Self {
        Self {
            alive: false,
            status_code,
            error: Some(error.into()),
        }
    }
}

fn client(opts: CheckOptions) -> HttpClient {
    let mut http = HttpConnector::new_with_resolver(GuardedResolver {
        allow_private: opts.allow_private,
    });
    http.enforce_http(false);
    http.set_connect_timeout(Some(opts.timeout));
    let https = HttpsConnector::new_with_connector(http);
    Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(0)
        .build(https)
}

/// Whether the URL may be visited: http(s), and not a non-public IP literal.
fn allowed(url: &url::Url, opts: CheckOptions) -> Result<(), String> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err("Chỉ kiểm tra được địa chỉ http:// hoặc https://.".into());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("Địa chỉ có kèm tên đăng nhập, không được kiểm tra.".into());
    }
    let ip = match url.host() {
        None => return Err("Địa chỉ thiếu tên miền.".into()),
        Some(url::Host::Ipv4(v4)) => Some(IpAddr::V4(v4)),
        Some(url::Host::Ipv6(v6)) => Some(IpAddr::V6(v6)),
        Some(url::Host::Domain(_)) => None,
    };
    if ip.is_some_and(|ip| !opts.allow_private && !is_public_ip(ip)) {
        return Err(PRIVATE_VI.into());
    }
    Ok(())
}

const PRIVATE_VI: &str = "Địa chỉ thuộc mạng nội bộ, không được kiểm tra.";

fn describe(e: &hyper_util::client::legacy::Error) -> String {
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = source {
        if s.to_string().contains(PRIVATE) {
            return PRIVATE_VI.into();
        }
        source = s.source();
    }
    if e.is_connect() {
        "Không kết nối được tới máy chủ (tên miền không tồn tại hoặc máy chủ không trả lời).".into()
    } else {
        "Máy chủ ngắt kết nối hoặc trả lời sai giao thức HTTP.".into()
    }
}

async fn request(
    client: &HttpClient,
    method: Method,
    url: &url::Url,
) -> Result<hyper::Response<hyper::body::Incoming>, String> {
    let req = Request::builder()
        .method(method)
        .uri(url.as_str())
        .header(hyper::header::USER_AGENT, "portal-admin-link-checker/1.0")
        .header(hyper::header::ACCEPT, "text/html,*/*;q=0.5")
        .body(Empty::<Bytes>::new())
        .map_err(|_| "Địa chỉ không hợp lệ.".to_string())?;
    client.request(req).await.map_err(|e| describe(&e))
}

async fn follow(client: &HttpClient, raw: &str, opts: CheckOptions) -> Outcome {
    let mut url = match url::Url::parse(raw.trim()) {
        Ok(u) => u,
        Err(_) => return Outcome::dead(None, "Địa chỉ không hợp lệ."),
    };
    for _ in 0..=MAX_REDIRECTS {
        if let Err(e) = allowed(&url, opts) {
            return Outcome::dead(None, e);
        }
        let mut res = match request(client, Method::HEAD, &url).await {
            Ok(r) => r,
            Err(e) => return Outcome::dead(None, e),
        };
        // Some servers refuse HEAD or answer it wrongly: ask again the ordinary way.
        if res.status().is_client_error() || res.status().is_server_error() {
            res = match request(client, Method::GET, &url).await {
                Ok(r) => r,
                Err(e) => return Outcome::dead(None, e),
            };
            let body = res.body_mut();
            let mut read = 0usize;
            while read < MAX_BODY {
                match body.frame().await {
                    Some(Ok(f)) => read += f.data_ref().map_or(0, |d| d.len()),
                    _ => break,
                }
            }
        }
        let status = res.status();
        let code = Some(status.as_u16());
        if status.is_success() {
            return Outcome {
                alive: true,
                status_code: code,
                error: None,
            };
        }
        if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
            let Some(next) = res
                .headers()
                .get(hyper::header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|l| url.join(l).ok())
            else {
                return Outcome::dead(code, "Chuyển hướng không kèm địa chỉ mới hợp lệ.");
            };
            url = next;
            continue;
        }
        return Outcome::dead(code, format!("Máy chủ trả về mã lỗi {}.", status.as_u16()));
    }
    Outcome::dead(None, format!("Chuyển hướng quá {MAX_REDIRECTS} lần."))
}

/// Checks one URL within `opts.timeout`, waiting for a free slot first.
pub async fn check_url(url: &str, opts: CheckOptions) -> Outcome {
    check_with(&new_client(opts).await, url, opts).await
}

/// A client for one pass (building one reads the system's certificates: not on the async
/// threads, and not once per link).
async fn new_client(opts: CheckOptions) -> HttpClient {
    match tokio::task::spawn_blocking(move || client(opts)).await {
        Ok(c) => c,
        Err(_) => client(opts),
    }
}

async fn check_with(client: &HttpClient, url: &str, opts: CheckOptions) -> Outcome {
    let _slot = SLOTS.acquire().await;
    match tokio::time::timeout(opts.timeout, follow(client, url, opts)).await {
        Ok(o) => o,
        Err(_) => Outcome::dead(
            None,
            format!(
                "Quá thời gian chờ ({} giây).",
                opts.timeout.as_secs().max(1)
            ),
        ),
    }
}

/// Checks every distinct link of the links page and records what it found; with `actor`
/// (a "Kiểm tra ngay"), appends an audit line. Returns the checks made.
pub async fn check_links(
    state: &AppState,
    actor: Option<&User>,
) -> Result<Vec<LinkCheck>, StoreError> {
    let page = state
        .store
        .required_info()
        .page(portal_contract::required_info::InfoSection::Links)
        .await?;
    let content: LinksContent = match page {
        Some(p) => serde_json::from_str(&p.content)
            .map_err(|_| StoreError::Internal("unreadable links page".into()))?,
        None => LinksContent::default(),
    };
    let mut urls: Vec<String> = content.links.into_iter().map(|l| l.url).collect();
    urls.sort();
    urls.dedup();
    let opts = CheckOptions {
        timeout: state.config.link_check_timeout,
        allow_private: state.config.link_check_allow_private,
    };
    // One pass may not take longer than a few checks, however many links wait for a slot.
    let deadline = tokio::time::Instant::now() + opts.timeout * 3;
    let client = new_client(opts).await;
    let mut tasks = tokio::task::JoinSet::new();
    for (i, url) in urls.iter().cloned().enumerate() {
        let client = client.clone();
        tasks.spawn(async move {
            let outcome = tokio::time::timeout_at(deadline, check_with(&client, &url, opts))
                .await
                .unwrap_or_else(|_| {
                    Outcome::dead(
                        None,
                        "Chưa kiểm tra xong trong lượt này (quá thời gian chờ).",
                    )
                });
            (i, outcome)
        });
    }
    let mut outcomes: Vec<Option<Outcome>> = vec![None; urls.len()];
    while let Some(done) = tasks.join_next().await {
        if let Ok((i, o)) = done {
            outcomes[i] = Some(o);
        }
    }
    let now = state.clock.now();
    let checks: Vec<LinkCheck> = urls
        .into_iter()
        .zip(outcomes)
        .map(|(url, o)| {
            let o = o.unwrap_or_else(|| Outcome::dead(None, "Lỗi nội bộ khi kiểm tra."));
            LinkCheck {
                url,
                alive: o.alive,
                status_code: o.status_code,
                checked_at: now,
                error: o.error,
            }
        })
        .collect();
    let audit = actor.map(|u| {
        let dead = checks.iter().filter(|c| !c.alive).count();
        NewAudit::success(
            now,
            u,
            "info.links.check",
            Some("info:links".into()),
            Some(format!("checked: {}, dead: {dead}", checks.len())),
        )
    });
    state
        .store
        .required_info()
        .record_link_checks(&checks, audit)
        .await?;
    Ok(checks)
}

/// Runs [`check_links`] every `every` (from `main`), each pass as its own task.
pub async fn check_links_periodically(state: AppState, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let pass = state.clone();
        match tokio::spawn(async move { check_links(&pass, None).await }).await {
            Ok(Ok(c)) => {
                let dead = c.iter().filter(|c| !c.alive).count();
                tracing::info!(links = c.len(), dead, "links checked");
            }
            Ok(Err(e)) => tracing::warn!(error = %e, "link check failed"),
            Err(e) if e.is_panic() => tracing::error!("link check panicked"),
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_are_public() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            // The forms the previous hand-written list let through (issue #18).
            "::7f00:1",
            "64:ff9b::7f00:1",
            "2002:7f00:1::1",
            "fec0::1",
            "198.18.0.1",
            "192.0.0.1",
            "240.0.0.1",
            "255.255.255.255",
            "224.0.0.1",
            "ff02::1",
        ] {
            assert!(!is_public_ip(ip.parse().unwrap()), "{ip}");
        }
        // Vietnamese networks included (VNPT's 14.160.0.0/11, Viettel's 27.64.0.0/12).
        for ip in [
            "1.1.1.1",
            "203.113.131.1",
            "14.160.1.1",
            "27.72.1.1",
            "2001:4860:4860::8888",
            "2001:ee0:4f1c:9e0::17",
            "2405:4800::1",
            "2606:4700::1111",
            "2404:6800:4005::200e",
        ] {
            assert!(is_public_ip(ip.parse().unwrap()), "{ip}");
        }
    }

    #[tokio::test]
    async fn private_and_non_http_addresses_are_refused_without_a_request() {
        let opts = CheckOptions {
            timeout: Duration::from_secs(2),
            allow_private: false,
        };
        let o = check_url("http://127.0.0.1:9/", opts).await;
        assert_eq!(o, Outcome::dead(None, PRIVATE_VI));
        let o = check_url("http://localhost:9/", opts).await;
        assert_eq!(o, Outcome::dead(None, PRIVATE_VI));
        let o = check_url("ftp://example.com/", opts).await;
        assert!(!o.alive);
        assert!(o.error.unwrap().contains("http"));
    }
}
