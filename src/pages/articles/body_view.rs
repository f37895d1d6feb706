//! An article's body as readers see it (the preview and the article page).

use crate::i18n::use_i18n;
use crate::pages::articles::strings::ArticleMsg;
use leptos::prelude::*;
use portal_contract::blocks::Span;
use portal_contract::Block;

fn span_view(s: Span) -> AnyView {
    let inner = match (s.bold, s.italic) {
        (true, true) => view! { <strong><em>{s.text}</em></strong> }.into_any(),
        (true, false) => view! { <strong>{s.text}</strong> }.into_any(),
        (false, true) => view! { <em>{s.text}</em> }.into_any(),
        (false, false) => s.text.into_any(),
    };
    match s.link {
        Some(href) if portal_contract::blocks::is_http_url(&href) => view! {
            <a href=href rel="noopener noreferrer" target="_blank">{inner}</a>
        }
        .into_any(),
        _ => inner,
    }
}

fn spans_view(spans: Vec<Span>) -> AnyView {
    spans.into_iter().map(span_view).collect_view().into_any()
}

/// An article body rendered as views (never as HTML strings).
#[component]
pub fn BodyView(blocks: Vec<Block>) -> impl IntoView {
    let i18n = use_i18n();
    if blocks.is_empty() {
        return view! { <p class="muted">{i18n.tr(ArticleMsg::EmptyBody)}</p> }.into_any();
    }
    blocks
        .into_iter()
        .map(|b| match b {
            Block::Paragraph { spans } => view! { <p>{spans_view(spans)}</p> }.into_any(),
            Block::Heading { level: 3, spans } => view! { <h3>{spans_view(spans)}</h3> }.into_any(),
            Block::Heading { spans, .. } => view! { <h2>{spans_view(spans)}</h2> }.into_any(),
            Block::List { ordered, items } => {
                let items = items
                    .into_iter()
                    .map(|i| view! { <li>{spans_view(i)}</li> })
                    .collect_view();
                if ordered {
                    view! { <ol>{items}</ol> }.into_any()
                } else {
                    view! { <ul>{items}</ul> }.into_any()
                }
            }
            Block::Quote { spans, cite } => view! {
                <blockquote>
                    <p>{spans_view(spans)}</p>
                    {(!cite.is_empty()).then(|| view! { <footer>{cite}</footer> })}
                </blockquote>
            }
            .into_any(),
            Block::Image { url, alt, caption } => {
                let img = portal_contract::blocks::is_image_url(&url)
                    .then(|| view! { <img src=url alt=alt loading="lazy"/> });
                view! {
                    <figure class="body-figure">
                        {img}
                        <figcaption>{caption}</figcaption>
                    </figure>
                }
                .into_any()
            }
            Block::Video { url, caption } => {
                player(url, caption, false, i18n.tr(ArticleMsg::EdVideoLink))
            }
            Block::Audio { url, caption } => {
                player(url, caption, true, i18n.tr(ArticleMsg::EdAudioLink))
            }
            Block::Document { url, title } => {
                let text = if title.trim().is_empty() {
                    url.clone()
                } else {
                    title
                };
                portal_contract::blocks::is_image_url(&url)
                    .then(|| {
                        view! {
                            <p class="body-document">
                                <a href=url rel="noopener noreferrer" target="_blank">{text}</a>
                            </p>
                        }
                    })
                    .into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// A video or a sound: another site's as a link (`link_text`), a file of this site played in
/// the page.
fn player(url: String, caption: String, audio: bool, link_text: Signal<&'static str>) -> AnyView {
    let element = if portal_contract::blocks::is_http_url(&url) {
        view! {
            <p>
                <a href=url rel="noopener noreferrer" target="_blank">{link_text}</a>
            </p>
        }
        .into_any()
    } else if !portal_contract::blocks::is_image_url(&url) {
        ().into_any()
    } else if audio {
        view! { <audio controls preload="metadata" src=url></audio> }.into_any()
    } else {
        view! { <video controls preload="metadata" src=url></video> }.into_any()
    };
    view! {
        <figure class=if audio { "body-audio" } else { "body-video" }>
            {element}
            <figcaption>{caption}</figcaption>
        </figure>
    }
    .into_any()
}
