//! User text on its way out: to a terminal, into a file, into JSON or Markdown. Names and notes
//! may hold control characters (pasted, imported, or typed by someone hostile); on a terminal an
//! ESC starts a sequence that can clear the screen, set the window title or the clipboard.

use std::borrow::Cow;

/// Characters a terminal obeys rather than shows: control characters (C0 but newline and tab,
/// which every text file holds; DEL; C1) and the explicit direction embeddings, overrides and
/// isolates (U+202A to U+202E, U+2066 to U+2069), which reorder the rest of the line, so that
/// text reads as something else ("Trojan Source"). Right-to-left letters need none of these and
/// pass as they are, as do the marks U+200E, U+200F and U+061C, which move no text.
pub fn is_unwanted_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Characters that take no room and carry no letter: zero-width spaces and joiners, the soft
/// hyphen, direction marks, variation selectors, the byte order mark.
pub fn is_ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

/// The text with every control character but newline and tab, and every direction override,
/// shown as an escape (`\u{1b}`), so a terminal prints what is there instead of obeying it. For
/// all human-readable output.
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

/// The text without its control characters but newline and tab, and without direction
/// overrides. For files meant to be read or
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
/// `(`, `[` or `:`; no table cell ended early, since every `|` is escaped (`\|`, which a table
/// shows as `|`). Lone brackets ("[inaudible]") stay as typed. Escaping twice changes nothing,
/// so text that a template has already escaped can pass through again.
pub fn markdown_inert(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let live = |i: usize| match bytes[i] {
        b'<' => true,
        b']' => matches!(bytes.get(i + 1), Some(b'(' | b'[' | b':')),
        b'|' => i == 0 || bytes[i - 1] != b'\\',
        _ => false,
    };
    if !(0..bytes.len()).any(live) {
        return Cow::Borrowed(text);
    }
    let mut inert = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        match c {
            '<' => inert.push_str("&lt;"),
            ']' if live(i) => inert.push_str("&#93;"),
            '|' if live(i) => inert.push_str("\\|"),
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
    fn direction_overrides_are_shown_or_stripped_and_right_to_left_letters_kept() {
        // "admin" drawn reversed; an isolate around Hebrew; Arabic with its mark U+061C.
        let text = "user \u{202e}nimda\u{202c} \u{2067}שלום\u{2069} المساءلة\u{61c} \u{200f}";
        assert_eq!(
            visible(text),
            "user \\u{202e}nimda\\u{202c} \\u{2067}שלום\\u{2069} المساءلة\u{61c} \u{200f}"
        );
        assert_eq!(
            strip_controls(text),
            "user nimda שלום المساءلة\u{61c} \u{200f}"
        );
        let json = to_json(text, false).unwrap();
        assert!(json.contains("\\u202e") && json.contains("שלום"), "{json}");
        assert!(matches!(visible("مرحبا שלום"), Cow::Borrowed(_)));
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

    #[test]
    fn markdown_inert_escapes_every_pipe_once() {
        let inert = markdown_inert("|Ana | Lima|| x \\| y");
        assert_eq!(inert, "\\|Ana \\| Lima\\|\\| x \\| y");
        assert_eq!(markdown_inert(&inert), inert);
    }
}
