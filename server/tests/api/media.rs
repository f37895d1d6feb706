//! The media library: uploads typed by their bytes, images cleaned of metadata (GPS) and made
//! upright with variants, limits, refusals that leave nothing behind, the public files
//! (types, caching, ranges), uses in articles, who may do what, and the sweep.

use crate::common::*;
use axum::body::Body;
use axum::http::{Method, Request};
use portal_contract::media::{MediaItem, MediaKind};
use portal_contract::{Page, Stage};
use portal_server::config::{Config, MediaSettings};
use portal_server::media::library::Media;
use portal_server::media::storage::{
    Listed, ListedTemp, LocalStorage, MediaStorage, StoredName, TempFile,
};
use serde_json::json;
use std::io;
use std::path::Path;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant, SystemTime};
use tokio::io::AsyncWrite;

const BOUNDARY: &str = "----portal-test-boundary-7MA4YWxkTrZu0gW";

/// One part of a multipart body.
pub struct Part<'a> {
    pub name: &'a str,
    pub filename: Option<&'a str>,
    pub bytes: &'a [u8],
}

pub fn file_part<'a>(filename: &'a str, bytes: &'a [u8]) -> Part<'a> {
    Part {
        name: "file",
        filename: Some(filename),
        bytes,
    }
}

pub fn text_part<'a>(name: &'a str, text: &'a str) -> Part<'a> {
    Part {
        name,
        filename: None,
        bytes: text.as_bytes(),
    }
}

/// A `multipart/form-data` body and its content type.
pub fn multipart(parts: &[Part<'_>]) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for p in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        let disposition = match p.filename {
            Some(f) => format!("form-data; name=\"{}\"; filename=\"{f}\"", p.name),
            None => format!("form-data; name=\"{}\"", p.name),
        };
        body.extend_from_slice(format!("Content-Disposition: {disposition}\r\n").as_bytes());
        if p.filename.is_some() {
            // What a browser says from the name: never believed.
            body.extend_from_slice(b"Content-Type: image/jpeg\r\n");
        }
        body.extend_from_slice(b"\r\n");
        body.extend_from_slice(p.bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

pub async fn upload_parts(app: &TestApp, cookie: &str, parts: &[Part<'_>]) -> Resp {
    let (ct, body) = multipart(parts);
    app.send(
        Call::new(Method::POST, "/api/v1/media")
            .cookie(Some(cookie))
            .raw(Some(&ct), body),
    )
    .await
}

pub async fn upload(app: &TestApp, cookie: &str, filename: &str, bytes: &[u8]) -> Resp {
    upload_parts(app, cookie, &[file_part(filename, bytes)]).await
}

pub fn item(res: &Resp) -> MediaItem {
    serde_json::from_slice(&res.body).expect("media item")
}

/// An uploaded item (201).
pub async fn uploaded(app: &TestApp, cookie: &str, filename: &str, bytes: &[u8]) -> MediaItem {
    let res = upload(app, cookie, filename, bytes).await;
    res.expect(201);
    item(&res)
}

/// A `w × h` picture with some detail (so JPEG variants are not trivially small).
pub fn picture(w: u32, h: u32, seed: u32) -> image::RgbImage {
    image::RgbImage::from_fn(w, h, |x, y| {
        let v = x.wrapping_mul(31) ^ y.wrapping_mul(17) ^ seed;
        image::Rgb([
            (x * 255 / w.max(1)) as u8,
            (y * 255 / h.max(1)) as u8,
            v as u8,
        ])
    })
}

pub fn encode(img: &image::RgbImage, format: image::ImageFormat) -> Vec<u8> {
    let mut out = io::Cursor::new(Vec::new());
    img.write_to(&mut out, format).expect("encode");
    out.into_inner()
}

pub fn jpeg(w: u32, h: u32, seed: u32) -> Vec<u8> {
    encode(&picture(w, h, seed), image::ImageFormat::Jpeg)
}

pub fn png(w: u32, h: u32, seed: u32) -> Vec<u8> {
    encode(&picture(w, h, seed), image::ImageFormat::Png)
}

/// An APP1 Exif segment (big-endian TIFF) with an orientation and a GPS latitude.
fn exif_segment(orientation: u16) -> Vec<u8> {
    let mut t = Vec::new();
    t.extend_from_slice(b"MM\x00\x2a\x00\x00\x00\x08");
    // IFD0: Orientation, GPSInfo pointer.
    t.extend_from_slice(&2u16.to_be_bytes());
    t.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1]);
    t.extend_from_slice(&orientation.to_be_bytes());
    t.extend_from_slice(&[0, 0]);
    t.extend_from_slice(&[0x88, 0x25, 0x00, 0x04, 0, 0, 0, 1]);
    t.extend_from_slice(&38u32.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    assert_eq!(t.len(), 38);
    // GPS IFD: latitude ref N, latitude 10° 45' 30".
    t.extend_from_slice(&2u16.to_be_bytes());
    t.extend_from_slice(&[0x00, 0x01, 0x00, 0x02, 0, 0, 0, 2, b'N', 0, 0, 0]);
    t.extend_from_slice(&[0x00, 0x02, 0x00, 0x05, 0, 0, 0, 3]);
    t.extend_from_slice(&68u32.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    assert_eq!(t.len(), 68);
    for (n, d) in [(10u32, 1u32), (45, 1), (30, 1)] {
        t.extend_from_slice(&n.to_be_bytes());
        t.extend_from_slice(&d.to_be_bytes());
    }
    let mut seg = vec![0xFF, 0xE1];
    seg.extend_from_slice(&((t.len() + 8) as u16).to_be_bytes());
    seg.extend_from_slice(b"Exif\0\0");
    seg.extend_from_slice(&t);
    seg
}

/// A JPEG with an Exif block (orientation, GPS) right after its start marker.
pub fn jpeg_with_gps(w: u32, h: u32, orientation: u16) -> Vec<u8> {
    let plain = jpeg(w, h, 3);
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&exif_segment(orientation));
    out.extend_from_slice(&plain[2..]);
    out
}

fn has_gps(bytes: &[u8]) -> bool {
    exif::Reader::new()
        .read_from_container(&mut io::Cursor::new(bytes))
        .map(|e| {
            e.fields()
                .any(|f| f.tag == exif::Tag::GPSLatitude || f.tag == exif::Tag::GPSLatitudeRef)
        })
        .unwrap_or(false)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The bytes served at `url` (anonymously), checking the answer is 200.
pub async fn served(app: &TestApp, url: &str) -> Resp {
    let res = app.get(url, None).await;
    res.expect(200);
    res
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG that only claims its size: a signature, an IHDR, a few bytes of data, the end.
fn png_header_only(w: u32, h: u32) -> Vec<u8> {
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        c.extend_from_slice(&body);
        c.extend_from_slice(&crc32(&body).to_be_bytes());
        c
    };
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend(chunk(b"IHDR", &ihdr));
    out.extend(chunk(b"IDAT", &[0x78, 0x9c, 0x03, 0x00]));
    out.extend(chunk(b"IEND", &[]));
    out
}

async fn media_rows(app: &TestApp) -> i64 {
    app.db.int("SELECT COUNT(*) FROM media_items", &[]).await
}

async fn stored_files(app: &TestApp) -> Vec<Listed> {
    app.state.media.storage.list().await.expect("list")
}

async fn temp_files(app: &TestApp) -> Vec<ListedTemp> {
    app.state.media.storage.list_temps().await.expect("temps")
}

/// Nothing was written: no row, no stored file, no temporary file.
async fn nothing_written(app: &TestApp, case: &str) {
    assert_eq!(media_rows(app).await, 0, "{case}: rows");
    assert!(stored_files(app).await.is_empty(), "{case}: files");
    assert!(temp_files(app).await.is_empty(), "{case}: temps");
}

fn settings(f: impl FnOnce(&mut MediaSettings)) -> Config {
    let mut media = MediaSettings::default();
    f(&mut media);
    Config {
        trust_proxy: true,
        media,
        ..Config::default()
    }
}

#[tokio::test]
async fn a_photo_loses_its_gps_and_stands_upright_in_every_served_file() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    // 2400 × 1200 as stored, orientation 6 (turn 90° clockwise to view): 1200 × 2400 upright.
    let photo = jpeg_with_gps(2400, 1200, 6);
    assert!(has_gps(&photo), "the test photo carries GPS");
    assert!(contains(&photo, b"Exif\0\0"));
    let res = upload_parts(
        &app,
        &cookie,
        &[
            file_part("IMG_0001.JPG", &photo),
            text_part("alt", "  Ảnh hội nghị  "),
            text_part("caption", "Hội nghị triển khai\nnăm 2026"),
        ],
    )
    .await;
    res.expect(201);
    let it = item(&res);
    assert_eq!(
        res.header("location").as_deref(),
        Some(format!("/api/v1/media/{}", it.id).as_str())
    );
    assert_eq!(res.etag().as_deref(), Some("\"1\""));
    assert_eq!(it.kind, MediaKind::Image);
    assert_eq!(it.content_type, "image/jpeg");
    assert_eq!((it.width, it.height), (Some(1200), Some(2400)));
    assert_eq!(it.alt, "Ảnh hội nghị");
    assert_eq!(it.caption, "Hội nghị triển khai\nnăm 2026");
    assert_eq!(it.filename, "IMG_0001.JPG");
    assert_eq!(it.uploaded_by, app.user("author").id);
    assert!(it.url.starts_with("/media-files/") && it.url.ends_with(".jpg"));
    // Every width under 1200 has a JPEG fallback (a photo's lossless WebP is larger, left out).
    let widths: Vec<u32> = it
        .variants
        .iter()
        .filter(|v| v.content_type == "image/jpeg")
        .map(|v| v.width)
        .collect();
    assert_eq!(widths, [320, 640]);
    let mut urls = vec![it.url.clone()];
    urls.extend(it.variants.iter().map(|v| v.url.clone()));
    for url in &urls {
        let res = served(&app, url).await;
        assert!(!contains(&res.body, b"Exif\0\0"), "{url} has an Exif block");
        assert!(!has_gps(&res.body), "{url} has GPS");
        let img = image::load_from_memory(&res.body).expect("served image decodes");
        assert!(img.height() > img.width(), "{url} is upright");
    }
    let original = served(&app, &it.url).await;
    assert_eq!(original.body.len() as u64, it.bytes);
}

#[tokio::test]
async fn a_two_by_one_image_with_orientation_six_comes_out_one_by_two() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let it = uploaded(&app, &cookie, "tiny.jpg", &jpeg_with_gps(2, 1, 6)).await;
    assert_eq!((it.width, it.height), (Some(1), Some(2)));
    assert!(it.variants.is_empty(), "no variant wider than the image");
    let img = image::load_from_memory(&served(&app, &it.url).await.body).unwrap();
    assert_eq!((img.width(), img.height()), (1, 2));
}

#[tokio::test]
async fn png_gif_and_webp_are_written_again_with_variants() {
    let app = TestApp::new().await;
    let cookie = app.login("editor").await;
    // A flat graphic: its lossless WebP is smaller than the PNG fallback, so both are offered.
    let graphic = image::RgbaImage::from_fn(1000, 500, |x, _| {
        if x < 500 {
            image::Rgba([0, 84, 166, 255])
        } else {
            image::Rgba([255, 255, 255, 0])
        }
    });
    let mut bytes = io::Cursor::new(Vec::new());
    graphic
        .write_to(&mut bytes, image::ImageFormat::Png)
        .unwrap();
    let it = uploaded(&app, &cookie, "infographic.png", bytes.get_ref()).await;
    assert_eq!(it.content_type, "image/png");
    let kinds: Vec<(u32, &str)> = it
        .variants
        .iter()
        .map(|v| (v.width, v.content_type.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (320, "image/png"),
            (320, "image/webp"),
            (640, "image/png"),
            (640, "image/webp")
        ]
    );
    for v in &it.variants {
        let res = served(&app, &v.url).await;
        assert_eq!(
            res.header("content-type").as_deref(),
            Some(v.content_type.as_str())
        );
        let img = image::load_from_memory(&res.body).unwrap();
        assert_eq!(img.width(), v.width);
        assert!(img.color().has_alpha(), "transparency kept");
    }

    let webp = encode(&picture(700, 300, 9), image::ImageFormat::WebP);
    let it = uploaded(&app, &cookie, "anh.webp", &webp).await;
    assert_eq!(
        (it.content_type.as_str(), it.width),
        ("image/webp", Some(700))
    );

    // An animated GIF with a comment: both frames kept, the comment gone.
    let mut gif = Vec::new();
    {
        let palette = [0u8, 0, 0, 255, 0, 0];
        let mut e = gif::Encoder::new(&mut gif, 400, 200, &palette).unwrap();
        e.set_repeat(gif::Repeat::Infinite).unwrap();
        e.write_extension(gif::ExtensionData::new_control_ext(
            10,
            gif::DisposalMethod::Any,
            false,
            None,
        ))
        .unwrap();
        e.write_raw_extension(
            gif::AnyExtension(0xFE),
            &[b"Chup tai Dong Xoai, GPS 11.53N"],
        )
        .unwrap();
        for i in 0..2u8 {
            let mut frame = gif::Frame::from_indexed_pixels(400, 200, vec![i; 400 * 200], None);
            frame.delay = 10;
            e.write_frame(&frame).unwrap();
        }
    }
    assert!(contains(&gif, b"GPS 11.53N"));
    let it = uploaded(&app, &cookie, "dong.gif", &gif).await;
    assert_eq!(it.content_type, "image/gif");
    let served_gif = served(&app, &it.url).await.body;
    assert!(
        !contains(&served_gif, b"GPS 11.53N"),
        "the comment is dropped"
    );
    let mut decoder = gif::DecodeOptions::new()
        .read_info(io::Cursor::new(&served_gif))
        .unwrap();
    let mut frames = 0;
    while decoder.read_next_frame().unwrap().is_some() {
        frames += 1;
    }
    assert_eq!(frames, 2, "the animation is kept");
    assert_eq!(it.variants.iter().map(|v| v.width).min(), Some(320));
}

#[tokio::test]
async fn bytes_that_are_not_an_accepted_type_are_refused_whatever_their_name() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let cases: [(&str, &[u8], u16, &str); 7] = [
        (
            "anh.jpg",
            b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script>",
            415,
            "không phải loại được nhận",
        ),
        (
            "logo.svg",
            b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>",
            415,
            "SVG",
        ),
        ("ho-so.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", 415, "không phải"),
        ("setup.jpg", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", 415, "không phải"),
        (
            "anh.avif",
            b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf",
            415,
            "AVIF",
        ),
        ("trong.jpg", b"", 422, "rỗng"),
        (
            "hong.jpg",
            b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xFF\xDB",
            422,
            "hỏng",
        ),
    ];
    for (name, bytes, status, says) in cases {
        let res = upload(&app, &cookie, name, bytes).await;
        res.expect_for(status, name);
        let p = res.problem();
        assert!(
            p.detail.as_deref().unwrap_or("").contains(says),
            "{name}: {:?}",
            p.detail
        );
        assert_eq!(p.errors[0].field, "file", "{name}");
        nothing_written(&app, name).await;
    }
    // A truncated photo: its first half.
    let photo = jpeg(800, 600, 1);
    let res = upload(&app, &cookie, "cut.jpg", &photo[..photo.len() / 2]).await;
    res.expect(422);
    nothing_written(&app, "truncated").await;
}

#[tokio::test]
async fn huge_dimensions_and_decompression_bombs_are_refused_at_once() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let started = Instant::now();
    let res = upload(&app, &cookie, "huge.png", &png_header_only(60_000, 60_000)).await;
    res.expect(422);
    let p = res.problem();
    assert_eq!(p.errors[0].code, "too_many_pixels");
    assert!(p.detail.unwrap().contains("60000 × 60000"));
    // 12,000 × 12,000 RGBA is within the sides but needs 576 MB: refused before decoding.
    let res = upload(&app, &cookie, "bomb.png", &png_header_only(12_000, 12_000)).await;
    res.expect(422);
    assert_eq!(res.problem().errors[0].code, "decompression_bomb");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "refused without decoding: {:?}",
        started.elapsed()
    );
    nothing_written(&app, "bombs").await;
}

#[tokio::test]
async fn bytes_appended_to_an_image_are_never_served() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let mut polyglot = png(300, 200, 5);
    polyglot.extend_from_slice(b"PK\x03\x04\x14\0\0\0\0\0secret-archive.txt");
    polyglot.extend_from_slice(b"<html><script>alert('appended')</script></html>");
    let it = uploaded(&app, &cookie, "anh.png", &polyglot).await;
    let body = served(&app, &it.url).await.body;
    assert!(!contains(&body, b"PK\x03\x04"));
    assert!(!contains(&body, b"secret-archive"));
    assert!(!contains(&body, b"<script>"));
    assert_eq!(image::load_from_memory(&body).unwrap().width(), 300);
}

#[tokio::test]
async fn file_names_are_cleaned_for_display() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let long = format!("{}.png", "ả".repeat(1000));
    let cases = [
        ("../../../etc/passwd.png", "passwd.png".to_string()),
        ("..\\..\\boot.png", "boot.png".to_string()),
        (
            "hoa-don\u{202E}gnp.exe.png",
            "hoa-dongnp.exe.png".to_string(),
        ),
        ("🎉 Tết 2026 🧧.png", "🎉 Tết 2026 🧧.png".to_string()),
        (long.as_str(), format!("{}.png", "ả".repeat(251))),
    ];
    for (i, (raw, want)) in cases.iter().enumerate() {
        let it = uploaded(&app, &cookie, raw, &png(20, 20, i as u32)).await;
        assert_eq!(&it.filename, want, "{raw}");
    }
    // A NUL in the part's header: read without it, or refused as a malformed upload.
    let before = media_rows(&app).await;
    let res = upload(&app, &cookie, "a\u{0}b.png", &png(20, 20, 99)).await;
    match res.status.as_u16() {
        201 => assert_eq!(item(&res).filename, "ab.png"),
        400 => assert_eq!(media_rows(&app).await, before),
        other => panic!("NUL in the name: {other}"),
    }
}

#[tokio::test]
async fn a_declared_oversize_body_is_refused_before_it_is_read() {
    let app = TestApp::with_config(settings(|m| {
        m.max_image_bytes = 10 * 1024;
        m.max_video_bytes = 20 * 1024;
        m.max_audio_bytes = 20 * 1024;
        m.max_document_bytes = 20 * 1024;
    }))
    .await;
    let cookie = app.login("author").await;
    // The body is never read: it is not even there.
    let res = app
        .send(
            Call::new(Method::POST, "/api/v1/media")
                .cookie(Some(&cookie))
                .header(
                    "content-type",
                    &format!("multipart/form-data; boundary={BOUNDARY}"),
                )
                .header("content-length", "5000000000"),
        )
        .await;
    res.expect(413);
    assert!(res.problem().detail.unwrap().contains("giới hạn"));
    nothing_written(&app, "declared").await;
    // Streamed past the image limit (a photo of ~60 KB against 10 KB): 413, nothing kept.
    let big = jpeg(400, 400, 7);
    assert!(big.len() > 10 * 1024);
    let res = upload(&app, &cookie, "big.jpg", &big).await;
    res.expect(413);
    let p = res.problem();
    assert_eq!(p.errors[0].code, "too_large");
    assert!(p.detail.unwrap().contains("ảnh"));
    nothing_written(&app, "streamed").await;
    // Under the limit it goes through.
    uploaded(&app, &cookie, "small.jpg", &jpeg(40, 40, 1)).await;
}

#[tokio::test]
async fn an_upload_cut_off_midway_is_a_400_and_leaves_nothing() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let photo = jpeg(600, 400, 2);
    let (ct, body) = multipart(&[file_part("cut.jpg", &photo)]);
    // The body ends in the middle of the file: no closing boundary.
    let cut = body[..body.len() / 2].to_vec();
    let res = app
        .send(
            Call::new(Method::POST, "/api/v1/media")
                .cookie(Some(&cookie))
                .raw(Some(&ct), cut),
        )
        .await;
    res.expect(400);
    assert_eq!(res.problem().errors[0].code, "incomplete");
    nothing_written(&app, "cut off").await;
    // A body that fails mid-stream (the connection dropped) is the same.
    let head = body[..body.len() / 2].to_vec();
    let stream = futures_like_stream(head);
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/media")
        .header("host", "localhost")
        .header("x-requested-with", "portal-admin")
        .header("cookie", &cookie)
        .header("content-type", &ct)
        .body(Body::from_stream(stream))
        .unwrap();
    let res = app.send_request(req).await;
    res.expect(400);
    nothing_written(&app, "dropped").await;
}

/// A body of `head` followed by a connection error.
fn futures_like_stream(
    head: Vec<u8>,
) -> impl futures::Stream<Item = Result<bytes::Bytes, io::Error>> + Send + 'static {
    futures::stream::iter(vec![
        Ok(bytes::Bytes::from(head)),
        Err(io::Error::new(io::ErrorKind::ConnectionReset, "reset")),
    ])
}

#[tokio::test]
async fn missing_and_unknown_parts_and_bad_texts_are_422() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let res = upload_parts(&app, &cookie, &[text_part("alt", "x")]).await;
    res.expect(422);
    assert_eq!(res.error_fields(), ["file"]);
    let photo = png(10, 10, 1);
    let res = upload_parts(
        &app,
        &cookie,
        &[file_part("a.png", &photo), text_part("bogus", "1")],
    )
    .await;
    res.expect(422);
    assert_eq!(res.error_fields(), ["bogus"]);
    let long = "x".repeat(301);
    let res = upload_parts(
        &app,
        &cookie,
        &[
            file_part("a.png", &photo),
            text_part("alt", &long),
            text_part("caption", "a\u{7}b"),
        ],
    )
    .await;
    res.expect(422);
    assert_eq!(res.error_fields(), ["alt", "caption"]);
    nothing_written(&app, "texts").await;
    // JSON is not an upload.
    let res = app
        .send(
            Call::new(Method::POST, "/api/v1/media")
                .cookie(Some(&cookie))
                .json(&json!({ "file": "x" })),
        )
        .await;
    assert!(res.status.is_client_error());
    res.problem();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eight_uploads_at_once_all_succeed() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..8u32 {
        let router = app.router.clone();
        let cookie = cookie.clone();
        tasks.spawn(async move {
            use tower::ServiceExt;
            let (ct, body) = multipart(&[file_part("song-song.jpg", &jpeg(900, 600, i))]);
            let req = Request::builder()
                .method(Method::POST)
                .uri("/api/v1/media")
                .header("host", "localhost")
                .header("x-requested-with", "portal-admin")
                .header("cookie", cookie)
                .header("content-type", ct)
                .body(Body::from(body))
                .unwrap();
            router.oneshot(req).await.unwrap().status().as_u16()
        });
    }
    let statuses: Vec<u16> = tasks.join_all().await;
    assert_eq!(statuses, vec![201; 8]);
    assert_eq!(media_rows(&app).await, 8);
    assert!(temp_files(&app).await.is_empty());
}

#[tokio::test]
async fn the_same_content_is_stored_once_and_kept_while_an_item_uses_it() {
    let app = TestApp::new().await;
    let cookie = app.login("editor").await;
    let doc = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    let a = uploaded(&app, &cookie, "ke-hoach.pdf", doc).await;
    let b = uploaded(&app, &cookie, "ke-hoach (1).pdf", doc).await;
    assert_ne!(a.id, b.id);
    assert_eq!(a.url, b.url);
    assert_eq!(a.kind, MediaKind::Document);
    assert_eq!(stored_files(&app).await.len(), 1);
    let del = |id: i64| {
        Call::new(Method::DELETE, &format!("/api/v1/media/{id}"))
            .cookie(Some(&cookie))
            .if_match(1)
    };
    app.send(del(a.id)).await.expect(204);
    served(&app, &b.url).await;
    app.send(del(b.id)).await.expect(204);
    assert!(stored_files(&app).await.is_empty());
    app.get(&b.url, None).await.expect(404);
    app.get(&format!("/api/v1/media/{}", b.id), Some(&cookie))
        .await
        .expect(404);
}

#[tokio::test]
async fn public_files_have_their_type_ranges_and_a_year_of_caching() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let mut doc = b"%PDF-1.7\n".to_vec();
    doc.extend((0..2000u32).map(|i| b'a' + (i % 26) as u8));
    let pdf = uploaded(&app, &cookie, "bao-cao.pdf", &doc).await;
    let res = served(&app, &pdf.url).await;
    assert_eq!(res.body, doc);
    assert_eq!(
        res.header("content-type").as_deref(),
        Some("application/pdf")
    );
    assert_eq!(
        res.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
    assert_eq!(
        res.header("cache-control").as_deref(),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(
        res.header("content-disposition").as_deref(),
        Some("attachment")
    );
    assert_eq!(res.header("accept-ranges").as_deref(), Some("bytes"));
    assert!(res.header("content-encoding").is_none());
    // Ranges, as a video player seeks.
    let ranged = app
        .send(Call::new(Method::GET, &pdf.url).header("range", "bytes=100-199"))
        .await;
    ranged.expect(206);
    assert_eq!(ranged.body, &doc[100..200]);
    assert_eq!(
        ranged.header("content-range"),
        Some(format!("bytes 100-199/{}", doc.len()))
    );
    let tail = app
        .send(Call::new(Method::GET, &pdf.url).header("range", "bytes=-10"))
        .await;
    tail.expect(206);
    assert_eq!(tail.body, &doc[doc.len() - 10..]);
    let beyond = app
        .send(Call::new(Method::GET, &pdf.url).header("range", "bytes=99999-"))
        .await;
    beyond.expect(416);
    assert_eq!(
        beyond.header("content-range"),
        Some(format!("bytes */{}", doc.len()))
    );
    // Served again from a cache's copy.
    let etag = res.etag().unwrap();
    app.send(Call::new(Method::GET, &pdf.url).header("if-none-match", &etag))
        .await
        .expect(304);
    // An image is shown, not downloaded.
    let img = uploaded(&app, &cookie, "a.png", &png(50, 50, 1)).await;
    let res = served(&app, &img.url).await;
    assert_eq!(res.header("content-type").as_deref(), Some("image/png"));
    assert!(res.header("content-disposition").is_none());
    // Audio and video keep their bytes and get their exact type.
    let mut mp3 = b"ID3\x04\0\0\0\0\0\0".to_vec();
    mp3.extend(std::iter::repeat_n(0xAAu8, 5000));
    let audio = uploaded(&app, &cookie, "phong-van.mp3", &mp3).await;
    assert_eq!(
        (audio.kind, audio.content_type.as_str()),
        (MediaKind::Audio, "audio/mpeg")
    );
    assert_eq!(served(&app, &audio.url).await.body, mp3);
    let mut mp4 = b"\0\0\0\x18ftypisom\0\0\x02\0isommp41".to_vec();
    mp4.extend(std::iter::repeat_n(0u8, 4000));
    let video = uploaded(&app, &cookie, "clip.mp4", &mp4).await;
    assert_eq!((video.kind, video.width), (MediaKind::Video, None));
    let res = served(&app, &video.url).await;
    assert_eq!(res.header("content-type").as_deref(), Some("video/mp4"));
}

#[tokio::test]
async fn public_file_paths_cannot_leave_the_storage() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let it = uploaded(&app, &cookie, "a.png", &png(30, 30, 1)).await;
    let name = it.url.trim_start_matches("/media-files/").to_string();
    for path in [
        "/media-files/../../etc/passwd".to_string(),
        "/media-files/%2e%2e/%2e%2e/etc/passwd".to_string(),
        "/media-files/..%2f..%2fCargo.toml".to_string(),
        format!("/media-files/{}", name.replace(".png", ".html")),
        format!("/media-files/{}/../{}", &name[..5], &name[6..]),
        format!("/media-files/{}", name.to_uppercase()),
        "/media-files/".to_string(),
    ] {
        let res = app.get(&path, None).await;
        assert_eq!(res.status.as_u16(), 404, "{path}");
    }
    served(&app, &it.url).await;
}

#[tokio::test]
async fn search_folds_diacritics_and_filters_by_kind() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let res = upload_parts(
        &app,
        &cookie,
        &[
            file_part("hoi-nghi.png", &png(10, 10, 1)),
            text_part("alt", "Ảnh bìa Hội nghị Tết"),
        ],
    )
    .await;
    res.expect(201);
    uploaded(&app, &cookie, "Báo cáo quý.pdf", b"%PDF-1.4\nx").await;
    let list = |q: &str| {
        let app = &app;
        let cookie = cookie.clone();
        let q = q.to_string();
        async move {
            let res = app.get(&format!("/api/v1/media{q}"), Some(&cookie)).await;
            res.expect(200);
            serde_json::from_slice::<Page<MediaItem>>(&res.body).unwrap()
        }
    };
    assert_eq!(list("").await.total, 2);
    let found = list("?q=anh%20BIA%20tet").await;
    assert_eq!(found.items.len(), 1);
    assert_eq!(found.items[0].filename, "hoi-nghi.png");
    assert_eq!(
        list("?q=bao%20cao").await.items[0].kind,
        MediaKind::Document
    );
    assert_eq!(list("?kind=document").await.total, 1);
    assert_eq!(list("?kind=image&q=quy").await.total, 0);
    assert_eq!(list("?per_page=1&page=2").await.items.len(), 1);
    for bad in ["?kind=svg", "?q=a%00b", "?sort=x"] {
        app.get(&format!("/api/v1/media{bad}"), Some(&cookie))
            .await
            .expect_for(400, bad);
    }
}

#[tokio::test]
async fn owners_edit_their_own_editors_any_the_director_reads() {
    let mut app = TestApp::new().await;
    app.add_user("author2", &[portal_contract::Role::Author])
        .await;
    let author = app.login("author").await;
    let it = uploaded(&app, &author, "a.png", &png(10, 10, 1)).await;
    let path = format!("/api/v1/media/{}", it.id);
    for (who, want) in [
        ("author2", 403),
        ("director", 403),
        ("admin", 403),
        ("local_office", 403),
        ("communication_centre", 403),
    ] {
        let cookie = app.login(who).await;
        patch_json(&app, &cookie, &path, 1, json!({ "alt": "x" }))
            .await
            .expect_for(want, who);
    }
    let director = app.login("director").await;
    app.get(&path, Some(&director)).await.expect(200);
    upload(&app, &director, "b.png", &png(10, 10, 2))
        .await
        .expect(403);
    app.get(&path, None).await.expect(401);
    let it1 = patch_json(&app, &author, &path, 1, json!({ "alt": " Ảnh " })).await;
    it1.expect(200);
    assert_eq!(item(&it1).alt, "Ảnh");
    assert_eq!(it1.etag().as_deref(), Some("\"2\""));
    let editor = app.login("editor").await;
    let res = patch_json(&app, &editor, &path, 2, json!({ "caption": "Chú thích" })).await;
    res.expect(200);
    assert_eq!((item(&res).alt.as_str(), item(&res).version), ("Ảnh", 3));
    // Stale and missing If-Match.
    let stale = patch_json(&app, &author, &path, 1, json!({ "alt": "y" })).await;
    stale.expect(412);
    assert_eq!(stale.problem().current.unwrap()["version"], 3);
    app.send(
        Call::new(Method::PATCH, &path)
            .cookie(Some(&author))
            .json(&json!({ "alt": "y" })),
    )
    .await
    .expect(428);
    patch_json(&app, &author, &path, 3, json!({ "bogus": 1 }))
        .await
        .expect(422);
    patch_json(&app, &author, &path, 3, json!({ "alt": "a\nb" }))
        .await
        .expect(422);
    app.get("/api/v1/media/999999", Some(&author))
        .await
        .expect(404);
    // The chief editor deletes anyone's.
    let chief = app.login("chief").await;
    app.send(
        Call::new(Method::DELETE, &path)
            .cookie(Some(&chief))
            .if_match(3),
    )
    .await
    .expect(204);
}

/// Puts `url` as the cover of a new draft of `author` and in its body; returns its id.
async fn article_using(app: &TestApp, cookie: &str, url: &str) -> i64 {
    let a = app.article_at(Stage::Draft, "author").await;
    let mut body = serde_json::to_value(&a.body).unwrap();
    body.as_array_mut().unwrap().push(json!({
        "type": "image", "url": url, "alt": "Ảnh", "caption": "Chú thích"
    }));
    let res = patch(
        app,
        cookie,
        a.id,
        a.version,
        json!({
            "cover": { "url": url, "alt": "Ảnh bìa", "caption": "Chú thích" },
            "body": body,
        }),
    )
    .await;
    res.expect(200);
    a.id
}

#[tokio::test]
async fn an_item_used_by_an_article_is_not_deleted_and_says_where() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let it = uploaded(&app, &cookie, "bia.jpg", &jpeg(800, 500, 4)).await;
    let article = article_using(&app, &cookie, &it.variants[0].url).await;
    let path = format!("/api/v1/media/{}", it.id);
    let res = app.get(&path, Some(&cookie)).await;
    let uses = item(&res).used_in;
    let places: Vec<(i64, &str)> = uses.iter().map(|u| (u.id, u.place.as_str())).collect();
    assert_eq!(places, [(article, "cover"), (article, "body")]);
    let res = app
        .send(
            Call::new(Method::DELETE, &path)
                .cookie(Some(&cookie))
                .if_match(1),
        )
        .await;
    res.expect(409);
    let p = res.problem();
    assert!(
        p.detail
            .as_deref()
            .unwrap()
            .contains(&format!("bài #{article}")),
        "{:?}",
        p.detail
    );
    assert!(p.detail.as_deref().unwrap().contains("ảnh bìa"));
    assert_eq!(p.current.unwrap()["used_in"].as_array().unwrap().len(), 2);
    served(&app, &it.url).await;
    // Once the article lets go of it, it goes.
    let a = app.store.article(article).await.unwrap().unwrap();
    patch(
        &app,
        &cookie,
        article,
        a.version,
        json!({ "cover": null, "body": [] }),
    )
    .await
    .expect(200);
    app.send(
        Call::new(Method::DELETE, &path)
            .cookie(Some(&cookie))
            .if_match(1),
    )
    .await
    .expect(204);
    assert!(stored_files(&app).await.is_empty());
}

#[tokio::test]
async fn a_replaced_file_keeps_the_item_and_its_uses() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let it = uploaded(&app, &cookie, "cu.jpg", &jpeg(800, 500, 4)).await;
    let article = article_using(&app, &cookie, &it.url).await;
    let put = |version: i64, part: Vec<u8>, name: &str| {
        let (ct, body) = multipart(&[file_part(name, &part)]);
        Call::new(Method::PUT, &format!("/api/v1/media/{}/file", it.id))
            .cookie(Some(&cookie))
            .if_match(version)
            .raw(Some(&ct), body)
    };
    app.send(put(7, jpeg(10, 10, 1), "x.jpg")).await.expect(412);
    app.send(put(1, b"%PDF-1.4\n".to_vec(), "x.pdf"))
        .await
        .expect(422);
    let res = app.send(put(1, jpeg(1000, 700, 8), "moi.jpg")).await;
    res.expect(200);
    let new = item(&res);
    assert_eq!((new.id, new.version), (it.id, 2));
    assert_eq!((new.filename.as_str(), new.width), ("moi.jpg", Some(1000)));
    assert_ne!(new.url, it.url);
    let places: Vec<&str> = new.used_in.iter().map(|u| u.place.as_str()).collect();
    assert_eq!(places, ["cover", "body"]);
    let a = app.store.article(article).await.unwrap().unwrap();
    assert_eq!(a.cover.unwrap().url, new.url);
    let history = app.store.history(article).await.unwrap();
    let last = history.last().unwrap();
    assert_eq!(
        (last.action.as_str(), last.actor_id),
        ("update", app.user("author").id)
    );
    // The old file stays where the public portal may still have it until the sweep.
    served(&app, &it.url).await;
}

/// A storage whose temporary files fill the disk after `quota` bytes.
struct FullDisk {
    inner: LocalStorage,
    quota: usize,
}

struct QuotaWriter {
    inner: Pin<Box<dyn AsyncWrite + Send>>,
    left: usize,
}

impl AsyncWrite for QuotaWriter {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if buf.len() > self.left {
            return Poll::Ready(Err(io::Error::from_raw_os_error(28)));
        }
        let n = std::task::ready!(self.inner.as_mut().poll_write(cx, buf))?;
        self.left -= n;
        Poll::Ready(Ok(n))
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.inner.as_mut().poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.inner.as_mut().poll_shutdown(cx)
    }
}

#[async_trait::async_trait]
impl MediaStorage for FullDisk {
    async fn create_temp(&self) -> io::Result<TempFile> {
        let mut t = self.inner.create_temp().await?;
        let path = t.path.clone();
        let inner = std::mem::replace(&mut t.writer, Box::pin(tokio::io::sink()));
        t.keep();
        drop(t);
        Ok(TempFile::new(
            path,
            Box::pin(QuotaWriter {
                inner,
                left: self.quota,
            }),
        ))
    }
    async fn put(&self, temp: TempFile, name: &StoredName) -> io::Result<()> {
        self.inner.put(temp, name).await
    }
    async fn open(&self, name: &StoredName) -> io::Result<Option<(tokio::fs::File, u64)>> {
        self.inner.open(name).await
    }
    async fn delete(&self, name: &StoredName) -> io::Result<()> {
        self.inner.delete(name).await
    }
    async fn list(&self) -> io::Result<Vec<Listed>> {
        self.inner.list().await
    }
    async fn list_temps(&self) -> io::Result<Vec<ListedTemp>> {
        self.inner.list_temps().await
    }
    async fn delete_temp(&self, path: &Path) -> io::Result<()> {
        self.inner.delete_temp(path).await
    }
}

#[tokio::test]
async fn a_full_disk_is_a_507_and_leaves_nothing() {
    let mut app = TestApp::new().await;
    let storage = FullDisk {
        inner: LocalStorage::temporary().unwrap(),
        quota: 16 * 1024,
    };
    app.state.media = Arc::new(Media::new(Arc::new(storage), MediaSettings::default()));
    app.router = portal_server::router(app.state.clone());
    let cookie = app.login("author").await;
    let mut mp3 = b"ID3\x04\0\0\0\0\0\0".to_vec();
    mp3.extend(std::iter::repeat_n(0x55u8, 200 * 1024));
    let res = upload(&app, &cookie, "dai.mp3", &mp3).await;
    res.expect(507);
    let p = res.problem();
    assert!(p.detail.unwrap().contains("hết dung lượng"));
    nothing_written(&app, "disk full").await;
    // A small file still fits.
    uploaded(&app, &cookie, "ngan.mp3", &mp3[..4000]).await;
}

#[tokio::test]
async fn the_sweep_removes_orphans_and_old_temporary_files_only() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let kept = uploaded(&app, &cookie, "a.png", &png(400, 300, 1)).await;
    let storage = app.state.media.storage.clone();
    // An orphan (a file whose row was never written) and an upload that never finished.
    let orphan = StoredName::of(&"ab".repeat(32), "jpg").unwrap();
    let mut t = storage.create_temp().await.unwrap();
    t.write_all(b"orphan").await.unwrap();
    storage.put(t, &orphan).await.unwrap();
    let mut t = storage.create_temp().await.unwrap();
    t.write_all(b"half an upload").await.unwrap();
    t.keep();
    // A file an article names (left behind by a replacement) is kept too.
    let in_article = StoredName::of(&"cd".repeat(32), "jpg").unwrap();
    let mut t2 = storage.create_temp().await.unwrap();
    t2.write_all(b"old").await.unwrap();
    storage.put(t2, &in_article).await.unwrap();
    article_using(&app, &cookie, &format!("/media-files/{in_article}")).await;
    let files_before = stored_files(&app).await.len();
    let sweep = |now: SystemTime| {
        portal_server::media::sweep::sweep(
            app.store.as_ref(),
            storage.as_ref(),
            now,
            portal_server::media::sweep::GRACE,
        )
    };
    // Within the grace period nothing goes (an upload may be between its files and its row).
    let swept = sweep(SystemTime::now()).await.unwrap();
    assert_eq!((swept.files, swept.temps), (0, 0));
    let later = SystemTime::now() + Duration::from_secs(2 * 3600);
    let swept = sweep(later).await.unwrap();
    assert_eq!((swept.files, swept.temps), (1, 1));
    assert_eq!(stored_files(&app).await.len(), files_before - 1);
    assert!(temp_files(&app).await.is_empty());
    assert!(storage.open(&orphan).await.unwrap().is_none());
    assert!(storage.open(&in_article).await.unwrap().is_some());
    served(&app, &kept.url).await;
    for v in &kept.variants {
        served(&app, &v.url).await;
    }
}

#[tokio::test]
async fn the_demo_images_are_drawn_uploaded_and_on_articles() {
    let app = TestApp::new().await;
    let state = app.state.clone();
    let users: Vec<portal_contract::User> = app.users.values().cloned().collect();
    let now = app.clock_now();
    app.article_at(Stage::Published, "author").await;
    portal_server::media::demo::seed(&state, &users, now)
        .await
        .expect("demo media");
    let cookie = app.login("editor").await;
    let res = app.get("/api/v1/media", Some(&cookie)).await;
    let page: Page<MediaItem> = serde_json::from_slice(&res.body).unwrap();
    assert_eq!(page.total, 4);
    for it in &page.items {
        assert_eq!((it.width, it.height), (Some(1600), Some(900)));
        assert_eq!(it.variants.iter().map(|v| v.width).max(), Some(1280));
        assert!(!it.alt.is_empty() && !it.caption.is_empty());
        served(&app, &it.url).await;
    }
    assert_eq!(
        page.items.iter().filter(|i| !i.used_in.is_empty()).count(),
        1
    );
}

/// An item uploaded by `uploader`, written straight into the store (its file need not exist);
/// its id. `n` makes its file name unique.
pub async fn stored_item(app: &TestApp, uploader: &str, n: u32) -> i64 {
    use portal_server::media::store::MediaRecord;
    let by = app.user(uploader).clone();
    let now = app.clock_now();
    let hash = format!("{n:0>64x}");
    let record = MediaRecord {
        id: 0,
        kind: MediaKind::Image,
        filename: format!("anh-{n}.png"),
        content_type: "image/png".into(),
        bytes: 100,
        width: Some(10),
        height: Some(10),
        alt: String::new(),
        caption: String::new(),
        file: StoredName::of(&hash, "png").unwrap(),
        variants: Vec::new(),
        poster: None,
        captions: None,
        uploaded_by: by.id,
        uploaded_by_name: by.full_name.clone(),
        uploaded_at: now,
        updated_at: now,
        version: 1,
    };
    let audit = portal_server::store::NewAudit::success(now, &by, "media.upload", None, None);
    app.store
        .media()
        .insert_media(&record, audit)
        .await
        .expect("media item")
        .id
}

fn mp4_box(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
    let mut b = ((payload.len() + 8) as u32).to_be_bytes().to_vec();
    b.extend_from_slice(kind);
    b.extend_from_slice(payload);
    b
}

#[tokio::test]
async fn a_phone_video_loses_its_location_and_keeps_its_media() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let udta = mp4_box(
        b"udta",
        &mp4_box(b"\xA9xyz", b"\x00\x12\x15\xC7+10.7769+106.7009/"),
    );
    let keys = mp4_box(
        b"meta",
        b"\0\0\0\0com.apple.quicktime.location.ISO6709+10.7769+106.7009/",
    );
    let track = mp4_box(
        b"trak",
        &[mp4_box(b"tkhd", &[0; 84]), udta.clone()].concat(),
    );
    let moov = mp4_box(
        b"moov",
        &[mp4_box(b"mvhd", &[0; 100]), udta, keys, track].concat(),
    );
    let mdat = mp4_box(b"mdat", &[7u8; 5000]);
    let video = [
        mp4_box(b"ftyp", b"isom\0\0\x02\0isommp41"),
        moov,
        mdat.clone(),
    ]
    .concat();
    let it = uploaded(&app, &cookie, "IMG_0420.mp4", &video).await;
    assert_eq!(
        (it.kind, it.content_type.as_str()),
        (MediaKind::Video, "video/mp4")
    );
    let body = served(&app, &it.url).await.body;
    assert_eq!(body.len(), video.len());
    assert_eq!(it.bytes, video.len() as u64);
    assert!(!contains(&body, b"+10.7769"), "the location is gone");
    assert!(!contains(&body, b"udta") && !contains(&body, b"ISO6709"));
    assert!(body.ends_with(&mdat), "the media data is untouched");
    // Named by what is served: the same upload again is the same file.
    let again = uploaded(&app, &cookie, "copy.mp4", &video).await;
    assert_eq!(again.url, it.url);
    assert_eq!(stored_files(&app).await.len(), 1);
}

#[tokio::test]
async fn uploads_take_bodies_over_the_api_limit_other_writes_do_not() {
    let app = TestApp::new().await;
    let cookie = app.login("author").await;
    let mut doc = b"%PDF-1.7\n".to_vec();
    doc.resize(3 * 1024 * 1024, b'x');
    let it = uploaded(&app, &cookie, "so-tay.pdf", &doc).await;
    assert_eq!(it.bytes, doc.len() as u64);
    let res = served(&app, &it.url).await;
    assert_eq!(res.body.len(), doc.len());
    // The rest of the API keeps its 1 MiB.
    let res = app
        .send(
            Call::new(Method::PATCH, &format!("/api/v1/media/{}", it.id))
                .cookie(Some(&cookie))
                .if_match(1)
                .raw(
                    Some("application/json"),
                    format!(r#"{{"caption": "{}"}}"#, "a".repeat(2 * 1024 * 1024)).into_bytes(),
                ),
        )
        .await;
    res.expect(413);
}

/// A small MP4 (a type box and media data).
fn small_mp4(seed: u8) -> Vec<u8> {
    [
        mp4_box(b"ftyp", b"isom\0\0\x02\0isommp41"),
        mp4_box(b"moov", &mp4_box(b"mvhd", &[0; 100])),
        mp4_box(b"mdat", &[seed; 3000]),
    ]
    .concat()
}

async fn attach(
    app: &TestApp,
    cookie: &str,
    id: i64,
    what: &str,
    version: Option<i64>,
    name: &str,
    bytes: &[u8],
) -> Resp {
    let (ct, body) = multipart(&[file_part(name, bytes)]);
    let call = Call::new(Method::PUT, &format!("/api/v1/media/{id}/{what}"))
        .cookie(Some(cookie))
        .raw(Some(&ct), body);
    app.send(match version {
        Some(v) => call.if_match(v),
        None => call,
    })
    .await
}

const VTT: &str =
    "WEBVTT\n\n00:00.000 --> 00:03.000\nBảo hiểm xã hội tỉnh xin kính chào quý vị 👋\n";

#[tokio::test]
async fn a_video_gets_a_clean_poster_and_webvtt_captions() {
    let mut app = TestApp::new().await;
    app.add_user("author2", &[portal_contract::Role::Author])
        .await;
    let cookie = app.login("author").await;
    let video = uploaded(&app, &cookie, "phong-su.mp4", &small_mp4(1)).await;
    assert_eq!(
        (video.poster_url.as_deref(), video.captions_url.as_deref()),
        (None, None)
    );

    // The poster: a photo with GPS, wider than 1280 px, comes out clean and 1280 wide.
    let photo = jpeg_with_gps(1600, 900, 1);
    attach(&app, &cookie, video.id, "poster", None, "p.jpg", &photo)
        .await
        .expect(428);
    let res = attach(&app, &cookie, video.id, "poster", Some(1), "p.jpg", &photo).await;
    res.expect(200);
    assert_eq!(res.header("etag").as_deref(), Some("\"2\""));
    let with_poster = item(&res);
    assert_eq!(with_poster.version, 2);
    let poster_url = with_poster.poster_url.clone().expect("a poster");
    let poster = served(&app, &poster_url).await;
    poster.expect(200);
    assert!(!has_gps(&poster.body), "the poster keeps no location");
    let decoded = image::load_from_memory(&poster.body).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (1280, 720));
    // A stale version, another author, a document as poster, a poster on a sound: refused.
    attach(&app, &cookie, video.id, "poster", Some(1), "p.jpg", &photo)
        .await
        .expect(412);
    let other = app.login("author2").await;
    attach(&app, &other, video.id, "poster", Some(2), "p.jpg", &photo)
        .await
        .expect(403);
    let res = attach(
        &app,
        &cookie,
        video.id,
        "poster",
        Some(2),
        "x.jpg",
        b"%PDF-1.4\n%%EOF\n",
    )
    .await;
    res.expect(422);
    assert_eq!(res.problem().errors[0].code, "not_image");
    attach(
        &app,
        &cookie,
        video.id,
        "poster",
        Some(2),
        "x.jpg",
        b"<svg onload=alert(1)>",
    )
    .await
    .expect(415);

    // Captions: WebVTT only, served as text/vtt.
    for (name, bytes, code) in [
        (
            "a.srt",
            "1\n00:00:00,000 --> 00:00:02,000\nXin chào\n".as_bytes(),
            "not_webvtt",
        ),
        (
            "a.vtt",
            b"<html><script>alert(1)</script>WEBVTT".as_slice(),
            "not_webvtt",
        ),
        ("a.vtt", b"WEBVTT\n\xff\xfe\xfd".as_slice(), "not_webvtt"),
        ("a.vtt", b"".as_slice(), "not_webvtt"),
    ] {
        let res = attach(&app, &cookie, video.id, "captions", Some(2), name, bytes).await;
        res.expect(422);
        assert_eq!(res.problem().errors[0].code, code, "{name}");
    }
    let huge = format!("WEBVTT\n\n{}", "a".repeat(600 * 1024));
    attach(
        &app,
        &cookie,
        video.id,
        "captions",
        Some(2),
        "big.vtt",
        huge.as_bytes(),
    )
    .await
    .expect(413);
    let res = attach(
        &app,
        &cookie,
        video.id,
        "captions",
        Some(2),
        "vi.vtt",
        VTT.as_bytes(),
    )
    .await;
    res.expect(200);
    let with_captions = item(&res);
    assert_eq!(with_captions.version, 3);
    assert_eq!(
        with_captions.poster_url.as_deref(),
        Some(poster_url.as_str())
    );
    let captions_url = with_captions.captions_url.clone().expect("captions");
    let file = served(&app, &captions_url).await;
    file.expect(200);
    assert_eq!(
        file.header("content-type").as_deref(),
        Some("text/vtt; charset=utf-8")
    );
    assert_eq!(
        file.header("x-content-type-options").as_deref(),
        Some("nosniff")
    );
    assert_eq!(file.body, VTT.as_bytes());
    // Nothing of the refused uploads was written: the video, the poster, the captions.
    assert_eq!(stored_files(&app).await.len(), 3);

    // An image takes neither; a sound takes captions but no poster.
    let photo_item = uploaded(&app, &cookie, "anh.png", &png(40, 30, 2)).await;
    attach(
        &app,
        &cookie,
        photo_item.id,
        "captions",
        Some(1),
        "vi.vtt",
        VTT.as_bytes(),
    )
    .await
    .expect(422);
    let mut mp3 = b"ID3\x04\0\0\0\0\0\0".to_vec();
    mp3.extend_from_slice(&[0xFF, 0xFB, 0x90, 0x64]);
    mp3.extend_from_slice(&[0u8; 2000]);
    let sound = uploaded(&app, &cookie, "ban-tin.mp3", &mp3).await;
    assert_eq!(sound.kind, MediaKind::Audio);
    let res = attach(
        &app,
        &cookie,
        sound.id,
        "poster",
        Some(1),
        "p.png",
        &png(40, 30, 3),
    )
    .await;
    res.expect(422);
    assert_eq!(res.problem().errors[0].code, "not_applicable");
    attach(
        &app,
        &cookie,
        sound.id,
        "captions",
        Some(1),
        "vi.vtt",
        VTT.as_bytes(),
    )
    .await
    .expect(200);

    // The article's video plays with its poster and captions; the sound and a document too.
    let pdf = uploaded(
        &app,
        &cookie,
        "Mẫu TK1-TS.pdf",
        b"%PDF-1.4\n1 0 obj\n%%EOF\n",
    )
    .await;
    let chief = app.login("chief").await;
    let a = app.article_at(Stage::PendingApproval, "author").await;
    patch_json(
        &app,
        &chief,
        &format!("/api/v1/articles/{}", a.id),
        1,
        json!({ "body": [
            portal_contract::Block::paragraph("Phóng sự về việc tham gia bảo hiểm xã hội tự nguyện tại tỉnh. ".repeat(6)),
            { "type": "video", "url": video.url, "caption": "Phóng sự" },
            { "type": "audio", "url": sound.url, "caption": "Bản tin" },
            { "type": "document", "url": pdf.url, "title": "" },
        ]}),
    )
    .await
    .expect(200);
    for (version, to) in [(2, Stage::Approved), (3, Stage::Published)] {
        transition(&app, &chief, a.id, version, to, None)
            .await
            .expect_for(200, to.as_str());
    }
    let public = app
        .get(&format!("/api/v1/public/articles/{}", a.id), None)
        .await;
    public.expect(200);
    let html = serde_json::from_slice::<portal_contract::PublicArticle>(&public.body)
        .unwrap()
        .html;
    assert!(html.contains(&format!(
        "<video controls preload=\"metadata\" src=\"{}\" poster=\"{poster_url}\"><track kind=\"captions\" src=\"{captions_url}\" srclang=\"vi\" label=\"Tiếng Việt\" default></video>",
        video.url
    )), "{html}");
    assert!(
        html.contains(&format!(
            "<audio controls preload=\"metadata\" src=\"{}\"><track kind=\"captions\"",
            sound.url
        )),
        "{html}"
    );
    assert!(
        html.contains(&format!(
            "<a href=\"{}\">Mẫu TK1-TS.pdf</a> <span class=\"document-meta\">(PDF, 23 B)</span>",
            pdf.url
        )),
        "{html}"
    );
    // The sound and the document count as used by the article.
    let res = app
        .get(&format!("/api/v1/media/{}", pdf.id), Some(&cookie))
        .await;
    assert_eq!(item(&res).used_in.len(), 1);
    app.send(
        Call::new(Method::DELETE, &format!("/api/v1/media/{}", sound.id))
            .cookie(Some(&cookie))
            .if_match(2),
    )
    .await
    .expect(409);

    // Removing the poster: the next version, without it; the sweep keeps the captions.
    let res = app
        .send(
            Call::new(
                Method::DELETE,
                &format!("/api/v1/media/{}/poster", video.id),
            )
            .cookie(Some(&cookie))
            .if_match(3),
        )
        .await;
    res.expect(200);
    let bare = item(&res);
    assert_eq!((bare.version, bare.poster_url), (4, None));
    assert_eq!(bare.captions_url.as_deref(), Some(captions_url.as_str()));
    let swept = portal_server::media::sweep::sweep(
        app.store.as_ref(),
        app.state.media.storage.as_ref(),
        SystemTime::now() + Duration::from_secs(7200),
        portal_server::media::sweep::GRACE,
    )
    .await
    .unwrap();
    assert_eq!(swept.files, 1, "only the old poster goes");
    served(&app, &captions_url).await;
    app.get(&poster_url, None).await.expect(404);
}
