//! A report field's text, edited through a window of lines around the cursor.
//!
//! Why: ratatui-textarea wraps every line of its text again after each edit (its screen map), so
//! a key in the final report's policy question, seeded with a third of the notes, cost 13 ms at
//! 10,000 notes and 110 ms at 100,000. The text area holds about [`WINDOW`] lines; those above
//! and below wait outside with their words and paragraphs counted, and the window moves (in
//! steps of half its size) when the cursor comes within [`MARGIN`] lines of an edge with more
//! text beyond. A field of fewer lines is all in the window and edited as before. What a moving
//! window costs: the undo history and a selection end where it moved, and a jump to the top or
//! the bottom (Alt+< / Alt+>) stops at the window's edge, the window then moving on.

use ratatui_textarea::{CursorMove, TextArea};

use crate::report::word_count;
use crate::tui::widgets::textarea::new_textarea;

/// Lines in the text area at most.
pub const WINDOW: usize = 160;
/// How near an edge the cursor may come before the window moves: more than a screen, so that
/// Page Up and Page Down stay inside it.
pub const MARGIN: usize = 50;

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// Lines outside the window on one side, the nearest last, with their words and paragraphs.
#[derive(Default)]
struct Outside {
    lines: Vec<String>,
    words: usize,
    paragraphs: usize,
}

impl Outside {
    /// Whether the line next to the window is blank (or there is none): then no paragraph runs
    /// over that edge.
    fn nearest_blank(&self) -> bool {
        self.lines.last().is_none_or(|l| is_blank(l))
    }

    fn push(&mut self, line: String) {
        self.words += word_count(&line);
        if !is_blank(&line) && self.nearest_blank() {
            self.paragraphs += 1;
        }
        self.lines.push(line);
    }

    fn pop(&mut self) -> Option<String> {
        let line = self.lines.pop()?;
        self.words -= word_count(&line);
        if !is_blank(&line) && self.nearest_blank() {
            self.paragraphs -= 1;
        }
        Some(line)
    }
}

pub struct FieldText {
    /// The lines around the cursor, being edited.
    pub area: TextArea<'static>,
    above: Outside,
    /// In reverse: the line just below the window last.
    below: Outside,
    /// [`WINDOW`] and [`MARGIN`]; tests make them small to see the window move.
    size: (usize, usize),
}

impl FieldText {
    /// Whether some of the text lies outside the lines being edited: then undo reaches back
    /// only to where the window last moved.
    pub fn is_windowed(&self) -> bool {
        !(self.above.lines.is_empty() && self.below.lines.is_empty())
    }

    /// The text with the cursor on its first character.
    pub fn new(text: &str) -> FieldText {
        FieldText::sized(text, (WINDOW, MARGIN))
    }

    fn sized(text: &str, size: (usize, usize)) -> FieldText {
        let mut below = Outside::default();
        for line in text.split('\n').rev() {
            below.push(line.to_string());
        }
        let mut field = FieldText {
            area: new_textarea(""),
            above: Outside::default(),
            below,
            size,
        };
        field.fill_window(0, 0);
        field
    }

    pub fn content(&self) -> String {
        let above = self.above.lines.iter();
        let below = self.below.lines.iter().rev();
        let window = self.area.lines().iter();
        let lines: Vec<&str> = above
            .chain(window)
            .chain(below)
            .map(String::as_str)
            .collect();
        lines.join("\n")
    }

    pub fn is_blank(&self) -> bool {
        self.above.words == 0
            && self.below.words == 0
            && self.above.lines.iter().all(|l| is_blank(l))
            && self.below.lines.iter().all(|l| is_blank(l))
            && self.area.lines().iter().all(|l| is_blank(l))
    }

    /// Words outside the window.
    pub fn words_outside(&self) -> usize {
        self.above.words + self.below.words
    }

    /// Paragraphs of the whole text, given those of the window and its lines' blankness.
    pub fn paragraphs(&self, in_window: usize, window_blank: &[bool]) -> usize {
        let mut count = self.above.paragraphs + in_window + self.below.paragraphs;
        // A paragraph running over an edge of the window was counted on both sides of it.
        if !self.above.nearest_blank() && window_blank.first() == Some(&false) {
            count -= 1;
        }
        if !self.below.nearest_blank() && window_blank.last() == Some(&false) {
            count -= 1;
        }
        count
    }

    /// Moves the window when the cursor came near an edge with more text beyond, or when lines
    /// typed or pasted made it twice its size; true if it moved (the window's lines are then
    /// others).
    pub fn settle(&mut self) -> bool {
        let cursor = self.area.cursor();
        let (row, col) = (cursor.0, cursor.1);
        let len = self.area.lines().len();
        let (window, margin) = self.size;
        let near_top = row < margin && !self.above.lines.is_empty();
        let near_bottom = row + margin >= len && !self.below.lines.is_empty();
        if !(near_top || near_bottom || len > 2 * window) {
            return false;
        }
        let at = self.above.lines.len() + row;
        self.put_window_back();
        self.fill_window(at, col);
        true
    }

    /// The cursor at the very end, the window around it.
    pub fn go_to_end(&mut self) {
        self.put_window_back();
        let last = self.above.lines.len() + self.below.lines.len() - 1;
        self.fill_window(last, usize::MAX);
    }

    fn put_window_back(&mut self) {
        for line in self.area.lines().iter().rev() {
            self.below.push(line.clone());
        }
    }

    /// Makes the window of the lines around line `at` (counted from the top of the text, all
    /// of it outside), the cursor at `col` on it.
    fn fill_window(&mut self, at: usize, col: usize) {
        let window_size = self.size.0;
        let start = at.saturating_sub(window_size / 2);
        while self.above.lines.len() > start {
            let line = self.above.pop().unwrap_or_default();
            self.below.push(line);
        }
        while self.above.lines.len() < start {
            let Some(line) = self.below.pop() else { break };
            self.above.push(line);
        }
        let mut window = Vec::new();
        while window.len() < window_size {
            let Some(line) = self.below.pop() else { break };
            window.push(line);
        }
        let yank = self.area.yank_text();
        self.area = new_textarea(&window.join("\n"));
        self.area.set_yank_text(yank);
        let row = at - self.above.lines.len();
        let clamp = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        self.area
            .move_cursor(CursorMove::Jump(clamp(row), clamp(col)));
        // A jump counts columns in a u16: at the end of a longer line (a long paste, a line
        // joined to one, the end a pulled note is appended at) the cursor goes to its end, or
        // what comes next would land thousands of characters early, inside the line. (In the middle of such a line it stays at column 65,535:
        // walking further costs the whole line at every step.)
        let len = self.area.lines().get(row).map_or(0, |l| l.chars().count());
        if col >= len && len > usize::from(u16::MAX) {
            self.area.move_cursor(CursorMove::End);
        }
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use proptest::prelude::*;

    use super::*;
    use crate::report::paragraphs;

    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("  ".to_string()),
            "[a-c ,—]{1,12}"
        ]
    }

    fn key() -> impl Strategy<Value = KeyCode> {
        prop_oneof![
            3 => Just(KeyCode::Up),
            3 => Just(KeyCode::Down),
            1 => Just(KeyCode::Home),
            1 => Just(KeyCode::End),
            1 => Just(KeyCode::Enter),
            2 => Just(KeyCode::Backspace),
            2 => prop_oneof![Just('a'), Just(' '), Just('—')].prop_map(KeyCode::Char),
        ]
    }

    /// A window moving while the cursor is at the end of a line longer than 65,535 characters (a
    /// pasted text without line breaks) keeps it there: the next key is typed where it was.
    #[test]
    fn the_window_moving_keeps_the_cursor_far_along_a_long_line() {
        let long = "a".repeat(70_000);
        let mut lines = ["x"; 10];
        lines[5] = &long;
        lines[6] = "";
        let mut field = FieldText::sized(&lines.join("\n"), (4, 1));
        // The cursor on the empty line, on the window's second row.
        field.put_window_back();
        field.fill_window(7, 0);
        field
            .area
            .input(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
        assert!(!field.settle());
        // Joins the empty line to the long one, the cursor at its end, on the window's first row.
        field
            .area
            .input(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        assert!(field.settle(), "the window moves");
        field
            .area
            .input(KeyEvent::new(KeyCode::Char('Z'), KeyModifiers::NONE));
        let content = field.content();
        let joined = content.split('\n').nth(5).unwrap();
        assert_eq!(joined, format!("{long}Z"));
        // A note pulled in (Alt+i) goes after a last line that long, not into it.
        let mut field = FieldText::sized(&format!("x\n{long}"), (4, 1));
        field.go_to_end();
        field
            .area
            .input(KeyEvent::new(KeyCode::Char('Z'), KeyModifiers::NONE));
        assert_eq!(field.content(), format!("x\n{long}Z"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Whatever the keys, the window and the lines outside make the text a plain text area
        /// would have, counted as the report counts it.
        #[test]
        fn a_windowed_field_is_the_text_a_plain_one_would_be(
            lines in proptest::collection::vec(line(), 1..60),
            keys in proptest::collection::vec((key(), 1usize..30), 1..30),
            window in 3usize..20,
            margin in 1usize..6,
        ) {
            let text = lines.join("\n");
            let mut field = FieldText::sized(&text, (window, margin));
            let mut plain = new_textarea(&text);
            plain.move_cursor(CursorMove::Top);
            plain.move_cursor(CursorMove::Head);
            for (code, times) in keys {
                for _ in 0..times {
                    let key = KeyEvent::new(code, KeyModifiers::NONE);
                    field.area.input(key);
                    field.settle();
                    plain.input(key);
                    let (at, want) = (field.area.cursor(), plain.cursor());
                    prop_assert_eq!((field.above.lines.len() + at.0, at.1), (want.0, want.1));
                }
                let content = field.content();
                prop_assert_eq!(&content, &plain.lines().join("\n"));
                let blank: Vec<bool> = field.area.lines().iter().map(|l| is_blank(l)).collect();
                let window_words: usize = field.area.lines().iter().map(|l| word_count(l)).sum();
                let window_paragraphs = paragraphs(&field.area.lines().join("\n")).len();
                prop_assert_eq!(field.words_outside() + window_words, word_count(&content));
                prop_assert_eq!(
                    field.paragraphs(window_paragraphs, &blank),
                    paragraphs(&content).len()
                );
                prop_assert!(field.area.lines().len() <= 2 * window);
            }
            field.go_to_end();
            let at = field.area.cursor();
            let last = plain.lines().len() - 1;
            prop_assert_eq!(field.above.lines.len() + at.0, last);
            prop_assert_eq!(at.1, plain.lines()[last].chars().count());
        }
    }
}
