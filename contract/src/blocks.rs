//! An article's body as structured blocks, never as raw HTML.
//!
//! The editor writes inline formatting in a small markup (`**bold**`, `*italic*`,
//! `[text](https://…)`) that [`parse_inline`] turns into [`Span`]s and [`inline_markup`] turns
//! back; the server renders blocks to HTML with [`render_html`], escaping every character of
//! user text. Links and media must be `http(s)` (or site-relative for images), so a
//! `javascript:` URL can never reach a page.

use crate::media::{MediaItem, MediaKind};
use crate::FieldError;
use serde::{Deserialize, Serialize};

/// A run of text with its formatting.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub text: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub bold: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub italic: bool,
    /// Target of a link (`http://` or `https://`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            ..Span::default()
        }
    }
}

/// One block of an article's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    Paragraph {
        spans: Vec<Span>,
    },
    /// `level` is 2 or 3 (the article's title is the page's level 1).
    Heading {
        level: u8,
        spans: Vec<Span>,
    },
    List {
        #[serde(default)]
        ordered: bool,
        items: Vec<Vec<Span>>,
    },
    Quote {
        spans: Vec<Span>,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        cite: String,
    },
    Image {
        url: String,
        alt: String,
        caption: String,
    },
    Video {
        url: String,
        #[serde(default)]
        caption: String,
    },
    /// A sound: a file of the library played in the page, or another site's, linked.
    Audio {
        url: String,
        #[serde(default)]
        caption: String,
    },
    /// A document to download (a PDF of the library): a link with its type and size.
    Document {
        url: String,
        /// The link's text; the file's name when empty.
        #[serde(default)]
        title: String,
    },
}

/// The block kinds, as the editor offers them.
pub const BLOCK_TYPES: [&str; 8] = [
    "paragraph",
    "heading",
    "list",
    "quote",
    "image",
    "video",
    "audio",
    "document",
];

/// Most blocks in one body.
pub const MAX_BLOCKS: usize = 2_000;

impl Block {
    /// The block's kind on the wire (`paragraph`, `heading` …).
    pub fn type_name(&self) -> &'static str {
        match self {
            Block::Paragraph { .. } => "paragraph",
            Block::Heading { .. } => "heading",
            Block::List { .. } => "list",
            Block::Quote { .. } => "quote",
            Block::Image { .. } => "image",
            Block::Video { .. } => "video",
            Block::Audio { .. } => "audio",
            Block::Document { .. } => "document",
        }
    }

    /// A paragraph of plain text.
    pub fn paragraph(text: impl Into<String>) -> Self {
        Block::Paragraph {
            spans: vec![Span::plain(text)],
        }
    }

    /// The block's text without formatting (search, word counts, checklist).
    pub fn plain_text(&self) -> String {
        match self {
            Block::Paragraph { spans } | Block::Heading { spans, .. } => spans_text(spans),
            Block::Quote { spans, cite } => {
                let mut s = spans_text(spans);
                if !cite.is_empty() {
                    s.push_str(" — ");
                    s.push_str(cite);
                }
                s
            }
            Block::List { items, .. } => items
                .iter()
                .map(|i| spans_text(i))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Image { alt, caption, .. } => format!("{alt} {caption}").trim().to_string(),
            Block::Video { caption, .. } | Block::Audio { caption, .. } => caption.clone(),
            Block::Document { title, .. } => title.clone(),
        }
    }

    /// Every link target in the block (spans' links, image and video URLs).
    pub fn urls(&self) -> Vec<&str> {
        fn links<'a>(spans: &'a [Span], out: &mut Vec<&'a str>) {
            out.extend(spans.iter().filter_map(|s| s.link.as_deref()));
        }
        let mut out = Vec::new();
        match self {
            Block::Paragraph { spans }
            | Block::Heading { spans, .. }
            | Block::Quote { spans, .. } => links(spans, &mut out),
            Block::List { items, .. } => items.iter().for_each(|i| links(i, &mut out)),
            Block::Image { .. }
            | Block::Video { .. }
            | Block::Audio { .. }
            | Block::Document { .. } => out.extend(self.media_url()),
        }
        out
    }

    /// The file a media block shows (image, video, sound, document); `None` for text blocks.
    pub fn media_url(&self) -> Option<&str> {
        match self {
            Block::Image { url, .. }
            | Block::Video { url, .. }
            | Block::Audio { url, .. }
            | Block::Document { url, .. } => Some(url),
            _ => None,
        }
    }

    /// [`Block::media_url`], to change it.
    pub fn media_url_mut(&mut self) -> Option<&mut String> {
        match self {
            Block::Image { url, .. }
            | Block::Video { url, .. }
            | Block::Audio { url, .. }
            | Block::Document { url, .. } => Some(url),
            _ => None,
        }
    }
}

/// Text of spans without formatting.
pub fn spans_text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// The whole body as plain text, one block per paragraph.
pub fn body_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(Block::plain_text)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Characters of text in the body (what the checklist measures).
pub fn body_chars(blocks: &[Block]) -> usize {
    blocks.iter().map(|b| b.plain_text().chars().count()).sum()
}

/// Whether `url` is an absolute `http(s)` URL with a host.
pub fn is_http_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(r) => {
            let host = r.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    }
}

/// Whether `url` may be an image or video source: `http(s)` or a site-relative path (a file
/// of the media library, `/media-files/…`).
pub fn is_image_url(url: &str) -> bool {
    is_http_url(url)
        || (url.starts_with('/')
            && !url.starts_with("//")
            && !url.chars().any(|c| c.is_whitespace() || c.is_control()))
}

// ---------------------------------------------------------------------------------------------
// Inline markup: what the editor's text boxes hold.
// ---------------------------------------------------------------------------------------------

/// Parses the editor's inline markup into spans. `**x**` bold, `*x*` italic, `[x](url)` link,
/// `\*` a literal star. Anything that does not close is kept as literal text, so no input is
/// lost.
pub fn parse_inline(src: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    parse_into(src, false, false, None, &mut out);
    merge_spans(out)
}

fn push_text(out: &mut Vec<Span>, text: &str, bold: bool, italic: bool, link: Option<&str>) {
    if text.is_empty() {
        return;
    }
    out.push(Span {
        text: text.to_string(),
        bold,
        italic,
        link: link.map(str::to_string),
    });
}

fn parse_into(src: &str, bold: bool, italic: bool, link: Option<&str>, out: &mut Vec<Span>) {
    let mut buf = String::new();
    let mut rest = src;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            let mut it = rest[1..].chars();
            if let Some(n) = it.next() {
                if matches!(n, '*' | '[' | ']' | '\\') {
                    buf.push(n);
                    rest = &rest[1 + n.len_utf8()..];
                    continue;
                }
            }
            buf.push(c);
            rest = &rest[1..];
            continue;
        }
        if let Some(after) = rest.strip_prefix("**") {
            if let Some(end) = find_unescaped(after, "**") {
                if end > 0 {
                    push_text(out, &buf, bold, italic, link);
                    buf.clear();
                    parse_into(&after[..end], true, italic, link, out);
                    rest = &after[end + 2..];
                    continue;
                }
            }
        } else if let Some(after) = rest.strip_prefix('*') {
            if let Some(end) = find_unescaped(after, "*") {
                if end > 0 {
                    push_text(out, &buf, bold, italic, link);
                    buf.clear();
                    parse_into(&after[..end], bold, true, link, out);
                    rest = &after[end + 1..];
                    continue;
                }
            }
        } else if link.is_none() && c == '[' {
            if let Some((text, url, used)) = parse_link(rest) {
                push_text(out, &buf, bold, italic, link);
                buf.clear();
                parse_into(text, bold, italic, Some(url), out);
                rest = &rest[used..];
                continue;
            }
        }
        buf.push(c);
        rest = &rest[c.len_utf8()..];
    }
    push_text(out, &buf, bold, italic, link);
}

/// Byte offset of the first `pat` in `s` that is not escaped by a backslash.
fn find_unescaped(s: &str, pat: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i..].starts_with(pat.as_bytes()) {
            // `**` inside an italic run closes nothing: skip a double star when looking for one.
            if pat == "*" && bytes[i..].starts_with(b"**") {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

/// `[text](url)` at the start of `s`: the text, the URL and the bytes used.
fn parse_link(s: &str) -> Option<(&str, &str, usize)> {
    let close = find_unescaped(&s[1..], "]")? + 1;
    let after = &s[close + 1..];
    let after = after.strip_prefix('(')?;
    // The URL ends at the `)` that balances the opening one, so URLs with parentheses
    // (`…/Bảo_hiểm_(Việt_Nam)`) survive a round trip through the editor.
    let mut depth = 0usize;
    let end = after.char_indices().find_map(|(i, c)| match c {
        '(' => {
            depth += 1;
            None
        }
        ')' if depth == 0 => Some(i),
        ')' => {
            depth -= 1;
            None
        }
        _ => None,
    })?;
    let url = &after[..end];
    if url.is_empty() || url.contains(char::is_whitespace) {
        return None;
    }
    Some((&s[1..close], url, close + 2 + end + 1))
}

/// Joins neighbouring spans with the same formatting.
pub fn merge_spans(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        if s.text.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(l) if l.bold == s.bold && l.italic == s.italic && l.link == s.link => {
                l.text.push_str(&s.text)
            }
            _ => out.push(s),
        }
    }
    out
}

fn escape_markup(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '[' | ']' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

/// Writes spans back as the editor's inline markup; `parse_inline(&inline_markup(x)) == x` for
/// merged spans.
pub fn inline_markup(spans: &[Span]) -> String {
    let mut s = String::new();
    for sp in spans {
        let mut t = escape_markup(&sp.text);
        if sp.italic {
            t = format!("*{t}*");
        }
        if sp.bold {
            t = format!("**{t}**");
        }
        if let Some(l) = &sp.link {
            t = format!("[{t}]({l})");
        }
        s.push_str(&t);
    }
    s
}

// ---------------------------------------------------------------------------------------------
// HTML for the portal.
// ---------------------------------------------------------------------------------------------

/// Escapes text for HTML element content and double-quoted attributes.
pub fn escape_html(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn render_spans(spans: &[Span], out: &mut String) {
    for sp in spans {
        let link = sp.link.as_deref().filter(|l| is_http_url(l));
        if let Some(l) = link {
            out.push_str("<a href=\"");
            escape_html(l, out);
            out.push_str("\" rel=\"noopener noreferrer\">");
        }
        if sp.bold {
            out.push_str("<strong>");
        }
        if sp.italic {
            out.push_str("<em>");
        }
        escape_html(&sp.text, out);
        if sp.italic {
            out.push_str("</em>");
        }
        if sp.bold {
            out.push_str("</strong>");
        }
        if link.is_some() {
            out.push_str("</a>");
        }
    }
}

/// `srcset` of the variants of `item` of one type, with the original last when it is of that
/// type too.
fn srcset_of(item: &MediaItem, content_type: &str) -> String {
    let mut parts: Vec<String> = item
        .variants
        .iter()
        .filter(|v| v.content_type == content_type && is_image_url(&v.url))
        .map(|v| format!("{} {}w", v.url, v.width))
        .collect();
    if let Some(w) = item.width.filter(|_| item.content_type == content_type) {
        parts.push(format!("{} {w}w", item.url));
    }
    parts.join(", ")
}

fn render_library_image(item: &MediaItem, alt: &str, out: &mut String) {
    out.push_str("<picture>");
    let webp = srcset_of(item, "image/webp");
    if !webp.is_empty() && item.content_type != "image/webp" {
        out.push_str("<source type=\"image/webp\" srcset=\"");
        escape_html(&webp, out);
        out.push_str("\" sizes=\"");
        out.push_str(BODY_IMAGE_SIZES);
        out.push_str("\">");
    }
    out.push_str("<img src=\"");
    escape_html(&item.url, out);
    out.push('"');
    let own = srcset_of(item, &item.content_type);
    if !own.is_empty() {
        out.push_str(" srcset=\"");
        escape_html(&own, out);
        out.push_str("\" sizes=\"");
        out.push_str(BODY_IMAGE_SIZES);
        out.push('"');
    }
    if let (Some(w), Some(h)) = (item.width, item.height) {
        out.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
    }
    out.push_str(" loading=\"lazy\" alt=\"");
    escape_html(alt, out);
    out.push_str("\"></picture>");
}

/// Renders blocks to HTML for the public portal. User text is always escaped; URLs that are
/// not `http(s)` (or site-relative for images) are dropped, never emitted.
pub fn render_html(blocks: &[Block]) -> String {
    render_html_with(blocks, &Library::new())
}

/// The media library's items by the URLs an article uses, for [`render_html_with`].
pub type Library = std::collections::HashMap<String, MediaItem>;

/// The `sizes` of a body image: the full width of a phone, at most the 800 px of the portal's
/// article column.
pub const BODY_IMAGE_SIZES: &str = "(max-width: 800px) 100vw, 800px";

/// [`render_html`] knowing the library: an image of the library gets its smaller copies
/// (`<picture>` with a WebP `srcset` and the fallback's), its `width` and `height` (no layout
/// shift), and the library's alt text and caption where the block has none of its own.
pub fn render_html_with(blocks: &[Block], library: &Library) -> String {
    let mut out = String::new();
    for b in blocks {
        match b {
            Block::Paragraph { spans } => {
                out.push_str("<p>");
                render_spans(spans, &mut out);
                out.push_str("</p>\n");
            }
            Block::Heading { level, spans } => {
                let tag = if *level >= 3 { "h3" } else { "h2" };
                out.push('<');
                out.push_str(tag);
                out.push('>');
                render_spans(spans, &mut out);
                out.push_str("</");
                out.push_str(tag);
                out.push_str(">\n");
            }
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                out.push('<');
                out.push_str(tag);
                out.push('>');
                for i in items {
                    out.push_str("<li>");
                    render_spans(i, &mut out);
                    out.push_str("</li>");
                }
                out.push_str("</");
                out.push_str(tag);
                out.push_str(">\n");
            }
            Block::Quote { spans, cite } => {
                out.push_str("<blockquote><p>");
                render_spans(spans, &mut out);
                out.push_str("</p>");
                if !cite.is_empty() {
                    out.push_str("<footer>");
                    escape_html(cite, &mut out);
                    out.push_str("</footer>");
                }
                out.push_str("</blockquote>\n");
            }
            Block::Image { url, alt, caption } => {
                let item = library.get(url).filter(|i| i.kind == MediaKind::Image);
                let alt = match item {
                    Some(i) if alt.trim().is_empty() => i.alt.as_str(),
                    _ => alt.as_str(),
                };
                let caption = match item {
                    Some(i) if caption.trim().is_empty() => i.caption.as_str(),
                    _ => caption.as_str(),
                };
                out.push_str("<figure>");
                match item {
                    Some(item) if is_image_url(url) => render_library_image(item, alt, &mut out),
                    _ if is_image_url(url) => {
                        out.push_str("<img src=\"");
                        escape_html(url, &mut out);
                        out.push_str("\" alt=\"");
                        escape_html(alt, &mut out);
                        out.push_str("\" loading=\"lazy\">");
                    }
                    _ => {}
                }
                if !caption.is_empty() {
                    out.push_str("<figcaption>");
                    escape_html(caption, &mut out);
                    out.push_str("</figcaption>");
                }
                out.push_str("</figure>\n");
            }
            Block::Video { url, caption } => {
                let item = library.get(url).filter(|i| i.kind == MediaKind::Video);
                render_player("video", url, caption, item, &mut out);
            }
            Block::Audio { url, caption } => {
                let item = library.get(url).filter(|i| i.kind == MediaKind::Audio);
                render_player("audio", url, caption, item, &mut out);
            }
            Block::Document { url, title } => {
                let item = library.get(url);
                render_document(url, title, item, &mut out);
            }
        }
    }
    out
}

/// A video or a sound: another site's as a link to it; a file of this site played in the page
/// (`preload="metadata"`: only its length is fetched before a click), with the library's poster
/// and captions track when it has them.
fn render_player(tag: &str, url: &str, caption: &str, item: Option<&MediaItem>, out: &mut String) {
    let caption = match item {
        Some(i) if caption.trim().is_empty() => i.caption.as_str(),
        _ => caption,
    };
    out.push_str("<figure class=\"");
    out.push_str(tag);
    out.push_str("\">");
    if is_http_url(url) {
        out.push_str("<a href=\"");
        escape_html(url, out);
        out.push_str("\" rel=\"noopener noreferrer\">");
        escape_html(if caption.is_empty() { url } else { caption }, out);
        out.push_str("</a></figure>\n");
        return;
    }
    if is_image_url(url) {
        out.push('<');
        out.push_str(tag);
        out.push_str(" controls preload=\"metadata\" src=\"");
        escape_html(url, out);
        out.push('"');
        if let Some(poster) = item
            .and_then(|i| i.poster_url.as_deref())
            .filter(|p| tag == "video" && is_image_url(p))
        {
            out.push_str(" poster=\"");
            escape_html(poster, out);
            out.push('"');
        }
        out.push('>');
        if let Some(track) = item
            .and_then(|i| i.captions_url.as_deref())
            .filter(|t| is_image_url(t))
        {
            out.push_str("<track kind=\"captions\" src=\"");
            escape_html(track, out);
            out.push_str("\" srclang=\"vi\" label=\"Tiếng Việt\" default>");
        }
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    }
    if !caption.is_empty() {
        out.push_str("<figcaption>");
        escape_html(caption, out);
        out.push_str("</figcaption>");
    }
    out.push_str("</figure>\n");
}

/// The short name of a document's type: `PDF`.
fn document_type(content_type: &str) -> &str {
    match content_type {
        "application/pdf" => "PDF",
        other => other,
    }
}

/// A document: a link with its type and size when the library holds it (the file is sent as
/// an attachment, so the link downloads it).
fn render_document(url: &str, title: &str, item: Option<&MediaItem>, out: &mut String) {
    if !is_image_url(url) {
        return;
    }
    let text = match item {
        _ if !title.trim().is_empty() => title,
        Some(i) => i.filename.as_str(),
        None => url,
    };
    out.push_str("<p class=\"document\"><a href=\"");
    escape_html(url, out);
    out.push('"');
    if is_http_url(url) {
        out.push_str(" rel=\"noopener noreferrer\"");
    }
    out.push('>');
    escape_html(text, out);
    out.push_str("</a>");
    if let Some(i) = item {
        out.push_str(" <span class=\"document-meta\">(");
        escape_html(document_type(&i.content_type), out);
        out.push_str(", ");
        out.push_str(&crate::format::size_vn(i.bytes));
        out.push_str(")</span>");
    }
    out.push_str("</p>\n");
}

// ---------------------------------------------------------------------------------------------
// Validation.
// ---------------------------------------------------------------------------------------------

fn check_spans(e: &mut Vec<FieldError>, field: &str, spans: &[Span]) {
    for (j, sp) in spans.iter().enumerate() {
        if let Some(l) = &sp.link {
            if !is_http_url(l) || l.chars().count() > 2_000 {
                e.push(FieldError::new(
                    format!("{field}.spans[{j}].link"),
                    "invalid_url",
                    "Liên kết phải là địa chỉ http:// hoặc https://.",
                ));
            }
        }
        if sp
            .text
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            e.push(FieldError::new(
                format!("{field}.spans[{j}].text"),
                "invalid_characters",
                "Văn bản chứa ký tự điều khiển không hợp lệ.",
            ));
        }
    }
}

/// Checks a body's structure: block count, total length, heading levels, URLs. `max_chars`
/// bounds the whole text.
pub fn validate_blocks(blocks: &[Block], max_chars: usize) -> Vec<FieldError> {
    let mut e = Vec::new();
    if blocks.len() > MAX_BLOCKS {
        e.push(FieldError::new(
            "body",
            "too_many_blocks",
            format!(
                "Nội dung tối đa {} khối.",
                crate::format::number_vn(MAX_BLOCKS as i64)
            ),
        ));
        return e;
    }
    let total: usize = blocks
        .iter()
        .map(|b| {
            b.plain_text().chars().count()
                + b.urls().iter().map(|u| u.chars().count()).sum::<usize>()
        })
        .sum();
    if total > max_chars {
        e.push(FieldError::new(
            "body",
            "too_long",
            format!(
                "Nội dung tối đa {} ký tự.",
                crate::format::number_vn(max_chars as i64)
            ),
        ));
    }
    for (i, b) in blocks.iter().enumerate() {
        let field = format!("body[{i}]");
        match b {
            Block::Paragraph { spans } | Block::Quote { spans, .. } => {
                check_spans(&mut e, &field, spans)
            }
            Block::Heading { level, spans } => {
                if !(2..=3).contains(level) {
                    e.push(FieldError::new(
                        format!("{field}.level"),
                        "out_of_range",
                        "Cấp tiêu đề phải là 2 hoặc 3.",
                    ));
                }
                check_spans(&mut e, &field, spans);
            }
            Block::List { items, .. } => {
                for (k, item) in items.iter().enumerate() {
                    check_spans(&mut e, &format!("{field}.items[{k}]"), item);
                }
            }
            Block::Image { url, .. } => {
                if !is_image_url(url) || url.chars().count() > 2_000 {
                    e.push(FieldError::new(
                        format!("{field}.url"),
                        "invalid_url",
                        "Địa chỉ ảnh phải bắt đầu bằng http://, https:// hoặc /.",
                    ));
                }
            }
            Block::Video { url, .. } | Block::Audio { url, .. } | Block::Document { url, .. } => {
                if !is_image_url(url) || url.chars().count() > 2_000 {
                    let what = match b {
                        Block::Video { .. } => "video",
                        Block::Audio { .. } => "âm thanh",
                        _ => "tài liệu",
                    };
                    e.push(FieldError::new(
                        format!("{field}.url"),
                        "invalid_url",
                        format!("Liên kết {what} phải bắt đầu bằng http://, https:// hoặc / (tệp của thư viện)."),
                    ));
                }
            }
        }
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_parses_bold_italic_links_and_round_trips() {
        let spans = parse_inline(
            "Mức **đóng BHXH** *mới* xem [tại đây](https://baohiemxahoi.gov.vn/a?b=1) nhé",
        );
        assert_eq!(spans.len(), 7);
        assert_eq!(
            spans[1],
            Span {
                text: "đóng BHXH".into(),
                bold: true,
                ..Span::default()
            }
        );
        assert!(spans[3].italic);
        assert_eq!(
            spans[5].link.as_deref(),
            Some("https://baohiemxahoi.gov.vn/a?b=1")
        );
        assert_eq!(parse_inline(&inline_markup(&spans)), spans);
    }

    #[test]
    fn links_with_parentheses_round_trip() {
        let spans = vec![
            Span {
                text: "Luật BHXH".into(),
                link: Some("https://vi.wikipedia.org/wiki/Bảo_hiểm_(Việt_Nam)?a=(1)".into()),
                ..Span::default()
            },
            Span::plain(" (xem thêm)"),
        ];
        assert_eq!(parse_inline(&inline_markup(&spans)), spans);
        let parsed = parse_inline("[a](https://x.vn/p_(1)) b)");
        assert_eq!(parsed[0].link.as_deref(), Some("https://x.vn/p_(1)"));
        assert_eq!(parsed[1].text, " b)");
    }

    #[test]
    fn unclosed_markup_is_kept_as_text() {
        for s in [
            "a * b",
            "**x",
            "[x](",
            "[x] (y)",
            "2 * 3 = 6",
            "*",
            "**",
            "\\",
            "[]()",
        ] {
            assert_eq!(spans_text(&parse_inline(s)), s, "{s}");
        }
        let hostile = "<script>alert('x')</script> 🎉 مرحبا *";
        let spans = parse_inline(hostile);
        assert_eq!(spans_text(&spans), hostile);
        assert_eq!(parse_inline(&inline_markup(&spans)), spans);
    }

    #[test]
    fn escaped_stars_are_literal() {
        let spans = vec![Span::plain("5 * 3 ** 2 [a](b) \\")];
        let m = inline_markup(&spans);
        assert_eq!(parse_inline(&m), spans);
    }

    #[test]
    fn html_escapes_text_and_drops_unsafe_urls() {
        let blocks = vec![
            Block::paragraph("<script>alert(1)</script> & \"x\""),
            Block::Paragraph {
                spans: vec![Span {
                    text: "bấm".into(),
                    link: Some("javascript:alert(1)".into()),
                    ..Span::default()
                }],
            },
            Block::Image {
                url: "javascript:x".into(),
                alt: "\"><img onerror=x>".into(),
                caption: "Ảnh".into(),
            },
        ];
        let html = render_html(&blocks);
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
        assert!(!html.contains("javascript:"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("<script"));
    }

    #[test]
    fn html_of_each_block() {
        let blocks = vec![
            Block::Heading {
                level: 2,
                spans: parse_inline("Tiêu **đề**"),
            },
            Block::List {
                ordered: true,
                items: vec![parse_inline("một"), parse_inline("hai")],
            },
            Block::Quote {
                spans: parse_inline("Trích dẫn"),
                cite: "Giám đốc".into(),
            },
            Block::Image {
                url: "/uploads/a.jpg".into(),
                alt: "Ảnh".into(),
                caption: "Chú thích".into(),
            },
            Block::Video {
                url: "https://youtube.com/watch?v=1".into(),
                caption: "Phóng sự".into(),
            },
        ];
        let html = render_html(&blocks);
        assert!(html.contains("<h2>Tiêu <strong>đề</strong></h2>"));
        assert!(html.contains("<ol><li>một</li><li>hai</li></ol>"));
        assert!(html.contains("<footer>Giám đốc</footer>"));
        assert!(html.contains("<img src=\"/uploads/a.jpg\" alt=\"Ảnh\""));
        assert!(html.contains(
            "<a href=\"https://youtube.com/watch?v=1\" rel=\"noopener noreferrer\">Phóng sự</a>"
        ));
    }

    #[test]
    fn a_library_image_gets_its_variants_size_and_texts() {
        use crate::media::MediaVariant;
        let url = "/media-files/ab/cd/abcd.jpg";
        let variant = |w: u32, t: &str, ext: &str| MediaVariant {
            width: w,
            url: format!("/media-files/ab/cd/abcd-{w}.{ext}"),
            content_type: t.into(),
        };
        let item = MediaItem {
            id: 3,
            kind: MediaKind::Image,
            filename: "bìa.jpg".into(),
            content_type: "image/jpeg".into(),
            bytes: 10,
            width: Some(1600),
            height: Some(900),
            alt: "Người dân \"làm\" thủ tục".into(),
            caption: "Ảnh: BHXH tỉnh".into(),
            url: url.into(),
            variants: vec![
                variant(320, "image/webp", "webp"),
                variant(320, "image/jpeg", "jpg"),
                variant(640, "image/webp", "webp"),
                variant(640, "image/jpeg", "jpg"),
            ],
            poster_url: None,
            captions_url: None,
            used_in: vec![],
            uploaded_by: 1,
            uploaded_by_name: "A".into(),
            uploaded_at: chrono::DateTime::UNIX_EPOCH,
            updated_at: chrono::DateTime::UNIX_EPOCH,
            version: 1,
        };
        let library = Library::from([(url.to_string(), item)]);
        let block = |alt: &str, caption: &str| Block::Image {
            url: url.into(),
            alt: alt.into(),
            caption: caption.into(),
        };
        let html = render_html_with(&[block("", "")], &library);
        assert_eq!(
            html,
            "<figure><picture><source type=\"image/webp\" srcset=\"/media-files/ab/cd/abcd-320.webp 320w, \
             /media-files/ab/cd/abcd-640.webp 640w\" sizes=\"(max-width: 800px) 100vw, 800px\">\
             <img src=\"/media-files/ab/cd/abcd.jpg\" srcset=\"/media-files/ab/cd/abcd-320.jpg 320w, \
             /media-files/ab/cd/abcd-640.jpg 640w, /media-files/ab/cd/abcd.jpg 1600w\" \
             sizes=\"(max-width: 800px) 100vw, 800px\" width=\"1600\" height=\"900\" loading=\"lazy\" \
             alt=\"Người dân &quot;làm&quot; thủ tục\"></picture><figcaption>Ảnh: BHXH tỉnh</figcaption></figure>\n"
        );
        // The block's own texts win; an image not in the library stays a plain <img>.
        let html = render_html_with(&[block("Riêng", "Chú thích riêng")], &library);
        assert!(html.contains("alt=\"Riêng\"") && html.contains("<figcaption>Chú thích riêng<"));
        let html = render_html(&[block("", "")]);
        assert_eq!(
            html,
            "<figure><img src=\"/media-files/ab/cd/abcd.jpg\" alt=\"\" loading=\"lazy\"></figure>\n"
        );
    }

    #[test]
    fn a_library_video_plays_in_the_page_and_another_sites_is_a_link() {
        let html = render_html(&[
            Block::Video {
                url: "/media-files/ab/cd/abcd.mp4".into(),
                caption: "Phóng sự <BHXH>".into(),
            },
            Block::Video {
                url: "https://youtube.com/watch?v=1".into(),
                caption: String::new(),
            },
        ]);
        assert!(html.contains(
            "<video controls preload=\"metadata\" src=\"/media-files/ab/cd/abcd.mp4\"></video>\
             <figcaption>Phóng sự &lt;BHXH&gt;</figcaption>"
        ));
        assert!(html.contains("<a href=\"https://youtube.com/watch?v=1\""));
        assert!(validate_blocks(
            &[Block::Video {
                url: "/media-files/a.mp4".into(),
                caption: String::new()
            }],
            1_000
        )
        .is_empty());
        for bad in ["//evil.example/a.mp4", "javascript:alert(1)", "/a b.mp4"] {
            let e = validate_blocks(
                &[Block::Video {
                    url: bad.into(),
                    caption: String::new(),
                }],
                1_000,
            );
            assert_eq!(e.len(), 1, "{bad}");
        }
    }

    fn library_item(kind: MediaKind, url: &str, content_type: &str) -> MediaItem {
        MediaItem {
            id: 9,
            kind,
            filename: "Hướng dẫn <mới>.pdf".into(),
            content_type: content_type.into(),
            bytes: 1_258_291,
            width: None,
            height: None,
            alt: String::new(),
            caption: "Từ thư viện".into(),
            url: url.into(),
            variants: vec![],
            poster_url: None,
            captions_url: None,
            used_in: vec![],
            uploaded_by: 1,
            uploaded_by_name: "A".into(),
            uploaded_at: chrono::DateTime::UNIX_EPOCH,
            updated_at: chrono::DateTime::UNIX_EPOCH,
            version: 1,
        }
    }

    #[test]
    fn a_library_video_has_its_poster_and_captions_track() {
        let url = "/media-files/ab/cd/abcd.mp4";
        let mut item = library_item(MediaKind::Video, url, "video/mp4");
        item.poster_url = Some("/media-files/12/34/1234.jpg".into());
        item.captions_url = Some("/media-files/56/78/5678.vtt".into());
        let library = Library::from([(url.to_string(), item)]);
        let html = render_html_with(
            &[Block::Video {
                url: url.into(),
                caption: String::new(),
            }],
            &library,
        );
        assert_eq!(
            html,
            "<figure class=\"video\"><video controls preload=\"metadata\" \
             src=\"/media-files/ab/cd/abcd.mp4\" poster=\"/media-files/12/34/1234.jpg\">\
             <track kind=\"captions\" src=\"/media-files/56/78/5678.vtt\" srclang=\"vi\" \
             label=\"Tiếng Việt\" default></video><figcaption>Từ thư viện</figcaption></figure>\n"
        );
    }

    #[test]
    fn a_sound_plays_and_a_document_is_a_link_with_type_and_size() {
        let mp3 = "/media-files/aa/bb/aabb.mp3";
        let pdf = "/media-files/cc/dd/ccdd.pdf";
        let library = Library::from([
            (
                mp3.to_string(),
                library_item(MediaKind::Audio, mp3, "audio/mpeg"),
            ),
            (
                pdf.to_string(),
                library_item(MediaKind::Document, pdf, "application/pdf"),
            ),
        ]);
        let blocks = [
            Block::Audio {
                url: mp3.into(),
                caption: "Bản tin <số 1>".into(),
            },
            Block::Document {
                url: pdf.into(),
                title: String::new(),
            },
            Block::Document {
                url: pdf.into(),
                title: "Mẫu TK1-TS".into(),
            },
            Block::Audio {
                url: "https://radio.example.vn/a.mp3".into(),
                caption: String::new(),
            },
        ];
        let html = render_html_with(&blocks, &library);
        assert!(html.contains(
            "<figure class=\"audio\"><audio controls preload=\"metadata\" \
             src=\"/media-files/aa/bb/aabb.mp3\"></audio><figcaption>Bản tin &lt;số 1&gt;</figcaption></figure>"
        ));
        assert!(html.contains(
            "<p class=\"document\"><a href=\"/media-files/cc/dd/ccdd.pdf\">Hướng dẫn &lt;mới&gt;.pdf</a> \
             <span class=\"document-meta\">(PDF, 1,2 MB)</span></p>"
        ));
        assert!(html.contains(">Mẫu TK1-TS</a>"));
        assert!(html
            .contains("<a href=\"https://radio.example.vn/a.mp3\" rel=\"noopener noreferrer\">"));
        assert_eq!(blocks[1].media_url(), Some(pdf));
        assert_eq!(Block::paragraph("x").media_url(), None);
        for bad in ["javascript:alert(1)", "//evil.example/x.pdf"] {
            let e = validate_blocks(
                &[
                    Block::Audio {
                        url: bad.into(),
                        caption: String::new(),
                    },
                    Block::Document {
                        url: bad.into(),
                        title: String::new(),
                    },
                ],
                1_000,
            );
            let fields: Vec<&str> = e.iter().map(|x| x.field.as_str()).collect();
            assert_eq!(fields, ["body[0].url", "body[1].url"], "{bad}");
        }
        // A document whose URL is unsafe is not rendered at all.
        let html = render_html(&[Block::Document {
            url: "javascript:alert(1)".into(),
            title: "x".into(),
        }]);
        assert_eq!(html, "");
    }

    #[test]
    fn validation_rejects_bad_urls_levels_and_size() {
        let blocks = vec![
            Block::Heading {
                level: 1,
                spans: vec![],
            },
            Block::Video {
                url: "ftp://x".into(),
                caption: String::new(),
            },
            Block::Paragraph {
                spans: vec![Span {
                    text: "x".into(),
                    link: Some("data:text/html,x".into()),
                    ..Span::default()
                }],
            },
        ];
        let e = validate_blocks(&blocks, 1_000);
        let fields: Vec<&str> = e.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(
            fields,
            ["body[0].level", "body[1].url", "body[2].spans[0].link"]
        );
        let long = vec![Block::paragraph("ễ".repeat(1_001))];
        assert_eq!(validate_blocks(&long, 1_000)[0].code, "too_long");
        assert!(validate_blocks(&[Block::paragraph("ễ".repeat(1_000))], 1_000).is_empty());
    }

    #[test]
    fn wire_format_is_tagged() {
        let b: Block =
            serde_json::from_str(r#"{"type":"paragraph","spans":[{"text":"a","bold":true}]}"#)
                .unwrap();
        assert_eq!(
            b,
            Block::Paragraph {
                spans: vec![Span {
                    text: "a".into(),
                    bold: true,
                    ..Span::default()
                }]
            }
        );
        assert!(serde_json::from_str::<Block>(r#"{"type":"html","html":"<b>"}"#).is_err());
        assert!(serde_json::from_str::<Block>(r#"{"type":"paragraph","spans":[],"x":1}"#).is_err());
    }
}
