//! One stylesheet instead of trunk's one per file of `style/`.
//!
//! trunk copies, hashes and links each CSS file; the login page then downloads seventeen small
//! files, gzip compressing each alone (27 KB). Joined in the same order, without comments and
//! indentation, they are one request and about half the bytes. `trunk serve` keeps the files
//! apart, which is what editing them wants.

use std::path::Path;

/// Joins the stylesheets `html` links from `dist` into one file, in their order, and returns
/// `html` linking that file instead. The joined files are removed.
pub fn bundle(dist: &Path, html: &str) -> Result<String, String> {
    let links = stylesheet_links(html);
    if links.len() < 2 {
        return Ok(html.to_string());
    }
    let mut joined = String::new();
    for link in &links {
        let path = dist.join(&link.href);
        let css = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        if css.contains("@import") || css.contains("@charset") {
            return Err(format!(
                "{} has @import or @charset, which must stay at the top of its own file",
                link.href
            ));
        }
        joined.push_str(&compact(&css));
    }
    let name = format!("style-{}.css", crate::hash::short_hash(joined.as_bytes()));
    std::fs::write(dist.join(&name), &joined).map_err(|e| format!("{name}: {e}"))?;
    for link in &links {
        let path = dist.join(&link.href);
        std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    }

    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (i, link) in links.iter().enumerate() {
        // The tag with the indentation before it.
        let start = html[..link.start].trim_end_matches([' ', '\t']).len();
        out.push_str(&html[at..start]);
        if i == 0 {
            out.push_str(&html[start..link.start]);
            out.push_str(&format!(
                r#"<link rel="stylesheet" href="/{name}" integrity="{}"/>"#,
                crate::hash::integrity(joined.as_bytes())
            ));
        } else if out.ends_with('\n') {
            out.pop();
        }
        at = link.end;
    }
    out.push_str(&html[at..]);
    Ok(out)
}

/// A `<link rel="stylesheet" href="/…">` of the page: where it is and which file it names.
#[derive(Debug)]
struct Link {
    start: usize,
    end: usize,
    href: String,
}

fn stylesheet_links(html: &str) -> Vec<Link> {
    let mut links = Vec::new();
    let mut at = 0;
    while let Some(found) = html[at..].find("<link rel=\"stylesheet\"") {
        let start = at + found;
        let Some(len) = html[start..].find('>') else {
            break;
        };
        let end = start + len + 1;
        let tag = &html[start..end];
        let href = tag
            .split_once("href=\"/")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(href, _)| href.to_string());
        if let Some(href) = href.filter(|h| h.ends_with(".css") && !h.contains('/')) {
            links.push(Link { start, end, href });
        }
        at = end;
    }
    links
}

/// `css` without comments, indentation and blank lines (strings are left as they are).
fn compact(css: &str) -> String {
    let mut bare = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                bare.push(c);
                if c == '\\' {
                    if let Some(next) = chars.next() {
                        bare.push(next);
                    }
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '/' && chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            None => {
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                bare.push(c);
            }
        }
    }
    let mut out = String::with_capacity(bare.len());
    for line in bare.lines().map(str::trim).filter(|l| !l.is_empty()) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_indentation_go_strings_stay() {
        let css = "/* tokens */\n:root {\n    --a: 1px; /* why */\n}\n\n.x::before {\n    content: \"/* not a comment */ ⊘ \";\n}\n";
        assert_eq!(
            compact(css),
            ":root {\n--a: 1px;\n}\n.x::before {\ncontent: \"/* not a comment */ ⊘ \";\n}\n"
        );
    }

    #[test]
    fn the_stylesheets_become_one_in_their_order() {
        let dir = std::env::temp_dir().join(format!("xtask-css-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("a-0123456789abcdef.css"),
            "/* a */\n.a { color: red; }\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("b-0123456789abcdef.css"),
            ".b {\n    color: blue;\n}\n",
        )
        .unwrap();
        let html = "<head>\n    <title>x</title>\n    <link rel=\"stylesheet\" href=\"/a-0123456789abcdef.css\" integrity=\"sha384-x\"/>\n    <link rel=\"stylesheet\" href=\"/b-0123456789abcdef.css\" integrity=\"sha384-y\"/>\n<link rel=\"modulepreload\" href=\"/app.js\"></head>";
        let out = bundle(&dir, html).unwrap();
        let links = stylesheet_links(&out);
        assert_eq!(links.len(), 1, "{out}");
        assert!(out.starts_with(
            "<head>\n    <title>x</title>\n    <link rel=\"stylesheet\" href=\"/style-"
        ));
        assert!(
            out.ends_with("/>\n<link rel=\"modulepreload\" href=\"/app.js\"></head>"),
            "{out}"
        );
        let joined = std::fs::read_to_string(dir.join(&links[0].href)).unwrap();
        assert_eq!(joined, ".a { color: red; }\n.b {\ncolor: blue;\n}\n");
        assert!(!dir.join("a-0123456789abcdef.css").exists());
        let _ = std::fs::remove_dir_all(dir);
    }
}
