//! The contract's conventions: ETags and If-Match on versioned resources, and RFC 9457
//! problem+json for bad requests.

use crate::client::{Call, Resp, Session};
use crate::{error_fields, expect_problem, Kit};
use serde_json::{json, Value};

/// A valid fraud report (`NewFraudReport`).
pub(crate) fn fraud_report() -> Value {
    json!({
        "occurred_at": "2026-02-14T02:30:00Z",
        "location": "Xã Tân Lập, huyện Đồng Phú",
        "channel": "phone",
        "description": "Đối tượng xưng là cán bộ BHXH huyện, yêu cầu đọc mã OTP.",
        "amount": 1_234_000,
        "people_affected": 2,
        "evidence_url": "https://example.vn/ghi-am/123",
        "office": "BHXH huyện Đồng Phú",
    })
}

/// A valid banner (`NewBanner`) on media item `media_id`, an image: shown this year, so it is
/// current whatever the day the kit runs.
pub(crate) fn banner(media_id: i64) -> Value {
    let (year, _, _) = crate::today();
    json!({
        "placement": "sidebar",
        "title": "Kiểm tra quyền banner",
        "media_id": media_id,
        "link": "https://baohiemxahoi.gov.vn",
        "starts_on": format!("{year:04}-01-01"),
        "ends_on": format!("{year:04}-12-31"),
    })
}

/// A valid media upload (`multipart/form-data` with a 1 × 1 PNG as `file`): its content type
/// and body.
pub(crate) fn media_upload() -> (String, Vec<u8>) {
    const PNG: [u8; 67] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F,
        0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00,
        0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49,
        0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    let boundary = "portal-conformance-media";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"kiem-tra.png\"\r\n\
         Content-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(&PNG);
    body.extend_from_slice(
        format!("\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\nẢnh kiểm tra\r\n--{boundary}--\r\n")
            .as_bytes(),
    );
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// `ETag` is the strong `"<version>"` of the body.
fn etag_is_version(res: &Resp, body: &Value) -> Result<(), String> {
    let version = body["version"]
        .as_i64()
        .ok_or_else(|| format!("the body has no version: {}", res.snippet()))?;
    let want = format!("\"{version}\"");
    match res.header("etag") {
        Some(e) if e == want => Ok(()),
        Some(e) => Err(format!("ETag {e}, want {want} (strong, the version)")),
        None => Err(format!("no ETag (want {want})")),
    }
}

/// A 412 carries the current representation (equal to a fresh GET) and its ETag.
fn stale(res: &Resp, current: &Value) -> Result<(), String> {
    let p = expect_problem(res, 412)?;
    if &p["current"] != current {
        return Err(format!(
            "Problem.current is not the current representation: {}",
            res.snippet()
        ));
    }
    etag_is_version(res, current)
}

/// One versioned resource: who writes it and where to read it back.
struct Versioned<'a> {
    group_name: &'a str,
    who: Session,
    get_path: String,
}

impl Versioned<'_> {
    async fn current(&self, kit: &Kit) -> Result<(Resp, Value), String> {
        let res = kit
            .send(Call::get(&self.get_path).session(Some(&self.who)))
            .await?;
        let v = res
            .json()
            .filter(|_| res.status == 200)
            .ok_or_else(|| format!("GET {} answered {}", self.get_path, res.describe()))?;
        Ok((res, v))
    }

    /// Records whether a GET of the resource answers its version as the ETag.
    async fn record_etag(&self, kit: &mut Kit) {
        let result = async {
            let (res, body) = self.current(kit).await?;
            etag_is_version(&res, &body)
        }
        .await;
        let name = format!("GET {} answers ETag \"<version>\"", self.group_name);
        kit.report.record("etag", name, result);
    }
}

/// Sends a create `call` and records `name`: a 201 whose ETag is the new version.
/// A failure's message starts with `failed_as`; the body comes back on a 201.
async fn created_with_etag(
    kit: &mut Kit,
    name: &str,
    call: Call,
    failed_as: String,
) -> Option<Value> {
    match kit.send(call).await {
        Ok(r) if r.status == 201 => {
            let body = r.json().unwrap_or_default();
            kit.report.record("etag", name, etag_is_version(&r, &body));
            Some(body)
        }
        Ok(r) => {
            let failure = format!("{failed_as}{}", r.describe());
            kit.report.record("etag", name, Err(failure));
            None
        }
        Err(e) => {
            kit.report.record("etag", name, Err(e));
            None
        }
    }
}

async fn write(
    kit: &Kit,
    who: &Session,
    method: &'static str,
    path: &str,
    if_match: Option<&str>,
    body: &Value,
) -> Result<Resp, String> {
    let mut call = Call::new(method, path).session(Some(who)).json(body);
    if let Some(tag) = if_match {
        call = call.header("If-Match", tag);
    }
    kit.send(call).await
}

/// The If-Match rules for one write: 428 without it or with `*`, 412 with the current
/// representation when stale (nothing changed), and success with `W/"<version>"` too.
async fn if_match_rules(
    kit: &mut Kit,
    v: &Versioned<'_>,
    method: &'static str,
    path: &str,
    body: &Value,
    weak_success: bool,
) {
    let label = format!("{method} {}", v.group_name);
    let result = async {
        let res = write(kit, &v.who, method, path, None, body).await?;
        expect_problem(&res, 428)?;
        let res = write(kit, &v.who, method, path, Some("*"), body).await?;
        expect_problem(&res, 428).map_err(|e| format!("If-Match *: {e}"))?;
        Ok(())
    }
    .await;
    kit.report.record(
        "etag",
        format!("{label} without If-Match (or with *) is 428 problem+json"),
        result,
    );

    let result = async {
        let (_, before) = v.current(kit).await?;
        let version = before["version"].as_i64().unwrap_or(0);
        let res = write(
            kit,
            &v.who,
            method,
            path,
            Some(&format!("\"{}\"", version + 7)),
            body,
        )
        .await?;
        stale(&res, &before)?;
        let (_, after) = v.current(kit).await?;
        if after != before {
            return Err("the stale write changed the resource".into());
        }
        Ok(())
    }
    .await;
    kit.report.record(
        "etag",
        format!("{label} with a stale If-Match is 412 with ETag and Problem.current = the current representation, nothing changed"),
        result,
    );

    if weak_success {
        let result = async {
            let (_, before) = v.current(kit).await?;
            let version = before["version"].as_i64().unwrap_or(0);
            let res = write(
                kit,
                &v.who,
                method,
                path,
                Some(&format!("W/\"{version}\"")),
                body,
            )
            .await?;
            let after = res
                .json()
                .filter(|_| res.status == 200)
                .ok_or_else(|| format!("want 200, got {}", res.describe()))?;
            if after["version"].as_i64() != Some(version + 1) {
                return Err(format!("version {} after {version}", after["version"]));
            }
            etag_is_version(&res, &after)
        }
        .await;
        kit.report.record(
            "etag",
            format!("{label} with the current If-Match (W/\"<version>\" accepted) is 200 with the next version's ETag"),
            result,
        );
    }
}

pub(crate) async fn etags(kit: &mut Kit) {
    // Articles: created by a user who may edit them.
    let Some((_, editor)) = kit.role_with("articles.edit") else {
        kit.report
            .record("etag", "a user with articles.edit", Err("none".into()));
        return;
    };
    let n = kit.next();
    let call = Call::new("POST", "/articles")
        .session(Some(&editor))
        .json(&json!({ "title": format!("ETag {} {n}", kit.nonce), "kind": "news" }));
    let name = "POST /articles answers 201 with ETag \"<version>\"";
    let Some(created) = created_with_etag(kit, name, call, String::new()).await else {
        return;
    };
    let id = created["id"].as_i64().unwrap_or(0);
    let article = Versioned {
        group_name: "/articles/{id}",
        who: editor.clone(),
        get_path: format!("/articles/{id}"),
    };
    article.record_etag(kit).await;
    let path = format!("/articles/{id}");
    if_match_rules(
        kit,
        &article,
        "PATCH",
        &path,
        &json!({ "lead": "Sapo sửa" }),
        true,
    )
    .await;
    let transitions = Versioned {
        group_name: "/articles/{id}/transitions",
        ..article
    };
    let path = format!("/articles/{id}/transitions");
    if_match_rules(
        kit,
        &transitions,
        "POST",
        &path,
        &json!({ "to": "editing" }),
        false,
    )
    .await;

    // Users: a throw-away user, managed by the main user, who confirms their password first.
    let main = kit.main.clone();
    let confirmed = kit.api.reauthenticate(&main).await;
    kit.report.record(
        "etag",
        "POST /session/reauthenticate with the session's password answers 204",
        confirmed,
    );
    let n = kit.next();
    let call = Call::new("POST", "/users")
        .session(Some(&main))
        .json(&json!({
            "username": format!("conf{}-e{n}", kit.nonce),
            "full_name": "Người dùng ETag",
            "roles": ["author"],
            "password": format!("Etag{n}abc9 kiểm tra"),
        }));
    let name = "POST /users answers 201 with ETag \"<version>\"";
    let failed_as = format!("as {}: ", main.username);
    let Some(user) = created_with_etag(kit, name, call, failed_as).await else {
        return;
    };
    let uid = user["id"].as_i64().unwrap_or(0);
    let versioned = Versioned {
        group_name: "/users/{id}",
        who: main,
        get_path: format!("/users/{uid}"),
    };
    versioned.record_etag(kit).await;
    let path = format!("/users/{uid}");
    if_match_rules(
        kit,
        &versioned,
        "PATCH",
        &path,
        &json!({ "full_name": "Người dùng ETag (sửa)" }),
        true,
    )
    .await;
}

pub(crate) async fn errors(kit: &mut Kit) {
    let Some((_, writer)) = kit.role_with("articles.create") else {
        kit.report
            .record("errors", "a user with articles.create", Err("none".into()));
        return;
    };
    let post = |body: Vec<u8>, ct: Option<&str>| {
        Call::new("POST", "/articles")
            .session(Some(&writer))
            .raw(ct, body)
    };
    let json_ct = Some("application/json");
    let cases: Vec<(&str, Call, u16, Option<&str>)> = vec![
        (
            "malformed JSON is 400",
            post(b"{\"title\": ".to_vec(), json_ct),
            400,
            None,
        ),
        (
            "a wrong type is 422 naming the field",
            post(br#"{"title": 5, "kind": "news"}"#.to_vec(), json_ct),
            422,
            Some("title"),
        ),
        (
            "an unknown field is 422 naming it",
            post(
                br#"{"title": "x", "kind": "news", "bogus": 1}"#.to_vec(),
                json_ct,
            ),
            422,
            Some("bogus"),
        ),
        (
            "a missing required field is 422 naming it",
            post(br#"{"title": "x"}"#.to_vec(), json_ct),
            422,
            Some("kind"),
        ),
        (
            "a body over 1 MiB is 413",
            post(
                format!(
                    r#"{{"title": "x", "kind": "news", "lead": "{}"}}"#,
                    "a".repeat(1024 * 1024 + 16)
                )
                .into_bytes(),
                json_ct,
            ),
            413,
            None,
        ),
        (
            "a body that is not application/json is 415",
            post(
                br#"{"title": "x", "kind": "news"}"#.to_vec(),
                Some("text/plain"),
            ),
            415,
            None,
        ),
        (
            "a write without X-Requested-With (CSRF guard) is 403",
            post(br#"{"title": "x", "kind": "news"}"#.to_vec(), json_ct).without_csrf_header(),
            403,
            None,
        ),
        ("no session is 401", Call::get("/articles"), 401, None),
        (
            "an unknown article is 404",
            Call::get("/articles/987654321").session(Some(&writer)),
            404,
            None,
        ),
        (
            "a non-integer id is 400",
            Call::get("/articles/abc").session(Some(&writer)),
            400,
            None,
        ),
    ];
    for (name, call, status, field) in cases {
        let what = format!("{} {}", call.method, call.path);
        let result = match kit.send(call).await {
            Err(e) => Err(e),
            Ok(res) => expect_problem(&res, status).and_then(|p| match field {
                Some(f) if !error_fields(&p).iter().any(|x| x == f) => {
                    Err(format!("errors do not name `{f}`: {}", res.snippet()))
                }
                _ => Ok(()),
            }),
        };
        kit.report
            .record("errors", format!("{what}: {name}, as problem+json"), result);
    }
}
