//! Where an item is used: an article's cover or an image or video block of its body whose URL
//! names one of the item's files (its original or a variant). URLs are matched by the stored
//! name at their end, so a change of the public base URL keeps the uses.

use super::storage::StoredName;
use portal_contract::media::{MediaUse, MediaUseKind};
use portal_contract::{Article, Block, CoverImage};

/// An article as the use check reads it: its cover, body and pending revision as stored (JSON
/// text). A file the revision shows is in use as much as one readers see.
#[derive(Debug, Clone)]
pub struct ArticleRef {
    pub id: i64,
    pub title: String,
    pub cover: Option<String>,
    pub body: String,
    pub revision: Option<String>,
}

/// The stored name a URL ends with (before any `?` or `#`), if any.
pub fn name_in_url(url: &str) -> Option<StoredName> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let mut parts = path.rsplitn(4, '/');
    let (file, b, a) = (parts.next()?, parts.next()?, parts.next()?);
    StoredName::parse(&format!("{a}/{b}/{file}"))
}

/// The URLs of an article's cover and body media blocks, with their place.
fn urls_of(article: &ArticleRef) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(cover) = article
        .cover
        .as_deref()
        .and_then(|c| serde_json::from_str::<CoverImage>(c).ok())
    {
        out.push(("cover", cover.url));
    }
    if let Ok(blocks) = serde_json::from_str::<Vec<Block>>(&article.body) {
        for b in blocks {
            if let Some(url) = b.media_url() {
                out.push(("body", url.to_string()));
            }
        }
    }
    if let Some(revision) = article
        .revision
        .as_deref()
        .and_then(|r| serde_json::from_str::<Article>(r).ok())
    {
        let cover = revision.cover.iter().map(|c| ("cover", c.url.clone()));
        let blocks = revision
            .body
            .iter()
            .filter_map(|b| b.media_url().map(|u| ("body", u.to_string())));
        out.extend(cover.chain(blocks));
    }
    out
}

/// The uses of `names` by `articles`, one per article and place, in article order.
pub fn uses_of(names: &[StoredName], articles: &[ArticleRef]) -> Vec<MediaUse> {
    let mut out = Vec::new();
    for a in articles {
        let mut places: Vec<&str> = urls_of(a)
            .into_iter()
            .filter(|(_, url)| name_in_url(url).is_some_and(|n| names.contains(&n)))
            .map(|(place, _)| place)
            .collect();
        places.dedup();
        for place in places {
            if out
                .iter()
                .any(|u: &MediaUse| u.id == a.id && u.place == place)
            {
                continue;
            }
            out.push(MediaUse {
                kind: MediaUseKind::Article,
                id: a.id,
                title: a.title.clone(),
                place: place.to_string(),
            });
        }
    }
    out
}

/// Every stored name an article's cover or body refers to (the sweep keeps those files).
pub fn names_in_article(article: &ArticleRef) -> Vec<StoredName> {
    urls_of(article)
        .into_iter()
        .filter_map(|(_, url)| name_in_url(&url))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn urls_are_matched_by_their_stored_name() {
        let name = StoredName::of(H, "jpg").unwrap();
        assert_eq!(
            name_in_url(&format!("/media-files/01/23/{H}.jpg")),
            Some(name.clone())
        );
        assert_eq!(
            name_in_url(&format!("https://cdn.example.vn/m/01/23/{H}.jpg?v=2#x")),
            Some(name)
        );
        assert_eq!(name_in_url("https://example.vn/anh.jpg"), None);
        assert_eq!(name_in_url(&format!("/media-files/01/23/{H}.svg")), None);
    }

    #[test]
    fn cover_and_body_are_told_apart() {
        let name = StoredName::of(H, "jpg").unwrap();
        let url = format!("/media-files/{name}");
        let body = serde_json::to_string(&vec![
            Block::paragraph("x"),
            Block::Image {
                url: url.clone(),
                alt: "a".into(),
                caption: "c".into(),
            },
            Block::Image {
                url: url.clone(),
                alt: "a".into(),
                caption: "c".into(),
            },
        ])
        .unwrap();
        let cover = serde_json::to_string(&CoverImage {
            url,
            alt: "a".into(),
            caption: "c".into(),
        })
        .unwrap();
        let articles = [
            ArticleRef {
                id: 1,
                title: "Có ảnh".into(),
                cover: Some(cover),
                body,
                revision: None,
            },
            ArticleRef {
                id: 2,
                title: "Không".into(),
                cover: None,
                body: "[]".into(),
                revision: None,
            },
        ];
        let uses = uses_of(std::slice::from_ref(&name), &articles);
        let places: Vec<(i64, &str)> = uses.iter().map(|u| (u.id, u.place.as_str())).collect();
        assert_eq!(places, [(1, "cover"), (1, "body")]);
        assert_eq!(names_in_article(&articles[0]).len(), 3);
        assert!(uses_of(&[], &articles).is_empty());
    }
}
