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
    fn only_the_main_part_of_a_page() {
        let html = "<nav>Home</nav><MAIN class=x><p>Ünïcode</p></MAIN><footer>Forum</footer>";
        assert_eq!(main_part(html), "<MAIN class=x><p>Ünïcode</p></MAIN>");
        assert_eq!(
            main_part("<p>no main</p><mainly>"),
            "<p>no main</p><mainly>"
        );
    }
}
