//! Session pages saved from the web: HTML turned into the text a reader would copy.

/// Whether the file is HTML: by its extension, or by how it starts.
pub(crate) fn is_html(extension: Option<&str>, content: &str) -> bool {
    let by_extension =
        extension.is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    let start: String = content
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    by_extension || start.starts_with("<!doctype") || start.starts_with("<html")
}

/// How deep a page's elements may nest. Session pages nest a few dozen levels; the HTML-to-text
/// conversion takes time that grows much faster than the depth (minutes at 50,000 levels), so a
/// deeper page is refused before it is converted.
pub(crate) const MAX_NESTING: usize = 256;

/// Elements that never hold others, and those whose end tag pages often leave out (a `<li>` or
/// `<p>` is closed by the next one): neither adds a level, so a page's depth is not overcounted.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "param",
];

/// Elements whose content is raw text, where a `<` is not a tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp"];

/// Whether the page's elements nest deeper than `limit`, by a single pass over its tags (no
/// parse): comments, doctypes and raw text are skipped, quoted attribute values too.
pub(crate) fn nesting_deeper_than(html: &str, limit: usize) -> bool {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    while let Some(offset) = bytes
        .get(at..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        at += offset + 1;
        let rest = bytes.get(at..).unwrap_or_default();
        if rest.starts_with(b"!--") {
            at += find(rest, b"-->").map_or(rest.len(), |end| end + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest
            .get(name_start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            // "<!DOCTYPE ...>", "<?xml ...?>", or a lone "<" in text.
            continue;
        }
        let name =
            String::from_utf8_lossy(&rest[name_start..name_start + name_len]).to_ascii_lowercase();
        let tag_len = tag_end(rest);
        at += tag_len;
        if NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        let self_closing = tag_len >= 2 && rest.get(tag_len - 2) == Some(&b'/');
        if self_closing {
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let end = format!("</{name}");
            let after = bytes.get(at..).unwrap_or_default();
            at += after
                .windows(end.len())
                .position(|window| window.eq_ignore_ascii_case(end.as_bytes()))
                .unwrap_or(after.len());
            continue;
        }
        depth += 1;
        if depth > limit {
            return true;
        }
    }
    false
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

/// The length of a tag from just after its `<` to just after its `>`, skipping quoted values.
fn tag_end(rest: &[u8]) -> usize {
    let mut quote = None;
    for (index, &b) in rest.iter().enumerate() {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return index + 1,
            _ => {}
        }
    }
    rest.len()
}

/// The page as plain text. Lines are not wrapped (a wrapped roster line would split a person in
/// two), and the "# " html2text puts before headings is taken off so that "# Online Moderator"
/// reads as the heading it is.
pub(crate) fn to_text(html: &str) -> Result<String, html2text::Error> {
    let text = html2text::config::plain_no_decorate()
        .allow_width_overflow()
        .string_from_read(main_part(html).as_bytes(), 100_000)?;
    Ok(text
        .lines()
        .map(|line| {
            let unheaded = line.trim_start_matches('#');
            if unheaded.len() != line.len() && unheaded.starts_with(' ') {
                unheaded.trim_start()
            } else {
                line
            }
        })
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n"))
}

/// The `<main>` element where the page has one: the session without the site's navigation and
/// footer, which would otherwise end up in the last section.
fn main_part(html: &str) -> &str {
    // ASCII lower-casing keeps every byte where it was, so offsets found in `lower` hold in `html`.
    let lower = html.to_ascii_lowercase();
    let start = lower.find("<main").filter(|at| {
        lower
            .get(at + 5..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| c == '>' || c.is_whitespace())
    });
    match (start, lower.rfind("</main>")) {
        (Some(start), Some(end)) if start < end => {
            html.get(start..end + "</main>".len()).unwrap_or(html)
        }
        _ => html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_by_extension_or_content() {
        assert!(is_html(Some("HTM"), "anything"));
        assert!(is_html(None, "\u{feff}  <!DOCTYPE html><html>"));
        assert!(is_html(Some("txt"), "<html lang=en>"));
        assert!(!is_html(Some("txt"), "IGF 2022 WS #422 <b>"));
    }

    #[test]
    fn headings_lose_their_marks_and_lines_stay_whole() {
        let long = "Koichiro Komiyama, Technical Community, Asia and the Pacific Group ".repeat(3);
        let html = format!("<h2>Online Moderator</h2><p>{long}</p><ul><li>Why?</li></ul>");
        let text = to_text(&html).unwrap();
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines[0], "Online Moderator");
        assert_eq!(lines[1], long.trim_end());
        assert_eq!(lines[2], "* Why?");
    }

    #[test]
    fn nesting_is_counted_without_parsing() {
        let deep = |levels: usize| {
            format!(
                "{}x{}",
                "<ul><li>".repeat(levels),
                "</li></ul>".repeat(levels)
            )
        };
        assert!(!nesting_deeper_than(&deep(256), 256));
        assert!(nesting_deeper_than(&deep(257), 256));
        // Siblings, void elements, unclosed paragraphs and raw text add no level.
        let flat = "<div></div>".repeat(1000) + &"<p>a<br><img src='>'>".repeat(1000);
        assert!(!nesting_deeper_than(&flat, 3));
        let script = format!(
            "<script>{}</script><!-- {} -->",
            "<div>".repeat(10),
            "<div>".repeat(10)
        );
        assert!(!nesting_deeper_than(&script, 3));
        assert!(nesting_deeper_than("<div><section><div><div>", 3));
    }

    #[test]
    fn only_the_main_part_of_a_page() {
        let html = "<nav>Home</nav><MAIN class=x><p>Ünïcode</p></MAIN><footer>Forum</footer>";
        assert_eq!(main_part(html), "<MAIN class=x><p>Ünïcode</p></MAIN>");
        assert_eq!(
            main_part("<p>no main</p><mainly>"),
            "<p>no main</p><mainly>"
        );
    }
}
