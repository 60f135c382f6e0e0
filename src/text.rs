//! User text on its way out: to a terminal, into a file, into JSON or Markdown. Names and notes
//! may hold control characters (pasted, imported, or typed by someone hostile); on a terminal an
//! ESC starts a sequence that can clear the screen, set the window title or the clipboard.

use std::borrow::Cow;

/// Control characters: C0 (but newline and tab, which every text file holds), DEL and C1.
fn is_unwanted_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\t')
}

/// The text with every control character but newline and tab shown as an escape (`\u{1b}`), so
/// a terminal prints what is there instead of obeying it. For all human-readable output.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.contains(is_unwanted_control) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unwanted_control(c) {
            shown.push_str(&c.escape_unicode().to_string());
        } else {
            shown.push(c);
        }
    }
    Cow::Owned(shown)
}

/// The text without its control characters but newline and tab. For files meant to be read or
/// pasted elsewhere (exports), where an escape would only be noise.
pub fn strip_controls(text: &str) -> Cow<'_, str> {
    if !text.contains(is_unwanted_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().filter(|c| !is_unwanted_control(*c)).collect())
}

/// Markdown of user text that a Markdown renderer shows as text, never as markup: no HTML tag
/// (`<script>`) or autolink (`<javascript:...>`), since no `<` is left; no link or image
/// (`[x](javascript:...)`, `[x][ref]`, `[ref]: javascript:...`), since no `]` is followed by
/// `(`, `[` or `:`. Lone brackets ("[inaudible]") stay as typed. Escaping twice changes nothing,
/// so text that a template has already escaped can pass through again.
pub fn markdown_inert(text: &str) -> Cow<'_, str> {
    let live_bracket = text
        .as_bytes()
        .windows(2)
        .any(|pair| pair[0] == b']' && matches!(pair[1], b'(' | b'[' | b':'));
    if !text.contains('<') && !live_bracket {
        return Cow::Borrowed(text);
    }
    let mut inert = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '<' => inert.push_str("&lt;"),
            ']' if chars
                .peek()
                .is_some_and(|next| matches!(next, '(' | '[' | ':')) =>
            {
                inert.push_str("&#93;");
            }
            c => inert.push(c),
        }
    }
    Cow::Owned(inert)
}

/// JSON of `value` in which no control character is left raw: serde_json escapes C0 already;
/// DEL and C1 (U+0080 to U+009F, which some terminals obey as ESC sequences) are escaped too.
pub fn to_json<T: serde::Serialize + ?Sized>(
    value: &T,
    pretty: bool,
) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(256);
    if pretty {
        let mut serializer = serde_json::Serializer::with_formatter(
            &mut out,
            NoRawControls(serde_json::ser::PrettyFormatter::new()),
        );
        value.serialize(&mut serializer)?;
    } else {
        let mut serializer = serde_json::Serializer::with_formatter(
            &mut out,
            NoRawControls(serde_json::ser::CompactFormatter),
        );
        value.serialize(&mut serializer)?;
    }
    // serde_json writes valid UTF-8; from_utf8 cannot fail here, but a lossy fallback costs nothing.
    Ok(String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// A serde_json formatter that writes DEL and C1 as `\u007f`-style escapes.
struct NoRawControls<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for NoRawControls<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(is_unwanted_control) {
            let (clean, tail) = rest.split_at(at);
            self.0.write_string_fragment(writer, clean)?;
            let mut chars = tail.chars();
            if let Some(c) = chars.next() {
                write!(writer, "\\u{:04x}", u32::from(c))?;
            }
            rest = chars.as_str();
        }
        self.0.write_string_fragment(writer, rest)
    }

    // Everything else as the wrapped formatter does it.
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "Ana\u{1b}[2J\u{7}\u{9b}31m\u{7f}\r Lima\tok\nnext";

    #[test]
    fn visible_shows_every_control_but_newline_and_tab() {
        assert_eq!(
            visible(HOSTILE),
            "Ana\\u{1b}[2J\\u{7}\\u{9b}31m\\u{7f}\\u{d} Lima\tok\nnext"
        );
        assert!(matches!(visible("Ana Lima 陈静"), Cow::Borrowed(_)));
    }

    #[test]
    fn strip_controls_keeps_newline_and_tab() {
        assert_eq!(strip_controls(HOSTILE), "Ana[2J31m Lima\tok\nnext");
    }

    #[test]
    fn json_leaves_no_control_raw() {
        let json = to_json(&serde_json::json!({ "name": HOSTILE }), false).unwrap();
        assert!(!json.contains(|c: char| c.is_control()), "{json}");
        assert!(
            json.contains("\\u009b") && json.contains("\\u007f"),
            "{json}"
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["name"], HOSTILE);
        let pretty = to_json(&serde_json::json!({ "a": [1, "\u{85}"] }), true).unwrap();
        assert_eq!(pretty, "{\n  \"a\": [\n    1,\n    \"\\u0085\"\n  ]\n}");
    }

    #[test]
    fn markdown_inert_defuses_tags_and_links() {
        let hostile =
            "<script>x</script> [me](javascript:alert(1)) <javascript:y> [a][r]\n[r]: javascript:z";
        let inert = markdown_inert(hostile);
        assert_eq!(
            inert,
            "&lt;script>x&lt;/script> [me&#93;(javascript:alert(1)) &lt;javascript:y> [a&#93;[r]\n[r&#93;: javascript:z"
        );
        assert_eq!(markdown_inert(&inert), inert);
        assert_eq!(markdown_inert("[inaudible] 3 > 2"), "[inaudible] 3 > 2");
    }
}
