//! HTML written as text, for read-only parts that are faster or smaller built as one string
//! (`inner_html`) than as a view of many elements. Every piece of data goes through
//! [`push_escaped`] / [`escape_html`].

/// Appends `s` to `out`, safe as HTML text or as a quoted attribute value (the portal
/// renderer's own escaping, shared).
pub use portal_contract::blocks::escape_html as push_escaped;

/// `s` safe as HTML text or as a quoted attribute value.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_escaped(s, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_become_entities_and_the_rest_stays() {
        assert_eq!(
            escape_html(r#"<script>alert("x") & 'y'</script>"#),
            "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;"
        );
        let kept = "Bảo hiểm xã hội 🇻🇳 مرحبا";
        assert_eq!(escape_html(kept), kept);
    }
}
