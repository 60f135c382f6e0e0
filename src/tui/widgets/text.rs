//! Measuring and wrapping text by display width, so accents, CJK, emoji and right-to-left text
//! keep the columns straight. User text reaches the screen's cells through these, which show its
//! control characters as escapes ([`crate::text::visible`]): ratatui would drop them unseen, and
//! a cell holding one would send it to the terminal raw.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::text::visible;

pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// The text as one line shows it: a newline or a tab is a space. Counted as a column each but
/// drawn as none, they would pull the rest of a row (a roster's floor time) out of line.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    match visible(text) {
        shown if !shown.contains(['\n', '\t']) => shown,
        shown => shown.replace(['\n', '\t'], " ").into(),
    }
}

/// The text cut to `max` columns, with an ellipsis when something was cut.
pub(crate) fn fit(text: &str, max: usize) -> String {
    let text = &*one_line(text);
    if width(text) <= max {
        return text.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > max - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Styled text cut to `max` columns, each part keeping its style, with an ellipsis when
/// something was cut.
pub(crate) fn fit_spans(spans: Vec<Span<'static>>, max: usize) -> Vec<Span<'static>> {
    let spans: Vec<Span<'static>> = spans
        .into_iter()
        .map(|span| match one_line(&span.content) {
            std::borrow::Cow::Borrowed(_) => span,
            std::borrow::Cow::Owned(shown) => Span::styled(shown, span.style),
        })
        .collect();
    let total: usize = spans.iter().map(|s| width(&s.content)).sum();
    if total <= max {
        return spans;
    }
    let mut out = Vec::new();
    let mut left = max;
    for span in spans {
        let columns = width(&span.content);
        if columns < left {
            left -= columns;
            out.push(span);
        } else {
            // The last part that shows: cut here, the ellipsis taking its last column.
            out.push(Span::styled(
                fit(&format!("{}…", span.content), left),
                span.style,
            ));
            break;
        }
    }
    out
}

/// The text cut or padded with spaces to exactly `columns` columns.
pub fn pad(text: &str, columns: usize) -> String {
    let mut out = fit(text, columns);
    let used = width(&out);
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(used)));
    out
}

/// Lays styled text out in lines of `columns` columns, breaking between words (inside a word
/// only when it is wider than a line); lines after the first start with `indent` spaces.
pub(crate) fn wrap(spans: &[(String, Style)], columns: usize, indent: usize) -> Vec<Line<'static>> {
    let columns = columns.max(1);
    let indent = if indent * 2 > columns { 0 } else { indent };
    let mut layout = Layout {
        lines: Vec::new(),
        line: Vec::new(),
        used: 0,
        columns,
        indent,
    };
    for (text, style) in spans {
        for (i, paragraph) in visible(text).split('\n').enumerate() {
            if i > 0 {
                layout.break_line();
            }
            for piece in pieces(paragraph) {
                layout.place(piece, *style);
            }
        }
    }
    layout.finish()
}

struct Layout {
    lines: Vec<Line<'static>>,
    line: Vec<Span<'static>>,
    used: usize,
    columns: usize,
    indent: usize,
}

impl Layout {
    fn break_line(&mut self) {
        let spans = std::mem::take(&mut self.line);
        self.lines.push(Line::from(spans));
        self.line.push(Span::raw(" ".repeat(self.indent)));
        self.used = self.indent;
    }

    fn place(&mut self, piece: &str, style: Style) {
        let w = width(piece);
        let blank = piece.trim().is_empty();
        if self.used + w <= self.columns {
            self.push(piece, style, w);
        } else if blank {
            // The space at a break is not carried to the next line.
            self.break_line();
        } else if w <= self.columns - self.indent {
            self.break_line();
            self.push(piece, style, w);
        } else {
            // A word wider than a line: break it between characters.
            let mut chunk = String::new();
            let mut chunk_width = 0;
            for c in piece.chars() {
                let cw = c.width().unwrap_or(0);
                if self.used + chunk_width + cw > self.columns {
                    let done = std::mem::take(&mut chunk);
                    self.push(&done, style, chunk_width);
                    self.break_line();
                    chunk_width = 0;
                }
                chunk.push(c);
                chunk_width += cw;
            }
            self.push(&chunk, style, chunk_width);
        }
    }

    fn push(&mut self, piece: &str, style: Style, w: usize) {
        if !piece.is_empty() {
            self.line.push(Span::styled(piece.to_string(), style));
            self.used += w;
        }
    }

    fn finish(mut self) -> Vec<Line<'static>> {
        self.lines.push(Line::from(self.line));
        self.lines
    }
}

/// Words and the runs of spaces between them.
fn pieces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let space = first.is_whitespace();
        let end = rest
            .char_indices()
            .find(|(_, c)| c.is_whitespace() != space)
            .map_or(rest.len(), |(i, _)| i);
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.to_string().trim_end().to_string())
            .collect()
    }

    #[test]
    fn wraps_between_words_with_a_hanging_indent() {
        let spans = [("one two three four".to_string(), Style::default())];
        assert_eq!(plain(&wrap(&spans, 9, 2)), ["one two", "  three", "  four"]);
    }

    #[test]
    fn wide_characters_count_double_and_long_words_break() {
        let spans = [("数据治理数据治理".to_string(), Style::default())];
        let lines = wrap(&spans, 6, 0);
        assert_eq!(plain(&lines), ["数据治", "理数据", "治理"]);
        for line in &lines {
            assert!(line.width() <= 6);
        }
    }

    #[test]
    fn fit_and_pad_measure_columns_not_bytes() {
        assert_eq!(fit("Alcântara", 5), "Alcâ…");
        assert_eq!(pad("小林", 5), "小林 ");
        assert_eq!(width(&pad("😀 Ünal", 4)), 4);
    }

    #[test]
    fn a_newline_or_a_tab_in_one_line_text_is_a_space() {
        assert_eq!(pad("Line1\nLine2\tTab", 16), "Line1 Line2 Tab ");
        assert_eq!(fit("a\nb", 2), "a…");
        let spans = fit_spans(vec![Span::raw("x\ty")], 5);
        assert_eq!(spans[0].content, "x y");
    }
}
